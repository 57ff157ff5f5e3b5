//! Creating and administering datasets, and publishing versions.

use super::*;
use frame_support::{assert_noop, assert_ok, traits::Footprint};
use openledger_primitives::{DatasetInspect, DatasetStatus};
use sp_runtime::TokenError;

#[test]
fn creating_a_dataset_holds_the_deposit_and_makes_the_caller_owner() {
	test(|| {
		let id = create();
		assert_eq!(id, 0);
		let info = dataset(id);
		assert_eq!(info.owner, OWNER);
		assert_eq!(info.status, DatasetStatus::Active);
		assert_eq!(info.policy, open(100));
		assert_eq!(info.version, 0);
		assert_eq!(info.version_root, H256::zero());
		assert_eq!(deposit_held(OWNER), DEPOSIT);
		assert_eq!(free(OWNER), ENDOWMENT - DEPOSIT);
		assert_eq!(
			last_event(),
			Event::DatasetCreated { dataset: 0, owner: OWNER, deposit: DEPOSIT }.into()
		);
		assert_eq!(create(), 1, "ids are sequential");
	});
}

#[test]
fn creating_a_dataset_fails_on_oversized_fields_or_no_funds() {
	test(|| {
		assert_noop!(
			Datasets::create_dataset(
				RuntimeOrigin::signed(STRANGER),
				bounded(vec![]),
				bounded(vec![]),
				open(0)
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn the_owner_sets_curators_metadata_and_policy() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![CURATOR])
		));
		assert_eq!(dataset(id).curators.into_inner(), vec![CURATOR]);
		assert_eq!(
			last_event(),
			Event::CuratorsSet { dataset: id, curators: vec![CURATOR] }.into()
		);

		assert_ok!(Datasets::update_metadata(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(b"new".to_vec()),
			bounded(b"MIT".to_vec())
		));
		assert_eq!(dataset(id).metadata.into_inner(), b"new".to_vec());
		assert_eq!(dataset(id).license.into_inner(), b"MIT".to_vec());
		assert_eq!(last_event(), Event::MetadataUpdated { dataset: id }.into());

		let closed = Policy { min_bond: 5, open: false };
		assert_ok!(Datasets::set_policy(RuntimeOrigin::signed(OWNER), id, closed));
		assert_eq!(dataset(id).policy, closed);
		assert_eq!(last_event(), Event::PolicySet { dataset: id, policy: closed }.into());
	});
}

#[test]
fn only_the_owner_administers_and_bounds_hold() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![CURATOR])
		));
		for who in [CURATOR, STRANGER] {
			let origin = || RuntimeOrigin::signed(who);
			assert_noop!(
				Datasets::set_curators(origin(), id, bounded(vec![])),
				Error::<Test>::NotOwner
			);
			assert_noop!(
				Datasets::update_metadata(origin(), id, bounded(vec![]), bounded(vec![])),
				Error::<Test>::NotOwner
			);
			assert_noop!(Datasets::set_policy(origin(), id, open(0)), Error::<Test>::NotOwner);
			assert_noop!(
				Datasets::transfer_ownership(origin(), id, Some(who)),
				Error::<Test>::NotOwner
			);
			assert_noop!(Datasets::freeze(origin(), id), Error::<Test>::NotOwner);
			assert_noop!(Datasets::retire(origin(), id), Error::<Test>::NotOwner);
		}
		assert_noop!(
			Datasets::set_curators(RuntimeOrigin::signed(OWNER), 7, bounded(vec![])),
			Error::<Test>::DatasetNotFound
		);
		assert_noop!(
			Datasets::set_curators(RuntimeOrigin::signed(OWNER), id, bounded(vec![2, 2])),
			Error::<Test>::DuplicateCurator
		);
	});
}

#[test]
fn owners_and_curators_keep_the_allow_list() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![CURATOR])
		));
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(CURATOR), id, ALICE, true));
		assert!(AllowList::<Test>::contains_key(id, ALICE));
		assert_eq!(
			last_event(),
			Event::AllowListUpdated { dataset: id, account: ALICE, allowed: true }.into()
		);
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, false));
		assert!(!AllowList::<Test>::contains_key(id, ALICE));
		assert_eq!(
			last_event(),
			Event::AllowListUpdated { dataset: id, account: ALICE, allowed: false }.into()
		);
		assert_noop!(
			Datasets::set_allowed(RuntimeOrigin::signed(STRANGER), id, ALICE, true),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::set_allowed(RuntimeOrigin::signed(OWNER), 9, ALICE, true),
			Error::<Test>::DatasetNotFound
		);
	});
}

/// What `who` holds for the allow-list entries it added.
fn allowance_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AllowListDeposit.into(), &who)
}

/// An entry's price here: 100, and one per byte of the 8-byte account it allows and its
/// 25-byte entry (the payer, the deposit, the option's tag).
const ALLOWANCE_DEPOSIT: Balance = CONTRIBUTION_BASE_DEPOSIT + 33 * CONTRIBUTION_BYTE_DEPOSIT;

#[test]
fn an_allow_list_entry_holds_a_deposit_from_whoever_added_it() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![CURATOR])
		));
		assert_eq!(Datasets::allowance_footprint(), Footprint::from_parts(1, 33));
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(CURATOR), id, ALICE, true));
		assert_eq!(allowance_held(CURATOR), ALLOWANCE_DEPOSIT);
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(CURATOR), id, BOB, true));
		assert_eq!(allowance_held(CURATOR), 2 * ALLOWANCE_DEPOSIT, "one deposit per entry");

		// Allowing an account again changes nothing and takes nothing more, from anyone.
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, true));
		assert_eq!((allowance_held(CURATOR), allowance_held(OWNER)), (2 * ALLOWANCE_DEPOSIT, 0));

		// The owner removes an entry the curator added: the curator has its deposit back.
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, false));
		assert_eq!((allowance_held(CURATOR), allowance_held(OWNER)), (ALLOWANCE_DEPOSIT, 0));
		// Removing an account that is not there releases nothing.
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, false));
		assert_eq!(allowance_held(CURATOR), ALLOWANCE_DEPOSIT);

		// A curator who cannot hold the deposit allows nobody.
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![STRANGER])
		));
		assert_noop!(
			Datasets::set_allowed(RuntimeOrigin::signed(STRANGER), id, CAROL, true),
			TokenError::FundsUnavailable
		);
		// A former curator's entries stay, with their deposits, until someone removes them;
		// the former curator itself may: no owner can keep its deposits held.
		assert!(AllowList::<Test>::contains_key(id, BOB));
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(CURATOR), id, BOB, false));
		assert_eq!(allowance_held(CURATOR), 0);
		assert!(!AllowList::<Test>::contains_key(id, BOB));
		// It may not add any more, nor remove an entry someone else paid for.
		assert_noop!(
			Datasets::set_allowed(RuntimeOrigin::signed(CURATOR), id, ALICE, true),
			Error::<Test>::NotCurator
		);
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, true));
		assert_noop!(
			Datasets::set_allowed(RuntimeOrigin::signed(CURATOR), id, ALICE, false),
			Error::<Test>::NotCurator
		);
	});
}

#[test]
fn a_retired_datasets_allow_list_can_still_be_emptied() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, true));
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(allowance_held(OWNER), ALLOWANCE_DEPOSIT, "retiring leaves the entries");
		assert_noop!(
			Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, BOB, true),
			Error::<Test>::DatasetRetired
		);
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, false));
		assert_eq!(allowance_held(OWNER), 0, "and removing one releases its deposit");
		assert!(!AllowList::<Test>::contains_key(id, ALICE));
	});
}

#[test]
fn ownership_moves_in_two_steps_and_the_deposit_moves_with_it() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(BOB)));
		assert_eq!(last_event(), Event::OwnershipOffered { dataset: id, to: Some(BOB) }.into());
		assert_eq!(dataset(id).owner, OWNER, "nothing changes until the offer is accepted");
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(CAROL), id),
			Error::<Test>::NoOwnershipOffer
		);
		assert_ok!(Datasets::accept_ownership(RuntimeOrigin::signed(BOB), id));
		assert_eq!(dataset(id).owner, BOB);
		assert_eq!(dataset(id).pending_owner, None);
		assert_eq!(deposit_held(BOB), DEPOSIT);
		assert_eq!(deposit_held(OWNER), 0);
		assert_eq!(
			last_event(),
			Event::OwnershipTransferred { dataset: id, from: OWNER, to: BOB }.into()
		);
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(BOB), 9),
			Error::<Test>::DatasetNotFound
		);
	});
}

#[test]
fn an_offer_can_be_withdrawn_and_needs_funds_to_accept() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(STRANGER)));
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(STRANGER), id),
			TokenError::FundsUnavailable
		);
		assert_ok!(Datasets::transfer_ownership(RuntimeOrigin::signed(OWNER), id, None));
		assert_eq!(last_event(), Event::OwnershipOffered { dataset: id, to: None }.into());
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NoOwnershipOffer
		);
	});
}

#[test]
fn freezing_stops_contributions_until_unfrozen() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::freeze(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(last_event(), Event::DatasetFrozen { dataset: id }.into());
		assert_eq!(Datasets::status(id), Some(DatasetStatus::Frozen));
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(ALICE),
				id,
				content(1),
				bounded(vec![]),
				Balance::MAX
			),
			Error::<Test>::DatasetNotActive
		);
		assert_noop!(
			Datasets::freeze(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::DatasetNotActive
		);
		assert_ok!(Datasets::unfreeze(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(last_event(), Event::DatasetUnfrozen { dataset: id }.into());
		assert_noop!(
			Datasets::unfreeze(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::DatasetNotFrozen
		);
		assert_noop!(Datasets::unfreeze(RuntimeOrigin::signed(BOB), id), Error::<Test>::NotOwner);
		submit(ALICE, id, 1);
	});
}

#[test]
fn retiring_releases_the_deposit_and_ends_administration() {
	test(|| {
		let id = create();
		let c = submit(ALICE, id, 1);
		assert_noop!(
			Datasets::retire(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::PendingContributions
		);
		accept(c, 10);
		assert_ok!(Datasets::publish_version(RuntimeOrigin::signed(OWNER), id));
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(
			last_event(),
			Event::DatasetRetired { dataset: id, deposit_released: DEPOSIT }.into()
		);
		assert_eq!(deposit_held(OWNER), 0);
		assert_eq!(Datasets::status(id), Some(DatasetStatus::Retired));
		assert!(Datasets::version_exists(id, 1), "versions stay citable");

		let owner = || RuntimeOrigin::signed(OWNER);
		assert_noop!(Datasets::retire(owner(), id), Error::<Test>::DatasetRetired);
		assert_noop!(
			Datasets::set_curators(owner(), id, bounded(vec![])),
			Error::<Test>::DatasetRetired
		);
		assert_noop!(
			Datasets::update_metadata(owner(), id, bounded(vec![]), bounded(vec![])),
			Error::<Test>::DatasetRetired
		);
		assert_noop!(Datasets::set_policy(owner(), id, open(0)), Error::<Test>::DatasetRetired);
		assert_noop!(Datasets::set_allowed(owner(), id, BOB, true), Error::<Test>::DatasetRetired);
		assert_noop!(
			Datasets::transfer_ownership(owner(), id, Some(BOB)),
			Error::<Test>::DatasetRetired
		);
		assert_noop!(Datasets::freeze(owner(), id), Error::<Test>::DatasetNotActive);
		assert_noop!(Datasets::publish_version(owner(), id), Error::<Test>::DatasetRetired);
		assert_noop!(
			Datasets::submit_contribution(
				RuntimeOrigin::signed(BOB),
				id,
				content(2),
				bounded(vec![]),
				Balance::MAX
			),
			Error::<Test>::DatasetNotActive
		);

		// Its contributors still earn and claim.
		pay(id, 1_000);
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(ALICE), u32::MAX));
	});
}

#[test]
fn a_retired_dataset_cannot_change_hands() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(BOB)));
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(OWNER), id));
		assert_noop!(
			Datasets::accept_ownership(RuntimeOrigin::signed(BOB), id),
			Error::<Test>::NoOwnershipOffer
		);
	});
}

#[test]
fn a_version_pins_the_content_accepted_so_far() {
	test(|| {
		let id = create();
		assert_ok!(Datasets::set_curators(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![CURATOR])
		));
		assert_noop!(
			Datasets::publish_version(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::NothingToPublish
		);
		let a = submit(ALICE, id, 1);
		let b = submit(BOB, id, 2);
		accept(a, 3);
		accept(b, 5);
		let root = Pallet::<Test>::next_root(
			Pallet::<Test>::next_root(H256::zero(), content(1)),
			content(2),
		);
		assert_eq!(dataset(id).version_root, root);

		assert_ok!(Datasets::publish_version(RuntimeOrigin::signed(CURATOR), id));
		assert_eq!(last_event(), Event::VersionPublished { dataset: id, version: 1, root }.into());
		let v1 = Versions::<Test>::get(id, 1).unwrap();
		assert_eq!((v1.root, v1.contributions, v1.total_shares), (root, 2, 8));
		assert!(Datasets::version_exists(id, 1));
		assert!(!Datasets::version_exists(id, 2));
		assert_noop!(
			Datasets::publish_version(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::NothingToPublish
		);
		assert_noop!(
			Datasets::publish_version(RuntimeOrigin::signed(STRANGER), id),
			Error::<Test>::NotCurator
		);
		assert_noop!(
			Datasets::publish_version(RuntimeOrigin::signed(OWNER), 9),
			Error::<Test>::DatasetNotFound
		);

		let c = submit(CAROL, id, 3);
		accept(c, 1);
		assert_ok!(Datasets::publish_version(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(dataset(id).version, 2);
		assert_ne!(Versions::<Test>::get(id, 2).unwrap().root, root);
	});
}
