//! How other pallets see the validator set: it is the session pallet's
//! [`pallet_session::SessionManager`] (handing it the set at session boundaries), its
//! [`pallet_session::ShouldEndSession`] (every [`Pallet::session_length`] blocks), and the
//! [`EstimateNextSessionRotation`] that tools read; through pallet-session's historical
//! `NoteHistoricalRoot`, its historical session manager; and pallet-authorship's
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
		use pallet_session::SessionInterface as _;
		// Sessions whose validators can no longer be proven (offences in them are refused).
		if let Some(oldest_kept) = new_index.checked_sub(T::HistoryDepth::get()) {
			T::SessionInterface::prune_up_to(oldest_kept);
		}
		let validators = Self::select();
		if validators.is_empty() {
			// Nobody with keys: the session pallet keeps the set it has (an empty one would
			// stop Aura).
			frame_support::defensive!("no validator with session keys to hand over");
			return None;
		}
		if Changed::<T>::take() {
			Self::deposit_event(Event::ValidatorSetQueued {
				session: new_index,
				validators: validators.clone(),
			});
		}
		// Handed over at every boundary, changed or not: pallet-session then reads every
		// validator's keys again, the historical sessions note a root of the keys the session
		// will really run with (a root copied from the session before would miss keys set
		// since, and make their offences unprovable), and the validators disabled for an
		// offence are enabled again at the boundary.
		Some(validators)
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		Some(Self::invulnerables_with_keys())
	}

	fn end_session(_end_index: u32) {
		Self::drop_inactive_candidates();
	}

	fn start_session(_start_index: u32) {
		Self::put_session_start(frame_system::Pallet::<T>::block_number());
		Self::disable_punished();
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

/// pallet-session's historical sessions (`NoteHistoricalRoot<Runtime, ValidatorSet>` as the
/// session manager) identify each validator by its account alone: a slash takes from what the
/// account holds when the offence is punished.
impl<T: Config> pallet_session::historical::SessionManager<T::AccountId, ()> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session(new_index)
			.map(|validators| validators.into_iter().map(|v| (v, ())).collect())
	}

	fn new_session_genesis(new_index: u32) -> Option<Vec<(T::AccountId, ())>> {
		<Self as pallet_session::SessionManager<_>>::new_session_genesis(new_index)
			.map(|validators| validators.into_iter().map(|v| (v, ())).collect())
	}

	fn start_session(start_index: u32) {
		<Self as pallet_session::SessionManager<_>>::start_session(start_index)
	}

	fn end_session(end_index: u32) {
		<Self as pallet_session::SessionManager<_>>::end_session(end_index)
	}
}

/// pallet-session historical's `FullIdentificationOf`: every validator is identified by its
/// account alone (`()`), so every validator of a session can be proven a member of it.
pub struct AccountOnly;

impl<AccountId> sp_runtime::traits::Convert<AccountId, Option<()>> for AccountOnly {
	fn convert(_: AccountId) -> Option<()> {
		Some(())
	}
}
