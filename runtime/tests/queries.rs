//! The runtime APIs behind the JSON-RPC methods, answered by the real runtime: datasets,
//! contributions (paged), pending rewards, checking a submission, records, exact earnings,
//! previews, lineage and agents.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::{chain_from_preset, signed};
use frame_support::assert_ok;
use openledger_primitives::{token::UNIT, SplitPolicy};
use openledger_runtime::{
	queries, Attribution, Datasets, Models, Runtime, RuntimeCall, RuntimeOrigin, System,
};
use pallet_attribution_runtime_api::QueryError;
use pallet_datasets_runtime_api::{ContributionState, SubmissionRejection, MAX_PAGE};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::Perbill;

fn origin(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
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
		b"ipfs://qa".to_vec(),
		b"MIT".to_vec(),
		pallet_datasets::Policy { min_bond: UNIT, open: true }
	));
	for n in 0..contributions {
		let who = if n % 2 == 0 { Bob } else { Charlie };
		assert_ok!(Datasets::submit_contribution(
			origin(who),
			0,
			H256::from_low_u64_be(n.into()),
			vec![]
		));
		assert_ok!(Datasets::review_contribution(
			origin(Alice),
			n.into(),
			pallet_datasets::Verdict::Accept { shares: 1 }
		));
	}
	assert_ok!(Datasets::submit_contribution(origin(Dave), 0, H256::repeat_byte(0xdd), vec![]));
	assert_ok!(Datasets::publish_version(origin(Alice), 0));
	assert_ok!(Models::register_model(
		origin(Eve),
		vec![],
		vec![],
		None,
		p(10),
		UNIT,
		SplitPolicy { model_share: p(40) }
	));
	assert_ok!(Models::publish_version(origin(Eve), 0, H256::zero(), vec![(0, 1, p(60))]));
	assert_ok!(Models::set_attestors(origin(Eve), 0, vec![Ferdie.to_account_id()]));
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
		vec![(0, p(score))].try_into().unwrap()
	));
	pallet_attribution::NextRecordId::<Runtime>::get() - 1
}

#[test]
fn a_dataset_is_shown_with_its_versions_and_pool() {
	chain_from_preset("development").execute_with(|| {
		world(4);
		let info = queries::datasets::dataset(0).unwrap();
		assert_eq!(info.owner, Alice.to_account_id());
		assert_eq!((info.accepted, info.pending, info.total_shares), (4, 1, 4));
		assert_eq!(info.versions.len(), 1);
		assert_eq!(info.versions[0].2, 4, "version 1 holds the 4 accepted contributions");
		assert!(queries::datasets::dataset(7).is_none());
	});
}

#[test]
fn contributions_come_a_bounded_page_at_a_time_without_gaps_or_repeats() {
	chain_from_preset("development").execute_with(|| {
		world(250);
		let mut seen = Vec::new();
		let mut start = None;
		loop {
			let page = queries::datasets::contributions(0, None, start, 1_000).unwrap();
			assert!(page.items.len() as u32 <= MAX_PAGE, "the page size is capped");
			seen.extend(page.items.iter().map(|c| c.id));
			match page.next {
				Some(next) => start = Some(next),
				None => break,
			}
		}
		seen.sort();
		assert_eq!(seen, (0..=250).collect::<Vec<_>>(), "all 251, each once");

		let pending =
			queries::datasets::contributions(0, Some(ContributionState::Pending), None, 10)
				.unwrap();
		assert_eq!(pending.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![250]);
		assert!(queries::datasets::contributions(9, None, None, 10).is_none());

		let bobs = queries::datasets::contributions_of(Bob.to_account_id(), None, 100);
		assert_eq!(bobs.items.len(), 100);
		assert_eq!(bobs.next, Some(100));
		let rest = queries::datasets::contributions_of(Bob.to_account_id(), Some(100), 100);
		assert_eq!(rest.items.len(), 25);
		assert_eq!(rest.next, None);
	});
}

#[test]
fn pending_rewards_are_listed_per_contribution_and_dataset_and_equal_what_claiming_pays() {
	chain_from_preset("development").execute_with(|| {
		world(4);
		record(10 * UNIT, 50, 1);
		let pending = queries::datasets::pending_rewards(Bob.to_account_id());
		assert_eq!(pending.contributions.len(), 2);
		assert_eq!(pending.datasets.len(), 1);
		assert_eq!(pending.datasets[0].1, pending.total);
		let before = pallet_balances::Pallet::<Runtime>::free_balance(Bob.to_account_id());
		assert_ok!(Datasets::claim_all(origin(Bob)));
		let after = pallet_balances::Pallet::<Runtime>::free_balance(Bob.to_account_id());
		assert_eq!(after - before, pending.total);
		assert_eq!(queries::datasets::pending_rewards(Bob.to_account_id()).total, 0);
	});
}

#[test]
fn a_submission_is_checked_with_the_pallets_own_rules() {
	chain_from_preset("development").execute_with(|| {
		world(1);
		let parent = H256::repeat_byte(1);
		let submit = |hash: H256| {
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: 0,
				content_hash: hash,
				metadata: vec![],
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
		assert!(pallet_datasets::ContentIndex::<Runtime>::get(0, H256::repeat_byte(9)).is_none());
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
		let info = queries::attribution::reward_split(first).unwrap();
		assert_eq!(info.split, preview, "the preview was exactly the split");
		assert_eq!(info.fee, 7 * UNIT + 3);
		let parts = info.split.treasury_total
			+ info.split.model_owner_amount
			+ info.split.datasets.iter().map(|d| d.scored + d.from_training).sum::<u128>();
		assert_eq!(parts, 7 * UNIT + 3);
		assert!(queries::attribution::reward_split(99).is_none());

		// What each contribution earned from each record sums to what it may claim.
		for contribution in 0..3 {
			let earned: u128 = [first, second]
				.iter()
				.map(|r| {
					queries::attribution::contribution_earnings(*r, contribution).unwrap().earned
				})
				.sum();
			let info = queries::datasets::contribution(contribution).unwrap();
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
fn lineage_and_agents_are_shown() {
	chain_from_preset("development").execute_with(|| {
		world(1);
		for _ in 0..3 {
			assert_ok!(Models::register_model(
				origin(Dave),
				vec![],
				vec![],
				Some(0),
				p(5),
				0,
				SplitPolicy::default()
			));
		}
		let lineage = queries::models::lineage(3, 0, 10).unwrap();
		assert_eq!(lineage.ancestors, vec![(0, Eve.to_account_id(), p(10))]);
		let down = queries::models::lineage(0, 1, 1).unwrap();
		assert_eq!((down.derivatives, down.next, down.derivative_count), (vec![2], Some(2), 3));
		assert!(queries::models::lineage(9, 0, 1).is_none());
		assert_eq!(queries::models::model(0).unwrap().versions.len(), 1);

		assert_ok!(openledger_runtime::Agents::register_agent(origin(Dave), vec![], vec![0], p(5)));
		let agent = queries::agents::agent(0).unwrap();
		assert_eq!((agent.operator, agent.models), (Dave.to_account_id(), vec![0]));
		assert!(queries::agents::agent(1).is_none());
	});
}
