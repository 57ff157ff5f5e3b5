//! Runs inputs through the harness: `openledger-fuzz-replay <file>…`, e.g. a crash the fuzzer
//! saved (`fuzz/libfuzzer/artifacts/runtime/crash-…`). Prints each input's ops first.

fn main() {
	let files: Vec<String> = std::env::args().skip(1).collect();
	if files.is_empty() {
		eprintln!("usage: openledger-fuzz-replay <input file>…");
		std::process::exit(2);
	}
	for file in files {
		let data = std::fs::read(&file).unwrap_or_else(|e| {
			eprintln!("{file}: {e}");
			std::process::exit(2);
		});
		println!("{file}:");
		for op in openledger_fuzz::decode_ops(&data) {
			println!("  origin {} advance {} {:?}", op.origin, op.advance, op.call);
		}
		openledger_fuzz::run(&data);
		println!("  ok: every check held");
	}
}
