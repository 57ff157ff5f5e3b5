//! The benchmark of `span-match/1` on real text (run by `scripts/bench-attribution.sh`):
//! for corpora of increasing size, the index's build throughput and size, and the latency of
//! attributing answers of 100 and 1,000 tokens with the suffix array, side by side with the
//! naive scan of every contribution.
//!
//!   cargo run --release -p openledger-span-match --example bench -- CORPUS_DIR [MB…]
//!
//! `CORPUS_DIR` is a directory of text files; each file is one contribution, taken in path
//! order until the corpus reaches the size. Answers are built from the corpus itself: quoted
//! spans of 8 to 40 tokens from random contributions, alternating with as many tokens drawn
//! at random from the corpus's vocabulary, so most positions match a little and some a lot.
//! Prints one JSON line per measurement and a Markdown table at the end.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{path::PathBuf, time::Instant};

use openledger_span_match::{
	attribute, tokenize, Answer, DatasetInput, NaiveIndex, Params, SpanIndex, VersionIndex,
};

mod common;

use common::{answer, corpus, files, Rng};

fn percentile(sorted: &[f64], q: f64) -> f64 {
	sorted[((q * sorted.len() as f64) as usize).min(sorted.len() - 1)]
}

fn time_answers(index: &dyn SpanIndex, answers: &[String]) -> Vec<f64> {
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
	out
}

fn main() {
	let args: Vec<String> = std::env::args().skip(1).collect();
	let dir = PathBuf::from(args.first().expect("usage: bench CORPUS_DIR [MB…] [--write DOC]"));
	let write = args.iter().position(|a| a == "--write").and_then(|i| args.get(i + 1)).cloned();
	let mut sizes: Vec<u64> = args.iter().skip(1).filter_map(|a| a.parse().ok()).collect();
	if sizes.is_empty() {
		sizes = vec![10, 100, 1000];
	}
	let naive_budget_s: f64 =
		std::env::var("NAIVE_BUDGET_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(120.0);
	let all = files(&dir);
	let scratch = tempfile_dir();
	let mut rows = Vec::new();
	for mb in sizes {
		let contributions = corpus(&all, mb * 1_000_000);
		let bytes: u64 = contributions.iter().map(|(_, t)| t.len() as u64).sum();
		let started = Instant::now();
		let built = VersionIndex::build(contributions.iter().map(|(id, t)| (*id, t.as_str())))
			.expect("build");
		let build_s = started.elapsed().as_secs_f64();
		let path = scratch.join(format!("{mb}"));
		built.save(&path).expect("save");
		let (tokens, index_bytes) = (built.tokens(), built.bytes());
		drop(built);
		let index = VersionIndex::open(&path).expect("open");

		let tokenized: Vec<Vec<String>> = contributions.iter().map(|(_, t)| tokenize(t)).collect();
		let mut vocabulary: Vec<String> =
			tokenized.iter().flatten().take(2_000_000).cloned().collect();
		vocabulary.sort();
		vocabulary.dedup();
		let mut rng = Rng(0x5eed_0f1e_d6e7);
		let short: Vec<String> =
			(0..200).map(|_| answer(&mut rng, &tokenized, &vocabulary, 100)).collect();
		let long: Vec<String> =
			(0..100).map(|_| answer(&mut rng, &tokenized, &vocabulary, 1000)).collect();
		let fast_short = time_answers(&index, &short);
		let fast_long = time_answers(&index, &long);

		// The naive scan, within a time budget: as many answers as fit, at least one.
		let naive = NaiveIndex::new(contributions.iter().map(|(id, t)| (*id, t.as_str())));
		let mut naive_short = Vec::new();
		let mut naive_long = Vec::new();
		let budget = Instant::now();
		for output in &short {
			naive_short.extend(time_answers(&naive, std::slice::from_ref(output)));
			if budget.elapsed().as_secs_f64() > naive_budget_s / 2.0 {
				break;
			}
		}
		let budget = Instant::now();
		for output in &long {
			if budget.elapsed().as_secs_f64() > naive_budget_s / 2.0 {
				break;
			}
			let estimate = naive_short.iter().sum::<f64>() / naive_short.len().max(1) as f64 * 10.0;
			if estimate / 1e3 > naive_budget_s {
				break; // one answer would not fit the budget
			}
			naive_long.extend(time_answers(&naive, std::slice::from_ref(output)));
		}
		drop(naive);
		naive_short.sort_by(f64::total_cmp);
		naive_long.sort_by(f64::total_cmp);

		let row = serde_json::json!({
			"corpusMB": bytes as f64 / 1e6,
			"contributions": contributions.len(),
			"tokens": tokens,
			"buildSeconds": build_s,
			"buildMBps": bytes as f64 / 1e6 / build_s,
			"indexBytesPerToken": index_bytes as f64 / tokens as f64,
			"p50_100": percentile(&fast_short, 0.5), "p99_100": percentile(&fast_short, 0.99),
			"p50_1000": percentile(&fast_long, 0.5), "p99_1000": percentile(&fast_long, 0.99),
			"naive_100": naive_short.first().map(|_| percentile(&naive_short, 0.5)),
			"naive_100_runs": naive_short.len(),
			"naive_1000": naive_long.first().map(|_| percentile(&naive_long, 0.5)),
			"naive_1000_runs": naive_long.len(),
		});
		println!("{row}");
		rows.push(row);
		let _ = std::fs::remove_dir_all(&path);
	}
	let _ = std::fs::remove_dir_all(&scratch);

	let ms =
		|v: &serde_json::Value| v.as_f64().map_or("not run".to_string(), |x| format!("{x:.2}"));
	let mut table = String::new();
	let mut line = |text: String| {
		println!("{text}");
		table.push_str(&text);
		table.push('\n');
	};
	line("| corpus | contributions | tokens | build | index | 100 tokens p50 / p99 | 1,000 tokens p50 / p99 | naive, 100 tokens (p50) | naive, 1,000 tokens (p50) |".to_string());
	line("|---|---|---|---|---|---|---|---|---|".to_string());
	for r in &rows {
		// The naive scan's p50, its ratio to the suffix array's, and how many answers it ran.
		let naive = |naive: &serde_json::Value,
		             fast: &serde_json::Value,
		             runs: &serde_json::Value| {
			match (naive.as_f64(), fast.as_f64()) {
				(Some(n), Some(f)) if f > 0.0 => format!("{n:.0} ms ({:.0}×, {runs} runs)", n / f),
				_ => "not run (over the budget)".to_string(),
			}
		};
		line(format!(
			"| {:.0} MB | {} | {} | {:.1} s ({:.1} MB/s) | {:.1} B/token | {} / {} ms | {} / {} ms | {} | {} |",
			r["corpusMB"].as_f64().unwrap_or(0.0),
			r["contributions"],
			r["tokens"],
			r["buildSeconds"].as_f64().unwrap_or(0.0),
			r["buildMBps"].as_f64().unwrap_or(0.0),
			r["indexBytesPerToken"].as_f64().unwrap_or(0.0),
			ms(&r["p50_100"]),
			ms(&r["p99_100"]),
			ms(&r["p50_1000"]),
			ms(&r["p99_1000"]),
			naive(&r["naive_100"], &r["p50_100"], &r["naive_100_runs"]),
			naive(&r["naive_1000"], &r["p50_1000"], &r["naive_1000_runs"]),
		));
	}
	if let Some(path) = write {
		write_figures(&path, &table);
	}
}

/// Replaces the generated figures between the markers of `path` with `table`.
fn write_figures(path: &str, table: &str) {
	const START: &str = "<!-- generated by scripts/bench-attribution.sh";
	const END: &str = "<!-- end of generated attribution figures -->";
	let doc = std::fs::read_to_string(path).expect("the document");
	let (Some(start), Some(end)) = (doc.find(START), doc.find(END)) else {
		panic!("{path} lacks the attribution figures' markers");
	};
	let cpu = std::fs::read_to_string("/proc/cpuinfo")
		.ok()
		.and_then(|info| {
			info.lines()
				.find(|l| l.starts_with("model name"))
				.map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
		})
		.unwrap_or_default();
	let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
	let generated = format!(
		"{START}: do not edit by hand -->\nMeasured by `scripts/bench-attribution.sh` on {cpu}, {cores} cores (one used), corpus: Debian's\n`linux-source-6.1` (each file a contribution, in path order). Latencies are of `attribute()` over one\ndataset version (tokenizing, matching, spans, scores, evidence), 200 answers of 100 tokens and 100 of\n1,000; the naive scan runs as many answers as fit in two minutes (its ratio to the suffix array's p50 in\nparentheses).\n\n{table}{END}"
	);
	let updated = format!("{}{}{}", &doc[..start], generated, &doc[end + END.len()..]);
	std::fs::write(path, updated).expect("writing the document");
	eprintln!("{path} updated");
}

fn tempfile_dir() -> PathBuf {
	let dir = std::env::temp_dir().join(format!("span-match-bench-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("a scratch directory");
	dir
}
