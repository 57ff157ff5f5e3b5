//! From storage version 1 to 2: allow-list entries pay for the state they take.
//!
//! A version 1 allow-list entry is `()`: the account is allowed, and nothing is held for it.
//! Version 2 stores with each entry who holds its storage deposit, and the deposit. The
//! migration rewrites every entry as allowed with no deposit (`Allowance { deposit: None }`):
//! nobody paid one, and none can be taken from an account at an upgrade. Removing such an
//! entry releases nothing; a new one pays. It reads and writes every entry once, in one
//! block: at ParityDB's weights about 58 µs an entry, so up to about 30,000 entries fit in a
//! block of 2 s, as for [`super::v1`].

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use openledger_primitives::DatasetId;
use sp_runtime::Saturating;

use crate::*;

/// Version 1's allow list, as the chain holds it before the migration.
#[allow(missing_docs)] // `storage_alias` generates an undocumented prefix type.
pub mod old {
	use super::*;

	/// Accounts allowed to contribute to a closed dataset, as version 1 stores them.
	#[frame_support::storage_alias]
	pub type AllowList<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		DatasetId,
		Blake2_128Concat,
		<T as frame_system::Config>::AccountId,
		(),
	>;
}

/// What runs at the upgrade: every allow-list entry is rewritten with no deposit.
pub struct AllowancesWithoutDeposit<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for AllowancesWithoutDeposit<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut entries: u64 = 0;
		AllowList::<T>::translate_values::<(), _>(|()| {
			entries.saturating_inc();
			Some(Allowance { deposit: None })
		});
		T::DbWeight::get().reads_writes(entries, entries)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok((old::AllowList::<T>::iter_keys().count() as u64).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let before =
			u64::decode(&mut &before[..]).map_err(|_| "pre_upgrade's note does not decode")?;
		let mut now: u64 = 0;
		for allowance in AllowList::<T>::iter_values() {
			ensure!(allowance.deposit.is_none(), "a migrated allow-list entry holds a deposit");
			now.saturating_inc();
		}
		ensure!(now == before, "allow-list entries were lost or added");
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 1 to 2, only if the chain is at 1.
pub type MigrateToV2<T> = VersionedMigration<
	1,
	2,
	AllowancesWithoutDeposit<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
