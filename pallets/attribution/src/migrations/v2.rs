//! From storage version 1 to 2: the inference index is keyed by the model too.
//!
//! Up to version 1, [`RecordOfInference`] mapped an inference hash alone to its record, so an
//! attestor of any model could record a hash it saw in the transaction pool before the
//! honest record of another model, which then failed with `DuplicateInference`. From version
//! 2 the index is keyed by `(model, inference hash)`. The migration moves every entry under
//! its record's model; an entry whose record is not in state (which the pallet never leaves)
//! is dropped. It reads and writes every entry once, in one block: the index holds one entry
//! per record in state, each paid for by its attestor's record deposit, and records leave
//! state after their challenge period (a day), so it is a day's records at most.

use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use sp_core::H256;
use sp_runtime::Saturating;

use crate::*;

/// Version 1's inference index, as the chain holds it before the migration.
#[allow(missing_docs)] // `storage_alias` generates an undocumented prefix type.
pub mod old {
	use super::*;

	/// The record of each inference hash in state, as version 1 keys it.
	#[frame_support::storage_alias]
	pub type RecordOfInference<T: Config> = StorageMap<Pallet<T>, Blake2_128Concat, H256, RecordId>;
}

/// What runs at the upgrade: every index entry moves under its record's model.
pub struct IndexInferencesByModel<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for IndexInferencesByModel<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut reads, mut writes): (u64, u64) = (0, 0);
		// All the old entries out first: the new ones share the item's prefix, and an
		// iteration still running would read them back as old keys.
		let entries: Vec<(H256, RecordId)> = old::RecordOfInference::<T>::drain().collect();
		for (hash, id) in entries {
			reads.saturating_accrue(2);
			writes.saturating_inc();
			if let Some(record) = Records::<T>::get(id) {
				RecordOfInference::<T>::insert(record.model, hash, id);
				writes.saturating_inc();
			}
		}
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok((Records::<T>::iter_keys().count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let records =
			u64::decode(&mut &before[..]).map_err(|_| "pre_upgrade's note does not decode")?;
		ensure!(
			RecordOfInference::<T>::iter_keys().count() as u64 == records,
			"the inference index does not hold one entry per record in state"
		);
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 1 to 2, only if the chain is at 1.
pub type MigrateToV2<T> = VersionedMigration<
	1,
	2,
	IndexInferencesByModel<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
