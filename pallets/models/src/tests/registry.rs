//! Registering models and managing their terms, versions and attestors.

use super::*;
use crate::VersionDeposits;
use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Mutate, Footprint},
};
use openledger_primitives::{ModelInspect, ModelStatus, ModelTerms};
use sp_core::H256;
use sp_runtime::TokenError;

#[test]
fn registering_holds_the_deposit_and_records_the_terms() {
	test(|| {
		let id = register(OWNER, None);
		assert_eq!(id, 0);
		let info = model(id);
		assert_eq!((info.owner, info.base_model, info.depth), (OWNER, None, 0));
		assert_eq!((info.price, info.split, info.status), (1_000, split(30), ModelStatus::Active));
		assert_eq!(info.royalty, Perbill::from_percent(10));
		assert_eq!(deposit_held(OWNER), DEPOSIT);
		assert_eq!(
			last_event(),
			Event::ModelRegistered {
				model: id,
				owner: OWNER,
				base_model: None,
				royalty: Perbill::from_percent(10),
				deposit: DEPOSIT
			}
			.into()
		);
		assert_eq!(
			Models::terms(id),
			Some(ModelTerms {
				owner: OWNER,
				status: ModelStatus::Active,
				price: 1_000,
				split: split(30)
			})
		);
	});
}

#[test]
fn registering_refuses_bad_terms() {
	test(|| {
		let register = |who, base, model_share| {
			Models::register_model(
				RuntimeOrigin::signed(who),
				bounded(vec![]),
				bounded(vec![]),
				base,
				Perbill::zero(),
				0,
				split(model_share),
			)
		};
		assert_noop!(register(OWNER, None, 51), Error::<Test>::ModelShareTooHigh);
		assert_noop!(register(OWNER, Some(7), 10), Error::<Test>::BaseModelNotFound);
		assert_noop!(register(STRANGER, None, 10), TokenError::FundsUnavailable);
		let base = super::register(OWNER, None);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(OWNER), base));
		assert_noop!(register(BOB, Some(base), 10), Error::<Test>::BaseModelDeprecated);
	});
}

#[test]
fn versions_cite_published_dataset_versions_with_weights_up_to_100_percent() {
	test(|| {
		let id = register(OWNER, None);
		let training = vec![(1, 2, Perbill::from_percent(60)), (3, 1, Perbill::from_percent(40))];
		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(OWNER),
			id,
			H256::repeat_byte(9),
			bounded(training.clone()),
			None
		));
		assert_eq!(
			last_event(),
			Event::VersionPublished {
				model: id,
				version: 1,
				artifact_hash: H256::repeat_byte(9),
				training: training.clone(),
				base_version: None,
			}
			.into()
		);
		assert_eq!(model(id).versions, 1);
		assert_eq!(Models::training(id, 1), Some(training));
		assert_eq!(Models::training(id, 2), None);
		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(OWNER),
			id,
			H256::zero(),
			bounded(vec![]),
			None
		));
		assert_eq!(model(id).versions, 2, "versions are appended");
		assert!(Versions::<Test>::contains_key(id, 1), "and never replaced");
	});
}

/// What `who` holds for its models' versions.
fn version_deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::VersionDeposit.into(), &who)
}

/// One version's price here: its largest encoding (a 32-byte hash, four 16-byte training
/// sets with their length, an 8-byte block number, the base version it pins: 5 bytes) at one
/// unit per byte.
const PER_VERSION: Balance = 110 * VERSION_BYTE_DEPOSIT;

#[test]
fn versions_pay_a_storage_deposit_that_grows_with_each() {
	test(|| {
		let id = register(OWNER, None);
		assert_eq!(version_deposit_held(OWNER), 0, "no versions, no deposit");
		assert!(!VersionDeposits::<Test>::contains_key(id));
		let publish = |training| {
			assert_ok!(Models::publish_version(
				RuntimeOrigin::signed(OWNER),
				id,
				H256::zero(),
				bounded(training),
				None
			));
		};
		publish(vec![]);
		assert_eq!(version_deposit_held(OWNER), VERSION_BASE_DEPOSIT + PER_VERSION);
		publish(vec![(1, 2, Perbill::from_percent(60)), (3, 1, Perbill::from_percent(40))]);
		assert_eq!(
			version_deposit_held(OWNER),
			VERSION_BASE_DEPOSIT + 2 * PER_VERSION,
			"each version adds its price, whatever it cites"
		);
		assert_eq!(Models::versions_footprint(2), Footprint::from_parts(2, 110));

		let other = register(OWNER, None);
		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(OWNER),
			other,
			H256::zero(),
			bounded(vec![]),
			None
		));
		assert_eq!(
			version_deposit_held(OWNER),
			2 * VERSION_BASE_DEPOSIT + 3 * PER_VERSION,
			"each model's versions have a deposit of their own"
		);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(
			version_deposit_held(OWNER),
			2 * VERSION_BASE_DEPOSIT + 3 * PER_VERSION,
			"a deprecated model's versions stay, and so does their deposit"
		);
	});
}

#[test]
fn publishing_is_refused_without_funds_for_the_versions_deposit() {
	test(|| {
		const POOR: AccountId = 5;
		let funds = ED + DEPOSIT + PER_VERSION;
		assert_eq!(<Balances as Mutate<_>>::set_balance(&POOR, funds), funds);
		let id = register(POOR, None);
		assert_noop!(
			Models::publish_version(
				RuntimeOrigin::signed(POOR),
				id,
				H256::zero(),
				bounded(vec![]),
				None
			),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn versions_from_before_the_deposit_pay_with_the_next_version() {
	test(|| {
		let id = register(OWNER, None);
		// Two versions published before the deposit existed (spec_version 105): in state,
		// no deposit.
		for version in 1..=2 {
			Versions::<Test>::insert(
				id,
				version,
				crate::VersionInfo {
					artifact_hash: H256::zero(),
					training: Default::default(),
					published_at: 0,
					base_version: None,
				},
			);
		}
		ModelStore::<Test>::mutate(id, |info| {
			if let Some(info) = info {
				info.versions = 2;
			}
		});
		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(BOB)));
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX));
		assert_eq!((version_deposit_held(OWNER), version_deposit_held(BOB)), (0, 0));

		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(BOB),
			id,
			H256::zero(),
			bounded(vec![]),
			None
		));
		assert_eq!(
			version_deposit_held(BOB),
			VERSION_BASE_DEPOSIT + 3 * PER_VERSION,
			"the next version's deposit covers all three"
		);
	});
}

#[test]
fn publishing_refuses_bad_training_sets() {
	test(|| {
		let id = register(OWNER, None);
		let publish = |who, model, training| {
			Models::publish_version(
				RuntimeOrigin::signed(who),
				model,
				H256::zero(),
				bounded(training),
				None,
			)
		};
		let p = Perbill::from_percent;
		assert_noop!(publish(BOB, id, vec![]), Error::<Test>::NotOwner);
		assert_noop!(publish(OWNER, 9, vec![]), Error::<Test>::ModelNotFound);
		assert_noop!(
			publish(OWNER, id, vec![(1, 1, p(60)), (2, 1, p(41))]),
			Error::<Test>::TrainingWeightsOverflow
		);
		assert_noop!(
			publish(OWNER, id, vec![(1, 1, p(10)), (1, 2, p(10))]),
			Error::<Test>::DuplicateTrainingSet
		);
		assert_noop!(
			publish(OWNER, id, vec![(1, 4, p(10))]),
			Error::<Test>::DatasetVersionNotFound
		);
		assert_noop!(
			publish(OWNER, id, vec![(11, 1, p(10))]),
			Error::<Test>::DatasetVersionNotFound
		);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(OWNER), id));
		assert_noop!(publish(OWNER, id, vec![]), Error::<Test>::ModelDeprecated);
	});
}

#[test]
fn the_owner_names_attestors() {
	test(|| {
		let id = register(OWNER, None);
		assert!(!Models::is_attestor(id, &ATTESTOR));
		assert_ok!(Models::set_attestors(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(vec![ATTESTOR, BOB])
		));
		assert_eq!(
			last_event(),
			Event::AttestorsSet { model: id, attestors: vec![ATTESTOR, BOB] }.into()
		);
		assert!(Models::is_attestor(id, &ATTESTOR));
		assert!(!Models::is_attestor(id, &STRANGER));
		assert!(!Models::is_attestor(9, &ATTESTOR));
		assert_noop!(
			Models::set_attestors(RuntimeOrigin::signed(BOB), id, bounded(vec![])),
			Error::<Test>::NotOwner
		);
		assert_noop!(
			Models::set_attestors(RuntimeOrigin::signed(OWNER), id, bounded(vec![3, 3])),
			Error::<Test>::DuplicateAttestor
		);
		assert_ok!(Models::set_attestors(RuntimeOrigin::signed(OWNER), id, bounded(vec![])));
		assert!(!Models::is_attestor(id, &ATTESTOR));
	});
}

#[test]
fn the_owner_sets_price_split_and_metadata() {
	test(|| {
		let id = register(OWNER, None);
		assert_ok!(Models::set_price(RuntimeOrigin::signed(OWNER), id, 77));
		assert_eq!(last_event(), Event::PriceSet { model: id, price: 77 }.into());
		assert_ok!(Models::set_split_policy(RuntimeOrigin::signed(OWNER), id, split(50)));
		assert_eq!(last_event(), Event::SplitPolicySet { model: id, split: split(50) }.into());
		assert_ok!(Models::update_metadata(
			RuntimeOrigin::signed(OWNER),
			id,
			bounded(b"m".to_vec()),
			bounded(b"l".to_vec())
		));
		assert_eq!(last_event(), Event::MetadataUpdated { model: id }.into());
		let info = model(id);
		assert_eq!((info.price, info.split), (77, split(50)));
		assert_eq!(
			(info.metadata.into_inner(), info.license.into_inner()),
			(b"m".to_vec(), b"l".to_vec())
		);

		assert_noop!(
			Models::set_split_policy(RuntimeOrigin::signed(OWNER), id, split(51)),
			Error::<Test>::ModelShareTooHigh
		);
		for call in [
			Models::set_price(RuntimeOrigin::signed(BOB), id, 1),
			Models::set_split_policy(RuntimeOrigin::signed(BOB), id, split(1)),
			Models::update_metadata(
				RuntimeOrigin::signed(BOB),
				id,
				bounded(vec![]),
				bounded(vec![]),
			),
			Models::deprecate(RuntimeOrigin::signed(BOB), id),
			Models::transfer_ownership(RuntimeOrigin::signed(BOB), id, Some(BOB)),
		] {
			assert_eq!(call, Err(Error::<Test>::NotOwner.into()));
		}
		assert_noop!(
			Models::set_price(RuntimeOrigin::signed(OWNER), 9, 1),
			Error::<Test>::ModelNotFound
		);
	});
}

#[test]
fn ownership_moves_in_two_steps_with_the_deposit() {
	test(|| {
		let id = register(OWNER, None);
		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(BOB)));
		assert_eq!(last_event(), Event::OwnershipOffered { model: id, to: Some(BOB) }.into());
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(ATTESTOR), id, Balance::MAX),
			Error::<Test>::NoOwnershipOffer
		);
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), 9, Balance::MAX),
			Error::<Test>::ModelNotFound
		);
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX));
		assert_eq!(
			last_event(),
			Event::OwnershipTransferred { model: id, from: OWNER, to: BOB }.into()
		);
		assert_eq!(model(id).owner, BOB);
		assert_eq!((deposit_held(OWNER), deposit_held(BOB)), (0, DEPOSIT));

		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(BOB), id, Some(STRANGER)));
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(STRANGER), id, Balance::MAX),
			TokenError::FundsUnavailable
		);
	});
}

#[test]
fn the_versions_deposit_moves_with_the_model() {
	test(|| {
		let id = register(OWNER, None);
		for _ in 0..2 {
			assert_ok!(Models::publish_version(
				RuntimeOrigin::signed(OWNER),
				id,
				H256::zero(),
				bounded(vec![]),
				None
			));
		}
		let versions_deposit = VERSION_BASE_DEPOSIT + 2 * PER_VERSION;
		assert_eq!(version_deposit_held(OWNER), versions_deposit);

		// Enough for the model's deposit, not for its versions': refused, nothing moves.
		const POOR: AccountId = 5;
		let funds = ED + DEPOSIT + PER_VERSION;
		assert_eq!(<Balances as Mutate<_>>::set_balance(&POOR, funds), funds);
		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(POOR)));
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(POOR), id, Balance::MAX),
			TokenError::FundsUnavailable
		);

		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(BOB)));
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(BOB), id, Balance::MAX));
		assert_eq!(
			(version_deposit_held(OWNER), version_deposit_held(BOB)),
			(0, versions_deposit),
			"the new owner holds the versions' deposit, the old one has it back"
		);
		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(BOB),
			id,
			H256::zero(),
			bounded(vec![]),
			None
		));
		assert_eq!(version_deposit_held(BOB), versions_deposit + PER_VERSION);
	});
}

#[test]
fn deprecating_is_final() {
	test(|| {
		let id = register(OWNER, None);
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(OWNER), id));
		assert_eq!(last_event(), Event::ModelDeprecated { model: id }.into());
		assert_eq!(model(id).status, ModelStatus::Deprecated);
		assert_noop!(
			Models::deprecate(RuntimeOrigin::signed(OWNER), id),
			Error::<Test>::ModelDeprecated
		);
		assert_eq!(deposit_held(OWNER), DEPOSIT, "its deposit stays while it is in a lineage");
	});
}

#[test]
fn the_owner_names_the_attribution_methods_its_records_may_use_with_their_parameters() {
	test(|| {
		let id = register(OWNER, None);
		assert!(Models::allows_method(id, &method(b"anything/1", 5)), "none named: any");
		let named = vec![
			method(b"span-match/1", 8),
			method(b"span-match/1", 12),
			method(b"influence/2", 0),
		];
		assert_ok!(Models::set_attribution_methods(
			RuntimeOrigin::signed(OWNER),
			id,
			methods(named.clone())
		));
		assert_eq!(
			last_event(),
			Event::AttributionMethodsSet { model: id, methods: named.clone() }.into()
		);
		assert!(Models::allows_method(id, &method(b"span-match/1", 8)));
		assert!(
			Models::allows_method(id, &method(b"span-match/1", 12)),
			"one method, two parameter sets"
		);
		assert!(!Models::allows_method(id, &method(b"span-match/1", 1)), "other parameters");
		assert!(!Models::allows_method(id, &method(b"span-match/2", 8)), "another method");
		assert_eq!(
			Models::api_attribution_methods(id),
			Some(vec![b"span-match/1".to_vec(), b"span-match/1".to_vec(), b"influence/2".to_vec()])
		);
		assert_eq!(
			Models::api_allowed_methods(id),
			Some(named.iter().map(|m| (m.id.to_vec(), m.params_hash)).collect())
		);
		assert_eq!(Models::api_attribution_methods(99), None);
		assert_eq!(Models::api_allowed_methods(99), None);

		assert_ok!(Models::set_attribution_methods(
			RuntimeOrigin::signed(OWNER),
			id,
			methods(vec![])
		));
		assert!(
			Models::allows_method(id, &method(b"anything/1", 1)),
			"an empty list lets any method in again"
		);
		assert!(!crate::AttributionMethods::<Test>::contains_key(id));
	});
}

#[test]
fn naming_attribution_methods_refuses_bad_lists() {
	test(|| {
		let id = register(OWNER, None);
		let set = |who, model, list: Vec<openledger_primitives::Method>| {
			Models::set_attribution_methods(RuntimeOrigin::signed(who), model, methods(list))
		};
		assert_noop!(set(BOB, id, vec![method(b"a", 1)]), Error::<Test>::NotOwner);
		assert_noop!(set(OWNER, 99, vec![method(b"a", 1)]), Error::<Test>::ModelNotFound);
		assert_noop!(
			set(OWNER, id, vec![method(b"a", 1), method(b"a", 1)]),
			Error::<Test>::DuplicateMethod
		);
		// More methods, or a longer id, do not even decode (the runtime's tests/oversized.rs).
		assert_ok!(set(OWNER, id, vec![method(&[b'x'; 64], 1)]));
	});
}

#[test]
fn a_version_names_the_version_of_its_base_it_derives_from() {
	test(|| {
		let root = register(OWNER, None);
		let child = register(BOB, Some(root));
		// The base has no version yet: the child's version can derive from none.
		assert_noop!(
			publish(BOB, child, H256::zero(), Some(1)),
			Error::<Test>::BaseVersionNotFound
		);
		assert_ok!(publish(BOB, child, H256::zero(), None));
		assert_eq!(Versions::<Test>::get(child, 1).unwrap().base_version, None);
		assert_ok!(publish(OWNER, root, H256::zero(), None));
		assert_ok!(publish(OWNER, root, H256::zero(), None));
		assert_noop!(publish(OWNER, root, H256::zero(), Some(1)), Error::<Test>::NoBaseModel);
		// Now that the base has versions, the child must name one: it cannot leave the base's
		// datasets out of what its answers are attributed over.
		assert_noop!(publish(BOB, child, H256::zero(), None), Error::<Test>::BaseVersionRequired);
		assert_noop!(
			publish(BOB, child, H256::zero(), Some(0)),
			Error::<Test>::BaseVersionNotFound
		);
		assert_noop!(
			publish(BOB, child, H256::zero(), Some(3)),
			Error::<Test>::BaseVersionNotFound
		);
		// Version 1 of the base, not its latest: the owner names what it fine-tuned.
		assert_ok!(publish(BOB, child, H256::zero(), Some(1)));
		assert_eq!(
			last_event(),
			Event::VersionPublished {
				model: child,
				version: 2,
				artifact_hash: H256::zero(),
				training: vec![],
				base_version: Some(1),
			}
			.into()
		);
		// Later versions of the base change nothing already published.
		assert_ok!(publish(OWNER, root, H256::zero(), None));
		assert_eq!(Versions::<Test>::get(child, 2).unwrap().base_version, Some(1));
		assert_eq!(Models::api_model(child).unwrap().versions[1].base_version, Some(1));
	});
}

#[test]
fn a_new_owner_never_takes_over_more_deposit_than_it_signed_for() {
	test(|| {
		let id = register(OWNER, None);
		let publish = || {
			assert_ok!(Models::publish_version(
				RuntimeOrigin::signed(OWNER),
				id,
				H256::zero(),
				bounded(vec![]),
				None
			));
		};
		publish();
		assert_ok!(Models::transfer_ownership(RuntimeOrigin::signed(OWNER), id, Some(BOB)));
		// Bob looks: the model's deposit and one version's.
		let seen = DEPOSIT + VERSION_BASE_DEPOSIT + PER_VERSION;
		// The owner publishes more versions before Bob's acceptance is included.
		publish();
		publish();
		assert_noop!(
			Models::accept_ownership(RuntimeOrigin::signed(BOB), id, seen),
			Error::<Test>::DepositAboveMax
		);
		assert_eq!((deposit_held(BOB), version_deposit_held(BOB)), (0, 0));
		assert_eq!(model(id).owner, OWNER);
		// Signing for what it is now, Bob takes it over.
		let now = DEPOSIT + VERSION_BASE_DEPOSIT + 3 * PER_VERSION;
		assert_ok!(Models::accept_ownership(RuntimeOrigin::signed(BOB), id, now));
		assert_eq!(deposit_held(BOB) + version_deposit_held(BOB), now);
	});
}
