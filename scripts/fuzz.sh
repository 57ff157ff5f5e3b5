#!/usr/bin/env bash
# The runtime fuzzer (libFuzzer, through cargo-fuzz on the nightly toolchain).
#
#   scripts/fuzz.sh HOURS              # a coverage-guided campaign of HOURS hours (e.g. 0.5)
#   OPENLEDGER_FUZZ_JOBS=2 scripts/fuzz.sh 1   # two fuzzers in parallel (one per core)
#   scripts/fuzz.sh reproduce FILE…    # replays inputs (e.g. a crash) through the harness
#
# The campaign writes crashes to fuzz/libfuzzer/artifacts/runtime/ and grows the corpus in
# fuzz/libfuzzer/corpus/runtime/ (seeded with the end-to-end journey's calls). Its final
# statistics (executions, coverage) are printed at the end and kept in
# fuzz/libfuzzer/last-run.log. What the harness checks: fuzz/harness/src/lib.rs.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$ROOT"

if [[ "${1:-}" == reproduce ]]; then
	shift
	cargo run --release --locked -p openledger-fuzz --bin openledger-fuzz-replay -- "$@"
	exit
fi
HOURS="${1:?usage: scripts/fuzz.sh HOURS | scripts/fuzz.sh reproduce FILE...}"
SECONDS_TOTAL="$(python3 -c "print(int(float('$HOURS') * 3600))")"

if ! rustup toolchain list | grep -q nightly; then
	log "Installing the nightly toolchain"
	rustup toolchain install nightly --profile minimal
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
	log "Installing cargo-fuzz"
	# Not through the clippy driver setup.sh sets for the workspace's own builds.
	env -u RUSTC_WORKSPACE_WRAPPER -u CLIPPY_ARGS cargo install cargo-fuzz --locked
fi

CORPUS=fuzz/libfuzzer/corpus/runtime
log "Writing the seed corpus to $CORPUS"
cargo run --release --locked -p openledger-fuzz --bin openledger-fuzz-seeds -- "$CORPUS"
# The fuzz target builds on the nightly toolchain, with its own flags: no clippy driver.
unset RUSTC_WORKSPACE_WRAPPER CLIPPY_ARGS

# The fuzz target resolves the workspace's exact dependency versions.
cp Cargo.lock fuzz/libfuzzer/Cargo.lock
# No sanitizer: the runtime is safe Rust, and what the fuzzer hunts (panics, broken
# invariants, created money, overweight blocks) the harness checks itself; ASan would only
# halve the executions per second. Coverage is measured in OpenLedger's crates (and
# pallet-balances) only, without comparison tracing: see fuzz/libfuzzer/rustc-wrapper.sh. The
# cfg only gives this build a fingerprint of its own, so that cargo never reuses crates
# instrumented otherwise.
export SKIP_WASM_BUILD=1 CARGO_TARGET_DIR="$CARGO_TARGET_DIR/fuzz"
export RUSTC_WRAPPER="$ROOT/fuzz/libfuzzer/rustc-wrapper.sh" RUSTFLAGS="--cfg openledger_selective_coverage"
log "Building the fuzz target"
cargo +nightly fuzz build -s none --fuzz-dir fuzz/libfuzzer runtime
log "Fuzzing for $HOURS hour(s)"
JOBS="${OPENLEDGER_FUZZ_JOBS:-1}"
PARALLEL=()
if ((JOBS > 1)); then PARALLEL=(-jobs="$JOBS" -workers="$JOBS"); fi
rm -f fuzz-*.log
cargo +nightly fuzz run -s none --fuzz-dir fuzz/libfuzzer runtime "$CORPUS" -- "${PARALLEL[@]}" \
	-max_total_time="$SECONDS_TOTAL" -print_final_stats=1 -max_len="${OPENLEDGER_FUZZ_MAX_LEN:-1024}" -timeout=10 \
	2>&1 | tee fuzz/libfuzzer/last-run.log
# With -jobs, libFuzzer prints each job's log (fuzz-N.log) when it ends: the output above has
# them all already.
rm -f fuzz-*.log
python3 - fuzz/libfuzzer/last-run.log <<'PY'
import re, sys
log = open(sys.argv[1], errors="replace").read()
runs = [int(n) for n in re.findall(r"^Done (\d+) runs in (?:\d+) second", log, re.M)]
cov = [int(n) for n in re.findall(r"\bcov: (\d+)", log)]
crashes = len(re.findall(r"^==\d+== ERROR: libFuzzer|^SUMMARY: libFuzzer|panicked at", log, re.M))
print(f"campaign: {len(runs)} job(s), {sum(runs):,} executions, highest coverage {max(cov, default=0):,} "
      f"edges, {crashes} crash report(s) (artifacts in fuzz/libfuzzer/artifacts/runtime/)")
# The harness prints each new slowest call for its weight: the campaign's is the largest.
slowest = re.findall(r"^#SLOWEST ([\d.]+) of its weight: (.*)$", log, re.M)
if slowest:
    ratio, what = max(slowest, key=lambda s: float(s[0]))
    print(f"slowest call for its weight: {float(ratio):.4f} of it ({what})")
PY
