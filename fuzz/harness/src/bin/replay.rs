//! Runs inputs through the harness.
//!
//! - `openledger-fuzz-replay <file>…`, e.g. a crash the fuzzer saved
//!   (`fuzz/libfuzzer/artifacts/runtime/crash-…`): prints each input's ops, then runs it.
//! - `openledger-fuzz-replay --stats <file or directory>…`, e.g. the corpus: runs every input
//!   without printing it and reports how fast the harness is (inputs, blocks and checks per
//!   second), the figure that bounds a campaign's executions per second.

use std::{path::PathBuf, time::Instant};

fn main() {
	let mut args: Vec<String> = std::env::args().skip(1).collect();
	let stats = args.first().is_some_and(|a| a == "--stats");
	if stats {
		args.remove(0);
	}
	if args.is_empty() {
		eprintln!("usage: openledger-fuzz-replay [--stats] <input file or directory>…");
		std::process::exit(2);
	}
	let files = inputs(&args);
	if stats {
		measure(&files);
		return;
	}
	for file in files {
		let data = read(&file);
		println!("{}:", file.display());
		for op in openledger_fuzz::decode_ops(&data) {
			println!("  origin {} advance {} {:?}", op.origin, op.advance, op.action);
		}
		openledger_fuzz::run(&data);
		println!("  ok: every check held");
	}
}

/// The files named, and the files in the directories named, in order.
fn inputs(args: &[String]) -> Vec<PathBuf> {
	let mut files = Vec::new();
	for arg in args {
		let path = PathBuf::from(arg);
		if path.is_dir() {
			let mut entries: Vec<PathBuf> = std::fs::read_dir(&path)
				.unwrap_or_else(|e| fail(&path, e))
				.filter_map(|entry| entry.ok().map(|e| e.path()))
				.filter(|p| p.is_file())
				.collect();
			entries.sort();
			files.extend(entries);
		} else {
			files.push(path);
		}
	}
	files
}

fn read(file: &PathBuf) -> Vec<u8> {
	std::fs::read(file).unwrap_or_else(|e| fail(file, e))
}

fn fail(path: &std::path::Path, error: std::io::Error) -> ! {
	eprintln!("{}: {error}", path.display());
	std::process::exit(2);
}

fn measure(files: &[PathBuf]) {
	let data: Vec<Vec<u8>> = files.iter().map(read).collect();
	// The first input builds the world: not part of the measurement.
	if let Some(first) = data.first() {
		openledger_fuzz::run(first);
	}
	let started = Instant::now();
	let (mut ops, mut blocks, mut checked, mut checks) =
		(0usize, 0usize, 0usize, std::time::Duration::ZERO);
	for input in &data {
		let stats = openledger_fuzz::run(input);
		ops += stats.ops;
		blocks += stats.blocks;
		checked += stats.checked_blocks;
		checks += stats.checks;
	}
	let total = started.elapsed().as_secs_f64();
	let per = |n: usize| if n == 0 { 0.0 } else { total * 1e3 / n as f64 };
	println!(
		"{} inputs, {ops} ops, {blocks} blocks ({checked} of them wrote what the checks read, \
		 and were checked) in {total:.2} s: {:.0} inputs/s, {:.3} ms per input, {:.3} ms per \
		 block; the checks took {:.3} ms each time, {:.0}% of the time",
		data.len(),
		data.len() as f64 / total,
		per(data.len()),
		per(blocks),
		if checked == 0 { 0.0 } else { checks.as_secs_f64() * 1e3 / checked as f64 },
		checks.as_secs_f64() * 100.0 / total,
	);
}
