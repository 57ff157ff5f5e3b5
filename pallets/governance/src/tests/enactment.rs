//! The Council's decisions enacted as Root: after the delay by two thirds, at once by all,
//! cancelled by a majority; never by fewer, never sooner.

use super::*;

#[test]
fn a_two_thirds_motion_enacts_its_call_as_root_after_the_delay() {
	test(|| {
		let call = set_delay(20);
		let call_hash = BlakeTwo256::hash_of(&call);
		assert_ok!(motion(enact(call), &[1, 2]));

		let at = 1 + DELAY;
		let task = crate::Pallet::<Test>::task_name(0);
		assert_eq!(events(), vec![Event::EnactmentScheduled { index: 0, task, call_hash, at }]);
		assert_eq!(EnactmentCount::<Test>::get(), 1);
		assert_eq!(Enactments::<Test>::get(0).map(|e| (e.call_hash, e.at)), Some((call_hash, at)));
		assert!(pallet_scheduler::Lookup::<Test>::contains_key(task));

		run_to(at - 1);
		assert_eq!(EnactmentDelay::<Test>::get(), DELAY, "not before the delay is over");
		assert!(dispatched().is_empty());

		run_to(at);
		assert_eq!(EnactmentDelay::<Test>::get(), 20);
		assert_eq!(events().last(), Some(&Event::Enacted { index: 0, call_hash, result: Ok(()) }));
		assert_eq!(dispatched(), vec![(Some(task), Ok(()))]);
		assert!(!pallet_scheduler::Lookup::<Test>::contains_key(task));
		assert!(Enactments::<Test>::get(0).is_none(), "an enactment ends when it ran");
	});
}

#[test]
fn an_enactment_whose_call_fails_says_why_and_ends() {
	test(|| {
		let call = set_delay(1); // below the minimum
		let call_hash = BlakeTwo256::hash_of(&call);
		assert_ok!(Governance::enact(council(2), Box::new(call)));
		run_to(1 + DELAY);
		assert_eq!(
			events().last(),
			Some(&Event::Enacted {
				index: 0,
				call_hash,
				result: Err(Error::<Test>::DelayTooShort.into())
			})
		);
		assert!(Enactments::<Test>::get(0).is_none());
		assert_eq!(dispatched(), vec![(Some(crate::Pallet::<Test>::task_name(0)), Ok(()))]);
	});
}

#[test]
fn only_root_runs_an_enactment_and_only_a_waiting_one() {
	test(|| {
		assert_noop!(
			Governance::run(RuntimeOrigin::signed(1), 0, Weight::MAX),
			DispatchError::BadOrigin
		);
		assert_noop!(Governance::run(council(3), 0, Weight::MAX), DispatchError::BadOrigin);
		assert_noop!(
			Governance::run(RuntimeOrigin::root(), 0, Weight::MAX),
			Error::<Test>::NotScheduled
		);
	});
}

#[test]
fn an_enactment_whose_preimage_is_gone_says_so() {
	test(|| {
		let call: RuntimeCall =
			frame_system::Call::<Test>::remark { remark: vec![7; 1_000] }.into();
		let call_hash = BlakeTwo256::hash_of(&call);
		assert_ok!(Governance::enact(council(2), Box::new(call)));
		// The preimage manager (Root) takes the only request away: the preimage is gone.
		assert_ok!(Preimage::unrequest_preimage(RuntimeOrigin::root(), call_hash));
		assert_eq!(pallet_preimage::PreimageFor::<Test>::iter_keys().count(), 0);
		run_to(1 + DELAY);
		assert_eq!(
			events().last(),
			Some(&Event::Enacted {
				index: 0,
				call_hash,
				result: Err(Error::<Test>::CallUnavailable.into())
			})
		);
	});
}

#[test]
fn the_council_is_not_root_and_fewer_than_two_thirds_cannot_schedule() {
	test(|| {
		// A motion is not Root: a root-only call straight from a motion fails.
		assert_eq!(motion(set_delay(20), &[1, 2, 3]), Err(DispatchError::BadOrigin));
		// One member of three is not two thirds.
		assert_eq!(motion(enact(set_delay(20)), &[1]), Err(DispatchError::BadOrigin));
		assert_noop!(
			Governance::enact(RuntimeOrigin::signed(1), Box::new(set_delay(20))),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Governance::enact(RuntimeOrigin::root(), Box::new(set_delay(20))),
			DispatchError::BadOrigin
		);
		assert!(events().is_empty());
		assert_eq!(EnactmentDelay::<Test>::get(), DELAY);
	});
}

#[test]
fn only_the_whole_council_skips_the_delay() {
	test(|| {
		assert_eq!(motion(enact_now(set_delay(20)), &[1, 2]), Err(DispatchError::BadOrigin));
		assert_noop!(
			Governance::enact_now(RuntimeOrigin::signed(1), Box::new(set_delay(20))),
			DispatchError::BadOrigin
		);
		assert_eq!(EnactmentDelay::<Test>::get(), DELAY);

		let call = set_delay(20);
		let call_hash = BlakeTwo256::hash_of(&call);
		assert_ok!(motion(enact_now(call), &[1, 2, 3]));
		assert_eq!(EnactmentDelay::<Test>::get(), 20, "at once");
		assert_eq!(
			events(),
			vec![
				Event::EnactmentDelaySet { blocks: 20 },
				Event::EnactedNow { call_hash, result: Ok(()) }
			]
		);
	});
}

#[test]
fn what_a_call_enacted_at_once_returns_is_in_the_event() {
	test(|| {
		let call = set_delay(1);
		let call_hash = BlakeTwo256::hash_of(&call);
		assert_ok!(Governance::enact_now(council(3), Box::new(call)));
		assert_eq!(
			events(),
			vec![Event::EnactedNow { call_hash, result: Err(Error::<Test>::DelayTooShort.into()) }]
		);
	});
}

#[test]
fn a_majority_cancels_a_scheduled_enactment() {
	test(|| {
		assert_ok!(Governance::enact(council(2), Box::new(set_delay(20))));
		assert_eq!(
			motion(crate::Call::<Test>::cancel { index: 0 }.into(), &[1]),
			Err(DispatchError::BadOrigin)
		);
		assert_ok!(motion(crate::Call::<Test>::cancel { index: 0 }.into(), &[2, 3]));
		assert_eq!(events().last(), Some(&Event::EnactmentCancelled { index: 0 }));

		run_to(1 + DELAY);
		assert_eq!(EnactmentDelay::<Test>::get(), DELAY, "a cancelled enactment never runs");
		assert!(dispatched().is_empty());
		assert_noop!(Governance::cancel(council(2), 0), Error::<Test>::NotScheduled);
		assert_noop!(Governance::cancel(council(2), 7), Error::<Test>::NotScheduled);
	});
}

#[test]
fn an_enactment_that_ran_cannot_be_cancelled() {
	test(|| {
		assert_ok!(Governance::enact(council(2), Box::new(set_delay(20))));
		run_to(1 + DELAY);
		assert_noop!(Governance::cancel(council(3), 0), Error::<Test>::NotScheduled);
	});
}

#[test]
fn a_call_the_scheduler_could_never_run_is_refused() {
	test(|| {
		// Room for running an enactment and a tenth of a second of its call.
		let run = <() as crate::WeightInfo>::run(0);
		MaxCallWeight::set(run.saturating_add(Weight::from_parts(100_000_000_000, 0)));
		// `set_code` weighs more than that.
		let set_code: RuntimeCall = frame_system::Call::<Test>::set_code { code: vec![] }.into();
		assert_noop!(
			Governance::enact(council(2), Box::new(set_code)),
			Error::<Test>::CallTooHeavy
		);
		let authorize: RuntimeCall =
			frame_system::Call::<Test>::authorize_upgrade { code_hash: [7; 32].into() }.into();
		assert_ok!(Governance::enact(council(2), Box::new(authorize)));
	});
}

#[test]
fn a_large_call_waits_as_a_preimage_and_is_dropped_once_it_ran() {
	test(|| {
		let key = b"a key".to_vec();
		let call: RuntimeCall =
			frame_system::Call::<Test>::set_storage { items: vec![(key.clone(), vec![7; 1_000])] }
				.into();
		let call_hash = BlakeTwo256::hash_of(&call);
		assert_ok!(Governance::enact(council(2), Box::new(call.clone())));
		assert!(pallet_preimage::PreimageFor::<Test>::iter_keys().any(|(h, _)| h == call_hash));

		run_to(1 + DELAY);
		assert_eq!(sp_io::storage::get(&key).map(|v| v.len()), Some(1_000));
		assert_eq!(pallet_preimage::PreimageFor::<Test>::iter_keys().count(), 0, "dropped");

		// Cancelled, it is dropped too.
		assert_ok!(Governance::enact(council(2), Box::new(call)));
		assert_eq!(pallet_preimage::PreimageFor::<Test>::iter_keys().count(), 1);
		assert_ok!(Governance::cancel(council(2), 1));
		assert_eq!(pallet_preimage::PreimageFor::<Test>::iter_keys().count(), 0, "dropped");
		assert_eq!(pallet_preimage::RequestStatusFor::<Test>::iter_keys().count(), 0);
	});
}

#[test]
fn each_enactment_is_its_own_task() {
	test(|| {
		assert_ok!(Governance::enact(council(2), Box::new(set_delay(20))));
		assert_ok!(Governance::enact(council(2), Box::new(set_delay(20))));
		assert_ok!(Governance::cancel(council(2), 1));
		run_to(1 + DELAY);
		assert_eq!(dispatched(), vec![(Some(crate::Pallet::<Test>::task_name(0)), Ok(()))]);
	});
}

#[test]
fn the_delay_is_roots_to_set_and_never_below_the_minimum() {
	test(|| {
		assert_noop!(
			Governance::set_enactment_delay(RuntimeOrigin::signed(1), 5),
			DispatchError::BadOrigin
		);
		assert_noop!(Governance::set_enactment_delay(council(3), 5), DispatchError::BadOrigin);
		assert_noop!(
			Governance::set_enactment_delay(RuntimeOrigin::root(), 1),
			Error::<Test>::DelayTooShort
		);
		assert_ok!(Governance::set_enactment_delay(RuntimeOrigin::root(), 5));
		assert_eq!(events(), vec![Event::EnactmentDelaySet { blocks: 5 }]);

		// Scheduled from now on, with the new delay.
		assert_ok!(Governance::enact(council(2), Box::new(set_delay(20))));
		assert!(matches!(events().last(), Some(Event::EnactmentScheduled { at: 6, .. })));
	});
}

#[test]
fn genesis_never_starts_below_the_minimum() {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { enactment_delay: 0, enactment_delay_floor: 0 }
		.assimilate_storage(&mut storage)
		.unwrap();
	sp_io::TestExternalities::new(storage).execute_with(|| {
		assert_eq!(EnactmentDelay::<Test>::get(), 2);
		assert_eq!(EnactmentDelayFloor::<Test>::get(), 2);
	});
}

/// A chain whose genesis floor is `floor` and delay `delay`.
fn chain_with_floor(floor: u64, delay: u64) -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	crate::GenesisConfig::<Test> { enactment_delay: delay, enactment_delay_floor: floor }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut chain = sp_io::TestExternalities::new(storage);
	chain.execute_with(|| System::set_block_number(1));
	chain
}

#[test]
fn roots_delay_never_goes_below_the_floor_its_chain_set_at_genesis() {
	chain_with_floor(100, 10).execute_with(|| {
		// The genesis delay is raised to the floor.
		assert_eq!(EnactmentDelay::<Test>::get(), 100);
		assert_noop!(
			Governance::set_enactment_delay(RuntimeOrigin::root(), 99),
			Error::<Test>::DelayTooShort
		);
		assert_noop!(
			Governance::set_enactment_delay(RuntimeOrigin::root(), 2),
			Error::<Test>::DelayTooShort
		);
		assert_ok!(Governance::set_enactment_delay(RuntimeOrigin::root(), 100));
		assert_ok!(Governance::set_enactment_delay(RuntimeOrigin::root(), 1_000));
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}

/// The one call the mock's `EnactableCalls` refuses.
fn forbidden() -> RuntimeCall {
	frame_system::Call::<Test>::remark { remark: FORBIDDEN.to_vec() }.into()
}

#[test]
fn a_call_the_runtime_does_not_allow_is_neither_scheduled_nor_enacted_at_once() {
	test(|| {
		assert_noop!(
			Governance::enact(council(2), Box::new(forbidden())),
			Error::<Test>::CallNotEnactable
		);
		assert_noop!(
			Governance::enact_now(council(3), Box::new(forbidden())),
			Error::<Test>::CallNotEnactable
		);
		// The same, through real motions: the motion executes, its call is refused.
		assert_eq!(
			motion(enact(forbidden()), &COUNCIL[..2]),
			Err(Error::<Test>::CallNotEnactable.into())
		);
		assert!(Enactments::<Test>::iter().next().is_none());
		// Any other remark is fine.
		let allowed = frame_system::Call::<Test>::remark { remark: b"fine".to_vec() };
		assert_ok!(Governance::enact_now(council(3), Box::new(allowed.into())));
	});
}

#[test]
fn an_enactment_runs_only_at_its_block_never_before() {
	test(|| {
		assert_ok!(Governance::enact(council(2), Box::new(set_delay(20))));
		let at = Enactments::<Test>::get(0).unwrap().at;
		// Run by Root before its block (say, from another enactment): refused, it still waits.
		let weight = Weight::from_parts(1_000_000_000, 0);
		assert_noop!(Governance::run(RuntimeOrigin::root(), 0, weight), Error::<Test>::NotDue);
		run_to(at);
		assert_eq!(EnactmentDelay::<Test>::get(), 20);
		assert!(Enactments::<Test>::get(0).is_none());
	});
}

#[test]
fn roots_delay_has_a_ceiling() {
	test(|| {
		assert_noop!(
			Governance::set_enactment_delay(RuntimeOrigin::root(), 1_001),
			Error::<Test>::DelayTooLong
		);
		assert_ok!(Governance::set_enactment_delay(RuntimeOrigin::root(), 1_000));
	});
}

#[test]
fn a_chain_without_a_floor_gets_its_current_delay_as_floor() {
	use frame_support::traits::OnRuntimeUpgrade;
	test(|| {
		EnactmentDelayFloor::<Test>::kill();
		frame_support::traits::StorageVersion::new(0).put::<crate::Pallet<Test>>();
		assert_ok!(Governance::set_enactment_delay(RuntimeOrigin::root(), 7));
		crate::migrations::v1::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(EnactmentDelayFloor::<Test>::get(), 7);
		assert_noop!(
			Governance::set_enactment_delay(RuntimeOrigin::root(), 6),
			Error::<Test>::DelayTooShort
		);
	});
}
