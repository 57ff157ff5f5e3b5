//! The method against its specification: the worked example of `ATTRIBUTION.md`, the tokenizer,
//! the suffix array against the naive scan on random corpora, the scores' bound, determinism,
//! and the index's files.

use proptest::prelude::*;

use super::*;

fn example() -> (NaiveIndex, NaiveIndex) {
	(
		NaiveIndex::new([(4, "The quick brown fox jumps over the lazy dog")]),
		NaiveIndex::new([(9, "a lazy dog sleeps all day")]),
	)
}

fn inputs<'a>(d0: &'a dyn SpanIndex, d1: &'a dyn SpanIndex) -> Vec<DatasetInput<'a>> {
	vec![
		DatasetInput { dataset: 1, version: 1, root: [1; 32], index: d1 },
		DatasetInput { dataset: 0, version: 2, root: [0; 32], index: d0 },
	]
}

const ANSWER: Answer<'static> =
	Answer { model: 3, model_version: 1, output: "Quick brown fox jumps; the lazy dog sleeps!" };

#[test]
fn the_worked_example_of_the_specification_reproduces_exactly() {
	let (d0, d1) = example();
	let evidence = attribute(&ANSWER, Params { min_span: 3 }, &inputs(&d0, &d1));
	assert_eq!(evidence.tokens, 8);
	assert_eq!(
		evidence.spans,
		vec![
			Span { start: 0, length: 4, dataset: 0, contribution: 4, offset: 1 },
			Span { start: 4, length: 3, dataset: 0, contribution: 4, offset: 6 },
			Span { start: 5, length: 3, dataset: 1, contribution: 9, offset: 1 },
		]
	);
	assert_eq!(
		evidence.scores,
		vec![
			Score { dataset: 0, perbill: 750_000_000 },
			Score { dataset: 1, perbill: 250_000_000 }
		]
	);
	let json = String::from_utf8(evidence.canonical_json()).unwrap();
	assert_eq!(
		json,
		concat!(
			r#"{"method":"span-match/1","params":{"minSpan":3},"model":3,"modelVersion":1,"#,
			r#""output":"Quick brown fox jumps; the lazy dog sleeps!","tokens":8,"#,
			r#""datasets":[{"dataset":0,"version":2,"root":"0x0000000000000000000000000000000000000000000000000000000000000000"},"#,
			r#"{"dataset":1,"version":1,"root":"0x0101010101010101010101010101010101010101010101010101010101010101"}],"#,
			r#""spans":[{"start":0,"length":4,"dataset":0,"contribution":4,"offset":1},"#,
			r#"{"start":4,"length":3,"dataset":0,"contribution":4,"offset":6},"#,
			r#"{"start":5,"length":3,"dataset":1,"contribution":9,"offset":1}],"#,
			r#""scores":[{"dataset":0,"perbill":750000000},{"dataset":1,"perbill":250000000}]}"#
		)
	);
	// The JavaScript implementation of the end-to-end tests (scripts/lib/span-match.js) gives
	// the same hash.
	assert_eq!(
		hex(&evidence.hash()),
		"0x3401b8c846dbb341bcc4cc2f2835bccc000e465569611e459c95ca63455cdbc0"
	);
}

#[test]
fn the_suffix_array_reproduces_the_worked_example_too() {
	let d0 = VersionIndex::build([(4, "The quick brown fox jumps over the lazy dog")]).unwrap();
	let d1 = VersionIndex::build([(9, "a lazy dog sleeps all day")]).unwrap();
	let (n0, n1) = example();
	let fast = attribute(&ANSWER, Params { min_span: 3 }, &inputs(&d0, &d1));
	let naive = attribute(&ANSWER, Params { min_span: 3 }, &inputs(&n0, &n1));
	assert_eq!(fast.canonical_json(), naive.canonical_json());
}

#[test]
fn the_parameters_have_one_canonical_form() {
	assert_eq!(Params::default().canonical_json(), br#"{"minSpan":8}"#.to_vec());
	assert_eq!(Params::default().hash(), blake2_256(br#"{"minSpan":8}"#));
}

#[test]
fn tokens_are_lower_cased_alphanumeric_runs() {
	assert_eq!(tokenize("Hello, World! 42x — ok?"), ["hello", "world", "42x", "ok"]);
	assert_eq!(tokenize("Ünïcödé Straße ΣΊΣΥΦΟΣ"), ["ünïcödé", "straße", "σίσυφος"]);
	// Letter numbers (Nl), other numbers (No) and ideographs are alphanumeric; marks are not.
	assert_eq!(tokenize("Ⅻ ²³ 東京 a\u{301}b"), ["ⅻ", "²³", "東京", "a", "b"]);
	assert_eq!(tokenize("İstanbul"), ["i\u{307}stanbul"], "to_lowercase may grow a token");
	assert!(tokenize("  ,.;!? ").is_empty());
	assert!(tokenize("").is_empty());
}

#[test]
fn an_empty_answer_has_no_scores() {
	let (d0, d1) = example();
	let empty = Answer { output: " ... ", ..ANSWER };
	let evidence = attribute(&empty, Params::default(), &inputs(&d0, &d1));
	assert_eq!((evidence.tokens, evidence.spans.len(), evidence.scores.len()), (0, 0, 0));
}

#[test]
fn a_saved_index_answers_as_the_one_built() {
	let dir = tempfile::tempdir().unwrap();
	let corpus = [(7, "one two three four five"), (2, "three four five six"), (5, "")];
	let built = VersionIndex::build(corpus).unwrap();
	built.save(&dir.path().join("v1")).unwrap();
	let opened = VersionIndex::open(&dir.path().join("v1")).unwrap();
	let output = tokenize("two three four five six seven");
	assert_eq!(opened.match_lengths(&output, 1), built.match_lengths(&output, 1));
	assert_eq!(opened.match_lengths(&output, 1), vec![4, 4, 3, 2, 1, 0]);
	assert_eq!(
		opened.sources(&output, &[(1, 3), (0, 4), (4, 2), (0, 0)]),
		vec![
			Some(Source { contribution: 2, offset: 0 }),
			Some(Source { contribution: 7, offset: 1 }),
			None,
			None
		]
	);
	assert_eq!((opened.tokens(), opened.contributions()), (9, 3));
	assert!(VersionIndex::open(&dir.path().join("missing")).is_err());

	// Indexes of format 1 (no filter) and 2 (a filter keyed by token ids) still open, without
	// a filter, and answer the same.
	let v1 = dir.path().join("v1");
	let filter = std::fs::read(v1.join("grams.bin")).unwrap();
	std::fs::remove_file(v1.join("grams.bin")).unwrap();
	assert!(VersionIndex::open(&v1).is_err(), "format 3 needs its filter");
	// An empty filter of the right size lets nothing through: format 3 uses it...
	std::fs::write(v1.join("grams.bin"), vec![0u8; filter.len()]).unwrap();
	assert_eq!(VersionIndex::open(&v1).unwrap().match_lengths(&output, 8), vec![0; 6]);
	// ... and formats 1 and 2 do not.
	let meta = std::fs::read_to_string(v1.join("meta.json")).unwrap();
	for format in [2, 1] {
		let old_meta = meta.replace("\"format\":3", &format!("\"format\":{format}"));
		std::fs::write(v1.join("meta.json"), old_meta).unwrap();
		let old = VersionIndex::open(&v1).unwrap();
		assert_eq!(old.match_lengths(&output, 8), built.match_lengths(&output, 1));
	}
}

#[test]
fn the_filter_holds_every_run_of_eight_tokens_and_few_others() {
	let mut rng = 0x1234_5678_9abc_def0u64;
	let mut next = move || {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		rng
	};
	let words: Vec<String> = (0..2_000).map(|i| format!("w{i}")).collect();
	let texts: Vec<String> = (0..50)
		.map(|_| {
			(0..400)
				.map(|_| words[next() as usize % words.len()].as_str())
				.collect::<Vec<_>>()
				.join(" ")
		})
		.collect();
	let index =
		VersionIndex::build(texts.iter().enumerate().map(|(i, t)| (i as u64, t.as_str()))).unwrap();
	// Every run of 8 of a contribution is let through: the whole contribution matches from
	// each position, however long the span asked for.
	for text in &texts {
		let tokens = tokenize(text);
		let lengths = index.match_lengths(&tokens, 8);
		for (i, &m) in lengths.iter().enumerate() {
			match tokens.len() - i {
				// Fewer than 8 left: no span of 8 can start there, and it may be skipped.
				left if left < 8 => assert!((m as usize) < 8, "position {i}"),
				left => assert_eq!(m as usize, left, "position {i}"),
			}
		}
	}
	// Runs of 8 that are nowhere are skipped, all but about 1% (the filter's false positives).
	let random: Vec<String> =
		(0..20_000).map(|_| words[next() as usize % words.len()].clone()).collect();
	let skipped = index.match_lengths(&random, 8).iter().filter(|&&m| m == 0).count();
	assert!(skipped > random.len() * 95 / 100, "{skipped} of {} skipped", random.len());
	// ... and what is not skipped is the exact length, below 8.
	let exact = index.match_lengths(&random, 1);
	assert!(index.match_lengths(&random, 8).iter().zip(&exact).all(|(&f, &e)| f == 0 || f == e));
}

/// A random corpus over a small vocabulary, so that long matches happen.
fn corpus() -> impl Strategy<Value = Vec<(u64, String)>> {
	let word = prop::sample::select(vec!["a", "b", "c", "d", "E", "f"]);
	let text = prop::collection::vec(word, 0..40).prop_map(|words| words.join(" "));
	// A version's contributions are in the order they were accepted: by increasing id (the
	// index's shortcut to a span's source), or not.
	(prop::collection::vec((0u64..50, text), 1..6), any::<bool>()).prop_map(
		|(mut contributions, ascending)| {
			// Contribution ids are distinct on chain.
			contributions.sort_by_key(|(id, _)| *id);
			contributions.dedup_by_key(|(id, _)| *id);
			if !ascending {
				contributions.reverse();
			}
			contributions
		},
	)
}

fn answer_text() -> impl Strategy<Value = String> {
	let word = prop::sample::select(vec!["a", "b", "c", "d", "e", "F", "z"]);
	prop::collection::vec(word, 0..60).prop_map(|words| words.join(", "))
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(300))]

	#[test]
	fn the_suffix_array_agrees_with_the_naive_scan(
		first in corpus(),
		second in corpus(),
		output in answer_text(),
		min_span in 1u32..5,
	) {
		fn as_refs(c: &[(u64, String)]) -> Vec<(u64, &str)> {
			c.iter().map(|(id, t)| (*id, t.as_str())).collect()
		}
		let (f0, f1) = (VersionIndex::build(as_refs(&first)).unwrap(), VersionIndex::build(as_refs(&second)).unwrap());
		let (n0, n1) = (NaiveIndex::new(as_refs(&first)), NaiveIndex::new(as_refs(&second)));
		let tokens = tokenize(&output);
		prop_assert_eq!(f0.match_lengths(&tokens, 1), n0.match_lengths(&tokens, 1));
		let answer = Answer { model: 1, model_version: 2, output: &output };
		let params = Params { min_span };
		let fast = attribute(&answer, params, &inputs(&f0, &f1));
		let naive = attribute(&answer, params, &inputs(&n0, &n1));
		prop_assert_eq!(fast.canonical_json(), naive.canonical_json());

		// Scores never exceed the whole; every span is as long as the method says.
		let total: u64 = fast.scores.iter().map(|s| u64::from(s.perbill)).sum();
		prop_assert!(total <= BILLION);
		prop_assert!(fast.spans.iter().all(|s| s.length >= u64::from(min_span)));

		// Deterministic, and the document survives a round trip byte for byte.
		prop_assert_eq!(attribute(&answer, params, &inputs(&f0, &f1)).canonical_json(), fast.canonical_json());
		let parsed: Evidence = serde_json::from_slice(&fast.canonical_json()).unwrap();
		prop_assert_eq!(parsed.hash(), fast.hash());
	}

	#[test]
	fn the_filter_changes_no_evidence(
		first in corpus(),
		second in corpus(),
		cut in 0usize..6,
		quotes in proptest::collection::vec((0usize..6, 0usize..40, 0usize..30), 1..5),
		noise in answer_text(),
		min_span in 8u32..12,
	) {
		// Answers quote long runs of the corpus (so spans of 8 or more occur), between noise.
		let mut output = String::new();
		for (which, at, len) in quotes {
			let tokens = tokenize(&first.get(which % first.len()).map(|(_, t)| t.clone()).unwrap_or_default());
			output.push_str(&tokens.iter().skip(at).take(len).cloned().collect::<Vec<_>>().join(" "));
			output.push_str(", ");
			output.push_str(&noise);
			output.push(' ');
		}
		let cut = cut % (first.len() + 1);
		let segments: Vec<VersionIndex> = [&first[..cut], &first[cut..]]
			.iter()
			.map(|part| VersionIndex::build(part.iter().map(|(id, t)| (*id, t.as_str()))).unwrap())
			.collect();
		let segmented = Segmented::new(segments);
		let whole = NaiveIndex::new(first.iter().map(|(id, t)| (*id, t.as_str())));
		let other = VersionIndex::build(second.iter().map(|(id, t)| (*id, t.as_str()))).unwrap();
		let other_naive = NaiveIndex::new(second.iter().map(|(id, t)| (*id, t.as_str())));
		let answer = Answer { model: 1, model_version: 2, output: &output };
		let params = Params { min_span };
		let filtered = attribute(&answer, params, &inputs(&segmented, &other));
		let naive = attribute(&answer, params, &inputs(&whole, &other_naive));
		prop_assert_eq!(filtered.canonical_json(), naive.canonical_json());
	}

	#[test]
	fn a_version_in_segments_gives_the_evidence_of_the_whole(
		first in corpus(),
		second in corpus(),
		cuts in proptest::collection::vec(0usize..12, 0..4),
		output in answer_text(),
		min_span in 1u32..5,
	) {
		// The first corpus cut into segments at random contribution boundaries (some empty),
		// against the whole of it in one naive scan.
		let mut bounds: Vec<usize> = cuts.iter().map(|c| c % (first.len() + 1)).collect();
		bounds.push(0);
		bounds.push(first.len());
		bounds.sort_unstable();
		let segments: Vec<VersionIndex> = bounds
			.windows(2)
			.map(|w| {
				let part = first.get(w[0]..w[1]).unwrap_or_default();
				VersionIndex::build(part.iter().map(|(id, t)| (*id, t.as_str()))).unwrap()
			})
			.collect();
		let count = segments.len();
		let segmented = Segmented::new(segments);
		let whole = NaiveIndex::new(first.iter().map(|(id, t)| (*id, t.as_str())));
		let other = NaiveIndex::new(second.iter().map(|(id, t)| (*id, t.as_str())));
		let tokens = tokenize(&output);
		prop_assert_eq!(segmented.match_lengths(&tokens, 1), whole.match_lengths(&tokens, 1), "{} segments", count);
		let answer = Answer { model: 1, model_version: 2, output: &output };
		let params = Params { min_span };
		let split = attribute(&answer, params, &inputs(&segmented, &other));
		let naive = attribute(&answer, params, &inputs(&whole, &other));
		prop_assert_eq!(split.canonical_json(), naive.canonical_json());
	}
}

#[test]
fn a_span_found_in_two_segments_takes_the_smaller_contribution_whatever_the_order() {
	// The same sentence in contribution 7 (second segment) and 3 (first), and at two offsets.
	let late = VersionIndex::build([(7, "one two three four five")]).unwrap();
	let early = VersionIndex::build([(3, "zero one two three four five")]).unwrap();
	let tokens = tokenize("one two three four");
	for segments in [vec![&late, &early], vec![&early, &late]] {
		let segmented = Segmented::new(segments);
		assert_eq!(
			segmented.sources(&tokens, &[(0, 4)]),
			vec![Some(Source { contribution: 3, offset: 1 })]
		);
		assert_eq!(segmented.match_lengths(&tokens, 1), vec![4, 3, 2, 1]);
	}
	assert_eq!(Segmented::<VersionIndex>::new(Vec::new()).match_lengths(&tokens, 1), vec![0; 4]);
}
