#!/usr/bin/env bash
# Prints a runtime wasm's name, spec_version and blake2-256 hash: what a Council motion's
# `system.authorizeUpgrade(hash)` names and what voters compare (docs/upgrades.md).
#
#   scripts/runtime-hash.sh              # the release wasm of this tree (built if needed)
#   scripts/runtime-hash.sh path.wasm    # any other runtime wasm
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

WASM="${1:-$CARGO_TARGET_DIR/release/wbuild/openledger-runtime/openledger_runtime.compact.compressed.wasm}"
CHECK="$CARGO_TARGET_DIR/release/openledger-upgrade-check"
if [[ $# -eq 0 || ! -x "$CHECK" ]]; then
	# The whole workspace, as test.sh builds it: building a subset would change features and
	# make the next full build start over.
	cargo build --release --locked --workspace >&2
fi
"$CHECK" --wasm "$WASM" --info
