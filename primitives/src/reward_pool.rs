//! The reward-per-share accumulator (Batog, Boca & Johnson, 2018) that pays a dataset's
//! contributors in O(1) per payment, as pure functions.
//!
//! A pool keeps `reward_per_share` (`acc`), scaled by [`SCALE`], and each shareholder a `debt`:
//! - a payment of `amount` to a pool with `total_shares > 0` advances
//!   `acc += floor(amount * SCALE / total_shares)`;
//! - a contribution accepted with `shares` starts with `debt = ceil(shares * acc / SCALE)`,
//!   so it earns nothing paid before it joined;
//! - its pending reward is `floor(shares * acc / SCALE) - debt` (never below zero); claiming
//!   pays that and sets `debt` to `floor(shares * acc / SCALE)`.
//!
//! Rounding always favours the pool: increments and accruals floor, the entry debt rounds up.
//! So a shareholder is paid at most its exact share of what was paid while it held shares,
//! and less by under one unit per payment plus one; the pool always holds at least what its
//! shareholders can claim, and the difference is that rounding dust.
//!
//! All maths is checked: a function returns `None` instead of overflowing. With `SCALE = 1e18`
//! and `U256`, overflow needs amounts far beyond any token supply.

use sp_core::U256;

/// The fixed-point scale of `reward_per_share`: 10^18.
pub const SCALE: u128 = 1_000_000_000_000_000_000;

/// `acc` after paying `amount` to a pool of `total_shares`. `None` on overflow or when the
/// pool has no shares (such a payment goes to the dataset's owner instead).
pub fn advance(acc: U256, amount: u128, total_shares: u128) -> Option<U256> {
	if total_shares == 0 {
		return None;
	}
	let increment =
		U256::from(amount).checked_mul(U256::from(SCALE))?.checked_div(U256::from(total_shares))?;
	acc.checked_add(increment)
}

/// `floor(shares * acc / SCALE)`: everything `shares` have accrued since the pool began.
pub fn accrued(shares: u128, acc: U256) -> Option<u128> {
	let value = U256::from(shares).checked_mul(acc)?.checked_div(U256::from(SCALE))?;
	u128::try_from(value).ok()
}

/// `ceil(shares * acc / SCALE)`: the debt a holder of `shares` starts with when joining a pool
/// at `acc`. Rounding up, not down, is what keeps the pool solvent.
pub fn entry_debt(shares: u128, acc: U256) -> Option<u128> {
	let product = U256::from(shares).checked_mul(acc)?;
	let scale = U256::from(SCALE);
	let (quotient, remainder) = product.div_mod(scale);
	let value = if remainder.is_zero() { quotient } else { quotient.checked_add(U256::one())? };
	u128::try_from(value).ok()
}

/// What a holder of `shares` with `debt` may claim when the pool is at `acc` (zero while the
/// rounded-up entry debt is not yet covered).
pub fn pending(shares: u128, debt: u128, acc: U256) -> Option<u128> {
	Some(accrued(shares, acc)?.saturating_sub(debt))
}

/// What a holder of `shares`, who joined the pool when it was at `joined_at` (and left it at
/// `left_at`, if it has), earned from one payment of `amount` made when the pool was at
/// `before` with `total_shares`.
///
/// Summed over all payments since joining, this is exactly what the holder has been paid or
/// may claim: `pending(shares, entry_debt(shares, joined_at), acc_now)` plus its claims. A
/// payment made before it joined, once it had left, or to a pool without shares (the owner was
/// paid) earned it nothing. `None` on overflow.
pub fn earned_from_payment(
	shares: u128,
	joined_at: U256,
	left_at: Option<U256>,
	before: U256,
	amount: u128,
	total_shares: u128,
) -> Option<u128> {
	let joined_later = joined_at > before;
	let left_earlier = left_at.is_some_and(|left| before >= left);
	if total_shares == 0 || joined_later || left_earlier {
		return Some(0);
	}
	let after = advance(before, amount, total_shares)?;
	let baseline = entry_debt(shares, joined_at)?;
	let until_after = accrued(shares, after)?.max(baseline);
	let until_before = accrued(shares, before)?.max(baseline);
	until_after.checked_sub(until_before)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_payment_is_shared_pro_rata_and_flooring_never_overpays() {
		let acc = advance(U256::zero(), 1_000, 3).unwrap();
		let a = accrued(1, acc).unwrap();
		let b = accrued(2, acc).unwrap();
		assert_eq!((a, b), (333, 666));
		assert!(a + b <= 1_000);
	}

	#[test]
	fn a_pool_without_shares_does_not_advance() {
		assert_eq!(advance(U256::zero(), 1_000, 0), None);
	}

	#[test]
	fn a_late_joiner_earns_nothing_from_earlier_payments() {
		let before = U256::zero();
		let after = advance(before, 900, 9).unwrap();
		assert_eq!(earned_from_payment(3, after, None, before, 900, 9), Some(0));
		assert_eq!(earned_from_payment(3, before, None, before, 900, 9), Some(300));
	}

	#[test]
	fn a_holder_that_left_earns_nothing_from_later_payments() {
		let joined_at = U256::zero();
		let left_at = advance(joined_at, 900, 9).unwrap();
		assert_eq!(earned_from_payment(3, joined_at, Some(left_at), joined_at, 900, 9), Some(300));
		assert_eq!(earned_from_payment(3, joined_at, Some(left_at), left_at, 900, 9), Some(0));
	}

	#[test]
	fn earnings_per_payment_sum_to_the_pending_reward() {
		// Join a pool whose reward per share is not a whole number of units per share.
		let joined_at = advance(U256::zero(), 10, 3).unwrap();
		let mut acc = joined_at;
		let shares = 7u128;
		let debt = entry_debt(shares, joined_at).unwrap();
		assert_eq!(debt, 24, "7 * 3.33… = 23.33… rounds up");
		let mut sum = 0u128;
		for (amount, total) in [(1_000u128, 13u128), (17, 29), (5, 7), (123_456_789, 1_001)] {
			sum += earned_from_payment(shares, joined_at, None, acc, amount, total).unwrap();
			acc = advance(acc, amount, total).unwrap();
		}
		assert_eq!(Some(sum), pending(shares, debt, acc));
	}

	#[test]
	fn rounding_the_entry_debt_up_keeps_the_pool_solvent() {
		// Two holders join at a fractional reward per share; flooring their debts would let
		// them claim a unit more between them than the pool received.
		let acc = advance(U256::zero(), 1, 3).unwrap(); // 0.333… per share
		let (a, b) = (2u128, 2u128);
		let (debt_a, debt_b) = (entry_debt(a, acc).unwrap(), entry_debt(b, acc).unwrap());
		let after = advance(acc, 1, a + b).unwrap(); // one more unit for the two of them
		let owed = pending(a, debt_a, after).unwrap() + pending(b, debt_b, after).unwrap();
		assert!(owed <= 1);
	}

	#[test]
	fn overflow_is_reported_not_wrapped() {
		assert_eq!(advance(U256::MAX, 1, 1), None);
		assert_eq!(accrued(u128::MAX, U256::MAX), None);
	}
}
