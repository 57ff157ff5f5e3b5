//! Small rules that several pallets apply to what callers give them, written once: parts that
//! sum to at most 100%, and lists without duplicates.

use alloc::vec::Vec;
use sp_core::Get;
use sp_runtime::{traits::Saturating, BoundedSlice, Perbill};

/// `Σ parts`, or `None` if it exceeds 100% (a split, scores, training weights).
pub fn sum_of_parts(parts: impl IntoIterator<Item = Perbill>) -> Option<Perbill> {
	let whole = Perbill::one().deconstruct();
	parts
		.into_iter()
		.try_fold(0u32, |sum, part| sum.checked_add(part.deconstruct()).filter(|s| *s <= whole))
		.map(Perbill::from_parts)
}

/// `100% − Σ parts`: what the parts leave, or `None` if they exceed 100%.
pub fn complement(parts: impl IntoIterator<Item = Perbill>) -> Option<Perbill> {
	sum_of_parts(parts).map(|sum| Perbill::one().saturating_sub(sum))
}

/// Whether two items of `items` have the same key.
///
/// It takes a [`BoundedSlice`], never a plain slice: a call must bound what its caller gave it
/// (at decode, as a `BoundedVec` parameter) before any work on it, so this never runs on an
/// unbounded input. It sorts a copy of the keys: O(n log n), not the O(n²) of comparing each
/// pair.
pub fn has_duplicates_by<'a, T, K: Ord, S: Get<u32>>(
	items: BoundedSlice<'a, T, S>,
	key: impl Fn(&'a T) -> K,
) -> bool {
	let items: &'a [T] = items.into();
	let mut keys: Vec<K> = items.iter().map(key).collect();
	keys.sort_unstable();
	keys.windows(2).any(|pair| matches!(pair, [a, b] if a == b))
}

/// Whether an item of `items` appears twice (see [`has_duplicates_by`]).
pub fn has_duplicates<T: Ord, S: Get<u32>>(items: BoundedSlice<'_, T, S>) -> bool {
	has_duplicates_by(items, |item| item)
}

#[cfg(test)]
mod tests {
	use super::*;
	use sp_core::ConstU32;

	fn percent(parts: &[u32]) -> Vec<Perbill> {
		parts.iter().map(|p| Perbill::from_percent(*p)).collect()
	}

	#[test]
	fn parts_up_to_a_whole_are_summed_and_more_refused() {
		assert_eq!(sum_of_parts(percent(&[30, 70])), Some(Perbill::one()));
		assert_eq!(sum_of_parts(percent(&[])), Some(Perbill::zero()));
		assert_eq!(sum_of_parts(percent(&[30, 70, 1])), None);
		assert_eq!(sum_of_parts([Perbill::from_parts(u32::MAX); 3]), None, "no wrap-around");
	}

	#[test]
	fn the_complement_is_what_the_parts_leave() {
		assert_eq!(complement(percent(&[25, 25])), Some(Perbill::from_percent(50)));
		assert_eq!(complement(percent(&[100])), Some(Perbill::zero()));
		assert_eq!(complement(percent(&[60, 60])), None);
	}

	/// `items` as the bounded slice the checks take.
	fn bounded<T>(items: &[T]) -> BoundedSlice<'_, T, ConstU32<8>> {
		BoundedSlice::try_from(items).unwrap_or_else(|_| panic!("at most 8 items"))
	}

	#[test]
	fn duplicates_are_found_anywhere_in_the_list() {
		assert!(!has_duplicates::<u8, _>(bounded(&[])));
		assert!(!has_duplicates(bounded(&[1, 2, 3])));
		assert!(has_duplicates(bounded(&[1, 2, 1])));
		assert!(has_duplicates(bounded(&[3, 3])));
		assert!(has_duplicates(bounded(&[5, 4, 3, 2, 1, 0, 7, 5])));
		assert!(has_duplicates_by(bounded(&[(1, 'a'), (2, 'b'), (1, 'c')]), |(id, _)| *id));
		assert!(!has_duplicates_by(bounded(&[(1, 'a'), (2, 'a')]), |(id, _)| *id));
	}
}
