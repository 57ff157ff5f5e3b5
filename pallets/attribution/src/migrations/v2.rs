//! From storage version 1 to 2: the inference index is keyed by the model too.
//!
//! Up to version 1, [`RecordOfInference`] mapped an inference hash alone to its record, so an
//! attestor of any model could record a hash it saw in the transaction pool before the
//! honest record of another model, which then failed with `DuplicateInference`. From version
//! 2, records are indexed by `(model, inference hash)` in [`RecordOfModelInference`].
//!
//! The migration moves nothing: it writes one value, [`IndexedByModelFrom`], the next record
//! id. The records before it keep their entries in the old index, which a new record's check
//! still reads, and which each of them removes when it leaves state; so the old index is empty
//! one challenge period after the upgrade, and the upgrade's block does the same work whatever
//! the number of records in state (moving them all in one block would not fit it at a day of
//! records at ten a second).

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

use crate::*;

/// What runs at the upgrade: the records from the next one on are indexed by model.
pub struct IndexByModelFromNow<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for IndexByModelFromNow<T> {
	fn on_runtime_upgrade() -> Weight {
		IndexedByModelFrom::<T>::put(NextRecordId::<T>::get());
		T::DbWeight::get().reads_writes(1, 1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(Vec::new())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(_: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(
			IndexedByModelFrom::<T>::get() == NextRecordId::<T>::get(),
			"the records from the next one on are not the ones indexed by model"
		);
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 1 to 2, only if the chain is at 1.
pub type MigrateToV2<T> = VersionedMigration<
	1,
	2,
	IndexByModelFromNow<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
