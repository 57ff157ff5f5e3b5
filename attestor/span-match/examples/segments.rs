//! What segments cost and save (run by `scripts/bench-attribution.sh segments`): on the first
//! `MB` (1,000 by default) of a corpus of text files (each one contribution, in path order),
//!
//! 1. the version built as segments of `SEGMENT_MB` (256) each, as the attestor builds it, and
//!    the process's peak memory after it;
//! 2. a new version that adds 1% more contributions: only a segment over what is new is built;
//! 3. the same version built as one suffix array, and the peak memory after it;
//! 4. the latency of attributing answers of 1,000 tokens over the segments and over the one
//!    array (the same answers, side by side).
//!
//!   cargo run --release -p openledger-span-match --example segments -- CORPUS_DIR [MB] [SEGMENT_MB]
//!
//! Prints one JSON object.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{path::PathBuf, time::Instant};

use openledger_span_match::{
	attribute, tokenize, Answer, DatasetInput, Params, Segmented, SpanIndex, VersionIndex,
};

mod common;

use common::{answer, corpus, files, Rng};

/// The process's peak resident memory so far, in MB.
fn peak_mb() -> f64 {
	std::fs::read_to_string("/proc/self/status")
		.ok()
		.and_then(|status| {
			let line = status.lines().find(|l| l.starts_with("VmHWM:"))?.to_string();
			line.split_whitespace().nth(1)?.parse::<f64>().ok()
		})
		.map_or(0.0, |kb| kb / 1024.0)
}

fn build(part: &[(u64, String)]) -> VersionIndex {
	VersionIndex::build(part.iter().map(|(id, t)| (*id, t.as_str()))).expect("build")
}

fn latencies(index: &dyn SpanIndex, answers: &[String]) -> (f64, f64) {
	let mut out: Vec<f64> = answers
		.iter()
		.map(|output| {
			let started = Instant::now();
			let inputs = [DatasetInput { dataset: 0, version: 1, root: [0; 32], index }];
			let evidence = attribute(
				&Answer { model: 0, model_version: 1, output },
				Params::default(),
				&inputs,
			);
			std::hint::black_box(evidence);
			started.elapsed().as_secs_f64() * 1e3
		})
		.collect();
	out.sort_by(f64::total_cmp);
	let at = |q: f64| out[((q * out.len() as f64) as usize).min(out.len() - 1)];
	(at(0.5), at(0.99))
}

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let dir = PathBuf::from(args.first().expect("usage: segments CORPUS_DIR [MB] [SEGMENT_MB]"));
	let mb: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
	let segment_mb: u64 = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(256);
	let all = files(&dir);
	// The version and 1% more.
	let everything = corpus(&all, mb * 1_010_000);
	let bytes_of = |part: &[(u64, String)]| part.iter().map(|(_, t)| t.len() as u64).sum::<u64>();
	let mut first = 0;
	let mut total = 0;
	while first < everything.len() && total < mb * 1_000_000 {
		total += everything[first].1.len() as u64;
		first += 1;
	}
	let (version, added) = everything.split_at(first);
	let start_peak = peak_mb();

	// 1. In segments.
	let started = Instant::now();
	let mut segments = Vec::new();
	let mut from = 0;
	while from < version.len() {
		let mut to = from + 1;
		let mut bytes = version[from].1.len() as u64;
		while to < version.len() && bytes + version[to].1.len() as u64 <= segment_mb * 1_000_000 {
			bytes += version[to].1.len() as u64;
			to += 1;
		}
		segments.push(build(&version[from..to]));
		from = to;
	}
	let segmented_s = started.elapsed().as_secs_f64();
	let segmented_peak = peak_mb();
	let count = segments.len();

	// 2. A version that adds 1%: one segment over what is new.
	let started = Instant::now();
	let increment = build(added);
	let increment_s = started.elapsed().as_secs_f64();
	drop(increment);

	// 4 (first half): answers over the segments.
	let tokenized: Vec<Vec<String>> = version.iter().map(|(_, t)| tokenize(t)).collect();
	let mut vocabulary: Vec<String> = tokenized.iter().flatten().take(2_000_000).cloned().collect();
	vocabulary.sort();
	vocabulary.dedup();
	let mut rng = Rng(0x5eed_0f1e_d6e7);
	let answers: Vec<String> =
		(0..100).map(|_| answer(&mut rng, &tokenized, &vocabulary, 1000)).collect();
	drop(tokenized);
	let segmented = Segmented::new(segments);
	let (seg_p50, seg_p99) = latencies(&segmented, &answers);
	drop(segmented);

	// 3. As one suffix array.
	let started = Instant::now();
	let whole = build(version);
	let whole_s = started.elapsed().as_secs_f64();
	let whole_peak = peak_mb();
	let (whole_p50, whole_p99) = latencies(&whole, &answers);

	println!(
		"{}",
		serde_json::json!({
			"corpusMB": bytes_of(version) as f64 / 1e6,
			"contributions": version.len(),
			"tokens": whole.tokens(),
			"segmentMB": segment_mb,
			"segments": count,
			"segmentedBuildSeconds": segmented_s,
			"peakMBAfterSegmentedBuild": segmented_peak,
			"peakMBBefore": start_peak,
			"addedMB": bytes_of(added) as f64 / 1e6,
			"addedContributions": added.len(),
			"incrementSeconds": increment_s,
			"incrementShareOfWholeBuild": increment_s / whole_s,
			"wholeBuildSeconds": whole_s,
			"peakMBAfterWholeBuild": whole_peak,
			"segmented1000p50ms": seg_p50, "segmented1000p99ms": seg_p99,
			"whole1000p50ms": whole_p50, "whole1000p99ms": whole_p99,
		})
	);
}
