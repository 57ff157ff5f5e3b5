//! From storage version 1 to 2: `SessionLength` and `SessionStart` become one value,
//! `Session` ([`SessionTiming`]), so that deciding whether a session ends reads one value per
//! block instead of two.
//!
//! The template of a migration that changes a layout: the old items are read through
//! `storage_alias`es (the pallet's code no longer declares them once it is at version 2),
//! moved, and removed; `pre_upgrade` notes the values and refuses a state the new layout
//! cannot hold, `post_upgrade` checks they arrived and nothing old is left. Run by the
//! `upgrade-rehearsal` build (see docs/upgrades.md).

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, storage_alias,
	traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;

use crate::*;

/// Version 1's items, as the chain holds them before the migration.
#[allow(missing_docs)] // `storage_alias` generates an undocumented prefix type.
pub mod old {
	use super::*;

	/// How many blocks a session lasts.
	#[storage_alias]
	pub type SessionLength<T: Config> = StorageValue<Pallet<T>, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session started in.
	#[storage_alias]
	pub type SessionStart<T: Config> = StorageValue<Pallet<T>, BlockNumberFor<T>, ValueQuery>;
}

/// Version 2's item, as the migration writes it.
#[allow(missing_docs)]
pub mod new {
	use super::*;

	/// A session's length and start.
	#[storage_alias]
	pub type Session<T: Config> =
		StorageValue<Pallet<T>, SessionTiming<BlockNumberFor<T>>, ValueQuery>;
}

/// What runs at the upgrade: the two values move into one.
pub struct MergeSessionTiming<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for MergeSessionTiming<T> {
	fn on_runtime_upgrade() -> Weight {
		let timing = SessionTiming {
			length: old::SessionLength::<T>::take(),
			start: old::SessionStart::<T>::take(),
		};
		new::Session::<T>::put(timing);
		T::DbWeight::get().reads_writes(2, 3)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		ensure!(old::SessionLength::<T>::exists(), "no session length to migrate");
		let timing = SessionTiming {
			length: old::SessionLength::<T>::get(),
			start: old::SessionStart::<T>::get(),
		};
		ensure!(
			timing.length >= T::MinSessionLength::get(),
			"the session length is below MinSessionLength: the chain's state is not what this migration expects"
		);
		ensure!(!new::Session::<T>::exists(), "the new item exists already");
		Ok(timing.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let before = SessionTiming::<BlockNumberFor<T>>::decode(&mut &before[..])
			.map_err(|_| "pre_upgrade's note does not decode")?;
		ensure!(new::Session::<T>::get() == before, "the session timing changed in the move");
		ensure!(
			!old::SessionLength::<T>::exists() && !old::SessionStart::<T>::exists(),
			"an old item is left"
		);
		Ok(())
	}
}

/// Storage version 1 to 2, only if the chain is at 1.
pub type MigrateToV2<T> = VersionedMigration<
	1,
	2,
	MergeSessionTiming<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
