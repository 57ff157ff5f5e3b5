//! Sessions: their length, and what the session pallet is handed at each boundary.

use super::*;

#[test]
fn the_genesis_validators_are_active() {
	test(|| {
		assert_eq!(active(), vec![1, 2, 3]);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3]);
		assert_eq!(ValidatorSet::session_length(), SESSION);
	});
}
#[test]
fn the_slot_duration_is_the_default_unless_genesis_sets_an_even_one() {
	use sp_runtime::BuildStorage;
	test(|| assert_eq!(crate::SlotDuration::<Test>::get(), 6000));
	let genesis = |slot_duration| {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		crate::GenesisConfig::<Test> {
			validators: vec![1, 2, 3],
			session_length: SESSION,
			slot_duration,
		}
		.assimilate_storage(&mut storage)
		.map(|()| storage)
	};
	sp_io::TestExternalities::new(genesis(Some(1000)).unwrap())
		.execute_with(|| assert_eq!(crate::SlotDuration::<Test>::get(), 1000));
	for odd in [0, 1, 999] {
		let built = std::panic::catch_unwind(|| genesis(Some(odd)));
		assert!(built.is_err(), "{odd} ms refused at genesis");
	}
}

#[test]
fn sessions_end_every_session_length_blocks() {
	test(|| {
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 0);
		run_to(SESSION);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 1);
		run_to(2 * SESSION);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 2);
		assert_ok!(ValidatorSet::set_session_length(RuntimeOrigin::root(), 3));
		assert_eq!(last_event(), Event::SessionLengthSet { blocks: 3 }.into());
		run_to(2 * SESSION + 3);
		assert_eq!(pallet_session::CurrentIndex::<Test>::get(), 3);
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::root(), 1),
			Error::<Test>::SessionTooShort
		);
		assert_noop!(
			ValidatorSet::set_session_length(RuntimeOrigin::signed(1), 10),
			DispatchError::BadOrigin
		);
	});
}
#[test]
fn the_set_is_handed_over_at_every_boundary_and_announced_when_it_changed() {
	test(|| {
		run_to(3 * SESSION);
		assert!(!System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::ValidatorSet(Event::ValidatorSetQueued { .. })
		)));
		assert_eq!(active(), vec![1, 2, 3]);
		// Handed over each time, so the historical sessions hold a root of each session's
		// own keys (none copied from the session before).
		let roots: Vec<_> = (1..=3)
			.map(|i| pallet_session::historical::HistoricalSessions::<Test>::get(i).unwrap().0)
			.collect();
		assert!(roots.iter().all(|r| *r == roots[0]), "same keys, same root");
		// A validator's new keys are in the root of the next session planned (at block 20,
		// session 5's), not copied from the one before.
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(2), UintAuthorityId(22), vec![]));
		run_to(4 * SESSION);
		let root = |i| pallet_session::historical::HistoricalSessions::<Test>::get(i).unwrap().0;
		assert_eq!(root(4), roots[0]);
		assert_ne!(root(5), roots[0], "session 5's root has 2's new key");
	});
}

#[test]
fn an_invulnerable_without_keys_is_not_handed_over() {
	test(|| {
		assert_ok!(Session::purge_keys(RuntimeOrigin::signed(2)));
		run_to(3 * SESSION);
		assert_eq!(active(), vec![1, 3]);
		assert_eq!(Validators::<Test>::get().into_inner(), vec![1, 2, 3], "still an invulnerable");
		assert_eq!(ValidatorSet::select(), vec![1, 3]);
	});
}
