//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. The set holds at least `MinValidators` (and, by its type, at most `MaxValidators`).
//! 2. No validator is listed twice.
//! 3. Sessions are at least `MinSessionLength` long.

use frame_support::ensure;
use openledger_primitives::checks::has_duplicates;
use sp_runtime::TryRuntimeError;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let validators = Validators::<T>::get();
		ensure!(
			validators.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		ensure!(!has_duplicates(&validators), "a validator is listed twice");
		ensure!(
			Self::session_length() >= T::MinSessionLength::get(),
			"a session shorter than MinSessionLength"
		);
		Ok(())
	}
}
