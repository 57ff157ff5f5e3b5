//! Governance adding and removing validators, within the set's bounds.

use super::*;

#[test]
fn an_added_validator_validates_from_the_session_after_next() {
	test(|| {
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 4),
			Error::<Test>::NoSessionKeys
		);
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(4), UintAuthorityId(4), vec![]));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::signed(4), 4),
			DispatchError::BadOrigin
		);
		assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), 4));
		assert_eq!(last_event(), Event::ValidatorAdded { who: 4 }.into());
		assert!(Changed::<Test>::get());
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 4),
			Error::<Test>::AlreadyValidator
		);

		run_to(SESSION); // session 1: the new set is queued for session 2
		assert_eq!(active(), vec![1, 2, 3]);
		assert!(System::events().iter().any(|r| r.event
			== Event::ValidatorSetQueued { session: 2, validators: vec![1, 2, 3, 4] }.into()));
		run_to(2 * SESSION); // session 2
		assert_eq!(active(), vec![1, 2, 3, 4]);
	});
}
#[test]
fn a_removed_validator_stops_but_the_set_never_falls_below_the_minimum() {
	test(|| {
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 9),
			Error::<Test>::NotValidator
		);
		assert_ok!(ValidatorSet::remove_validator(RuntimeOrigin::root(), 3));
		assert_eq!(last_event(), Event::ValidatorRemoved { who: 3 }.into());
		assert_noop!(
			ValidatorSet::remove_validator(RuntimeOrigin::root(), 2),
			Error::<Test>::TooFewValidators
		);
		run_to(2 * SESSION);
		assert_eq!(active(), vec![1, 2]);
	});
}
#[test]
fn the_set_is_bounded() {
	test(|| {
		for who in [4, 5] {
			assert_ok!(Session::set_keys(RuntimeOrigin::signed(who), UintAuthorityId(who), vec![]));
			assert_ok!(ValidatorSet::add_validator(RuntimeOrigin::root(), who));
		}
		let _ = <Balances as frame_support::traits::fungible::Mutate<_>>::set_balance(&6, 1_000);
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(6), UintAuthorityId(6), vec![]));
		assert_noop!(
			ValidatorSet::add_validator(RuntimeOrigin::root(), 6),
			Error::<Test>::TooManyValidators
		);
	});
}
