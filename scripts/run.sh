#!/usr/bin/env bash
# Sets up what is missing, builds the node (release) and starts a development chain.
#
#   scripts/run.sh                 # a dev chain: Alice authors a block every 6 s
#   scripts/run.sh --sealing instant   # any extra flags go to the node
#
# Point polkadot.js Apps at ws://127.0.0.1:9944
# (https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

log "Building openledger-node (release; the first build takes a while)"
# The whole workspace, so that the crates are built with the same features as by test.sh.
cargo build --release --locked --workspace

log "Starting a development chain; RPC at ws://127.0.0.1:9944 — open"
log "  https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944"
log "Stop with Ctrl-C. The chain lives in a temporary directory and is gone when it stops."
exec "$CARGO_TARGET_DIR/release/openledger-node" --dev "$@"
