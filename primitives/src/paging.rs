//! Pages of listings: how every runtime API that lists things answers a bounded part of a
//! list, and where the next part starts.
//!
//! A page holds at most [`MAX_PAGE`] items and a listing looks at most at [`MAX_SCAN`]
//! storage entries per call, so an answer is bounded however large the list and however few
//! of its entries match a filter: a filtered page may be short, or empty, and still have a
//! `next`.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use scale_info::TypeInfo;

/// The most items one page of a listing holds, in every runtime API and JSON-RPC method that
/// lists (contributions, versions, derivatives, datasets, models, agents, records).
pub const MAX_PAGE: u32 = 100;

/// The most storage entries a listing looks at in one call.
pub const MAX_SCAN: u32 = 1_000;

/// One page of a listing.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Page<Item> {
	/// The items.
	pub items: Vec<Item>,
	/// Where the next page starts (pass it back as `start`), or `None` at the end.
	pub next: Option<u64>,
}

/// A page of the objects whose ids run from `start` up to `end` (excluded), in id order: `item`
/// answers for one id, `None` when there is no such object in state or it does not match the
/// listing's filter. Looks at most at [`MAX_SCAN`] ids and stops at `limit` items (at most
/// [`MAX_PAGE`]; 0 is taken as 1); `next` is the first id not looked at, `None` when every id
/// up to `end` was.
pub fn page_of_ids<Item>(
	start: u64,
	end: u64,
	limit: u32,
	mut item: impl FnMut(u64) -> Option<Item>,
) -> Page<Item> {
	let limit = limit.clamp(1, MAX_PAGE) as usize;
	let mut items = Vec::new();
	let mut id = start;
	let mut looked = 0u32;
	while id < end && looked < MAX_SCAN && items.len() < limit {
		if let Some(found) = item(id) {
			items.push(found);
		}
		// `id < end`, so this never saturates.
		id = id.saturating_add(1);
		looked = looked.saturating_add(1);
	}
	Page { items, next: (id < end).then_some(id) }
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_page_stops_at_its_limit_and_says_where_the_next_starts() {
		let page = page_of_ids(0, 10, 3, Some);
		assert_eq!(page, Page { items: vec![0, 1, 2], next: Some(3) });
		let page = page_of_ids(3, 10, 100, Some);
		assert_eq!(page, Page { items: (3..10).collect(), next: None });
		// The last item of the list ends the listing: no empty page after it.
		assert_eq!(page_of_ids(7, 10, 3, Some).next, None);
		// 0 is taken as 1, a limit above the page size as the page size.
		assert_eq!(page_of_ids(0, 10, 0, Some).items, vec![0]);
		assert_eq!(page_of_ids(0, 1_000, 1_000, Some).items.len(), MAX_PAGE as usize);
	}

	#[test]
	fn a_filtered_listing_looks_at_a_bounded_number_of_ids() {
		let mut looked = 0;
		let page = page_of_ids(5, u64::MAX, 10, |id| {
			looked += 1;
			(id % 500 == 0).then_some(id)
		});
		assert_eq!(looked, MAX_SCAN);
		assert_eq!(page, Page { items: vec![500, 1_000], next: Some(5 + u64::from(MAX_SCAN)) });
		// Nothing past the end, and an empty list ends at once.
		assert_eq!(page_of_ids(10, 10, 10, Some), Page { items: vec![], next: None });
		assert_eq!(page_of_ids(u64::MAX - 1, u64::MAX, 10, Some).items, vec![u64::MAX - 1]);
	}
}
