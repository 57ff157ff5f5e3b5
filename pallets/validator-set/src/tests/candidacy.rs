//! Open candidacy: registering with keys and a bond, the largest bonds selected, inactive
//! candidates dropped, bonds returned after the bonding period.

use super::*;
use frame_support::traits::fungible::Inspect;
use sp_runtime::TokenError;

fn keys(who: AccountId) {
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(who), UintAuthorityId(who), vec![]));
}

fn register(who: AccountId, bond: u128) {
	keys(who);
	assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(who), bond));
}

fn queued_for(session: u32) -> Option<Vec<AccountId>> {
	System::events().into_iter().rev().find_map(|r| match r.event {
		RuntimeEvent::ValidatorSet(Event::ValidatorSetQueued { session: s, validators })
			if s == session =>
		{
			Some(validators)
		},
		_ => None,
	})
}

#[test]
fn a_candidate_with_keys_and_a_bond_joins_at_the_second_boundary() {
	test(|| {
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(4), BOND),
			Error::<Test>::NoSessionKeys
		);
		keys(4);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::root(), BOND),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(4), BOND - 1),
			Error::<Test>::BondTooLow
		);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(1), BOND),
			Error::<Test>::AlreadyValidator
		);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 1_001),
			TokenError::FundsUnavailable
		);
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(4), BOND));
		assert_eq!(last_event(), Event::CandidateRegistered { who: 4, bond: BOND }.into());
		assert_eq!(ValidatorSet::held_bond(&4), BOND);
		assert_eq!(Balances::balance(&4), 1_000 - BOND);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(4), BOND),
			Error::<Test>::AlreadyCandidate
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 4),
			Error::<Test>::AlreadyCandidate
		);

		run_to_authored_by(SESSION, &[1, 2, 3]); // session 1: queued for session 2
		assert_eq!(active(), vec![1, 2, 3]);
		assert_eq!(queued_for(2), Some(vec![1, 2, 3, 4]));
		run_to_authored_by(2 * SESSION, &[1, 2, 3]); // session 2
		assert_eq!(active(), vec![1, 2, 3, 4]);
	});
}

#[test]
fn the_largest_bonds_fill_the_places_after_the_invulnerables() {
	test(|| {
		// Five places, three invulnerables: two for candidates.
		register(4, 100);
		register(5, 300);
		register(6, 200);
		register(7, 200);
		keys(8);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(8), 900),
			Error::<Test>::TooManyCandidates
		);
		let order = |_: ()| Candidates::<Test>::get().iter().map(|c| c.who).collect::<Vec<_>>();
		assert_eq!(order(()), vec![5, 6, 7, 4]); // equal bonds: the earlier first
		run_to_authored_by(SESSION, &[1, 2, 3]);
		assert_eq!(queued_for(2), Some(vec![1, 2, 3, 5, 6]));

		assert_noop!(
			ValidatorSet::bond_extra(RuntimeOrigin::signed(8), 1),
			Error::<Test>::NotCandidate
		);
		assert_noop!(
			ValidatorSet::bond_extra(RuntimeOrigin::signed(7), 801),
			TokenError::FundsUnavailable
		);
		assert_ok!(ValidatorSet::bond_extra(RuntimeOrigin::signed(7), 150));
		assert_eq!(last_event(), Event::CandidateBondRaised { who: 7, bond: 350 }.into());
		assert_eq!(ValidatorSet::held_bond(&7), 350);
		assert_eq!(order(()), vec![7, 5, 6, 4]);
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		assert_eq!(queued_for(3), Some(vec![1, 2, 3, 7, 5]));

		// A higher candidacy bond: those below it wait (6 holds 200) until they bond more.
		assert_noop!(
			ValidatorSet::set_candidacy_bond(RuntimeOrigin::signed(1), 250),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::set_candidacy_bond(RuntimeOrigin::root(), BOND - 1),
			Error::<Test>::BondTooLow
		);
		assert_ok!(ValidatorSet::set_candidacy_bond(RuntimeOrigin::root(), 250));
		assert_eq!(last_event(), Event::CandidacyBondSet { bond: 250 }.into());
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(5)));
		run_to_authored_by(3 * SESSION, &[1, 2, 3]);
		assert_eq!(queued_for(4), Some(vec![1, 2, 3, 7]));
		keys(9);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(9), 249),
			Error::<Test>::BondTooLow
		);
	});
}

#[test]
fn a_candidate_that_authors_nothing_for_a_whole_session_is_dropped() {
	test(|| {
		register(4, BOND);
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3, 4]);
		// Session 2 (blocks 10–14): 4 authors; it stays.
		run_to_authored_by(3 * SESSION - 1, &[1, 2, 3, 4]);
		assert!(AuthoredThisSession::<Test>::get().contains(&4));
		run_to_authored_by(3 * SESSION, &[1, 2, 3]);
		assert_eq!(Candidates::<Test>::get().len(), 1);
		// Session 3 (blocks 15–19): 4 authors nothing; dropped at its end.
		run_to_authored_by(4 * SESSION, &[1, 2, 3]);
		let unlocks_at = 4 * SESSION + BONDING_PERIOD;
		assert!(System::events()
			.iter()
			.any(|r| r.event == Event::CandidateDropped { who: 4, bond: BOND, unlocks_at }.into()));
		assert!(Candidates::<Test>::get().is_empty());
		assert_eq!(queued_for(5), Some(vec![1, 2, 3]));
		run_to_authored_by(5 * SESSION, &[1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3]);
		// Its bond comes back after the bonding period, not before.
		assert_eq!(ValidatorSet::held_bond(&4), BOND);
		run_to(unlocks_at - 1);
		assert_noop!(
			ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)),
			Error::<Test>::StillBonded
		);
		run_to(unlocks_at);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)));
		assert_eq!(last_event(), Event::BondWithdrawn { who: 4, amount: BOND }.into());
		assert_eq!(Balances::balance(&4), 1_000);
	});
}

#[test]
fn a_session_shorter_than_its_set_shrinks_the_set_and_an_idle_candidate_is_still_dropped() {
	test(|| {
		register(4, BOND);
		register(5, BOND);
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3, 4, 5]);
		// Sessions of 4 blocks for 5 validators would leave one without a slot in each, and
		// an idle one could never be told from one without a slot: the set shrinks to 4.
		assert_ok!(ValidatorSet::set_session_length(RuntimeOrigin::root(), 4));
		run_to_authored_by(2 * SESSION + 16, &[1, 2, 3]);
		assert!(active().len() <= 4, "{:?}", active());
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::ValidatorSet(Event::CandidateDropped { .. })
		)));
	});
}

#[test]
fn leaving_releases_the_bond_after_the_bonding_period() {
	test(|| {
		register(4, BOND);
		assert_noop!(
			ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)),
			Error::<Test>::NothingToWithdraw
		);
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(4)));
		assert_eq!(
			last_event(),
			Event::CandidateLeft { who: 4, bond: BOND, unlocks_at: 1 + BONDING_PERIOD }.into()
		);
		assert_noop!(
			ValidatorSet::leave_candidacy(RuntimeOrigin::signed(4)),
			Error::<Test>::NotCandidate
		);
		assert_noop!(
			ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)),
			Error::<Test>::StillBonded
		);
		// Registering again while unbonding holds a second bond; leaving again adds it to
		// the first and restarts the period.
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 150));
		assert_eq!(ValidatorSet::held_bond(&4), BOND + 150);
		run_to(5);
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(4)));
		let unlocks_at = 5 + BONDING_PERIOD;
		assert_eq!(Unbonds::<Test>::get(4), Some(Unbonding { amount: BOND + 150, unlocks_at }));
		run_to(unlocks_at);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)));
		assert_eq!(last_event(), Event::BondWithdrawn { who: 4, amount: BOND + 150 }.into());
		assert_eq!(ValidatorSet::held_bond(&4), 0);
		assert_eq!(Balances::balance(&4), 1_000);
		assert_noop!(
			ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)),
			Error::<Test>::NothingToWithdraw
		);
	});
}
