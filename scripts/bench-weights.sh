#!/usr/bin/env bash
# Regenerates the weights of OpenLedger's pallets from their benchmarks, and the runtime's
# block and extrinsic base weights from `benchmark overhead`:
#   pallets/{datasets,models,agents,attribution,validator-set,governance}/src/weights.rs
#   runtime/src/weights/{block_weights,extrinsic_weights}.rs
#
#   scripts/bench-weights.sh                     # 50 steps, 20 repeats (the committed files)
#   STEPS=10 REPEAT=5 scripts/bench-weights.sh   # a quicker, rougher run
#   OPENLEDGER_BENCH_PALLETS=governance scripts/bench-weights.sh   # these pallets only, no overhead
#
# It builds the node with `--features runtime-benchmarks` (a node only for benchmarking,
# never for a chain), runs `openledger-node benchmark pallet` for each pallet against the
# `development` genesis with the compiled wasm runtime, and writes each pallet's weights
# through scripts/bench/pallet-weight-template.hbs. Then it rebuilds the normal node.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

STEPS="${STEPS:-50}"
REPEAT="${REPEAT:-20}"
PALLETS=(datasets models agents attribution validator-set governance)
if [[ -n "${OPENLEDGER_BENCH_PALLETS:-}" ]]; then read -ra PALLETS <<<"$OPENLEDGER_BENCH_PALLETS"; fi
BENCH="$CARGO_TARGET_DIR/release/openledger-node-benchmarks"

if [[ "${OPENLEDGER_REUSE_BENCH_NODE:-0}" == 1 && -x "$BENCH" ]]; then
	log "Reusing $BENCH (OPENLEDGER_REUSE_BENCH_NODE=1)"
else
	log "Building the benchmarking node"
	cargo build --release --locked -p openledger-node --features runtime-benchmarks
	cp "$CARGO_TARGET_DIR/release/openledger-node" "$BENCH"
fi
if [[ "${OPENLEDGER_BENCH_ONLY:-}" == overhead ]]; then PALLETS=(); fi

for pallet in "${PALLETS[@]}"; do
	log "Benchmarking pallet_${pallet//-/_} (steps $STEPS, repeat $REPEAT)"
	"$BENCH" benchmark pallet \
		--chain dev \
		--pallet "pallet_${pallet//-/_}" \
		--extrinsic '*' \
		--steps "$STEPS" \
		--repeat "$REPEAT" \
		--wasm-execution compiled \
		--heap-pages 4096 \
		--template scripts/bench/pallet-weight-template.hbs \
		--output "pallets/$pallet/src/weights.rs"
done

if [[ -n "${OPENLEDGER_BENCH_PALLETS:-}" ]]; then OPENLEDGER_BENCH_ONLY=pallets; fi
if [[ "${OPENLEDGER_BENCH_ONLY:-}" != pallets ]]; then
	log "Benchmarking block and extrinsic overhead"
	"$BENCH" benchmark overhead \
		--chain dev \
		--wasm-execution compiled \
		--warmup 10 \
		--repeat 100 \
		--weight-path runtime/src/weights
fi

# The overhead command's template leaves a blank first line, which `cargo fmt --check` refuses.
cargo fmt --all

log "Rebuilding the normal node"
cargo build --release --locked --workspace
log "Done: review the diff of pallets/*/src/weights.rs"
