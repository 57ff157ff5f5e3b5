//! Open candidacy: registering with keys and a bond, the largest bonds selected, inactive
//! candidates dropped, bonds returned after the bonding period.

use super::*;
use frame_support::traits::fungible::Inspect;
use sp_runtime::TokenError;

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
		let order = |_: ()| Candidates::<Test>::get().iter().map(|c| c.who).collect::<Vec<_>>();
		assert_eq!(order(()), vec![5, 6, 7, 4]); // equal bonds: the earlier first
		run_to_authored_by(SESSION, &[1, 2, 3]);
		assert_eq!(queued_for(2), Some(vec![1, 2, 3, 5, 6]));

		keys(8);
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
		// Registering again while unbonding bonds the unbonding bond again, with 150 more:
		// a candidate of 250, no unbonding left; leaving again unbonds it all from then.
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 150));
		assert_eq!(last_event(), Event::CandidateRegistered { who: 4, bond: BOND + 150 }.into());
		assert_eq!(ValidatorSet::held_bond(&4), BOND + 150);
		assert_eq!(Unbonds::<Test>::get(4), None);
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

#[test]
fn a_full_list_gives_the_smallest_bonds_place_to_a_larger_one() {
	test(|| {
		register(4, 100);
		register(5, 300);
		register(6, 200);
		register(7, 100); // equal to 4's, registered later: last
		assert_eq!(Candidates::<Test>::get().len(), 4); // MaxCandidates
		keys(8);
		// Not larger than the smallest bond: refused, nothing held, nobody displaced.
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(8), 100),
			Error::<Test>::TooManyCandidates
		);
		// Larger, but more than the account has: nothing changes either.
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(8), 1_001),
			TokenError::FundsUnavailable
		);
		Changed::<Test>::kill();
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(8), 101));
		let unlocks_at = 1 + BONDING_PERIOD;
		let events: Vec<_> = System::events().into_iter().map(|r| r.event).collect();
		assert_eq!(
			events[events.len() - 2..],
			[
				Event::CandidateDisplaced { who: 7, bond: 100, by: 8, unlocks_at }.into(),
				Event::CandidateRegistered { who: 8, bond: 101 }.into(),
			]
		);
		let order: Vec<_> = Candidates::<Test>::get().iter().map(|c| c.who).collect();
		assert_eq!(order, vec![5, 6, 8, 4]);
		assert!(Changed::<Test>::get());
		// The displaced candidate's bond unbonds like a leaver's.
		assert_eq!(Unbonds::<Test>::get(7), Some(Unbonding { amount: 100, unlocks_at }));
		assert_eq!(ValidatorSet::held_bond(&7), 100);
		// (No sessions meanwhile: idle candidates in the set would be dropped.)
		System::set_block_number(unlocks_at);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(7)));
		assert_eq!(Balances::balance(&7), 1_000);
		// It may come back with a larger bond, displacing the smallest again (4).
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(7), 150));
		let order: Vec<_> = Candidates::<Test>::get().iter().map(|c| c.who).collect();
		assert_eq!(order, vec![5, 6, 7, 8]);
		assert!(Unbonds::<Test>::contains_key(4));
	});
}

#[test]
fn governance_removes_a_candidate_with_a_bounded_slash_to_the_treasury() {
	test(|| {
		use sp_runtime::Perbill;
		register(4, 200);
		register(5, 300);
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3, 5, 4]);
		assert_noop!(
			ValidatorSet::remove_candidate(RuntimeOrigin::signed(1), 4, Perbill::zero()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorSet::remove_candidate(RuntimeOrigin::root(), 4, Perbill::from_percent(51)),
			Error::<Test>::SlashTooLarge
		);
		assert_noop!(
			ValidatorSet::remove_candidate(RuntimeOrigin::root(), 6, Perbill::zero()),
			Error::<Test>::NotCandidate
		);
		let treasury = Balances::balance(&TREASURY);
		let issuance = Balances::total_issuance();
		Changed::<Test>::kill();
		// A third of 200, rounded down: 66 to the treasury, 134 unbonds.
		assert_ok!(ValidatorSet::remove_candidate(
			RuntimeOrigin::root(),
			4,
			Perbill::from_rational(1u32, 3)
		));
		let now = System::block_number();
		let unlocks_at = now + BONDING_PERIOD;
		assert_eq!(
			last_event(),
			Event::CandidateRemoved { who: 4, slashed: 66, unlocks_at }.into()
		);
		assert_eq!(Balances::balance(&TREASURY), treasury + 66);
		assert_eq!(Balances::total_issuance(), issuance, "a slash moves, never burns");
		assert_eq!(ValidatorSet::held_bond(&4), 134);
		assert_eq!(Unbonds::<Test>::get(4), Some(Unbonding { amount: 134, unlocks_at }));
		assert_eq!(Balances::balance(&4), 1_000 - 200);
		assert!(Changed::<Test>::get());
		assert_eq!(Candidates::<Test>::get().iter().map(|c| c.who).collect::<Vec<_>>(), vec![5]);
		// Still in the session it was queued for, and not disabled: removal never disables.
		run_to_authored_by(3 * SESSION, &[1, 2, 3, 5]);
		assert!(active().contains(&4));
		assert_eq!(pallet_session::DisabledValidators::<Test>::get(), vec![]);
		run_to_authored_by(4 * SESSION, &[1, 2, 3, 5]);
		assert_eq!(active(), vec![1, 2, 3, 5]);
		// An invulnerable is governance's to remove as such, never to slash.
		assert_noop!(
			ValidatorSet::remove_candidate(RuntimeOrigin::root(), 1, Perbill::zero()),
			Error::<Test>::AlreadyValidator
		);

		// A candidate that leaves before the motion passes is still at risk while it
		// unbonds: the slash takes from its bonds together, and its period starts again.
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(5)));
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(5), 100));
		run_to(4 * SESSION + 3);
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(5)));
		assert!(Candidates::<Test>::get().is_empty());
		assert_ok!(ValidatorSet::remove_candidate(
			RuntimeOrigin::root(),
			5,
			Perbill::from_percent(50)
		));
		let unlocks_at = 4 * SESSION + 3 + BONDING_PERIOD;
		assert_eq!(
			last_event(),
			Event::CandidateRemoved { who: 5, slashed: 200, unlocks_at }.into()
		);
		assert_eq!(Unbonds::<Test>::get(5), Some(Unbonding { amount: 200, unlocks_at }));
		// Once per span: no second removal (its slashes would add up past the cap, and each
		// would restart the period), no registering again, no becoming an invulnerable.
		assert_noop!(
			ValidatorSet::remove_candidate(RuntimeOrigin::root(), 5, Perbill::from_percent(20)),
			Error::<Test>::Punished
		);
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(5), 100),
			Error::<Test>::Punished
		);
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 5),
			Error::<Test>::Punished
		);
		// Nor an account merely unbonding: an invulnerable is never slashed.
		register(6, 100);
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(6)));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 6),
			Error::<Test>::StillBonded
		);
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(6), 0));
		// A zero slash only removes.
		assert_ok!(ValidatorSet::remove_candidate(RuntimeOrigin::root(), 6, Perbill::zero()));
		assert_eq!(Unbonds::<Test>::get(6).map(|u| u.amount), Some(100));
		run_to(unlocks_at);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(5)));
		assert_eq!(Balances::balance(&5), 1_000 - 200);
		assert_noop!(
			ValidatorSet::remove_candidate(RuntimeOrigin::root(), 5, Perbill::zero()),
			Error::<Test>::NotCandidate
		);
		// Its span ended with the withdrawal: it may be a candidate again.
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(5), 100));
	});
}
