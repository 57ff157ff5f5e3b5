//! From storage version 0 to 1: records pay a storage deposit.
//!
//! Records recorded before this version held no deposit, and none can be taken from an
//! attestor at an upgrade. The migration notes where deposits start: [`RecordDepositsFrom`]
//! is set to the next record id, so the records in state keep no deposit and release none
//! when they leave, and every record after the upgrade holds one. It reads and writes one
//! value, whatever the number of records.

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

use crate::*;

/// What runs at the upgrade: deposits start at the next record.
pub struct DepositsFromNextRecord<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for DepositsFromNextRecord<T> {
	fn on_runtime_upgrade() -> Weight {
		RecordDepositsFrom::<T>::put(NextRecordId::<T>::get());
		T::DbWeight::get().reads_writes(1, 1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(NextRecordId::<T>::get().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let before =
			RecordId::decode(&mut &before[..]).map_err(|_| "pre_upgrade's note does not decode")?;
		ensure!(
			RecordDepositsFrom::<T>::get() == before,
			"deposits do not start at the next record"
		);
		ensure!(
			RecordDeposits::<T>::iter_keys().next().is_none(),
			"a deposit before any was taken"
		);
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 0 to 1, only if the chain is at 0.
pub type MigrateToV1<T> = VersionedMigration<
	0,
	1,
	DepositsFromNextRecord<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
