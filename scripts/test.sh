#!/usr/bin/env bash
# Runs every test of OpenLedger Chain, installing what is missing first:
#
#   1. formatting and lints: cargo fmt --check, and Biome on
#      the JavaScript of clients/js and scripts/ (one npm workspace, package.json at the root;
#      Biome pinned there), with the client package's unit tests and TypeScript check, and
#      the web page's TypeScript check
#   2. the unit and integration tests of every crate (cargo test, with clippy's lints, warnings
#      denied, on every crate of the workspace in the same build), including a fuzz smoke of
#      the runtime (two core-minutes, one thread a core) (random call sequences, every invariant checked); the same
#      build makes the upgrade rehearsal's wasm (runtime/rehearsal) and
#      openledger-upgrade-check
#   3. the end-to-end tests: the real node and the real attestor driven by polkadot.js and
#      polkadot-api, the web page in Debian's Chromium, the quickstart's polkadot.js track,
#      and the pages generated from the running chain compared with the committed ones
#      (scripts/e2e/tests), after the JavaScript span-match/1's own tests (scripts/lib)
#   4. the network and fault tests: validators on loopback, killed and restarted, a light
#      client, and a runtime upgrade enacted by a Council motion (scripts/e2e/network)
#
# Everything builds once, in release mode with the default features, in the shared target
# directory ($CARGO_TARGET_DIR, default $HOME/.cache/openledger/target).
set -euo pipefail
export OPENLEDGER_SETUP_NODEJS=1 OPENLEDGER_SETUP_BROWSER=1
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

# Each step says when it started, so a CI log tells where the time went.
step() { printf '\n\033[1;32m==== %s %s\033[0m\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "JavaScript: npm ci, Biome (format and lint), the client package's tests and types, the web page's types"
npm ci --no-audit --no-fund --loglevel=error
npx --no-install biome ci .
npm test --workspace clients/js
npm run check --workspace web

step "cargo test, every crate of the workspace linted by clippy on the way (warnings are errors)"
# One build for the lints and the tests: clippy's driver compiles the workspace's own crates
# (setup.sh sets RUSTC_WORKSPACE_WRAPPER for every script, so run.sh reuses this build), so
# their dependencies are compiled once, for real, instead of once more as metadata only for a
# separate `cargo clippy`. This is the same lint set as
# `cargo clippy --release --workspace --all-targets -- -D warnings`: `cargo test` builds
# every library, binary, test and example target (docs/development.md).
# The build also makes the node binary (the node's integration tests run it), with the same
# features as everything else: the end-to-end tests use that very binary.
# OPENLEDGER_TIMINGS=1 also writes cargo's build timing report (cargo-timings/ in the target
# directory), which is how docs/development.md tells which crates dominate the build.
export OPENLEDGER_FUZZ_SECONDS="${OPENLEDGER_FUZZ_SECONDS:-120}"
cargo test --release --locked --workspace ${OPENLEDGER_TIMINGS:+--timings}

step "end-to-end tests (polkadot.js, polkadot-api and the web page in Chromium against the real node and attestor)"
export OPENLEDGER_NODE="$CARGO_TARGET_DIR/release/openledger-node"
(cd scripts && npm test)

step "network and fault tests (validators on loopback, a light client, a runtime upgrade)"
(cd scripts && npm run test:network)

step "all tests passed"
