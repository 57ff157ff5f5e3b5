//! Small rules that several pallets apply to what callers give them, written once: parts that
//! sum to at most 100%, and lists without duplicates.

use sp_runtime::{traits::Saturating, Perbill};

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

/// Whether two items of `items` have the same key. Quadratic, for the short bounded lists a
/// call takes (curators, attestors, models, scores, training sets).
pub fn has_duplicates_by<T, K: PartialEq>(items: &[T], key: impl Fn(&T) -> K) -> bool {
	items
		.iter()
		.enumerate()
		.any(|(i, item)| items.iter().take(i).any(|earlier| key(earlier) == key(item)))
}

/// Whether an item of `items` appears twice.
pub fn has_duplicates<T: PartialEq>(items: &[T]) -> bool {
	items.iter().enumerate().any(|(i, item)| items.iter().take(i).any(|earlier| earlier == item))
}

#[cfg(test)]
mod tests {
	use super::*;

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

	#[test]
	fn duplicates_are_found_anywhere_in_the_list() {
		assert!(!has_duplicates::<u8>(&[]));
		assert!(!has_duplicates(&[1, 2, 3]));
		assert!(has_duplicates(&[1, 2, 1]));
		assert!(has_duplicates(&[3, 3]));
		assert!(has_duplicates_by(&[(1, 'a'), (2, 'b'), (1, 'c')], |(id, _)| *id));
		assert!(!has_duplicates_by(&[(1, 'a'), (2, 'a')], |(id, _)| *id));
	}
}
