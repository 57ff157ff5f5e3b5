//! Governance keeping the validator set and the session length.

use frame_support::{ensure, pallet_prelude::*, traits::ValidatorRegistration};
use frame_system::pallet_prelude::BlockNumberFor;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Adds `who` to the set; it takes over one to two sessions from now.
	pub(crate) fn do_add_validator(who: T::AccountId) -> DispatchResult {
		ensure!(T::KeysRegistry::is_registered(&who), Error::<T>::NoSessionKeys);
		// An invulnerable is never slashed: a punished or unbonding account stays slashable
		// until it has withdrawn its bond.
		ensure!(!Slashes::<T>::contains_key(&who), Error::<T>::Punished);
		ensure!(!Unbonds::<T>::contains_key(&who), Error::<T>::StillBonded);
		ensure!(
			Self::position_in(&Candidates::<T>::get(), &who).is_none(),
			Error::<T>::AlreadyCandidate
		);
		Validators::<T>::try_mutate(|validators| {
			ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
			validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)
		})?;
		Changed::<T>::put(true);
		Self::deposit_event(Event::ValidatorAdded { who });
		Ok(())
	}

	/// Removes `who` from the set, keeping at least [`Config::MinValidators`].
	pub(crate) fn do_remove_validator(who: T::AccountId) -> DispatchResult {
		Validators::<T>::try_mutate(|validators| {
			let position =
				validators.iter().position(|v| v == &who).ok_or(Error::<T>::NotValidator)?;
			ensure!(
				validators.len() as u32 > T::MinValidators::get(),
				Error::<T>::TooFewValidators
			);
			validators.remove(position);
			Ok::<_, DispatchError>(())
		})?;
		Changed::<T>::put(true);
		Self::deposit_event(Event::ValidatorRemoved { who });
		Ok(())
	}

	/// Sets how many blocks a session lasts, from the current session on. The set is chosen
	/// again at the next boundary: it never has more validators than a session has blocks.
	pub(crate) fn do_set_session_length(blocks: BlockNumberFor<T>) -> DispatchResult {
		ensure!(blocks >= T::MinSessionLength::get(), Error::<T>::SessionTooShort);
		Self::put_session_length(blocks);
		Changed::<T>::put(true);
		Self::deposit_event(Event::SessionLengthSet { blocks });
		Ok(())
	}
}
