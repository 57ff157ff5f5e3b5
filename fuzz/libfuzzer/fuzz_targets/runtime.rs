//! The runtime fuzz target: every input is a sequence of calls (see `openledger_fuzz`).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
	openledger_fuzz::run(data);
});
