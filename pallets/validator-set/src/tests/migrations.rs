//! Storage migrations: each runs once, from the version it starts at, keeps what must
//! survive, and (under `try-runtime`) refuses a state it cannot migrate.

use super::*;
use crate::migrations::{v1::MigrateToV1, v2};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};

fn on_chain() -> StorageVersion {
	ValidatorSet::on_chain_storage_version()
}

#[test]
fn v1_records_the_version_of_an_unversioned_chain_and_keeps_the_set() {
	test(|| {
		StorageVersion::new(0).put::<ValidatorSet>();
		let validators = Validators::<Test>::get();
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(on_chain(), 1);
		assert_eq!(Validators::<Test>::get(), validators);
	});
}

#[test]
fn a_migration_runs_only_from_its_own_version() {
	test(|| {
		StorageVersion::new(1).put::<ValidatorSet>();
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(on_chain(), 1, "v1 does nothing at version 1");
		StorageVersion::new(0).put::<ValidatorSet>();
		v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(on_chain(), 0, "v2 does nothing at version 0");
	});
}

/// A chain at version 1 with the session values `length` and `start`.
fn at_version_1(length: u64, start: u64) {
	StorageVersion::new(1).put::<ValidatorSet>();
	v2::new::Session::<Test>::kill();
	v2::old::SessionLength::<Test>::put(length);
	v2::old::SessionStart::<Test>::put(start);
}

#[test]
fn v2_moves_the_session_length_and_start_into_one_value() {
	new_test_ext().execute_with(|| {
		at_version_1(SESSION, 7);
		v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(on_chain(), 2);
		assert_eq!(
			v2::new::Session::<Test>::get(),
			crate::SessionTiming { length: SESSION, start: 7 }
		);
		assert!(!v2::old::SessionLength::<Test>::exists());
		assert!(!v2::old::SessionStart::<Test>::exists());
	});
}

#[cfg(feature = "try-runtime")]
#[test]
fn v2_checks_itself_and_refuses_a_state_it_cannot_migrate() {
	new_test_ext().execute_with(|| {
		at_version_1(SESSION, 7);
		assert_ok!(v2::MigrateToV2::<Test>::try_on_runtime_upgrade(true));
	});
	new_test_ext().execute_with(|| {
		at_version_1(1, 7); // below MinSessionLength (2)
		let error = v2::MigrateToV2::<Test>::try_on_runtime_upgrade(true).unwrap_err();
		assert!(format!("{error:?}").contains("below MinSessionLength"), "{error:?}");
	});
}
