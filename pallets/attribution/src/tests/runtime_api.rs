//! The runtime API's answers from this pallet ([`crate::runtime_api`]): a record's split, and
//! the split a record would produce.

use super::*;
use crate::Records;

#[test]
fn a_preview_is_exactly_the_split_the_record_then_keeps() {
	test(|| {
		let w = world();
		let scores = vec![(w.d0, p(33)), (w.d1, p(10))];
		let preview =
			Attribution::api_preview_split(w.model, 1, Some(w.agent), 7_000_003, scores).unwrap();
		let id = record(&w, Some(w.agent), 7_000_003, &[(w.d0, 33), (w.d1, 10)], 1);
		let info = Attribution::api_reward_split(id).unwrap();
		assert_eq!(info.split, preview, "the preview was exactly the split, pools included");
		assert_eq!(info.split, Records::<Test>::get(id).unwrap().split.info());
		assert_eq!(
			info.split.treasury_total,
			info.split.protocol + info.split.unattributed_to_treasury + info.split.dust
		);
		let parts = info.split.treasury_total
			+ info.split.agent_operator.as_ref().map_or(0, |(_, amount)| *amount)
			+ info.split.model_owner_amount
			+ info.split.ancestors.iter().map(|(_, _, amount)| amount).sum::<u128>()
			+ info.split.datasets.iter().map(|d| d.scored + d.from_training).sum::<u128>();
		assert_eq!(parts, 7_000_003);
	});
}

#[test]
fn a_record_is_shown_with_its_terms_and_dispute_state() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 50)], 1);
		let info = Attribution::api_reward_split(id).unwrap();
		assert_eq!((info.id, info.model, info.model_version, info.agent), (id, w.model, 1, None));
		assert_eq!((info.attestor, info.fee), (ATTESTOR, 1_000));
		assert_eq!(info.method, method().id.into_inner());
		assert_eq!(info.scores, vec![(w.d0, p(50))]);
		assert_eq!(info.challenge_deadline, info.block + CHALLENGE_PERIOD);
		assert_eq!(info.state, pallet_attribution_runtime_api::RecordState::Unchallenged);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		assert_eq!(
			Attribution::api_reward_split(id).unwrap().state,
			pallet_attribution_runtime_api::RecordState::Challenged {
				challenger: CHALLENGER,
				bond: MIN_CHALLENGE
			}
		);
		assert!(Attribution::api_reward_split(id + 1).is_none());
	});
}

#[test]
fn a_preview_fails_as_the_record_would() {
	test(|| {
		let w = world();
		assert_eq!(
			Attribution::api_preview_split(
				w.model,
				1,
				None,
				1_000,
				vec![(w.d0, p(60)), (w.d0, p(1))]
			),
			Err(crate::Error::<Test>::DuplicateScore.into())
		);
		assert_eq!(
			Attribution::api_preview_split(w.model, 9, None, 1_000, vec![]),
			Err(crate::Error::<Test>::ModelVersionNotFound.into())
		);
	});
}

#[test]
fn records_in_state_are_listed_all_or_by_attestor_model_or_agent() {
	use pallet_attribution_runtime_api::RecordFilter;
	test(|| {
		let w = world();
		let first = record(&w, Some(w.agent), 1_000, &[(w.d0, 30)], 1);
		let second = record(&w, None, 500, &[], 2);
		let third = record(&w, Some(w.agent), 700, &[], 3);
		let listed = |filter: RecordFilter<AccountId>, start, limit| {
			let page = Attribution::api_records(filter, start, limit);
			(page.items.iter().map(|r| r.id).collect::<Vec<_>>(), page.next)
		};
		let all = RecordFilter::default();
		assert_eq!(listed(all.clone(), None, 2), (vec![first, second], Some(2)));
		assert_eq!(listed(all.clone(), Some(2), 2), (vec![third], None));
		let by = |attestor, model, agent| RecordFilter { attestor, model, agent };
		assert_eq!(listed(by(Some(ATTESTOR), None, None), None, 100).0, vec![first, second, third]);
		assert_eq!(listed(by(Some(CHALLENGER), None, None), None, 100), (vec![], None));
		assert_eq!(listed(by(None, Some(w.model), None), None, 100).0, vec![first, second, third]);
		assert_eq!(listed(by(None, Some(w.base), None), None, 100).0, Vec::<RecordId>::new());
		assert_eq!(listed(by(None, None, Some(w.agent)), None, 100).0, vec![first, third]);
		assert_eq!(
			listed(by(Some(ATTESTOR), Some(w.model), Some(w.agent)), None, 1),
			(vec![first], Some(1))
		);
		// The items are what `rewardSplit` answers.
		assert_eq!(
			Attribution::api_records(all.clone(), Some(1), 1).items,
			vec![Attribution::api_reward_split(second).unwrap()]
		);

		// Once the first two left state, the listing starts at the prune cursor.
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), first, MIN_CHALLENGE));
		System::set_block_number(System::block_number() + 1);
		let _ = record(&w, None, 100, &[], 4);
		let now = 2 + CHALLENGE_PERIOD;
		System::set_block_number(now);
		<Attribution as frame_support::traits::Hooks<u64>>::on_idle(
			now,
			frame_support::weights::Weight::MAX,
		);
		assert_eq!(crate::PruneCursor::<Test>::get(), 3, "the records of block 1 were passed");
		assert_eq!(listed(all.clone(), None, 100), (vec![3], None));
		// The record under challenge is still in state, below the cursor: from 0 it is found.
		assert_eq!(listed(all, Some(0), 100), (vec![first, 3], None));
	});
}
