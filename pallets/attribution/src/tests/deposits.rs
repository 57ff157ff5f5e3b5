//! Records' storage deposits: held at recording, one per attestor, released as records leave
//! state, refused when the attestor cannot hold them, and none for records from before.

use super::*;
use crate::{
	migrations::v1::MigrateToV1, Error, RecordDeposits, RecordDepositsFrom, RecordStatus, Records,
};
use frame_support::{
	assert_noop,
	traits::{
		fungible::Mutate, Consideration, Footprint, GetStorageVersion, Hooks, OnRuntimeUpgrade,
		StorageVersion,
	},
	weights::Weight,
};

fn bytes(id: RecordId) -> u64 {
	Attribution::record_bytes(&Records::<Test>::get(id).expect("in state"))
}

fn sweep_at(now: u64) {
	System::set_block_number(now);
	Attribution::on_idle(now, Weight::MAX);
}

#[test]
fn an_attestor_holds_one_deposit_for_its_records_in_state_released_as_they_leave() {
	test(|| {
		let w = world();
		assert_eq!(record_deposit_held(ATTESTOR), 0);
		let first = record(&w, Some(w.agent), 1_000, &[(w.d0, 30), (w.d1, 20)], 1);
		assert_eq!(record_deposit_held(ATTESTOR), RECORD_BASE_DEPOSIT + bytes(first) as u128);
		System::set_block_number(2);
		let second = record(&w, None, 500, &[(w.d0, 10)], 2);
		let both = bytes(first) + bytes(second);
		assert!(bytes(first) > bytes(second), "a bigger record pays more");
		assert_eq!(
			record_deposit_held(ATTESTOR),
			RECORD_BASE_DEPOSIT + both as u128,
			"the per-item part is paid once per attestor"
		);
		assert_eq!(
			RecordDeposits::<Test>::get(ATTESTOR).map(|(footprint, _)| footprint),
			Some(Footprint { count: 2, size: both })
		);

		// The first leaves state: its bytes are released.
		sweep_at(2 + CHALLENGE_PERIOD);
		assert!(!Records::<Test>::contains_key(first));
		assert_eq!(record_deposit_held(ATTESTOR), RECORD_BASE_DEPOSIT + bytes(second) as u128);
		// The last leaves: the deposit is dropped.
		sweep_at(3 + CHALLENGE_PERIOD);
		assert_eq!(record_deposit_held(ATTESTOR), 0);
		assert!(!RecordDeposits::<Test>::contains_key(ATTESTOR));
	});
}

#[test]
fn a_challenged_record_keeps_its_deposit_until_it_leaves_state() {
	test(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 30)], 1);
		let deposit = one_record_deposit(id);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		assert!(matches!(
			Records::<Test>::get(id).unwrap().status,
			RecordStatus::Challenged { .. }
		));
		assert_eq!(bytes(id), Attribution::record_bytes(&Records::<Test>::get(id).unwrap()));
		assert_eq!(one_record_deposit(id), deposit, "the status was priced at its largest");
		sweep_at(2 + CHALLENGE_PERIOD);
		assert_eq!(record_deposit_held(ATTESTOR), deposit, "under challenge: still in state");
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, false));
		assert!(!Records::<Test>::contains_key(id));
		assert_eq!(record_deposit_held(ATTESTOR), 0);
	});
}

#[test]
fn an_attestor_that_cannot_hold_the_deposit_cannot_record() {
	test(|| {
		let w = world();
		// Enough for the fee and the existential deposit, not for the record's deposit.
		let fee = 1_000;
		let low = ED + fee + RECORD_BASE_DEPOSIT / 2;
		assert_eq!(Balances::set_balance(&ATTESTOR, low), low);
		assert_noop!(
			without_weight(Attribution::record_inference(
				RuntimeOrigin::signed(ATTESTOR),
				w.model,
				1,
				None,
				fee,
				H256::repeat_byte(1),
				method(),
				H256::zero(),
				scores(&[(w.d0, 30)]),
				Perbill::one()
			)),
			Error::<Test>::InsufficientBalance
		);
		// With it, the attestor records.
		let enough = ED + fee + 10 * RECORD_BASE_DEPOSIT + 10_000;
		assert_eq!(Balances::set_balance(&ATTESTOR, enough), enough);
		let id = record(&w, None, fee, &[(w.d0, 30)], 1);
		assert_eq!(record_deposit_held(ATTESTOR), one_record_deposit(id));
	});
}

#[test]
fn the_v1_migration_starts_deposits_at_the_next_record() {
	test(|| {
		let w = world();
		// A record from before deposits: in state, holding none.
		let old = record(&w, None, 1_000, &[(w.d0, 30)], 1);
		let (_, ticket) = RecordDeposits::<Test>::take(ATTESTOR).expect("held");
		assert_ok!(ticket.drop(&ATTESTOR));
		StorageVersion::new(0).put::<Attribution>();

		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Attribution::on_chain_storage_version(), 1);
		assert_eq!(RecordDepositsFrom::<Test>::get(), old + 1);
		Attribution::do_try_state().unwrap();

		let new = record(&w, None, 1_000, &[(w.d0, 30)], 2);
		assert_eq!(record_deposit_held(ATTESTOR), one_record_deposit(new));
		// The old record leaves state releasing nothing; the new one its deposit.
		sweep_at(2 + CHALLENGE_PERIOD);
		assert!(!Records::<Test>::contains_key(old));
		assert!(!Records::<Test>::contains_key(new));
		assert_eq!(record_deposit_held(ATTESTOR), 0);

		// Run again, the migration does nothing: the chain is at version 1.
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(RecordDepositsFrom::<Test>::get(), old + 1);
	});
}

#[test]
fn try_state_refuses_a_deposit_that_does_not_match_the_records() {
	new_test_ext().execute_with(|| {
		let w = world();
		record(&w, None, 1_000, &[(w.d0, 30)], 1);
		RecordDeposits::<Test>::mutate(ATTESTOR, |entry| {
			if let Some((footprint, _)) = entry {
				footprint.size -= 1;
			}
		});
		assert_eq!(
			Attribution::do_try_state(),
			Err("an attestor's record deposit differs from its records in state".into())
		);
	});
}
