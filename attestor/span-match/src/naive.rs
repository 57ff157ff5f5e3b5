//! The naive index: every contribution's tokens, scanned for every position of the answer. The
//! reference the suffix array is tested against, and the baseline of the benchmark.

use crate::{tokenize, ContributionId, Source, SpanIndex};

/// A dataset version as plain token lists, scanned in full for every query.
pub struct NaiveIndex {
	contributions: Vec<(ContributionId, Vec<String>)>,
}

impl NaiveIndex {
	/// Indexes `(contribution, text)` pairs (in any order).
	pub fn new<'a>(contributions: impl IntoIterator<Item = (ContributionId, &'a str)>) -> Self {
		Self {
			contributions: contributions
				.into_iter()
				.map(|(id, text)| (id, tokenize(text)))
				.collect(),
		}
	}
}

/// How many tokens of `output[start..]` match `tokens[at..]`.
fn common(output: &[String], start: usize, tokens: &[String], at: usize) -> usize {
	output.iter().skip(start).zip(tokens.iter().skip(at)).take_while(|(a, b)| a == b).count()
}

impl SpanIndex for NaiveIndex {
	fn match_lengths(&self, output: &[String], _min_span: usize) -> Vec<u32> {
		(0..output.len())
			.map(|i| {
				self.contributions
					.iter()
					.flat_map(|(_, tokens)| {
						(0..tokens.len()).map(move |at| common(output, i, tokens, at))
					})
					.max()
					.unwrap_or(0) as u32
			})
			.collect()
	}

	fn sources(&self, output: &[String], spans: &[(usize, usize)]) -> Vec<Option<Source>> {
		let source = |&(start, length): &(usize, usize)| {
			self.contributions
				.iter()
				.flat_map(|(id, tokens)| {
					(0..tokens.len())
						.filter(move |&at| common(output, start, tokens, at) >= length)
						.map(move |at| Source { contribution: *id, offset: at as u64 })
				})
				.min()
		};
		spans.iter().map(source).collect()
	}
}
