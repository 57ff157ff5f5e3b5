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

impl<I: SpanIndex + Sync> Segmented<I> {
	/// `ask` of every segment, the answers merged by `merge`, on as many threads as the machine
	/// has cores (thread `t` asks segments `t`, `t + threads`, …).
	fn ask_all<T: Send>(
		&self,
		ask: impl Fn(&I) -> T + Sync,
		empty: impl Fn() -> T + Sync,
		merge: impl Fn(&mut T, T) + Sync,
	) -> T {
		let threads = std::thread::available_parallelism()
			.map_or(1, |n| n.get())
			.min(self.segments.len())
			.max(1);
		let search = |t: usize| {
			let mut merged = empty();
			for segment in self.segments.iter().skip(t).step_by(threads) {
				merge(&mut merged, ask(segment));
			}
			merged
		};
		if threads == 1 {
			return search(0);
		}
		let search = &search;
		std::thread::scope(|scope| {
			let others: Vec<_> = (1..threads).map(|t| scope.spawn(move || search(t))).collect();
			let mut merged = search(0);
			for other in others {
				// A thread that panicked has no answer: its panic is the caller's (re-raised).
				let found = other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
				merge(&mut merged, found);
			}
			merged
		})
	}
}

impl<I: SpanIndex + Sync> SpanIndex for Segmented<I> {
	fn match_lengths(&self, output: &[String], min_span: usize) -> Vec<u32> {
		// The longest per position wins.
		self.ask_all(
			|segment| segment.match_lengths(output, min_span),
			|| vec![0; output.len()],
			|longest, found| {
				for (best, found) in longest.iter_mut().zip(found) {
					*best = (*best).max(found);
				}
			},
		)
	}

	fn sources(&self, output: &[String], spans: &[(usize, usize)]) -> Vec<Option<Source>> {
		// The smallest per span wins.
		self.ask_all(
			|segment| segment.sources(output, spans),
			|| vec![None; spans.len()],
			|smallest, found| {
				for (best, found) in smallest.iter_mut().zip(found) {
					*best = match (*best, found) {
						(Some(a), Some(b)) => Some(a.min(b)),
						(a, b) => a.or(b),
					};
				}
			},
		)
	}
}
