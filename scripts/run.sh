#!/usr/bin/env bash
# Sets up what is missing, builds the node (release) and the web page, starts a development
# chain and serves the page next to it.
#
#   scripts/run.sh                     # a dev chain: Alice authors a block every 6 s
#   scripts/run.sh --sealing instant   # any extra flags go to the node
#   OPENLEDGER_WEB=0 scripts/run.sh    # the node only, no web page
#
# The page: http://127.0.0.1:4173 (OPENLEDGER_WEB_PORT); it reads the node at
# ws://127.0.0.1:9944 (another node: add ?rpc=ws://host:port to its address). Some data to
# look at: `node scripts/lib/scenario.js` in another terminal (docs/web.md).
# polkadot.js Apps works too: https://polkadot.js.org/apps/?rpc=ws%3A%2F%2F127.0.0.1%3A9944
set -euo pipefail
WEB="${OPENLEDGER_WEB:-1}"
if [[ "$WEB" == 1 ]]; then export OPENLEDGER_SETUP_NODEJS=1; fi
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

log "Building openledger-node (release; the first build takes a while)"
# The whole workspace, so that the crates are built with the same features as by test.sh.
cargo build --release --locked --workspace

if [[ "$WEB" == 1 ]]; then
	log "Building the web page (web/)"
	if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
		npm ci --no-audit --no-fund --loglevel=error
	fi
	npm run build --workspace web --silent
	port="${OPENLEDGER_WEB_PORT:-4173}"
	(cd web && exec npx --no-install vite preview --port "$port" --logLevel warn) &
	web_server=$!
	trap 'kill "$web_server" 2>/dev/null || true' EXIT
	log "The web page: http://127.0.0.1:$port/ (reading the node at ws://127.0.0.1:9944)"
fi

log "Starting a development chain; RPC at ws://127.0.0.1:9944"
log "Stop with Ctrl-C. The chain lives in a temporary directory and is gone when it stops."
# Offchain indexing: attribution records that left state stay answerable over RPC.
"$CARGO_TARGET_DIR/release/openledger-node" --dev --enable-offchain-indexing true "$@"
