//! Challenges and their resolution by governance.

use super::*;
use crate::{Attestors, Error, Event, HoldReason, RecordStatus, Records};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold, weights::Weight};
use sp_runtime::DispatchError;

fn challenge_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ChallengeBond.into(), &who)
}

#[test]
fn a_challenge_holds_a_bond_within_the_window() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 10)], 1);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE - 1),
			Error::<Test>::BondTooLow
		);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), 9, MIN_CHALLENGE),
			Error::<Test>::RecordNotFound
		);
		System::set_block_number(1 + CHALLENGE_PERIOD);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		assert_eq!(
			last_event(),
			Event::RecordChallenged { record: id, challenger: CHALLENGER, bond: MIN_CHALLENGE }
				.into()
		);
		assert_eq!(challenge_held(CHALLENGER), MIN_CHALLENGE);
		assert_eq!(Attestors::<Test>::get(ATTESTOR).unwrap().open_challenges, 1);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(BOB), id, MIN_CHALLENGE),
			Error::<Test>::AlreadyChallenged
		);

		let late = record(&w, None, 1_000, &[(w.d0, 10)], 2);
		System::set_block_number(1 + CHALLENGE_PERIOD + 1 + CHALLENGE_PERIOD);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), late, MIN_CHALLENGE),
			Error::<Test>::ChallengePeriodOver
		);
	});
}

#[test]
fn an_upheld_challenge_slashes_the_attestor_and_rewards_the_challenger() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 10)], 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		let (challenger, treasury, issuance) = (free(CHALLENGER), free(TREASURY), total_issuance());
		assert_noop!(
			Attribution::resolve_challenge(RuntimeOrigin::signed(CHALLENGER), id, true),
			DispatchError::BadOrigin
		);
		// Disputes are the arbiters', not governance's (Root).
		assert_noop!(
			Attribution::resolve_challenge(RuntimeOrigin::root(), id, true),
			DispatchError::BadOrigin
		);
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, true));
		// Half of the 1,000 bond is slashed; 40% of that to the challenger.
		assert_eq!(
			last_event(),
			Event::ChallengeResolved { record: id, upheld: true, slashed: 500, to_challenger: 200 }
				.into()
		);
		assert_eq!(free(CHALLENGER) - challenger, MIN_CHALLENGE + 200, "bond back plus reward");
		assert_eq!(free(TREASURY) - treasury, 300);
		assert_eq!(total_issuance(), issuance);
		let attestor = Attestors::<Test>::get(ATTESTOR).unwrap();
		assert_eq!((attestor.bond, attestor.open_challenges), (500, 0));
		assert_eq!(Records::<Test>::get(id).unwrap().status, RecordStatus::Invalidated);

		// Its bond is now below the minimum: it may not record until it tops it up.
		assert_noop!(
			without_weight(Attribution::record_inference(
				RuntimeOrigin::signed(ATTESTOR),
				w.model,
				1,
				None,
				1_000,
				H256::repeat_byte(3),
				method(),
				H256::zero(),
				scores(&[]),
				Perbill::one()
			)),
			Error::<Test>::AttestorNotBonded
		);
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), 500));
		record(&w, None, 1_000, &[], 3);
	});
}

#[test]
fn a_rejected_challenge_sends_the_challengers_bond_to_the_treasury() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 10)], 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		let treasury = free(TREASURY);
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, false));
		assert_eq!(
			last_event(),
			Event::ChallengeResolved {
				record: id,
				upheld: false,
				slashed: MIN_CHALLENGE,
				to_challenger: 0
			}
			.into()
		);
		assert_eq!(free(TREASURY) - treasury, MIN_CHALLENGE);
		assert_eq!(challenge_held(CHALLENGER), 0);
		assert_eq!(Records::<Test>::get(id).unwrap().status, RecordStatus::Confirmed);
		assert_noop!(
			Attribution::resolve_challenge(arbiter(), id, true),
			Error::<Test>::NotChallenged
		);
		// Within its period, another challenger may still challenge it: a rejected (say,
		// deliberately weak) challenge does not shield a record from a real one.
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(BOB), id, MIN_CHALLENGE));
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE),
			Error::<Test>::AlreadyChallenged
		);
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, true));
		assert_eq!(Records::<Test>::get(id).unwrap().status, RecordStatus::Invalidated);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE),
			Error::<Test>::AlreadyChallenged
		);
		assert_noop!(
			Attribution::resolve_challenge(arbiter(), 9, true),
			Error::<Test>::RecordNotFound
		);
	});
}

#[test]
fn an_attestor_cannot_leave_with_a_challenge_open() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[], 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(ATTESTOR)));
		System::set_block_number(100);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::ChallengesOpen
		);
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, true));
		// The record is still in state (no sweep ran): it may still be challenged, so the bond
		// that answers for it stays.
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::RecordsInState
		);
		Attribution::sweep(100, Weight::MAX);
		assert!(!Records::<Test>::contains_key(id));
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)));
		// It paid the 1,000 fee and lost half of its 1,000 bond; the record's deposit came
		// back when it left state.
		assert_eq!(record_deposit_held(ATTESTOR), 0);
		assert_eq!(free(ATTESTOR), ENDOWMENT - 1_000 - 500);
	});
}

#[test]
fn an_attestor_cannot_leave_before_its_records_can_no_longer_be_challenged() {
	test(|| {
		// The mock's challenge period (10 blocks) is longer than the attestor's unbonding
		// period (5), as governance may set it on a chain.
		const { assert!(CHALLENGE_PERIOD > UNBONDING) };
		let w = world();
		let id = record(&w, None, 1_000, &[], 1);
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(ATTESTOR)));
		System::set_block_number(1 + UNBONDING);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::RecordsInState
		);
		// Its record can still be challenged, and the bond answers for it.
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, true));
		assert_eq!(Attestors::<Test>::get(ATTESTOR).unwrap().bond, MIN_BOND / 2);
		// Once the record has left state, the rest of the bond comes back.
		Attribution::sweep(2 + CHALLENGE_PERIOD, Weight::MAX);
		assert!(!Records::<Test>::contains_key(id));
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)));
	});
}
