//! Income: tips and a governed share of fees to the block's author, the rest to the
//! treasury, exactly.

use super::*;
use crate::DealWithFees;
use frame_support::traits::{
	fungible::{Balanced, Inspect},
	OnUnbalanced,
};
use proptest::prelude::*;
use sp_runtime::Perbill;

/// Hands a fee and a tip to the fee handler in a block authored by `author` (0: none);
/// returns what the author's and the treasury's balances grew by.
fn pay(author: AccountId, fee: u128, tip: u128) -> (u128, u128) {
	set_author(author);
	run_to(System::block_number() + 1);
	let before = (Balances::balance(&author), Balances::balance(&TREASURY));
	let issuance = Balances::total_issuance();
	let credits = [Balances::issue(fee), Balances::issue(tip)];
	DealWithFees::<Test>::on_unbalanceds(credits.into_iter());
	assert_eq!(Balances::total_issuance(), issuance + fee + tip, "a unit created or lost");
	(Balances::balance(&author) - before.0, Balances::balance(&TREASURY) - before.1)
}

#[test]
fn the_author_gets_the_tip_and_its_share_of_the_fee_the_treasury_the_rest() {
	test(|| {
		assert_eq!(ValidatorSet::author_fee_share(), Perbill::from_percent(20));
		// 20 % of 1 001 is 200.2: the author's part is rounded down, the treasury gets 801.
		assert_eq!(pay(1, 1_001, 7), (200 + 7, 801));
		assert_eq!(pay(2, 0, 5), (5, 0));
	});
}

#[test]
fn with_no_author_everything_goes_to_the_treasury() {
	test(|| {
		assert_eq!(pay(0, 1_000, 7), (0, 1_007));
	});
}

#[test]
fn governance_sets_the_authors_share() {
	test(|| {
		assert_noop!(
			ValidatorSet::set_author_fee_share(RuntimeOrigin::signed(1), Perbill::one()),
			DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::set_author_fee_share(
			RuntimeOrigin::root(),
			Perbill::from_percent(50)
		));
		assert_eq!(
			last_event(),
			Event::AuthorFeeShareSet { share: Perbill::from_percent(50) }.into()
		);
		assert_eq!(pay(3, 999, 0), (499, 500));
	});
}

#[test]
fn who_authored_is_noted_each_block() {
	test(|| {
		run_to_authored_by(3, &[2, 1]);
		let mut authored = AuthoredThisSession::<Test>::get().into_inner();
		authored.sort();
		assert_eq!(authored, vec![1, 2]);
		// A new session starts a new list.
		run_to_authored_by(SESSION, &[3]);
		assert_eq!(AuthoredThisSession::<Test>::get().into_inner(), vec![3]);
	});
}

proptest! {
	#[test]
	fn the_parts_add_up_to_the_fee_and_the_tip(
		fee in 0u128..u64::MAX as u128,
		tip in 0u128..u64::MAX as u128,
		share in 0u32..=1_000_000_000,
		author in 0u64..=3,
	) {
		test(|| {
			let share = Perbill::from_parts(share);
			AuthorFeeShare::<Test>::put(share);
			let (to_author, to_treasury) = pay(author, fee, tip);
			assert_eq!(to_author + to_treasury, fee + tip);
			if author == 0 {
				assert_eq!(to_author, 0);
			} else {
				assert_eq!(to_author, share.mul_floor(fee) + tip);
			}
		});
	}
}
