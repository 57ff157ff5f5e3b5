//! Recording inferences: the split, the payments, the record, and every refusal.

use super::*;
use crate::{AttributionRecord, Error, Event, RecordStatus, Records, WeightInfo};
use frame_support::{assert_noop, assert_ok};
use pallet_datasets::Pallet as DatasetsPallet;

/// The worked example of docs/attribution.md, unit for unit.
#[test]
fn a_fee_is_split_exactly_as_documented() {
	test(|| {
		let w = world();
		let before: Vec<_> = [TREASURY, OPERATOR, BASE_OWNER, MODEL_OWNER, ATTESTOR]
			.iter()
			.map(|a| free(*a))
			.collect();
		let pot = DatasetsPallet::<Test>::pot();
		let pot_before = free(pot);
		let issuance = total_issuance();

		let id = record(&w, Some(w.agent), 1_000_003, &[(w.d0, 50), (w.d1, 20)], 1);

		let split = Records::<Test>::get(id).unwrap().split;
		assert_eq!(split.protocol, 50_000);
		assert_eq!(split.agent_operator, Some((OPERATOR, 100_000)));
		assert_eq!(split.ancestors.len(), 1);
		assert_eq!(
			(split.ancestors[0].model, split.ancestors[0].owner, split.ancestors[0].amount),
			(w.base, BASE_OWNER, 40_000)
		);
		assert_eq!((split.model_owner, split.model_owner_amount), (MODEL_OWNER, 360_001));
		let datasets: Vec<_> = split
			.datasets
			.iter()
			.map(|d| (d.dataset, d.scored, d.from_training, d.total_shares))
			.collect();
		assert_eq!(datasets, vec![(w.d0, 225_001, 81_000, 4), (w.d1, 90_000, 27_000, 2)]);
		assert_eq!(split.unattributed_to_treasury, 27_000);
		assert_eq!(split.dust, 1);
		assert_eq!(split.total(), Some(1_000_003));

		let after: Vec<_> = [TREASURY, OPERATOR, BASE_OWNER, MODEL_OWNER, ATTESTOR]
			.iter()
			.map(|a| free(*a))
			.collect();
		assert_eq!(
			after[0] - before[0],
			50_000 + 27_000 + 1,
			"treasury: protocol, undeclared, dust"
		);
		assert_eq!(after[1] - before[1], 100_000);
		assert_eq!(after[2] - before[2], 40_000);
		assert_eq!(after[3] - before[3], 360_001);
		let deposit = one_record_deposit(id);
		assert_eq!(record_deposit_held(ATTESTOR), deposit);
		assert_eq!(
			before[4] - after[4],
			1_000_003 + deposit,
			"the attestor paid the fee and holds the record's deposit, nothing more"
		);
		assert_eq!(free(pot) - pot_before, 306_001 + 117_000);
		assert_eq!(total_issuance(), issuance);

		// Contributors: d0 pays 306,001 over 4 shares, d1 117,000 to Bob's 2 shares.
		let pending = |c| {
			DatasetsPallet::<Test>::pending_reward(
				&pallet_datasets::Contributions::<Test>::get(c).unwrap(),
			)
		};
		assert_eq!(pending(0), 76_500, "Alice: floor(306,001 / 4)");
		assert_eq!(pending(1), 229_500, "Bob in d0: floor(3 × 306,001 / 4)");
		assert_eq!(pending(2), 117_000, "Bob in d1");
	});
}

#[test]
fn the_record_keeps_everything_and_the_event_carries_the_split() {
	test(|| {
		let w = world();
		let id = record(&w, None, 5_000, &[(w.d0, 100)], 2);
		let record = Records::<Test>::get(id).unwrap();
		let AttributionRecord {
			model,
			model_version,
			agent,
			attestor,
			fee,
			inference_hash,
			method: m,
			scores: s,
			block,
			status,
			split,
			..
		} = record.clone();
		assert_eq!(
			(model, model_version, agent, attestor, fee),
			(w.model, 1, None, ATTESTOR, 5_000)
		);
		assert_eq!(
			(inference_hash, block, status),
			(H256::repeat_byte(2), 1, RecordStatus::Unchallenged)
		);
		assert_eq!((m, s), (method(), scores(&[(w.d0, 100)])));
		assert_eq!(split.agent_operator, None);
		assert_eq!(
			crate::RecordOfModelInference::<Test>::get(w.model, H256::repeat_byte(2)),
			Some(id)
		);
		assert_eq!(
			last_event(),
			Event::InferenceRecorded {
				record: id,
				model: w.model,
				model_version: 1,
				agent: None,
				attestor: ATTESTOR,
				fee: 5_000,
				split
			}
			.into()
		);
	});
}

#[test]
fn without_an_agent_the_operator_share_goes_to_data() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000_000, &[(w.d0, 100)], 3);
		let split = Records::<Test>::get(id).unwrap().split;
		// 5% protocol, 40% model, so 55% to data, all of it scored to d0.
		assert_eq!(split.datasets[0].scored, 550_000);
		assert_eq!(split.total(), Some(1_000_000));
	});
}

#[test]
fn a_dataset_nobody_holds_shares_in_pays_its_owner() {
	test(|| {
		let w = world();
		let curator = free(CURATOR);
		let id = record(&w, None, 1_000_000, &[(w.d2, 100)], 4);
		let split = Records::<Test>::get(id).unwrap().split;
		let payout = split.datasets.iter().find(|d| d.dataset == w.d2).unwrap();
		assert_eq!((payout.scored, payout.total_shares), (550_000, 0));
		assert_eq!(free(CURATOR) - curator, 550_000);
	});
}

#[test]
fn an_owner_who_attests_for_its_own_model_pays_itself_nothing() {
	test(|| {
		let w = world();
		assert_ok!(Models::set_attestors(
			RuntimeOrigin::signed(MODEL_OWNER),
			w.model,
			bounded(vec![MODEL_OWNER])
		));
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(MODEL_OWNER), MIN_BOND));
		let before = free(MODEL_OWNER);
		assert_ok!(Attribution::record_inference(
			RuntimeOrigin::signed(MODEL_OWNER),
			w.model,
			1,
			None,
			1_000_000,
			H256::repeat_byte(5),
			method(),
			H256::zero(),
			scores(&[]),
			Perbill::one()
		));
		let split = Records::<Test>::get(0).unwrap().split;
		assert_eq!(
			before - free(MODEL_OWNER) - record_deposit_held(MODEL_OWNER),
			1_000_000 - split.model_owner_amount,
			"besides the record's deposit"
		);
		assert_eq!(record_deposit_held(MODEL_OWNER), one_record_deposit(0));
	});
}

#[test]
fn the_actual_weight_follows_scores_lineage_and_training_sets() {
	test(|| {
		let w = world();
		let info = Attribution::record_inference(
			RuntimeOrigin::signed(ATTESTOR),
			w.model,
			1,
			Some(w.agent),
			1_000,
			H256::repeat_byte(6),
			method(),
			H256::zero(),
			scores(&[(w.d2, 10)]),
			Perbill::one(),
		)
		.unwrap();
		// One scored dataset, one ancestor, two more datasets from the training sets.
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::record_inference(1, 1, 2)));
	});
}

#[test]
fn governance_bounds_clamp_older_terms() {
	test(|| {
		let w = world();
		// The model asks 40% and the agent 10%; governance now allows 20% and 5%.
		let mut params = params();
		params.max_model_share = p(20);
		params.max_operator_share = p(5);
		assert_ok!(Attribution::set_params(RuntimeOrigin::root(), params));
		assert_eq!(last_event(), Event::ParamsSet { params }.into());
		let id = record(&w, Some(w.agent), 1_000_000, &[(w.d0, 100)], 8);
		let split = Records::<Test>::get(id).unwrap().split;
		assert_eq!(split.agent_operator, Some((OPERATOR, 50_000)));
		assert_eq!(split.model_owner_amount + split.ancestors[0].amount, 200_000);
	});
}

#[test]
fn inconsistent_parameters_are_refused() {
	test(|| {
		let mut params = params();
		params.min_data_share = p(31);
		assert_noop!(
			Attribution::set_params(RuntimeOrigin::root(), params),
			Error::<Test>::InconsistentParams
		);
		assert_noop!(
			Attribution::set_params(RuntimeOrigin::signed(ATTESTOR), super::params()),
			sp_runtime::DispatchError::BadOrigin
		);
	});
}

#[test]
fn bad_records_are_refused_with_a_precise_error_and_change_nothing() {
	test(|| {
		let w = world();
		let call =
			|who: AccountId, model, version, agent, fee, list: &[(DatasetId, u32)], nonce: u8| {
				without_weight(Attribution::record_inference(
					RuntimeOrigin::signed(who),
					model,
					version,
					agent,
					fee,
					H256::repeat_byte(nonce),
					method(),
					H256::zero(),
					scores(list),
					Perbill::one(),
				))
			};
		let ok = &[(w.d0, 10)];
		assert_noop!(
			call(STRANGER, w.model, 1, None, 1_000, ok, 1),
			Error::<Test>::AttestorNotBonded
		);
		assert_noop!(call(ATTESTOR, 99, 1, None, 1_000, ok, 1), Error::<Test>::ModelNotFound);
		assert_noop!(
			call(ATTESTOR, w.model, 2, None, 1_000, ok, 1),
			Error::<Test>::ModelVersionNotFound
		);
		assert_noop!(
			call(ATTESTOR, w.model, 1, Some(9), 1_000, ok, 1),
			Error::<Test>::AgentNotFound
		);
		assert_noop!(
			call(ATTESTOR, w.model, 1, None, 1_000, &[(77, 10)], 1),
			Error::<Test>::DatasetNotFound
		);
		assert_noop!(
			call(ATTESTOR, w.model, 1, None, 1_000, &[(w.d0, 10), (w.d0, 10)], 1),
			Error::<Test>::DuplicateScore
		);
		assert_noop!(
			call(ATTESTOR, w.model, 1, None, 1_000, &[(w.d0, 60), (w.d1, 41)], 1),
			Error::<Test>::ScoresOverflow
		);
		assert_noop!(call(ATTESTOR, w.model, 1, None, 99, ok, 1), Error::<Test>::FeeBelowPrice);
		assert_noop!(
			call(ATTESTOR, w.model, 1, None, ENDOWMENT, ok, 1),
			Error::<Test>::InsufficientBalance
		);

		// Not an attestor of this model (but bonded).
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(BOB), MIN_BOND));
		assert_noop!(
			call(BOB, w.model, 1, None, 1_000, ok, 1),
			Error::<Test>::UnauthorisedAttestor
		);

		// An agent that does not list the model, then a paused one.
		assert_ok!(Agents::register_agent(
			RuntimeOrigin::signed(OPERATOR),
			bounded(vec![]),
			bounded(vec![w.base]),
			p(1)
		));
		assert_noop!(
			call(ATTESTOR, w.model, 1, Some(1), 1_000, ok, 1),
			Error::<Test>::AgentCannotCallModel
		);
		assert_ok!(Agents::pause(RuntimeOrigin::signed(OPERATOR), w.agent));
		assert_noop!(
			call(ATTESTOR, w.model, 1, Some(w.agent), 1_000, ok, 1),
			Error::<Test>::AgentNotActive
		);

		// The same inference twice.
		assert_ok!(call(ATTESTOR, w.model, 1, None, 1_000, ok, 1));
		assert_noop!(
			call(ATTESTOR, w.model, 1, None, 1_000, ok, 1),
			Error::<Test>::DuplicateInference
		);

		// A deprecated model.
		assert_ok!(Models::deprecate(RuntimeOrigin::signed(MODEL_OWNER), w.model));
		assert_noop!(call(ATTESTOR, w.model, 1, None, 1_000, ok, 2), Error::<Test>::ModelNotActive);

		// An unbonding attestor.
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(BOB)));
		assert_noop!(call(BOB, w.model, 1, None, 1_000, ok, 3), Error::<Test>::AttestorUnbonding);
	});
}

/// Records an inference scoring d0 after `contributors` of 1,000 funded accounts joined its
/// pool; returns the size of the storage proof of the record and its number of trie nodes.
fn state_touched_by_recording(contributors: u64) -> (usize, usize) {
	use codec::Encode;
	let mut ext = new_test_ext();
	let model = ext.execute_with(|| {
		let w = world();
		for n in 0..1_000 {
			let who = 1_000 + n;
			let _ =
				<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(&who, 1_000);
			if n < contributors {
				let hash = H256::from_low_u64_be(n + 100);
				assert_ok!(Datasets::submit_contribution(
					RuntimeOrigin::signed(who),
					w.d0,
					hash,
					bounded(vec![]),
					Balance::MAX
				));
				let c = pallet_datasets::NextContributionId::<Test>::get() - 1;
				assert_ok!(Datasets::review_contribution(
					RuntimeOrigin::signed(CURATOR),
					c,
					pallet_datasets::Verdict::Accept { shares: 1 }
				));
			}
		}
		System::reset_events();
		w.model
	});
	ext.commit_all().unwrap();
	let (_, proof) = ext.execute_and_prove(|| {
		assert_ok!(Attribution::record_inference(
			RuntimeOrigin::signed(ATTESTOR),
			model,
			1,
			None,
			10_000,
			H256::repeat_byte(1),
			method(),
			H256::zero(),
			scores(&[(0, 50)]),
			Perbill::one()
		));
	});
	(proof.encoded_size(), proof.iter_nodes().count())
}

#[test]
fn recording_touches_no_more_state_for_a_pool_of_1_000_contributors_than_for_one_of_1() {
	assert_eq!(state_touched_by_recording(1), state_touched_by_recording(1_000));
}

#[test]
fn a_record_may_use_only_a_method_the_model_names_with_its_parameters() {
	test(|| {
		let w = world();
		let record_with = |id: &[u8], params: u8, nonce: u8| {
			without_weight(Attribution::record_inference(
				RuntimeOrigin::signed(ATTESTOR),
				w.model,
				1,
				None,
				1_000,
				H256::repeat_byte(nonce),
				Method {
					id: id.to_vec().try_into().unwrap(),
					params_hash: H256::repeat_byte(params),
				},
				H256::zero(),
				scores(&[(w.d0, 10)]),
				Perbill::one(),
			))
		};
		// A model that names no method takes any, with any parameters.
		assert_ok!(record_with(b"anything/1", 1, 1));
		let span_match_8 =
			Method { id: bounded(b"span-match/1".to_vec()), params_hash: H256::repeat_byte(8) };
		assert_ok!(Models::set_attribution_methods(
			RuntimeOrigin::signed(MODEL_OWNER),
			w.model,
			bounded(vec![span_match_8])
		));
		assert_noop!(record_with(b"anything/1", 8, 2), Error::<Test>::MethodNotAllowed);
		// The named method with other parameters (e.g. a lower `minSpan`, which raises the
		// data scores) is refused too.
		assert_noop!(record_with(b"span-match/1", 1, 3), Error::<Test>::MethodNotAllowed);
		assert_ok!(record_with(b"span-match/1", 8, 4));
	});
}

#[test]
fn an_operator_cannot_raise_its_share_under_a_record_signed_for_less() {
	test(|| {
		let w = world();
		// The attestor saw the agent's 10% and signs for at most that; the operator raises its
		// share to 15% before the record is included.
		assert_ok!(Agents::update_agent(
			RuntimeOrigin::signed(OPERATOR),
			w.agent,
			bounded(vec![]),
			p(15)
		));
		let with_max = |max: Perbill, nonce: u8| {
			without_weight(Attribution::record_inference(
				RuntimeOrigin::signed(ATTESTOR),
				w.model,
				1,
				Some(w.agent),
				1_000,
				H256::repeat_byte(nonce),
				method(),
				H256::zero(),
				scores(&[(w.d0, 10)]),
				max,
			))
		};
		let operator = free(OPERATOR);
		assert_noop!(with_max(p(10), 1), Error::<Test>::OperatorShareAboveMax);
		assert_eq!(free(OPERATOR), operator, "nothing paid");
		// Signed for the new share, it goes through and pays exactly that.
		assert_ok!(with_max(p(15), 1));
		assert_eq!(free(OPERATOR) - operator, 150);
		// A share lowered after signing is fine: the attestor pays less than it agreed.
		assert_ok!(Agents::update_agent(
			RuntimeOrigin::signed(OPERATOR),
			w.agent,
			bounded(vec![]),
			p(5)
		));
		assert_ok!(with_max(p(15), 2));
		assert_eq!(free(OPERATOR) - operator, 150 + 50);
	});
}

#[test]
fn an_attestor_of_another_model_cannot_take_an_inference_hash_first() {
	test(|| {
		let w = world();
		// A squatter bonds as attestor of a model of its own and records, first, the hash it
		// saw in the pool for the honest attestor's record of another model.
		assert_ok!(<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(
			&STRANGER, ENDOWMENT
		));
		let squatters = register_model(STRANGER, None, 0);
		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(STRANGER),
			squatters,
			H256::zero(),
			bounded(vec![]),
			None
		));
		assert_ok!(Models::set_attestors(
			RuntimeOrigin::signed(STRANGER),
			squatters,
			bounded(vec![STRANGER])
		));
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(STRANGER), MIN_BOND));
		assert_ok!(Attribution::record_inference(
			RuntimeOrigin::signed(STRANGER),
			squatters,
			1,
			None,
			100,
			H256::repeat_byte(1),
			method(),
			H256::zero(),
			scores(&[]),
			Perbill::zero()
		));
		// The honest record of the same hash for its own model still goes through…
		let id = record(&w, None, 1_000, &[(w.d0, 10)], 1);
		assert_eq!(
			crate::RecordOfModelInference::<Test>::get(w.model, H256::repeat_byte(1)),
			Some(id)
		);
		// …and once only.
		assert_noop!(
			without_weight(Attribution::record_inference(
				RuntimeOrigin::signed(ATTESTOR),
				w.model,
				1,
				None,
				1_000,
				H256::repeat_byte(1),
				method(),
				H256::zero(),
				scores(&[]),
				Perbill::one()
			)),
			Error::<Test>::DuplicateInference
		);
	});
}

#[test]
fn a_part_too_small_for_a_dead_account_goes_to_the_treasury_and_the_record_stands() {
	test(|| {
		let w = world();
		// The operator takes 5%; its stake is slashed away and it spends everything: its
		// account is gone.
		assert_ok!(Agents::update_agent(
			RuntimeOrigin::signed(OPERATOR),
			w.agent,
			bounded(vec![]),
			p(5)
		));
		assert_ok!(Agents::slash_agent(RuntimeOrigin::root(), w.agent, Perbill::one()));
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(OPERATOR), STRANGER, false));
		assert_eq!(frame_system::Pallet::<Test>::providers(&OPERATOR), 0, "reaped");
		// A fee whose operator part (5% of 100 = 5) is below the existential deposit (10).
		let treasury = free(TREASURY);
		let id = record(&w, Some(w.agent), 100, &[(w.d0, 10)], 1);
		let split = Records::<Test>::get(id).unwrap().split;
		assert_eq!(split.agent_operator, Some((OPERATOR, 0)), "the operator received nothing");
		assert_eq!(split.total(), Some(100), "the parts still sum to the fee");
		assert_eq!(free(OPERATOR), 0);
		assert_eq!(free(TREASURY) - treasury, split.treasury());
		assert!(split.dust >= 5, "the operator's part went with the dust");
		// A part at or above the existential deposit creates the account again.
		let id = record(&w, Some(w.agent), 1_000, &[(w.d0, 10)], 2);
		assert_eq!(Records::<Test>::get(id).unwrap().split.agent_operator, Some((OPERATOR, 50)));
		assert_eq!(free(OPERATOR), 50);
	});
}
