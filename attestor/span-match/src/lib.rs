//! # `span-match/1`: attribution anyone can recompute
//!
//! The normative description is `shared/ATTRIBUTION.md`; this crate is its reference
//! implementation, shared by the attestor that records attribution and by every verifier that
//! re-runs it. In short: an answer is split into lower-cased alphanumeric [tokens](tokenize);
//! for each dataset version a model was trained on, every position of the answer gets the length
//! of the longest token sequence starting there that occurs inside one contribution of that
//! version; a **span** is such a match of at least `minSpan` tokens that is not the tail of the
//! previous position's match; the positions a dataset's spans cover, shared equally where
//! several datasets cover the same position, give its score in parts per billion. The result is
//! an [`Evidence`] document whose canonical JSON bytes, and so its blake2-256 hash, are the
//! same on every machine and in every implementation.
//!
//! Matching uses a [`SpanIndex`]: [`VersionIndex`] is a suffix array over a version's token
//! stream (built once, persisted, memory-mapped), [`NaiveIndex`] scans every contribution and
//! is what the suffix array is tested and benchmarked against, and [`Segmented`] queries
//! several indexes over disjoint sets of contributions as one (a version indexed as the
//! previous version's segments plus one over what is new).

#![deny(missing_docs)]

mod grams;
mod index;
mod naive;
mod segmented;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use index::{BuildError, OpenError, VersionIndex};
pub use naive::NaiveIndex;
pub use segmented::Segmented;

/// The method's id, as records name it (`method.id`).
pub const METHOD_ID: &str = "span-match/1";

/// Parts per billion: a whole.
pub const BILLION: u64 = 1_000_000_000;

/// Identifies a contribution (the chain's id).
pub type ContributionId = u64;
/// Identifies a dataset (the chain's id).
pub type DatasetId = u64;
/// A dataset version (the chain's number).
pub type DatasetVersion = u32;

/// The method's parameters.
#[derive(Clone, Copy, Debug, Deserialize, Eq, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Params {
	/// The shortest span that counts, in tokens (at least 1).
	pub min_span: u32,
}

impl Default for Params {
	fn default() -> Self {
		Self { min_span: 8 }
	}
}

impl Params {
	/// The canonical JSON of the parameters alone, e.g. `{"minSpan":8}`.
	pub fn canonical_json(&self) -> Vec<u8> {
		canonical(self)
	}

	/// `method.params_hash`: blake2-256 of [`Params::canonical_json`].
	pub fn hash(&self) -> [u8; 32] {
		blake2_256(&self.canonical_json())
	}
}

/// blake2-256, the chain's content and evidence hash.
pub fn blake2_256(bytes: &[u8]) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(bytes)
}

/// `0x`-prefixed lower-case hex, as the evidence document writes hashes.
pub fn hex(bytes: &[u8]) -> String {
	let mut out = String::with_capacity(2 + bytes.len() * 2);
	out.push_str("0x");
	for byte in bytes {
		out.push_str(&format!("{byte:02x}"));
	}
	out
}

/// The tokens of `text`: every maximal run of alphanumeric characters (Rust
/// `char::is_alphanumeric`: Unicode `Alphabetic`, or general category `Nd`, `Nl`, `No`),
/// lower-cased with `str::to_lowercase`. Everything else separates tokens and is dropped.
pub fn tokenize(text: &str) -> Vec<String> {
	text.split(|c: char| !c.is_alphanumeric())
		.filter(|run| !run.is_empty())
		.map(str::to_lowercase)
		.collect()
}

/// The text of a contribution's bytes as the method reads them: UTF-8, with every ill-formed
/// sequence replaced by U+FFFD (which separates tokens), as both Rust's `from_utf8_lossy` and
/// the WHATWG `TextDecoder` do.
pub fn text_of(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
	String::from_utf8_lossy(bytes)
}

/// Where a span's tokens occur in a dataset version: the contribution and the token offset in
/// it.
#[derive(Clone, Copy, Debug, Eq, Ord, PartialEq, PartialOrd)]
pub struct Source {
	/// The contribution (the smallest id among those the span occurs in).
	pub contribution: ContributionId,
	/// The token offset of the occurrence in it (the smallest in that contribution).
	pub offset: u64,
}

/// Finds the token sequences of an answer in one dataset version.
pub trait SpanIndex {
	/// For every position `i` of `output`, `m(i)`: the length of the longest sequence
	/// `output[i..i+m]` that occurs contiguously inside one contribution (0 if none), exactly
	/// wherever it is at least `min_span`; where it is shorter, any length shorter than
	/// `min_span` (an index may skip such positions: no span starts there, and a shorter
	/// match before a span never hides it). `min_span` 1 asks for every length exactly.
	fn match_lengths(&self, output: &[String], min_span: usize) -> Vec<u32>;

	/// The source of each span `(start, length)` of `output`: the occurrence of
	/// `output[start..start + length]` in the contribution with the smallest id, and within it
	/// the smallest token offset (`None` where it does not occur). One call for all of an
	/// answer's spans, so that an index maps the answer to its own ids once.
	fn sources(&self, output: &[String], spans: &[(usize, usize)]) -> Vec<Option<Source>>;
}

impl<T: SpanIndex + ?Sized> SpanIndex for &T {
	fn match_lengths(&self, output: &[String], min_span: usize) -> Vec<u32> {
		(**self).match_lengths(output, min_span)
	}

	fn sources(&self, output: &[String], spans: &[(usize, usize)]) -> Vec<Option<Source>> {
		(**self).sources(output, spans)
	}
}

impl<T: SpanIndex + ?Sized> SpanIndex for std::sync::Arc<T> {
	fn match_lengths(&self, output: &[String], min_span: usize) -> Vec<u32> {
		(**self).match_lengths(output, min_span)
	}

	fn sources(&self, output: &[String], spans: &[(usize, usize)]) -> Vec<Option<Source>> {
		(**self).sources(output, spans)
	}
}

/// One dataset version the answer is attributed over.
pub struct DatasetInput<'a> {
	/// The dataset.
	pub dataset: DatasetId,
	/// Its version.
	pub version: DatasetVersion,
	/// The version's root (the chain's), as pinned in the evidence.
	pub root: [u8; 32],
	/// Its index.
	pub index: &'a dyn SpanIndex,
}

/// A dataset version as the evidence pins it.
#[derive(Clone, Debug, Deserialize, Eq, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PinnedVersion {
	/// The dataset.
	pub dataset: DatasetId,
	/// Its version.
	pub version: DatasetVersion,
	/// The version's root, `0x`-hex.
	pub root: String,
}

/// One span of the answer: where it starts and how long it is, which dataset it was found in,
/// and where.
#[derive(Clone, Debug, Deserialize, Eq, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Span {
	/// Its first token's position in the answer.
	pub start: u64,
	/// Its length, in tokens.
	pub length: u64,
	/// The dataset.
	pub dataset: DatasetId,
	/// The contribution it was found in.
	pub contribution: ContributionId,
	/// The token offset of the occurrence in the contribution.
	pub offset: u64,
}

/// A dataset's score.
#[derive(Clone, Debug, Deserialize, Eq, PartialEq, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
	/// The dataset.
	pub dataset: DatasetId,
	/// Its score, in parts per billion.
	pub perbill: u32,
}

/// The evidence document: everything a verifier needs to recompute a record's scores, in the
/// canonical form whose bytes are hashed ([`Evidence::canonical_json`]). Field order, array
/// order and number forms are the normative ones of `ATTRIBUTION.md`.
#[derive(Clone, Debug, Deserialize, Eq, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Evidence {
	/// Always [`METHOD_ID`].
	pub method: String,
	/// The parameters.
	pub params: Params,
	/// The model.
	pub model: u64,
	/// The model version.
	pub model_version: u32,
	/// The answer.
	pub output: String,
	/// How many tokens the answer has.
	pub tokens: u64,
	/// The dataset versions it was attributed over, by dataset.
	pub datasets: Vec<PinnedVersion>,
	/// Every span, by start then dataset.
	pub spans: Vec<Span>,
	/// Every dataset with a non-zero score, by dataset.
	pub scores: Vec<Score>,
}

impl Evidence {
	/// The document's canonical bytes: compact JSON, keys in the normative order.
	pub fn canonical_json(&self) -> Vec<u8> {
		canonical(self)
	}

	/// `evidence_hash`: blake2-256 of [`Evidence::canonical_json`].
	pub fn hash(&self) -> [u8; 32] {
		blake2_256(&self.canonical_json())
	}
}

fn canonical<T: Serialize>(value: &T) -> Vec<u8> {
	// Serialising plain structs of strings and integers cannot fail.
	serde_json::to_vec(value).unwrap_or_default()
}

/// What is being attributed: the answer of one model version.
pub struct Answer<'a> {
	/// The model.
	pub model: u64,
	/// The model version.
	pub model_version: u32,
	/// The answer, as the model gave it.
	pub output: &'a str,
}

/// Attributes `answer` over `datasets` with `params`: the evidence document, scores included.
/// Deterministic: the same inputs give the same bytes. Datasets are taken in dataset order
/// whatever order they come in; a dataset given twice counts once (its first version).
pub fn attribute(answer: &Answer<'_>, params: Params, datasets: &[DatasetInput<'_>]) -> Evidence {
	let output = tokenize(answer.output);
	let n = output.len();
	let min_span = params.min_span.max(1) as usize;

	let mut by_dataset: BTreeMap<DatasetId, &DatasetInput<'_>> = BTreeMap::new();
	for input in datasets {
		by_dataset.entry(input.dataset).or_insert(input);
	}

	let mut spans = Vec::new();
	// For each dataset, which positions its spans cover.
	let mut covered: BTreeMap<DatasetId, Vec<bool>> = BTreeMap::new();
	for (&dataset, input) in &by_dataset {
		let lengths = input.index.match_lengths(&output, min_span);
		// The spans: where a match of at least `min_span` starts that is not inside the
		// previous position's (the specification's `m(i−1) ≥ m(i) + 1`).
		let starts: Vec<(usize, usize)> = lengths
			.iter()
			.enumerate()
			.map(|(i, &m)| (i, m as usize))
			.filter(|&(i, m)| {
				let inside_previous =
					i > 0 && lengths.get(i - 1).is_some_and(|&prev| prev as usize > m);
				m >= min_span && !inside_previous
			})
			.collect();
		let sources = input.index.sources(&output, &starts);
		let mut cover = vec![false; n];
		for (&(i, m), source) in starts.iter().zip(sources) {
			let Some(source) = source else { continue };
			spans.push(Span {
				start: i as u64,
				length: m as u64,
				dataset,
				contribution: source.contribution,
				offset: source.offset,
			});
			for slot in cover.iter_mut().skip(i).take(m) {
				*slot = true;
			}
		}
		covered.insert(dataset, cover);
	}
	spans.sort_by_key(|span| (span.start, span.dataset));

	let mut scores = Vec::new();
	if n > 0 {
		let k: Vec<u64> =
			(0..n).map(|p| covered.values().filter(|cover| cover[p]).count() as u64).collect();
		for (&dataset, cover) in &covered {
			let c: u64 = (0..n).filter(|&p| cover[p]).map(|p| BILLION / k[p]).sum();
			let perbill = (c / n as u64) as u32;
			if perbill > 0 {
				scores.push(Score { dataset, perbill });
			}
		}
	}

	Evidence {
		method: METHOD_ID.to_string(),
		params,
		model: answer.model,
		model_version: answer.model_version,
		output: answer.output.to_string(),
		tokens: n as u64,
		datasets: by_dataset
			.values()
			.map(|input| PinnedVersion {
				dataset: input.dataset,
				version: input.version,
				root: hex(&input.root),
			})
			.collect(),
		spans,
		scores,
	}
}

#[cfg(test)]
mod tests;
