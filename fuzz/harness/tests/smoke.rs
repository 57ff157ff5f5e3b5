//! The fuzz smoke that CI runs: random inputs through the harness for a bounded time
//! (`OPENLEDGER_FUZZ_SECONDS` of one core, 60 by default, spread over every core: two cores
//! fuzz 120 core-seconds in a minute), plus the seed corpus and every regression input in
//! `fuzz/regressions/`. Coverage-guided fuzzing is `scripts/fuzz.sh`.

use std::time::{Duration, Instant};

#[test]
fn random_inputs_keep_every_invariant() {
	let seconds: u64 =
		std::env::var("OPENLEDGER_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
	let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
	// Each thread fuzzes its own seeds (t, t + threads, …) in its own world, for its share of
	// the time: the same inputs as one thread for all of it, in a share of the wall time.
	let deadline = Instant::now() + Duration::from_secs(seconds) / threads as u32;
	let inputs: u64 = std::thread::scope(|scope| {
		let fuzzers: Vec<_> = (0..threads)
			.map(|first| {
				scope.spawn(move || {
					let mut seed = first;
					let mut inputs = 0u64;
					while Instant::now() < deadline {
						openledger_fuzz::run(&openledger_fuzz::random_input(seed, 32));
						seed += threads;
						inputs += 1;
					}
					inputs
				})
			})
			.collect();
		// A fuzzer that panicked failed a check: its panic is this test's.
		fuzzers
			.into_iter()
			.map(|fuzzer| fuzzer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
			.sum()
	});
	println!(
		"fuzz smoke: {inputs} random inputs in {seconds} core-seconds on {threads} thread(s), \
		 every check held"
	);
	assert!(inputs > 0);
}

#[test]
fn every_regression_input_passes() {
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../regressions");
	for entry in std::fs::read_dir(&dir).expect("fuzz/regressions exists") {
		let path = entry.expect("a file").path();
		if path.extension().is_some_and(|e| e == "md") {
			continue;
		}
		let data = std::fs::read(&path).expect("readable");
		openledger_fuzz::run(&data);
	}
}

#[test]
fn the_state_checks_run_after_each_block_that_wrote_what_they_read() {
	use openledger_fuzz::{encode_ops, run, Op};
	use openledger_runtime::RuntimeCall;
	let alice = 0;
	let op = |call| Op::call(alice, 1, call);
	// Fails before writing anything (no dataset 999): the block is not checked.
	let failing =
		op(RuntimeCall::Datasets(pallet_datasets::Call::publish_version { dataset: 999 }));
	let stats = run(&encode_ops(std::slice::from_ref(&failing)));
	assert_eq!((stats.ops, stats.blocks, stats.checked_blocks), (1, 1, 0));
	// Creates a dataset (a deposit held, a new entry): checked.
	let create = op(RuntimeCall::Datasets(pallet_datasets::Call::create_dataset {
		metadata: Default::default(),
		license: Default::default(),
		policy: pallet_datasets::Policy { min_bond: 1, open: true },
	}));
	let stats = run(&encode_ops(&[create, failing]));
	assert_eq!((stats.ops, stats.blocks, stats.checked_blocks), (2, 2, 1));
}
