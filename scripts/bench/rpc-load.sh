#!/usr/bin/env bash
# The RPC answer cache measured with oha (a native HTTP load generator): closed loop at 10 and
# 100 connections and open loop at fixed offered rates, a node with the cache side by side
# with one without, against system_health and state_getStorage. Rewrites the RPC figures in
# docs/performance.md (pass --no-write to leave it alone, --quick for a smaller run).
#
#   scripts/bench/rpc-load.sh             # about 6 minutes on 2 cores, once oha is built
#   scripts/bench/rpc-load.sh --quick --no-write
#
# oha comes from crates.io (`cargo install oha`, built once into ~/.cargo/bin, about 5 minutes;
# its build needs cmake, installed from Debian's packages). Run it on an otherwise idle machine.
set -euo pipefail
export OPENLEDGER_SETUP_NODEJS=1
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"
cd "$ROOT"
OHA_VERSION=1.16.0
if ! oha --version 2>/dev/null | grep -q "$OHA_VERSION"; then
	if ! command -v cmake >/dev/null; then
		log "Installing cmake (oha's TLS library builds with it)"
		sudo=()
		if [[ $(id -u) -ne 0 ]]; then sudo=(sudo); fi
		"${sudo[@]}" apt-get update -qq
		DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends cmake >/dev/null
	fi
	log "Building oha $OHA_VERSION (once)"
	CARGO_TARGET_DIR="$HOME/.cache/openledger/oha-target" cargo install --locked oha --version "$OHA_VERSION"
fi
if [[ ! -x "$CARGO_TARGET_DIR/release/openledger-node" ]]; then
	log "Building the node"
	cargo build --release --locked --workspace
fi
export OPENLEDGER_NODE="$CARGO_TARGET_DIR/release/openledger-node"
(cd scripts && npm ci --no-audit --no-fund --loglevel=error)
cd scripts && exec node bench/rpc-load.mjs "$@"
