//! The runtime API answers that need more than one pallet or the runtime itself, answered by
//! the real runtime: checking a submission, a record's split against its preview, exact
//! earnings per contribution, and refusals by name. (What one pallet answers alone is tested
//! against that pallet's mock, in its `tests/runtime_api.rs`.)

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use codec::Decode;
use common::{chain_from_preset, signed};
use frame_support::assert_ok;
use frame_support::{traits::Hooks, weights::Weight};
use openledger_primitives::AccountId;
use openledger_primitives::{token::UNIT, SplitPolicy};
use openledger_runtime::configs::openledger::ChallengePeriod;
use openledger_runtime::{
	queries, Attribution, Datasets, Models, Runtime, RuntimeCall, RuntimeOrigin, System,
};
use pallet_attribution_runtime_api::{offchain_record_key, QueryError, RecordInfo};
use pallet_datasets_runtime_api::SubmissionRejection;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::Perbill;

fn origin(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

/// `items` as the bounded list a call takes.
fn bounded<T, S: frame_support::traits::Get<u32>>(
	items: Vec<T>,
) -> frame_support::BoundedVec<T, S> {
	frame_support::BoundedVec::try_from(items).unwrap_or_else(|_| panic!("over the bound"))
}

fn p(percent: u32) -> Perbill {
	Perbill::from_percent(percent)
}

/// Dataset 0 (owner Alice) with `contributions` accepted contributions from Bob and Charlie
/// alternately (1 share each) and one pending one from Dave; version 1 published; model 0 by
/// Eve trained on it (60%), attested by Ferdie, who is bonded.
fn world(contributions: u32) {
	System::set_block_number(1);
	assert_ok!(Datasets::create_dataset(
		origin(Alice),
		bounded(b"ipfs://qa".to_vec()),
		bounded(b"MIT".to_vec()),
		pallet_datasets::Policy { min_bond: UNIT, open: true }
	));
	for n in 0..contributions {
		let who = if n % 2 == 0 { Bob } else { Charlie };
		assert_ok!(Datasets::submit_contribution(
			origin(who),
			0,
			H256::from_low_u64_be(n.into()),
			bounded(vec![]),
			u128::MAX
		));
		assert_ok!(Datasets::review_contribution(
			origin(Alice),
			n.into(),
			pallet_datasets::Verdict::Accept { shares: 1 }
		));
	}
	assert_ok!(Datasets::submit_contribution(
		origin(Dave),
		0,
		H256::repeat_byte(0xdd),
		bounded(vec![]),
		u128::MAX
	));
	assert_ok!(Datasets::publish_version(origin(Alice), 0));
	assert_ok!(Models::register_model(
		origin(Eve),
		bounded(vec![]),
		bounded(vec![]),
		None,
		p(10),
		UNIT,
		SplitPolicy { model_share: p(40) }
	));
	assert_ok!(Models::publish_version(
		origin(Eve),
		0,
		H256::zero(),
		bounded(vec![(0, 1, p(60))]),
		None
	));
	assert_ok!(Models::set_attestors(origin(Eve), 0, bounded(vec![Ferdie.to_account_id()])));
	assert_ok!(Attribution::bond_attestor(origin(Ferdie), 1_000 * UNIT));
}

fn record(fee: u128, score: u32, nonce: u8) -> u64 {
	assert_ok!(Attribution::record_inference(
		origin(Ferdie),
		0,
		1,
		None,
		fee,
		H256::repeat_byte(nonce),
		Default::default(),
		H256::zero(),
		vec![(0, p(score))].try_into().unwrap(),
		Perbill::one()
	));
	pallet_attribution::NextRecordId::<Runtime>::get() - 1
}

#[test]
fn a_submission_is_checked_with_the_pallets_own_rules() {
	chain_from_preset("development").execute_with(|| {
		world(1);
		let next = pallet_datasets::NextContributionId::<Runtime>::get();
		let parent = H256::repeat_byte(1);
		let submit = |hash: H256| {
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: 0,
				content_hash: hash,
				metadata: Default::default(),
				max_bond: UNIT,
			})
		};
		let fine =
			queries::datasets::check_submission(signed(submit(H256::repeat_byte(9)), Bob), parent);
		let check = fine.unwrap();
		assert_eq!((check.dataset, check.bond), (0, UNIT));

		let duplicate = queries::datasets::check_submission(
			signed(submit(H256::from_low_u64_be(0)), Bob),
			parent,
		);
		assert_eq!(
			duplicate,
			Err(SubmissionRejection::Failed {
				pallet: "Datasets".into(),
				error: "DuplicateContent".into()
			})
		);

		let transfer = RuntimeCall::System(frame_system::Call::remark { remark: vec![] });
		assert_eq!(
			queries::datasets::check_submission(signed(transfer, Bob), parent),
			Err(SubmissionRejection::NotASubmission)
		);

		let mut forged = signed(submit(H256::repeat_byte(8)), Bob);
		forged.function = submit(H256::repeat_byte(7));
		assert!(matches!(
			queries::datasets::check_submission(forged, parent),
			Err(SubmissionRejection::Invalid(reason)) if reason.contains("BadProof")
		));

		// Nothing the check did stayed in the state.
		assert_eq!(pallet_datasets::NextContributionId::<Runtime>::get(), next);
	});
}

#[test]
fn a_records_split_and_each_contributions_exact_earnings_are_shown() {
	chain_from_preset("development").execute_with(|| {
		world(3);
		let preview =
			queries::attribution::preview_split(0, 1, None, 7 * UNIT + 3, vec![(0, p(33))])
				.unwrap();
		let first = record(7 * UNIT + 3, 33, 1);
		let second = record(2 * UNIT + 1, 80, 2);
		let info = Attribution::api_reward_split(first).unwrap();
		assert_eq!(info.split, preview, "the preview was exactly the split");
		assert_eq!(info.fee, 7 * UNIT + 3);
		let parts = info.split.treasury_total
			+ info.split.model_owner_amount
			+ info.split.datasets.iter().map(|d| d.scored + d.from_training).sum::<u128>();
		assert_eq!(parts, 7 * UNIT + 3);
		assert!(Attribution::api_reward_split(99).is_none());

		// What each contribution earned from each record sums to what it may claim.
		for contribution in 0..3 {
			let earned: u128 = [first, second]
				.iter()
				.map(|r| {
					queries::attribution::contribution_earnings(*r, contribution).unwrap().earned
				})
				.sum();
			let info = Datasets::api_contribution(contribution).unwrap();
			assert_eq!(earned, info.pending_reward, "contribution {contribution}");
		}
		assert_eq!(
			queries::attribution::contribution_earnings(99, 0),
			Err(QueryError::RecordNotFound)
		);
		assert_eq!(
			queries::attribution::contribution_earnings(first, 99),
			Err(QueryError::ContributionNotFound)
		);
	});
}

#[test]
fn a_record_that_left_state_is_in_the_offchain_index_and_shows_the_same_earnings() {
	let mut chain = chain_from_preset("development");
	let (before, earnings) = chain.execute_with(|| {
		world(3);
		ChallengePeriod::set(&5);
		let id = record(7 * UNIT + 3, 33, 1);
		let before = Attribution::api_reward_split(id).unwrap();
		let earnings: Vec<_> =
			(0..3).map(|c| queries::attribution::contribution_earnings(id, c).unwrap()).collect();
		System::set_block_number(7);
		Attribution::on_idle(7, Weight::MAX);
		assert!(Attribution::api_reward_split(id).is_none(), "the record left state");
		assert_eq!(
			queries::attribution::contribution_earnings(id, 0),
			Err(QueryError::RecordNotFound)
		);
		assert_eq!(Attribution::api_next_record_id(), 1);
		(before, earnings)
	});
	chain.persist_offchain_overlay();
	let bytes = chain.offchain_db().get(&offchain_record_key(before.id)).expect("indexed");
	let kept = RecordInfo::<AccountId, u32>::decode(&mut &bytes[..]).unwrap();
	assert_eq!(kept, before, "the offchain index keeps the record as it was in state");
	chain.execute_with(|| {
		for (c, earned) in earnings.iter().enumerate() {
			assert_eq!(
				queries::attribution::earnings_from(kept.id, &kept.split.datasets, c as u64),
				Ok(earned.clone())
			);
		}
	});
}

#[test]
fn a_removed_contribution_earns_nothing_from_records_after_its_removal() {
	chain_from_preset("development").execute_with(|| {
		world(2);
		let before = record(UNIT, 50, 1);
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), 0));
		let after = record(UNIT, 50, 2);
		assert!(queries::attribution::contribution_earnings(before, 0).unwrap().earned > 0);
		assert_eq!(queries::attribution::contribution_earnings(after, 0).unwrap().earned, 0);
	});
}

#[test]
fn a_preview_names_the_error_a_record_would_fail_with() {
	chain_from_preset("development").execute_with(|| {
		world(1);
		let refused =
			|error: &str| QueryError::Refused { pallet: "Attribution".into(), error: error.into() };
		assert_eq!(
			queries::attribution::preview_split(0, 1, None, UNIT, vec![(0, p(60)), (0, p(60))]),
			Err(refused("DuplicateScore"))
		);
		assert_eq!(
			queries::attribution::preview_split(5, 1, None, UNIT, vec![]),
			Err(refused("ModelNotFound"))
		);
		assert_eq!(
			queries::attribution::preview_split(0, 1, None, 1, vec![]),
			Err(refused("FeeBelowPrice"))
		);
		assert_eq!(
			queries::attribution::preview_split(0, 1, Some(3), UNIT, vec![]),
			Err(refused("AgentNotFound"))
		);
	});
}

#[test]
fn the_runtime_lists_datasets_models_agents_and_records_through_its_apis() {
	use pallet_agents_runtime_api::runtime_decl_for_agents_api::AgentsApiV2;
	use pallet_attribution_runtime_api::{
		runtime_decl_for_attribution_api::AttributionApiV3, RecordFilter,
	};
	use pallet_datasets_runtime_api::runtime_decl_for_datasets_api::DatasetsApiV4;
	use pallet_models_runtime_api::runtime_decl_for_models_api::ModelsApiV4;
	chain_from_preset("development").execute_with(|| {
		world(2);
		let first = record(UNIT, 50, 1);
		let second = record(UNIT, 10, 2);
		let ids = |page: openledger_primitives::Page<u64>| (page.items, page.next);
		let alice = Some(Alice.to_account_id());
		let datasets = <Runtime as DatasetsApiV4<_, _, _>>::datasets(alice.clone(), None, 10);
		assert_eq!(ids(map(datasets, |d| d.id)), (vec![0], None));
		let bobs =
			<Runtime as DatasetsApiV4<_, _, _>>::datasets(Some(Bob.to_account_id()), None, 10);
		assert!(bobs.items.is_empty());
		let models = <Runtime as ModelsApiV4<_, _, _>>::models(Some(Eve.to_account_id()), None, 10);
		assert_eq!(ids(map(models, |m| m.model.id)), (vec![0], None));
		let agents = <Runtime as AgentsApiV2<_, _, _>>::agents(None, None, 10);
		assert_eq!(ids(map(agents, |a| a.id)), (vec![], None));
		let by_ferdie =
			RecordFilter { attestor: Some(Ferdie.to_account_id()), ..Default::default() };
		let records = <Runtime as AttributionApiV3<_, _, _>>::records(by_ferdie, None, 1);
		assert_eq!(ids(map(records, |r| r.id)), (vec![first], Some(1)));
		let records = <Runtime as AttributionApiV3<_, _, _>>::records(
			RecordFilter { model: Some(0), ..Default::default() },
			Some(1),
			100,
		);
		assert_eq!(ids(map(records, |r| r.id)), (vec![second], None));
	});
	// The node asks for each method by the version that added it.
	let versions = openledger_runtime::VERSION.apis;
	for (api, version) in [
		(<dyn pallet_datasets_runtime_api::DatasetsApi<openledger_runtime::Block, AccountId, u32>
			as sp_api::RuntimeApiInfo>::ID, 4),
		(<dyn pallet_models_runtime_api::ModelsApi<openledger_runtime::Block, AccountId, u32>
			as sp_api::RuntimeApiInfo>::ID, 4),
		(<dyn pallet_agents_runtime_api::AgentsApi<openledger_runtime::Block, AccountId, u32>
			as sp_api::RuntimeApiInfo>::ID, 2),
		(<dyn pallet_attribution_runtime_api::AttributionApi<openledger_runtime::Block, AccountId, u32>
			as sp_api::RuntimeApiInfo>::ID, 3),
	] {
		assert!(versions.iter().any(|(id, v)| *id == api && *v == version), "{version}");
	}
}

/// A page of `T` as a page of what `f` makes of each item.
fn map<T, U>(
	page: openledger_primitives::Page<T>,
	f: impl FnMut(T) -> U,
) -> openledger_primitives::Page<U> {
	openledger_primitives::Page { items: page.items.into_iter().map(f).collect(), next: page.next }
}
