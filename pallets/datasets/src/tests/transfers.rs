//! Selling a contribution (`features/transfers.rs`): settlement of the seller, what the buyer
//! earns, deposits, listings (for anyone, or for one buyer: a gift) and every refusal.

use super::*;
use crate::{Listing, Listings};
use frame_support::assert_noop;

/// `OWNER`'s dataset with contributions of `ALICE` (1 share) and `BOB` (3 shares), accepted.
fn two_holders() -> (DatasetId, ContributionId, ContributionId) {
	let id = create();
	let alices = submit(ALICE, id, 1);
	let bobs = submit(BOB, id, 2);
	accept(alices, 1);
	accept(bobs, 3);
	(id, alices, bobs)
}

/// `seller` lists `contribution` at `price`, to anyone or to `buyer` only.
fn list(seller: AccountId, contribution: ContributionId, price: Balance, buyer: Option<AccountId>) {
	assert_ok!(Datasets::list_contribution(
		RuntimeOrigin::signed(seller),
		contribution,
		price,
		buyer
	));
}

#[test]
fn a_gift_pays_the_giver_what_it_earned_and_the_recipient_what_is_paid_after() {
	test(|| {
		let (id, alices, _) = two_holders();
		pay(id, 400);
		let (alice_before, carol_before) = (free(ALICE), free(CAROL));
		// A gift is a listing at price 0 to its recipient, who accepts it by buying it.
		list(ALICE, alices, 0, Some(CAROL));
		assert_eq!(
			last_event(),
			Event::ContributionListed {
				contribution: alices,
				seller: ALICE,
				price: 0,
				buyer: Some(CAROL)
			}
			.into()
		);
		assert_ok!(Datasets::buy_contribution(RuntimeOrigin::signed(CAROL), alices, 0));
		assert_eq!(
			last_event(),
			Event::ContributionTransferred {
				contribution: alices,
				from: ALICE,
				to: CAROL,
				settled: 100,
				price: 0
			}
			.into()
		);
		// The giver got its 100 and its storage deposit back; the recipient holds the deposit.
		assert_eq!(free(ALICE), alice_before + 100 + ROW_DEPOSIT);
		assert_eq!(storage_held(ALICE), 0);
		assert_eq!(storage_held(CAROL), ROW_DEPOSIT);
		assert_eq!(free(CAROL), carol_before - ROW_DEPOSIT);
		assert_eq!(contribution(alices).contributor, CAROL);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(alices)), 0, "nothing to it yet");
		assert!(AccountContributions::<Test>::get(ALICE).is_empty());
		assert_eq!(AccountContributions::<Test>::get(CAROL).into_inner(), vec![alices]);
		// What the pool pays from now on is the recipient's.
		pay(id, 400);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(alices)), 100);
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(CAROL), 1));
		assert_eq!(free(CAROL), carol_before - ROW_DEPOSIT + 100);
		assert_noop!(
			without_weight(Datasets::claim_all(RuntimeOrigin::signed(ALICE), 8)),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn the_debt_of_a_position_never_decreases_so_a_pool_never_owes_more_than_it_holds() {
	test(|| {
		let id = create();
		let first = submit(ALICE, id, 1);
		accept(first, 2);
		// Half a unit per share: a contribution joining now owes a rounded-up debt of 1.
		pay(id, 1);
		let mut late = Vec::new();
		for n in 0..4 {
			let c = submit(BOB, id, 10 + n);
			accept(c, 1);
			late.push(c);
		}
		for c in &late {
			// Nothing to settle yet, and the debt must stay at its rounded-up 1.
			list(BOB, *c, 0, Some(CAROL));
			assert_ok!(Datasets::buy_contribution(RuntimeOrigin::signed(CAROL), *c, 0));
			assert_eq!(
				last_event(),
				Event::ContributionTransferred {
					contribution: *c,
					from: BOB,
					to: CAROL,
					settled: 0,
					price: 0
				}
				.into()
			);
		}
		pay(id, 3);
		// 4 units in the pool: the first contribution may claim 1 + 1, each late one less
		// than 1 (rounded down to 0): the pool owes no more than it holds (`try_state`, at the
		// end of the test, checks it too).
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(first)), 2);
		for c in &late {
			assert_eq!(Pallet::<Test>::pending_reward(&contribution(*c)), 0);
		}
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(ALICE), 1));
	});
}

#[test]
fn only_the_contributor_lists_and_only_an_accepted_contribution() {
	test(|| {
		let (id, alices, bobs) = two_holders();
		let pending = submit(CAROL, id, 3);
		let signed = RuntimeOrigin::signed;
		assert_noop!(
			Datasets::list_contribution(signed(STRANGER), alices, 1, None),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::list_contribution(signed(BOB), alices, 1, None),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::list_contribution(signed(CAROL), pending, 1, None),
			Error::<Test>::NotAccepted
		);
		assert_noop!(
			Datasets::list_contribution(signed(ALICE), alices, 0, Some(ALICE)),
			Error::<Test>::SameAccount
		);
		assert_noop!(
			Datasets::list_contribution(signed(ALICE), 99, 1, None),
			Error::<Test>::ContributionNotFound
		);
		// Taken down: it earns nothing, and is not for sale.
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), bobs));
		assert_noop!(
			Datasets::list_contribution(signed(BOB), bobs, 1, None),
			Error::<Test>::NotAccepted
		);
	});
}

#[test]
fn a_listing_for_one_buyer_is_for_that_buyer_only() {
	test(|| {
		let (_, alices, _) = two_holders();
		list(ALICE, alices, 0, Some(CAROL));
		assert_noop!(
			Datasets::buy_contribution(RuntimeOrigin::signed(BOB), alices, 0),
			Error::<Test>::NotTheBuyer
		);
		assert_noop!(
			Datasets::buy_contribution(RuntimeOrigin::signed(STRANGER), alices, Balance::MAX),
			Error::<Test>::NotTheBuyer
		);
	});
}

#[test]
fn a_buyer_with_a_full_list_is_refused_and_nothing_moves() {
	test(|| {
		let (id, alices, _) = two_holders();
		for n in 0..8 {
			submit(CAROL, id, 10 + n);
		}
		list(ALICE, alices, 0, None);
		assert_noop!(
			Datasets::buy_contribution(RuntimeOrigin::signed(CAROL), alices, 0),
			Error::<Test>::TooManyContributions
		);
	});
}

#[test]
fn a_listed_contribution_is_bought_at_its_price_and_no_higher() {
	test(|| {
		let (id, alices, _) = two_holders();
		pay(id, 400);
		let signed = RuntimeOrigin::signed;
		list(ALICE, alices, 1_000, None);
		// The seller raised the price after the buyer looked: refused, nothing paid.
		list(ALICE, alices, 2_000, None);
		assert_eq!(Listings::<Test>::get(alices), Some(Listing { price: 2_000, buyer: None }));
		assert_noop!(
			Datasets::buy_contribution(signed(CAROL), alices, 1_000),
			Error::<Test>::PriceAboveMax
		);
		assert_noop!(
			Datasets::buy_contribution(signed(ALICE), alices, 2_000),
			Error::<Test>::SameAccount
		);
		let (alice_before, carol_before) = (free(ALICE), free(CAROL));
		assert_ok!(Datasets::buy_contribution(signed(CAROL), alices, 2_000));
		assert_eq!(
			last_event(),
			Event::ContributionTransferred {
				contribution: alices,
				from: ALICE,
				to: CAROL,
				settled: 100,
				price: 2_000
			}
			.into()
		);
		assert_eq!(free(ALICE), alice_before + 100 + 2_000 + ROW_DEPOSIT);
		assert_eq!(free(CAROL), carol_before - 2_000 - ROW_DEPOSIT);
		assert!(!Listings::<Test>::contains_key(alices), "a sale ends the listing");
		assert_noop!(
			Datasets::buy_contribution(signed(BOB), alices, 2_000),
			Error::<Test>::NotListed
		);
	});
}

#[test]
fn listings_are_the_contributors_and_end_with_the_contribution() {
	test(|| {
		let (_, alices, bobs) = two_holders();
		let signed = RuntimeOrigin::signed;
		assert_noop!(
			Datasets::unlist_contribution(signed(ALICE), alices),
			Error::<Test>::NotListed
		);
		list(ALICE, alices, 5, None);
		assert_noop!(
			Datasets::unlist_contribution(signed(BOB), alices),
			Error::<Test>::NotContributor
		);
		assert_ok!(Datasets::unlist_contribution(signed(ALICE), alices));
		assert_eq!(last_event(), Event::ContributionUnlisted { contribution: alices }.into());
		assert!(!Listings::<Test>::contains_key(alices));
		// Governance takes a listed contribution down: the listing goes with it.
		list(BOB, bobs, 5, None);
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), bobs));
		assert!(!Listings::<Test>::contains_key(bobs));
		assert_noop!(Datasets::buy_contribution(signed(CAROL), bobs, 5), Error::<Test>::NotListed);
	});
}

#[test]
fn a_buyer_who_cannot_pay_is_refused_and_nothing_moves() {
	test(|| {
		let (_, alices, _) = two_holders();
		list(ALICE, alices, ENDOWMENT * 2, None);
		assert!(Datasets::buy_contribution(RuntimeOrigin::signed(CAROL), alices, ENDOWMENT * 2)
			.is_err());
		assert_eq!(contribution(alices).contributor, ALICE);
	});
}
