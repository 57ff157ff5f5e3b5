//! Where a session's length and start are kept.
//!
//! Storage version 1 keeps them as two values, [`SessionLength`] and [`SessionStart`]. The
//! `upgrade-rehearsal` build is the next layout, version 2: one value, [`Session`], so that
//! deciding whether a session ends costs one read per block instead of two. It is what the
//! runtime-upgrade rehearsal enacts on a running network ([`crate::migrations::v2`] moves
//! the two values into one); once a chain has run it, it becomes the only layout.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use scale_info::TypeInfo;

use crate::*;

/// A session's length and the block it started in.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub struct SessionTiming<BlockNumber> {
	/// How many blocks a session lasts.
	pub length: BlockNumber,
	/// The block the current session started in.
	pub start: BlockNumber,
}

impl<T: Config> Pallet<T> {
	/// The current session's length and start.
	#[cfg(not(feature = "upgrade-rehearsal"))]
	pub fn session_timing() -> SessionTiming<BlockNumberFor<T>> {
		SessionTiming { length: SessionLength::<T>::get(), start: SessionStart::<T>::get() }
	}

	/// The current session's length and start.
	#[cfg(feature = "upgrade-rehearsal")]
	pub fn session_timing() -> SessionTiming<BlockNumberFor<T>> {
		Session::<T>::get()
	}

	/// How many blocks a session lasts.
	pub fn session_length() -> BlockNumberFor<T> {
		Self::session_timing().length
	}

	/// The storage reads [`Self::session_timing`] costs.
	pub(crate) const SESSION_TIMING_READS: u64 =
		if cfg!(feature = "upgrade-rehearsal") { 1 } else { 2 };

	pub(crate) fn put_session_length(length: BlockNumberFor<T>) {
		#[cfg(not(feature = "upgrade-rehearsal"))]
		SessionLength::<T>::put(length);
		#[cfg(feature = "upgrade-rehearsal")]
		Session::<T>::mutate(|timing| timing.length = length);
	}

	pub(crate) fn put_session_start(start: BlockNumberFor<T>) {
		#[cfg(not(feature = "upgrade-rehearsal"))]
		SessionStart::<T>::put(start);
		#[cfg(feature = "upgrade-rehearsal")]
		Session::<T>::mutate(|timing| timing.start = start);
	}
}
