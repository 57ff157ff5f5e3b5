#!/usr/bin/env bash
# The load tool, in one command: throughput of OpenLedger's calls next to balance transfers,
# and RPC latency, on a real node on loopback. Rewrites the generated figures in
# docs/performance.md (pass --no-write to leave it alone, --quick for a smaller run).
#
#   scripts/bench/load.sh             # the full run (about 12 minutes on 2 cores)
#   scripts/bench/load.sh --quick --no-write
#
# Run it on an otherwise idle machine: it measures.
set -euo pipefail
export OPENLEDGER_SETUP_NODEJS=1
source "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"
cd "$ROOT"
if [[ ! -x "$CARGO_TARGET_DIR/release/openledger-node" ]]; then
	log "Building the node"
	cargo build --release --locked --workspace
fi
export OPENLEDGER_NODE="$CARGO_TARGET_DIR/release/openledger-node"
(cd scripts && npm ci --no-audit --no-fund --loglevel=error)
cd scripts && exec node bench/load.mjs "$@"
