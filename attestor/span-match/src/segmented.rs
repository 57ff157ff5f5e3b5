//! A dataset version's index as a list of segments: each a [`SpanIndex`] over some of the
//! version's contributions (whole contributions, never split), queried together.
//!
//! A match never crosses from one contribution into another, so the longest match from a
//! position is the longest any segment finds, and a span's source (the smallest contribution
//! id, then the smallest offset) is the smallest source any segment finds: the evidence is the
//! same byte for byte whatever the segments. What segments give: a new version of a datanet
//! (which only adds contributions to the previous one) is indexed by adding a segment over
//! what is new, each segment is built within a memory budget, and no segment nears the `i32`
//! ceiling of one suffix array. The segments are searched in parallel, on as many threads as
//! the machine has cores (at most one a segment).

use crate::{Source, SpanIndex};

/// Segments queried as one index.
pub struct Segmented<I> {
	segments: Vec<I>,
}

impl<I: SpanIndex> Segmented<I> {
	/// The index made of `segments` (none: an empty version, which matches nothing).
	pub fn new(segments: Vec<I>) -> Self {
		Self { segments }
	}

	/// Its segments.
	pub fn segments(&self) -> &[I] {
		&self.segments
	}
}

impl<I: SpanIndex + Sync> SpanIndex for Segmented<I> {
	fn match_lengths(&self, output: &[String], min_span: usize) -> Vec<u32> {
		let threads = std::thread::available_parallelism()
			.map_or(1, |n| n.get())
			.min(self.segments.len())
			.max(1);
		// Thread `t` searches segments `t`, `t + threads`, …; the longest per position wins.
		let search = |t: usize| {
			let mut longest = vec![0u32; output.len()];
			for segment in self.segments.iter().skip(t).step_by(threads) {
				keep_longest(&mut longest, segment.match_lengths(output, min_span));
			}
			longest
		};
		if threads == 1 {
			return search(0);
		}
		let search = &search;
		std::thread::scope(|scope| {
			let others: Vec<_> = (1..threads).map(|t| scope.spawn(move || search(t))).collect();
			let mut longest = search(0);
			for other in others {
				// A thread that panicked has no lengths: its panic is the caller's (re-raised).
				let found = other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
				keep_longest(&mut longest, found);
			}
			longest
		})
	}

	fn source(&self, output: &[String], start: usize, length: usize) -> Option<Source> {
		self.segments.iter().filter_map(|segment| segment.source(output, start, length)).min()
	}
}

/// Keeps in `longest` the longer of it and `found` at every position.
fn keep_longest(longest: &mut [u32], found: Vec<u32>) {
	for (best, found) in longest.iter_mut().zip(found) {
		*best = (*best).max(found);
	}
}
