//! Proven offences: the offender is disabled, taken off the list and slashed once per span;
//! an invulnerable is only disabled and reported; the history kept for proofs is bounded.

use super::*;
use crate::Slashes;
use frame_support::traits::fungible::Inspect;
use sp_runtime::Perbill;
use sp_staking::offence::{OffenceDetails, OnOffenceHandler};

/// pallet-offences' call for one offender of session `session`.
fn offence(who: AccountId, fraction: Perbill, session: u32) {
	let offenders = [OffenceDetails { offender: (who, ()), reporters: vec![] }];
	ValidatorSet::on_offence(&offenders, &[fraction], session);
}

fn disabled(who: AccountId) -> bool {
	let index = active().iter().position(|v| *v == who).expect("in the set") as u32;
	pallet_session::DisabledValidators::<Test>::get().iter().any(|(i, _)| *i == index)
}

fn slashed_events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::ValidatorSet(e @ Event::Slashed { .. }) => Some(e),
			_ => None,
		})
		.collect()
}

#[test]
fn an_offender_is_disabled_taken_off_the_list_and_slashed_to_the_treasury() {
	test(|| {
		register(4, 200);
		register(5, 300);
		// 4 left and came back with 100 more: its 200 are bonded again, 300 in all.
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(4)));
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 100));
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		assert_eq!(active(), vec![1, 2, 3, 5, 4]);
		let treasury = Balances::balance(&TREASURY);
		let issuance = Balances::total_issuance();
		Changed::<Test>::kill();

		// GRANDPA's fraction for 1 offender in a set of 5: (3/5)² = 36 %.
		let fraction = Perbill::from_percent(36);
		offence(4, fraction, 2);
		let unlocks_at = 2 * SESSION + BONDING_PERIOD;
		// 36 % of the 300 it holds.
		assert_eq!(
			last_event(),
			Event::Slashed { who: 4, session: 2, fraction, amount: 108, unlocks_at }.into()
		);
		assert_eq!(Balances::balance(&TREASURY), treasury + 108);
		assert_eq!(Balances::total_issuance(), issuance, "a slash moves, never burns");
		assert_eq!(Unbonds::<Test>::get(4), Some(Unbonding { amount: 192, unlocks_at }));
		assert_eq!(ValidatorSet::held_bond(&4), 192);
		assert!(disabled(4), "disabled for the rest of the session");
		assert!(!disabled(5));
		assert_eq!(Candidates::<Test>::get().iter().map(|c| c.who).collect::<Vec<_>>(), vec![5]);
		assert!(Changed::<Test>::get());
		// Still in the next session's set (queued before the offence), and disabled in it too.
		run_to_authored_by(3 * SESSION, &[1, 2, 3, 5]);
		assert!(active().contains(&4));
		assert!(disabled(4), "disabled again in the session it was already queued for");
		// Out of the set two boundaries later, as any change; nobody else is dropped.
		run_to_authored_by(4 * SESSION, &[1, 2, 3, 5]);
		assert_eq!(active(), vec![1, 2, 3, 5]);
		assert_eq!(
			pallet_session::DisabledValidators::<Test>::get(),
			vec![],
			"a new session enables"
		);

		// Barred from registering until it has withdrawn what is left.
		assert_noop!(
			ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 100),
			Error::<Test>::Punished
		);
		System::set_block_number(unlocks_at);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)));
		assert_eq!(Balances::balance(&4), 1_000 - 108);
		assert!(!Slashes::<Test>::contains_key(4));
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 100));
	});
}

#[test]
fn offences_of_one_span_slash_only_the_largest_fraction_once() {
	test(|| {
		register(4, 900);
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		offence(4, Perbill::from_percent(10), 2);
		// The same fraction again (another round of the same key run twice): nothing more.
		offence(4, Perbill::from_percent(10), 2);
		// A smaller one: nothing more either.
		offence(4, Perbill::from_percent(5), 3);
		// A larger one (more offenders in the same slot): only the difference, of the bond
		// it had at the first slash.
		offence(4, Perbill::from_percent(25), 2);
		let amounts: Vec<_> = slashed_events()
			.into_iter()
			.map(|e| match e {
				Event::Slashed { amount, fraction, .. } => (amount, fraction),
				_ => unreachable!(),
			})
			.collect();
		let pct = Perbill::from_percent;
		assert_eq!(amounts, vec![(90, pct(10)), (0, pct(10)), (0, pct(10)), (135, pct(25))]);
		assert_eq!(ValidatorSet::held_bond(&4), 675);
		assert_eq!(Slashes::<Test>::get(4).map(|r| (r.fraction, r.base)), Some((pct(25), 900)));
	});
}

#[test]
fn a_whole_slash_leaves_an_empty_entry_that_withdrawing_ends() {
	test(|| {
		register(4, 100);
		offence(4, Perbill::one(), 1);
		let unlocks_at = 1 + BONDING_PERIOD;
		assert_eq!(Unbonds::<Test>::get(4), Some(Unbonding { amount: 0, unlocks_at }));
		System::set_block_number(unlocks_at);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)));
		assert_eq!(last_event(), Event::BondWithdrawn { who: 4, amount: 0 }.into());
		assert!(!Slashes::<Test>::contains_key(4));
		assert_eq!(Balances::balance(&4), 900);
	});
}

#[test]
fn an_invulnerable_is_disabled_and_reported_never_slashed_or_removed() {
	test(|| {
		// Five validators: a third of them, rounded down, may be disabled at once (one).
		register(4, 100);
		register(5, 100);
		run_to_authored_by(2 * SESSION, &[1, 2, 3]);
		let before = Balances::balance(&1);
		offence(1, Perbill::from_percent(36), 0);
		assert_eq!(
			last_event(),
			Event::InvulnerableOffended { who: 1, session: 0, fraction: Perbill::from_percent(36) }
				.into()
		);
		assert!(!Changed::<Test>::get(), "an invulnerable's offence changes no set");
		assert!(disabled(1));
		// The limit is reached: a second offender is slashed but not disabled.
		offence(4, Perbill::from_percent(36), 2);
		assert!(!disabled(4));
		assert!(Slashes::<Test>::contains_key(4));
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_eq!(Balances::balance(&1), before);
		assert!(!Slashes::<Test>::contains_key(1));
	});
}

#[test]
fn an_account_holding_nothing_is_only_disabled() {
	test(|| {
		// 4 was a candidate, left and withdrew: an offence of its old session finds nothing.
		register(4, 100);
		assert_ok!(ValidatorSet::leave_candidacy(RuntimeOrigin::signed(4)));
		System::set_block_number(1 + BONDING_PERIOD);
		assert_ok!(ValidatorSet::withdraw_unbonded(RuntimeOrigin::signed(4)));
		let events = System::events().len();
		offence(4, Perbill::from_percent(50), 0);
		assert_eq!(System::events().len(), events);
		assert!(!Slashes::<Test>::contains_key(4));
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(4), 100));
	});
}

#[test]
fn only_the_last_history_depth_sessions_are_kept_for_proofs() {
	test(|| {
		run_to_authored_by(8 * SESSION, &[1, 2, 3]);
		let current = Session::current_index();
		assert_eq!(current, 8);
		// Roots are stored for sessions up to the one queued (current + 1); those before
		// `current + 1 - HISTORY_DEPTH` are gone.
		let (first, end) = pallet_session::historical::StoredRange::<Test>::get().unwrap();
		assert_eq!((first, end), (current + 1 - HISTORY_DEPTH, current + 2));
		assert!(pallet_session::historical::HistoricalSessions::<Test>::get(first - 1).is_none());
		assert!(pallet_session::historical::HistoricalSessions::<Test>::get(current).is_some());
		// The session pallet's validators as the offences machinery sees them.
		assert_eq!(<Session as pallet_session::SessionInterface>::validators(), active());
	});
}
