//! How other pallets see the validator set: it is the session pallet's
//! [`pallet_session::SessionManager`] (handing it the set at session boundaries), its
//! [`pallet_session::ShouldEndSession`] (every [`Pallet::session_length`] blocks), and the
//! [`EstimateNextSessionRotation`] that tools read; and pallet-authorship's
//! [`pallet_authorship::EventHandler`] (to see who authored in a session).

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::EstimateNextSessionRotation};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

use crate::*;

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !Changed::<T>::take() {
			return None;
		}
		let validators = Self::select();
		Self::deposit_event(Event::ValidatorSetQueued {
			session: new_index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		Some(Validators::<T>::get().into_inner())
	}

	fn end_session(_end_index: u32) {
		Self::drop_inactive_candidates();
	}

	fn start_session(_start_index: u32) {
		Self::put_session_start(frame_system::Pallet::<T>::block_number());
	}
}

impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		let timing = Self::session_timing();
		now.saturating_sub(timing.start) >= timing.length
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		Self::session_length()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let SessionTiming { length, start } = Self::session_timing();
		let elapsed = now.saturating_sub(start);
		let progress = if length.is_zero() {
			None
		} else {
			Some(Permill::from_rational(elapsed.min(length), length))
		};
		(progress, T::DbWeight::get().reads(Self::SESSION_TIMING_READS))
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let SessionTiming { length, start } = Self::session_timing();
		let next = start.saturating_add(length);
		(Some(next.max(now)), T::DbWeight::get().reads(Self::SESSION_TIMING_READS))
	}
}

impl<T: Config> pallet_authorship::EventHandler<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
	fn note_author(author: T::AccountId) {
		Self::note_authored(author);
	}
}
