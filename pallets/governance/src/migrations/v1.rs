//! From storage version 0 to 1: a chain that exists before the enactment delay had a floor
//! gets one.
//!
//! [`EnactmentDelayFloor`] is set at genesis; a chain launched before it existed has none
//! (zero: only [`Config::MinEnactmentDelay`], one block). The migration sets the floor to the
//! delay the chain has at the upgrade, which the Council chose, so that it cannot be shortened
//! afterwards (short of a runtime upgrade). One read and one write.

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};

use crate::*;

/// What runs at the upgrade: the floor becomes the current delay, if the chain has none.
pub struct FloorAtTheCurrentDelay<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for FloorAtTheCurrentDelay<T> {
	fn on_runtime_upgrade() -> Weight {
		if EnactmentDelayFloor::<T>::get().is_zero() {
			let floor = EnactmentDelay::<T>::get().max(T::MinEnactmentDelay::get());
			EnactmentDelayFloor::<T>::put(floor);
			return T::DbWeight::get().reads_writes(2, 1);
		}
		T::DbWeight::get().reads(1)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		Ok(EnactmentDelay::<T>::get().encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let delay = BlockNumberFor::<T>::decode(&mut &before[..])
			.map_err(|_| "pre_upgrade's note does not decode")?;
		ensure!(EnactmentDelay::<T>::get() == delay, "the delay changed");
		ensure!(!EnactmentDelayFloor::<T>::get().is_zero(), "no floor");
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 0 to 1, only if the chain is at 0.
pub type MigrateToV1<T> = VersionedMigration<
	0,
	1,
	FloorAtTheCurrentDelay<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
