#!/usr/bin/env bash
# RUSTC_WRAPPER of the fuzz build (scripts/fuzz.sh): coverage instrumentation only where the
# fuzzer should look.
#
# cargo-fuzz puts its SanitizerCoverage flags in RUSTFLAGS, so every crate of the build gets
# them: the trie, the codec, the executor… There the comparison tracing alone took over half
# the fuzzer's time, and the edges it finds (trie node shapes) say nothing about our logic.
# This wrapper removes those flags from every crate but OpenLedger's own and the FRAME pallets
# the fuzzer calls directly (balances). Everything else (--cfg fuzzing, debug assertions and
# overflow checks) stays on for all crates.
set -euo pipefail
rustc="$1"
shift
crate=""
previous=""
for arg in "$@"; do
	if [[ "$previous" == --crate-name ]]; then crate="$arg"; fi
	previous="$arg"
done
case "$crate" in
openledger_* | pallet_datasets | pallet_models | pallet_agents | pallet_attribution | \
	pallet_validator_set | pallet_balances | runtime)
	instrumented=1
	;;
*) instrumented=0 ;;
esac
args=()
for arg in "$@"; do
	case "$arg" in
	# Comparison tracing (value feedback for comparisons and memcmp) doubles the cost of an
	# execution even where it is kept; the calls the fuzzer builds are SCALE-encoded enums and
	# small integers, which edge coverage alone finds. Off everywhere.
	-Cllvm-args=-sanitizer-coverage-trace-compares) ;;
	-Cpasses=sancov-module | -Cllvm-args=-sanitizer-coverage-* | \
		-Cllvm-args=-simplifycfg-branch-fold-threshold=0)
		if ((instrumented)); then args+=("$arg"); fi
		;;
	*) args+=("$arg") ;;
	esac
done
exec "$rustc" "${args[@]}"
