//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. The enactment delay is at least the chain's floor, which is at least
//!    `MinEnactmentDelay`.
//! 2. Every waiting enactment has an index below `EnactmentCount` and a task of the scheduler
//!    due at the enactment's block (the two come and go together).

use frame_support::{ensure, traits::schedule::v3::Named};
use sp_runtime::TryRuntimeError;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let floor = EnactmentDelayFloor::<T>::get();
		ensure!(floor >= T::MinEnactmentDelay::get(), "a delay floor below MinEnactmentDelay");
		ensure!(EnactmentDelay::<T>::get() >= floor, "an enactment delay below its floor");
		let count = EnactmentCount::<T>::get();
		for (index, enactment) in Enactments::<T>::iter() {
			ensure!(index < count, "an enactment beyond EnactmentCount");
			ensure!(
				T::Scheduler::next_dispatch_time(Self::task_name(index)) == Ok(enactment.at),
				"a waiting enactment without its scheduler task"
			);
		}
		Ok(())
	}
}
