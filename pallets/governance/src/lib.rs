//! # Governance pallet: how the Council's decisions become Root, and when
//!
//! `pallet-collective` turns a Council vote into an origin ("m of n members agreed");
//! `pallet-scheduler` runs a call later with the origin it was given. Nothing in FRAME turns a
//! Council vote into **Root after a delay**, which is what a chain needs so that the people who
//! hold value on it see a decision coming before it takes effect. This pallet is that bridge,
//! and the only one: every call that needs Root (a runtime upgrade, the validator set, the
//! split parameters, the treasury, the members of the Council and of the Arbiters) reaches it
//! through here (or through sudo, which only development chains have).
//!
//! - [`Pallet::enact`]: a Council motion passed by [`Config::EnactOrigin`] (two thirds of
//!   the Council in the runtime) keeps its call in [`Enactments`] and has `pallet-scheduler`
//!   run it **as Root** [`EnactmentDelay`] blocks later ([`Pallet::run`], a named task,
//!   [`Pallet::task_name`]). Anyone can read what is coming (`governance.enactments`).
//! - [`Pallet::enact_now`]: a motion passed by [`Config::FastTrackOrigin`] (the **whole**
//!   Council) dispatches its call as Root at once: the only way to skip the delay.
//! - [`Pallet::cancel`]: a motion passed by [`Config::CancelOrigin`] (more than half of the
//!   Council) cancels a scheduled enactment before it runs: stopping a change is easier
//!   than making one.
//! - [`Pallet::set_enactment_delay`]: Root sets the delay, never below the floor each chain
//!   sets at genesis ([`EnactmentDelayFloor`], at least [`Config::MinEnactmentDelay`]).
//!
//! Not every call can be enacted: [`Config::EnactableCalls`] says which. The runtime refuses
//! the ones that would let a single account act as Root from then on (installing a sudo key),
//! so that every later decision still waits for the delay.
//!
//! A call whose weight the scheduler could never fit in a block ([`Config::MaxCallWeight`]) is
//! refused when it is scheduled, not found stuck when it is due. A call larger than 128 bytes
//! is kept as a preimage (`pallet-preimage`) until it runs or is cancelled, then removed:
//! nothing outlives its enactment. What the enacted call did is in [`Event::Enacted`].

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

use alloc::boxed::Box;
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	pallet_prelude::*,
	traits::{
		schedule::v3::{Named as ScheduleNamed, TaskName},
		Contains, QueryPreimage, StorePreimage,
	},
};
use frame_system::pallet_prelude::*;
use sp_runtime::traits::Dispatchable;

/// The index of an enactment: how many were scheduled before it.
pub type EnactmentIndex = u32;

/// A call as the pallet keeps it: inline when small, else by the hash of its preimage.
pub type BoundedCallOf<T> = frame_support::traits::Bounded<
	<T as Config>::RuntimeCall,
	<T as frame_system::Config>::Hashing,
>;

/// An enactment waiting for its block.
#[derive(
	frame_support::CloneNoBound,
	frame_support::DebugNoBound,
	frame_support::EqNoBound,
	frame_support::PartialEqNoBound
)]
#[derive(codec::Decode, codec::DecodeWithMemTracking, codec::Encode, codec::MaxEncodedLen)]
#[derive(scale_info::TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct Enactment<T: Config> {
	/// The call (inline, or its preimage's hash and length).
	pub call: BoundedCallOf<T>,
	/// The hash of the call.
	pub call_hash: T::Hash,
	/// The block it runs in.
	pub at: BlockNumberFor<T>,
}

// FRAME's macro expansions call `expect` on values they construct themselves.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The calls an enactment dispatches.
		type RuntimeCall: Parameter
			+ Dispatchable<
				RuntimeOrigin = <Self as frame_system::Config>::RuntimeOrigin,
				PostInfo = PostDispatchInfo,
			> + GetDispatchInfo
			+ From<frame_system::Call<Self>>
			+ From<Call<Self>>;

		/// The origin the scheduler stores with a task (Root, here).
		type PalletsOrigin: From<frame_system::RawOrigin<Self::AccountId>>;

		/// Runs the scheduled enactments when they are due.
		type Scheduler: ScheduleNamed<
			BlockNumberFor<Self>,
			<Self as Config>::RuntimeCall,
			Self::PalletsOrigin,
			Hasher = Self::Hashing,
		>;

		/// Stores the calls too large for the scheduler to keep inline.
		type Preimages: QueryPreimage<H = Self::Hashing> + StorePreimage;

		/// Schedules a call to be enacted as Root after the delay (two thirds of the Council).
		type EnactOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Enacts a call as Root at once (the whole Council).
		type FastTrackOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Cancels a scheduled enactment (more than half of the Council).
		type CancelOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The shortest delay any chain may have; each chain sets its own floor at genesis
		/// ([`EnactmentDelayFloor`]), at least this.
		#[pallet::constant]
		type MinEnactmentDelay: Get<BlockNumberFor<Self>>;

		/// The longest delay Root may set: beyond it, two thirds of the Council could leave
		/// every later decision to unanimity.
		#[pallet::constant]
		type MaxEnactmentDelay: Get<BlockNumberFor<Self>>;

		/// The calls the Council may have dispatched as Root ([`Pallet::enact`],
		/// [`Pallet::enact_now`]): checked when a call is proposed and again when it runs. The
		/// runtime refuses, in particular, any call that would give one account Root's power
		/// (a sudo key), so that no motion can route around the delay for good.
		type EnactableCalls: Contains<<Self as Config>::RuntimeCall>;

		/// The heaviest call that may be scheduled: what the scheduler can run in one block.
		#[pallet::constant]
		type MaxCallWeight: Get<Weight>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// How many blocks pass between a decision of the Council and its enactment.
	#[pallet::storage]
	pub type EnactmentDelay<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The shortest enactment delay this chain allows, set at genesis: Root cannot set the
	/// delay below it (only a runtime upgrade, or a storage write that itself waits for the
	/// delay, could change it).
	#[pallet::storage]
	pub type EnactmentDelayFloor<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// How many enactments were ever scheduled: the index of the next one.
	#[pallet::storage]
	pub type EnactmentCount<T> = StorageValue<_, EnactmentIndex, ValueQuery>;

	/// The enactments waiting for their block: removed when they run or are cancelled (so
	/// there are at most as many as the scheduler holds tasks).
	#[pallet::storage]
	pub type Enactments<T: Config> =
		StorageMap<_, Twox64Concat, EnactmentIndex, Enactment<T>, OptionQuery>;

	/// Genesis: the enactment delay of this chain, and the shortest it may become.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Blocks between a decision and its enactment; at least the floor.
		pub enactment_delay: BlockNumberFor<T>,
		/// The shortest delay Root may set on this chain; zero means `MinEnactmentDelay`.
		pub enactment_delay_floor: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let floor = self.enactment_delay_floor.max(T::MinEnactmentDelay::get());
			EnactmentDelayFloor::<T>::put(floor);
			EnactmentDelay::<T>::put(self.enactment_delay.max(floor));
		}
	}

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A call will be dispatched as Root at block `at`, unless cancelled first.
		EnactmentScheduled {
			/// The enactment's index (for [`Pallet::cancel`]).
			index: EnactmentIndex,
			/// The scheduler's name of the task (`scheduler.lookup`, and the `id` of the
			/// scheduler's `Dispatched` event when it runs).
			task: TaskName,
			/// The hash of the call.
			call_hash: T::Hash,
			/// The block it is dispatched in.
			at: BlockNumberFor<T>,
		},
		/// A scheduled enactment ran: its call was dispatched as Root; this is what it returned.
		Enacted {
			/// The enactment's index.
			index: EnactmentIndex,
			/// The hash of the call.
			call_hash: T::Hash,
			/// The call's result (or why it could not be dispatched).
			result: DispatchResult,
		},
		/// The whole Council enacted a call at once; this is what it returned.
		EnactedNow {
			/// The hash of the call.
			call_hash: T::Hash,
			/// The call's result.
			result: DispatchResult,
		},
		/// A scheduled enactment was cancelled: it will not run.
		EnactmentCancelled {
			/// The enactment's index.
			index: EnactmentIndex,
		},
		/// The enactment delay changed; it applies to what is scheduled from now on.
		EnactmentDelaySet {
			/// Blocks between a decision and its enactment.
			blocks: BlockNumberFor<T>,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// The call is heavier than `MaxCallWeight`: the scheduler could never run it.
		CallTooHeavy,
		/// The delay is below this chain's floor ([`EnactmentDelayFloor`]).
		DelayTooShort,
		/// No enactment with this index is waiting: it never existed, ran, or was cancelled.
		NotScheduled,
		/// The call's preimage is gone, or no longer decodes as a call.
		CallUnavailable,
		/// The Council may not enact this call as Root (`Config::EnactableCalls`): a call
		/// that would hand Root's power to one account, or that only Root's own machinery
		/// (the scheduler) may make.
		CallNotEnactable,
		/// The delay is above `MaxEnactmentDelay`.
		DelayTooLong,
		/// The enactment is not due yet: only its own block runs it.
		NotDue,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				!T::MinEnactmentDelay::get().is_zero(),
				"MinEnactmentDelay must be at least one block"
			);
			assert!(
				T::MaxEnactmentDelay::get() >= T::MinEnactmentDelay::get(),
				"MaxEnactmentDelay must be at least MinEnactmentDelay"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Schedules `call` to be dispatched as Root after the enactment delay (a Council
		/// motion of at least two thirds).
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::enact(call.encoded_size() as u32))]
		pub fn enact(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResult {
			T::EnactOrigin::ensure_origin(origin)?;
			Self::do_enact(*call)
		}

		/// Dispatches `call` as Root at once (a motion of the whole Council).
		#[pallet::call_index(1)]
		#[pallet::weight({
			let info = call.get_dispatch_info();
			(T::WeightInfo::enact_now().saturating_add(info.call_weight), info.class)
		})]
		pub fn enact_now(
			origin: OriginFor<T>,
			call: Box<<T as Config>::RuntimeCall>,
		) -> DispatchResultWithPostInfo {
			T::FastTrackOrigin::ensure_origin(origin)?;
			Self::do_enact_now(*call)
		}

		/// Cancels the scheduled enactment `index` before it runs (a Council motion of more
		/// than half).
		#[pallet::call_index(2)]
		pub fn cancel(origin: OriginFor<T>, index: EnactmentIndex) -> DispatchResult {
			T::CancelOrigin::ensure_origin(origin)?;
			Self::do_cancel(index)
		}

		/// Sets the enactment delay (Root), at least this chain's [`EnactmentDelayFloor`] and
		/// at most [`Config::MaxEnactmentDelay`].
		#[pallet::call_index(3)]
		pub fn set_enactment_delay(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			ensure_root(origin)?;
			Self::do_set_enactment_delay(blocks)
		}

		/// Runs the enactment `index`: dispatches its call as Root (the scheduler calls this,
		/// as Root, at the enactment's block). `weight` is what the enactment may use, the
		/// call's own weight included, as it was when the enactment was scheduled.
		#[pallet::call_index(4)]
		#[pallet::weight(*weight)]
		pub fn run(
			origin: OriginFor<T>,
			index: EnactmentIndex,
			weight: Weight,
		) -> DispatchResultWithPostInfo {
			ensure_root(origin)?;
			Self::do_run(index, weight)
		}
	}
}
