//! Submitting, withdrawing, reviewing and removing contributions.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use sp_runtime::{DispatchError, Perbill, TokenError};

#[test]
fn submitting_holds_the_bond_and_the_storage_deposit_and_indexes_the_contribution() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		assert_eq!(c, 0);
		let record = contribution(c);
		assert_eq!(record.contributor, ALICE);
		assert_eq!(record.dataset, id);
		assert_eq!(record.bond, 100);
		assert_eq!(record.status, ContributionStatus::Pending);
		assert!(record.deposit.is_some());
		assert_eq!(bond_held(ALICE), 100);
		assert_eq!(storage_held(ALICE), ROW_DEPOSIT);
		assert_eq!(free(ALICE), ENDOWMENT - 100 - ROW_DEPOSIT);
		assert_eq!(Pallet::<Test>::contribution_footprint(&record).size, 207);
		// Content enters the index when it is accepted, not when it is submitted.
		assert_eq!(ContentIndex::<Test>::get(id, content(1)), None);
		assert_eq!(AccountContributions::<Test>::get(ALICE).into_inner(), vec![c]);
		assert_eq!(dataset(id).pending, 1);
		assert_eq!(
			last_event(),
			Event::ContributionSubmitted {
				contribution: c,
				dataset: id,
				contributor: ALICE,
				content_hash: content(1),
				bond: 100
			}
			.into()
		);
	});
}

#[test]
fn submitting_refuses_bad_input() {
	test(|| {
		let id = create();
		submit(ALICE, id, 1);
		let alice = || RuntimeOrigin::signed(ALICE);
		assert_noop!(
			Datasets::submit_contribution(alice(), 9, content(2), bounded(vec![]), Balance::MAX),
			Error::<Test>::DatasetNotFound
		);
		// The dataset's bond (100) above what the contributor signed for.
		assert_noop!(
			Datasets::submit_contribution(alice(), id, content(2), bounded(vec![]), 99),
			Error::<Test>::BondAboveMax
		);
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(STRANGER),
				id,
				content(2),
				bounded(vec![]),
				Balance::MAX
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn a_contribution_without_a_bond_still_pays_its_storage_deposit() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_policy(RuntimeOrigin::signed(OWNER), id, open(0)));
		// Enough for the bond (none) but not for the deposit: refused, nothing held.
		Balances::set_balance(&STRANGER, ED + ROW_DEPOSIT - 1);
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(STRANGER),
				id,
				content(2),
				bounded(b"row".to_vec()),
				Balance::MAX
			),
			TokenError::FundsUnavailable
		);
		Balances::set_balance(&STRANGER, ED + ROW_DEPOSIT);
		let c = submit(STRANGER, id, 2);
		assert_eq!((bond_held(STRANGER), storage_held(STRANGER)), (0, ROW_DEPOSIT));
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(STRANGER), c));
		assert_eq!((storage_held(STRANGER), free(STRANGER)), (0, ED + ROW_DEPOSIT));
	});
}

#[test]
fn the_storage_deposit_grows_with_the_metadata() {
	test(|| {
		let id = create();
		let short = submit(ALICE, id, 1);
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(BOB),
			id,
			content(2),
			bounded(vec![b'm'; 64]),
			Balance::MAX
		));
		let long = NextContributionId::<Test>::get() - 1;
		let footprint = |c| Pallet::<Test>::contribution_footprint(&contribution(c)).size;
		assert_eq!(footprint(long) - footprint(short), 61);
		assert_eq!(storage_held(BOB) - storage_held(ALICE), 61 * CONTRIBUTION_BYTE_DEPOSIT);
		// Accepting does not change it.
		accept(short, 1);
		assert_eq!(footprint(short), 207);
		assert_eq!(storage_held(ALICE), ROW_DEPOSIT);
	});
}

#[test]
fn a_closed_dataset_takes_only_allowed_contributors() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_policy(
			RuntimeOrigin::signed(OWNER),
			id,
			Policy { min_bond: 0, open: false }
		));
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(ALICE),
				id,
				content(1),
				bounded(vec![]),
				Balance::MAX
			),
			Error::<Test>::NotAllowed
		);
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, true));
		submit(ALICE, id, 1);
	});
}

#[test]
fn an_account_has_a_bounded_number_of_live_contributions() {
	test(|| {
		let id = create();
		for n in 0..8 {
			submit(ALICE, id, n);
		}
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(ALICE),
				id,
				content(9),
				bounded(vec![]),
				Balance::MAX
			),
			Error::<Test>::TooManyContributions
		);
		// A rejected one frees its slot.
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(OWNER),
			0,
			Verdict::Reject { slash: Perbill::zero() }
		));
		submit(ALICE, id, 9);
	});
}

#[test]
fn withdrawing_a_pending_contribution_returns_the_bond_and_frees_the_content() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(BOB), c),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(ALICE), 9),
			Error::<Test>::ContributionNotFound
		);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(ALICE), c));
		assert_eq!(
			last_event(),
			Event::ContributionWithdrawn { contribution: c, bond_released: 100 }.into()
		);
		assert_eq!((bond_held(ALICE), storage_held(ALICE)), (0, 0));
		assert_eq!(free(ALICE), ENDOWMENT);
		assert!(Contributions::<Test>::get(c).is_none());
		assert!(ContentIndex::<Test>::get(id, content(1)).is_none());
		assert!(AccountContributions::<Test>::get(ALICE).is_empty());
		assert_eq!(dataset(id).pending, 0);
		submit(BOB, id, 1);
	});
}

#[test]
fn only_a_pending_contribution_can_be_withdrawn() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		accept(c, 1);
		assert_noop!(
			Datasets::withdraw_contribution(RuntimeOrigin::signed(ALICE), c),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn accepting_releases_the_bond_keeps_the_storage_deposit_and_joins_the_pool() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![CURATOR])
		));
		let c = submit(ALICE, id, 1);
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(CURATOR),
			c,
			Verdict::Accept { shares: 7 }
		));
		let root = Pallet::<Test>::next_root(H256::zero(), content(1));
		assert_eq!(
			last_event(),
			Event::ContributionAccepted {
				contribution: c,
				dataset: id,
				shares: 7,
				version_root: root
			}
			.into()
		);
		assert_eq!((bond_held(ALICE), storage_held(ALICE)), (0, ROW_DEPOSIT));
		assert_eq!(free(ALICE), ENDOWMENT - ROW_DEPOSIT);
		let info = dataset(id);
		assert_eq!((info.total_shares, info.accepted, info.pending), (7, 1, 0));
		assert!(matches!(contribution(c).status, ContributionStatus::Accepted { shares: 7, .. }));
	});
}

#[test]
fn reviewing_refuses_bad_input() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		let owner = || RuntimeOrigin::signed(OWNER);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				RuntimeOrigin::signed(BOB),
				c,
				Verdict::Accept { shares: 1 }
			)),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				owner(),
				9,
				Verdict::Accept { shares: 1 }
			)),
			Error::<Test>::ContributionNotFound
		);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				owner(),
				c,
				Verdict::Accept { shares: 0 }
			)),
			Error::<Test>::InvalidShares
		);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				owner(),
				c,
				Verdict::Accept { shares: 1_000_001 }
			)),
			Error::<Test>::InvalidShares
		);
		assert_ok!(Datasets::freeze(owner(), id));
		assert_noop!(
			without_weight(Datasets::review_contribution(
				owner(),
				c,
				Verdict::Accept { shares: 1 }
			)),
			Error::<Test>::DatasetNotActive
		);
		assert_ok!(Datasets::unfreeze(owner(), id));
		accept(c, 1);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				owner(),
				c,
				Verdict::Accept { shares: 1 }
			)),
			Error::<Test>::NotPending
		);
	});
}

#[test]
fn a_pool_cannot_grow_past_its_share_limit() {
	test(|| {
		let id = create();
		DatasetStore::<Test>::mutate(id, |info| {
			info.as_mut().unwrap().total_shares = openledger_primitives::reward_pool::SCALE
		});
		let c = submit(ALICE, id, 1);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				RuntimeOrigin::signed(OWNER),
				c,
				Verdict::Accept { shares: 1 }
			)),
			Error::<Test>::PoolFull
		);
		DatasetStore::<Test>::mutate(id, |info| info.as_mut().unwrap().total_shares = 0);
	});
}

#[test]
fn rejecting_slashes_part_of_the_bond_to_the_owner_and_the_contribution_leaves_state() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		let owner_before = free(OWNER);
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(OWNER),
			c,
			Verdict::Reject { slash: Perbill::from_percent(30) }
		));
		assert_eq!(
			last_event(),
			Event::ContributionRejected {
				contribution: c,
				dataset: id,
				slashed: 30,
				slashed_to: OWNER,
				released: 70
			}
			.into()
		);
		assert_eq!((bond_held(ALICE), storage_held(ALICE)), (0, 0));
		assert_eq!(free(ALICE), ENDOWMENT - 30);
		assert_eq!(free(OWNER), owner_before + 30);
		assert!(Contributions::<Test>::get(c).is_none());
		assert!(ContentIndex::<Test>::get(id, content(1)).is_none());
		assert!(AccountContributions::<Test>::get(ALICE).is_empty());
		assert_eq!(dataset(id).pending, 0);
		assert_noop!(
			without_weight(Datasets::review_contribution(
				RuntimeOrigin::signed(OWNER),
				c,
				Verdict::Reject { slash: Perbill::zero() }
			)),
			Error::<Test>::ContributionNotFound
		);
		// The content may be brought again, with a new bond and deposit, and reviewed again.
		let again = submit(BOB, id, 1);
		assert_ne!(again, c);
	});
}

#[test]
fn rejecting_can_slash_to_the_treasury_and_rounds_down() {
	test(|| {
		SlashTo::set(SlashBeneficiary::Treasury);
		let id = create();
		let c = submit(ALICE, id, 1);
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(OWNER),
			c,
			Verdict::Reject { slash: Perbill::from_parts(333_333_333) }
		));
		// 33.3333333% of 100 is 33.33…: the slash floors to 33.
		assert_eq!(free(TREASURY), ED + 33);
		assert_eq!(free(ALICE), ENDOWMENT - 33);
		SlashTo::set(SlashBeneficiary::DatasetOwner);
	});
}

#[test]
fn governance_removes_an_accepted_contribution_after_paying_it() {
	test(|| {
		let id = create();
		let a = submit(ALICE, id, 1);
		let b = submit(BOB, id, 2);
		accept(a, 1);
		accept(b, 1);
		pay(id, 1_000);
		assert_noop!(
			Datasets::remove_contribution(RuntimeOrigin::signed(OWNER), a),
			DispatchError::BadOrigin
		);
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), a));
		assert_eq!(
			last_event(),
			Event::ContributionRemoved {
				contribution: a,
				dataset: id,
				settled: 500,
				bond_released: 0
			}
			.into()
		);
		assert_eq!(free(ALICE), ENDOWMENT - ROW_DEPOSIT + 500);
		// It stays in state (the version root includes it), and so does its deposit.
		assert_eq!(storage_held(ALICE), ROW_DEPOSIT);
		assert_eq!(dataset(id).total_shares, 1);
		assert!(matches!(
			contribution(a).status,
			ContributionStatus::Removed { shares: 1, claimed: 500, .. }
		));
		// Later payments go to the remaining shareholder only.
		pay(id, 1_000);
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(BOB), u32::MAX));
		assert_eq!(free(BOB), ENDOWMENT - ROW_DEPOSIT + 1_500);
		assert_noop!(
			Datasets::claim_rewards(RuntimeOrigin::signed(ALICE), bounded(vec![a])),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			Datasets::remove_contribution(RuntimeOrigin::root(), a),
			Error::<Test>::NotRemovable
		);
		assert_noop!(
			Datasets::remove_contribution(RuntimeOrigin::root(), 9),
			Error::<Test>::ContributionNotFound
		);
	});
}

#[test]
fn governance_removes_a_pending_contribution_which_leaves_state() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), c));
		assert_eq!(
			last_event(),
			Event::ContributionRemoved {
				contribution: c,
				dataset: id,
				settled: 0,
				bond_released: 100
			}
			.into()
		);
		assert_eq!((bond_held(ALICE), storage_held(ALICE)), (0, 0));
		assert_eq!(free(ALICE), ENDOWMENT);
		assert_eq!(dataset(id).pending, 0);
		assert!(Contributions::<Test>::get(c).is_none());
		assert!(AccountContributions::<Test>::get(ALICE).is_empty());
		assert_noop!(
			Datasets::remove_contribution(RuntimeOrigin::root(), c),
			Error::<Test>::ContributionNotFound
		);
	});
}

#[test]
fn a_contributor_never_has_more_held_than_the_bond_it_signed_for() {
	test(|| {
		let id = create();
		// The contributor saw a bond of 100 and signs for at most that…
		let signed_for = dataset(id).policy.min_bond;
		// …and the owner raises it before the submission runs (a front-run set_policy).
		assert_ok!(Datasets::set_policy(RuntimeOrigin::signed(OWNER), id, open(500_000)));
		let before = free(ALICE);
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(ALICE),
				id,
				content(1),
				bounded(b"row".to_vec()),
				signed_for
			),
			Error::<Test>::BondAboveMax
		);
		assert_eq!((free(ALICE), bond_held(ALICE)), (before, 0));
		// At the bond it signed for, or under it, it goes through and holds exactly that.
		assert_ok!(Datasets::set_policy(RuntimeOrigin::signed(OWNER), id, open(signed_for)));
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(ALICE),
			id,
			content(1),
			bounded(b"row".to_vec()),
			signed_for
		));
		assert_eq!(bond_held(ALICE), signed_for);
	});
}

#[test]
fn the_same_content_may_be_pending_from_several_contributors_and_one_is_accepted() {
	test(|| {
		let id = create();
		// The author submits; a squatter who saw the hash submits the same content (first,
		// with a higher tip, it would not matter): both are pending.
		let author = submit(ALICE, id, 1);
		let squatter = submit(BOB, id, 1);
		assert_eq!(dataset(id).pending, 2);
		assert_eq!(ContentIndex::<Test>::get(id, content(1)), None);

		// The curators accept the author's; the copy can then only be rejected (or withdrawn).
		accept(author, 10);
		assert_eq!(ContentIndex::<Test>::get(id, content(1)), Some(author));
		assert_noop!(
			without_weight(Datasets::review_contribution(
				RuntimeOrigin::signed(OWNER),
				squatter,
				Verdict::Accept { shares: 10 }
			)),
			Error::<Test>::DuplicateContent
		);
		SlashTo::set(SlashBeneficiary::Treasury);
		let treasury = free(TREASURY);
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(OWNER),
			squatter,
			Verdict::Reject { slash: Perbill::one() }
		));
		assert_eq!(free(TREASURY) - treasury, 100, "the squatter's bond, to the treasury");
		SlashTo::set(SlashBeneficiary::DatasetOwner);
		assert_eq!(ContentIndex::<Test>::get(id, content(1)), Some(author));
		// Accepted content cannot be submitted again.
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(CAROL),
				id,
				content(1),
				bounded(vec![]),
				Balance::MAX
			),
			Error::<Test>::DuplicateContent
		);
	});
}

#[test]
fn a_pending_contribution_indexed_before_spec_version_108_does_not_block_its_content() {
	test(|| {
		let id = create();
		// Before spec_version 108 a submission entered the content index at once; such a
		// pending entry stays (there is no migration) and must neither block a copy nor keep
		// its content once it leaves.
		let old = submit(ALICE, id, 1);
		ContentIndex::<Test>::insert(id, content(1), old);
		let copy = submit(BOB, id, 1);
		accept(copy, 1);
		assert_eq!(ContentIndex::<Test>::get(id, content(1)), Some(copy));
		assert_noop!(
			without_weight(Datasets::review_contribution(
				RuntimeOrigin::signed(OWNER),
				old,
				Verdict::Accept { shares: 1 }
			)),
			Error::<Test>::DuplicateContent
		);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(ALICE), old));
		assert_eq!(ContentIndex::<Test>::get(id, content(1)), Some(copy), "the copy keeps it");

		// Another old entry, whose contribution leaves state pending: the entry leaves with it.
		let other = submit(CAROL, id, 2);
		ContentIndex::<Test>::insert(id, content(2), other);
		assert_ok!(Datasets::withdraw_contribution(RuntimeOrigin::signed(CAROL), other));
		assert_eq!(ContentIndex::<Test>::get(id, content(2)), None);
		// And accepted in place, the old entry is its own.
		let third = submit(CAROL, id, 3);
		ContentIndex::<Test>::insert(id, content(3), third);
		accept(third, 1);
		assert_eq!(ContentIndex::<Test>::get(id, content(3)), Some(third));
	});
}
