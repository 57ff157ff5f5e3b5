//! From the unversioned layout (storage version 0) to version 1: the layout does not change,
//! the chain records its version, and the checks make sure the validator set survived.

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
#[cfg(feature = "try-runtime")]
use frame_support::{ensure, pallet_prelude::*};
use frame_support::{migrations::VersionedMigration, traits::UncheckedOnRuntimeUpgrade};

use crate::*;

/// What runs at the upgrade: nothing to move.
pub struct InitializeVersion<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for InitializeVersion<T> {
	fn on_runtime_upgrade() -> Weight {
		Weight::zero()
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(Validators::<T>::get().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		ensure!(Validators::<T>::get().encode() == before, "the validator set changed");
		Ok(())
	}
}

/// Storage version 0 to 1, only if the chain is at 0.
pub type MigrateToV1<T> = VersionedMigration<
	0,
	1,
	InitializeVersion<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
