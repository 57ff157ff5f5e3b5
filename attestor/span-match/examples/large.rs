//! span-match/1 over a corpus too large to hold in memory (run by
//! `scripts/bench-attribution.sh large`): the function-level latency of 1,000-token answers
//! over a version of `MB` (10,000 by default) in segments of `SEGMENT_MB` (256), without HTTP.
//!
//! The segments are built one at a time, as the attestor builds them (the memory of one
//! segment at a time), and saved to `INDEX_DIR`; a second run reuses them and the answers
//! (`INDEX_DIR/answers.json`, made from 20 files sampled from each segment's part), so that
//! changes to the search can be measured side by side on the same index. The answers are asked
//! twice; each pass prints the p50 and p99 of `match_lengths` alone and of the whole
//! attribution (spans and their sources included), and the process's major page faults so far.
//!
//!   cargo run --release -p openledger-span-match --example large -- CORPUS_DIR INDEX_DIR [MB] [SEGMENT_MB]

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{path::PathBuf, time::Instant};

use openledger_span_match::{
	attribute, tokenize, Answer, DatasetInput, Params, Segmented, SpanIndex, VersionIndex,
};

mod common;

use common::{answer, corpus, files, Rng};

/// Builds (or reuses) the segments of the first `mb` MB of `dir` in `out`, and the answers.
fn segments_and_answers(
	dir: &std::path::Path,
	out: &std::path::Path,
	mb: u64,
	segment_mb: u64,
) -> (Vec<VersionIndex>, Vec<String>) {
	let cached = out.join("answers.json");
	let open_all = || {
		(0..)
			.map(|n: u32| out.join(n.to_string()))
			.take_while(|path| path.exists())
			.map(|path| VersionIndex::open(&path).expect("a segment saved before"))
			.collect::<Vec<_>>()
	};
	if cached.exists() {
		let answers = serde_json::from_slice(&std::fs::read(&cached).unwrap()).unwrap();
		return (open_all(), answers);
	}
	let all = files(dir);
	let mut rest: &[PathBuf] = &all;
	let (mut total, mut n) = (0u64, 0u32);
	let mut sample: Vec<Vec<String>> = Vec::new();
	let mut rng = Rng(0x5eed_0f1e_d6e7);
	while total < mb * 1_000_000 {
		// `corpus` numbers the files of `rest` from 0: the ids continue from the files before.
		let part = corpus(rest, segment_mb * 1_000_000);
		let Some(used) = part.last().map(|(id, _)| *id as usize + 1) else { break };
		let offset = (all.len() - rest.len()) as u64;
		let part: Vec<(u64, String)> = part.into_iter().map(|(id, t)| (id + offset, t)).collect();
		total += part.iter().map(|(_, t)| t.len() as u64).sum::<u64>();
		for _ in 0..20 {
			sample.push(tokenize(&part[rng.below(part.len())].1));
		}
		let index = VersionIndex::build(part.iter().map(|(id, t)| (*id, t.as_str()))).unwrap();
		index.save(&out.join(n.to_string())).unwrap();
		rest = &rest[used..];
		n += 1;
	}
	eprintln!("built {n} segments of {} MB in all", total / 1_000_000);
	let mut vocabulary: Vec<String> = sample.iter().flatten().take(2_000_000).cloned().collect();
	vocabulary.sort();
	vocabulary.dedup();
	let answers: Vec<String> =
		(0..200).map(|_| answer(&mut rng, &sample, &vocabulary, 1000)).collect();
	std::fs::write(&cached, serde_json::to_vec(&answers).unwrap()).unwrap();
	(open_all(), answers)
}

/// The process's major page faults so far (field 12 of `/proc/self/stat`).
fn major_faults() -> String {
	let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
	// The fields after the command name, which is in parentheses.
	let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
	after.split_whitespace().nth(9).unwrap_or("?").to_string()
}

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let usage = "usage: large CORPUS_DIR INDEX_DIR [MB] [SEGMENT_MB]";
	let dir = PathBuf::from(args.first().expect(usage));
	let out = PathBuf::from(args.get(1).expect(usage));
	let mb: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(10_000);
	let segment_mb: u64 = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(256);
	let (segments, answers) = segments_and_answers(&dir, &out, mb, segment_mb);
	let count = segments.len();
	let index = Segmented::new(segments);
	let quantile = |v: &[f64], q: f64| v[((q * v.len() as f64) as usize).min(v.len() - 1)];
	for pass in 1..=2 {
		let (mut matching, mut whole) = (Vec::new(), Vec::new());
		for output in &answers {
			let tokens = tokenize(output);
			let started = Instant::now();
			std::hint::black_box(index.match_lengths(&tokens, 8));
			matching.push(started.elapsed().as_secs_f64() * 1e3);
			let started = Instant::now();
			let inputs = [DatasetInput { dataset: 0, version: 1, root: [0; 32], index: &index }];
			let answer = Answer { model: 0, model_version: 1, output };
			std::hint::black_box(attribute(&answer, Params::default(), &inputs));
			whole.push(started.elapsed().as_secs_f64() * 1e3);
		}
		matching.sort_by(f64::total_cmp);
		whole.sort_by(f64::total_cmp);
		println!(
			"{}",
			serde_json::json!({
				"pass": pass,
				"segments": count,
				"answers": answers.len(),
				"matchLengthsP50ms": quantile(&matching, 0.5),
				"matchLengthsP99ms": quantile(&matching, 0.99),
				"attributeP50ms": quantile(&whole, 0.5),
				"attributeP99ms": quantile(&whole, 0.99),
				"majorFaults": major_faults(),
			})
		);
	}
}
