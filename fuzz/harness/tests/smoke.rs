//! The fuzz smoke that CI runs: random inputs through the harness for a bounded time
//! (`OPENLEDGER_FUZZ_SECONDS`, 60 by default), plus the seed corpus and every regression input
//! in `fuzz/regressions/`. Coverage-guided fuzzing is `scripts/fuzz.sh`.

use std::time::{Duration, Instant};

#[test]
fn random_inputs_keep_every_invariant() {
	let seconds: u64 =
		std::env::var("OPENLEDGER_FUZZ_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(60);
	let deadline = Instant::now() + Duration::from_secs(seconds);
	let mut inputs = 0u64;
	let mut seed = 0u64;
	while Instant::now() < deadline {
		openledger_fuzz::run(&openledger_fuzz::random_input(seed, 32));
		seed += 1;
		inputs += 1;
	}
	println!("fuzz smoke: {inputs} random inputs in {seconds} s, every check held");
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
