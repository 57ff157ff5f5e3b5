//! # Validator set pallet: who authors and finalises, decided by governance
//!
//! The set of validators (Aura authors and GRANDPA voters) is a list governance keeps:
//! [`Pallet::add_validator`] and [`Pallet::remove_validator`] (root for now). This pallet is
//! the session pallet's [`pallet_session::SessionManager`]: a change is handed to the session
//! pallet at the next session boundary, which queues it, and the new set takes over at the
//! boundary after that. So a change is in force **one to two sessions** after it was made.
//!
//! It also decides when sessions end: every [`Pallet::session_length`] blocks, a value
//! governance sets ([`Pallet::set_session_length`]) and each chain starts with (genesis).
//!
//! ## Storage versions
//! Version 1 (this layout; [`migrations::v1`] from the unversioned 0). The
//! `upgrade-rehearsal` build is version 2 ([`timing`], [`migrations::v2`]).
//!
//! ## Never stall for ever
//! - A validator can only be added once it has registered session keys (`session.setKeys`):
//!   a validator without keys would leave its Aura slots empty for good.
//! - The set never shrinks below [`Config::MinValidators`]. GRANDPA finalises while more than
//!   two thirds of the set votes; Aura keeps producing blocks as long as one validator is up.
//!   So when validators go offline, blocks keep coming, governance can still remove the
//!   offline ones, and finality resumes once the set is healthy again.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod timing;
pub mod weights;

pub use timing::SessionTiming;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{pallet_prelude::*, traits::ValidatorRegistration};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::Zero;

// FRAME's macro expansions call `expect` on values they construct themselves.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version: 1, or 2 in the `upgrade-rehearsal` build (`timing`).
	#[cfg(not(feature = "upgrade-rehearsal"))]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);
	/// The in-code storage version: 1, or 2 in the `upgrade-rehearsal` build (`timing`).
	#[cfg(feature = "upgrade-rehearsal")]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Adds and removes validators, sets the session length.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Whether an account has registered session keys (the session pallet).
		type KeysRegistry: ValidatorRegistration<Self::AccountId>;

		/// The fewest validators the set may hold.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators the set may hold (at most Aura's and GRANDPA's
		/// `MaxAuthorities`).
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The shortest session governance may set, in blocks.
		#[pallet::constant]
		type MinSessionLength: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Registers session keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self>;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<T: Config> {
		/// Gives `who` session keys, so that it may be added.
		fn register_keys(who: &T::AccountId) -> DispatchResult;
	}

	/// The validator set governance wants; handed to the session pallet at the next session
	/// boundary.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether `Validators` changed since it was last handed to the session pallet.
	#[pallet::storage]
	pub type Changed<T> = StorageValue<_, bool, ValueQuery>;

	/// How many blocks a session lasts (storage version 1).
	#[cfg(not(feature = "upgrade-rehearsal"))]
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session started in (storage version 1).
	#[cfg(not(feature = "upgrade-rehearsal"))]
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// A session's length and start (storage version 2: the `upgrade-rehearsal` build).
	#[cfg(feature = "upgrade-rehearsal")]
	#[pallet::storage]
	pub type Session<T: Config> = StorageValue<_, SessionTiming<BlockNumberFor<T>>, ValueQuery>;

	/// Genesis: the first validators and the session length. (The default, with no
	/// validators, only suits chains whose validators are set otherwise, e.g. tests.)
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions (they need session keys in the session
		/// pallet's genesis too).
		pub validators: Vec<T::AccountId>,
		/// Blocks per session.
		pub session_length: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self { validators: Vec::new(), session_length: T::MinSessionLength::get() }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let validators: BoundedVec<T::AccountId, T::MaxValidators> =
				self.validators.clone().try_into().expect("at most MaxValidators at genesis");
			assert!(
				validators.is_empty() || validators.len() as u32 >= T::MinValidators::get(),
				"at least MinValidators at genesis"
			);
			assert!(
				self.session_length >= T::MinSessionLength::get(),
				"a session at least MinSessionLength long at genesis"
			);
			Validators::<T>::put(validators);
			Pallet::<T>::put_session_length(self.session_length);
		}
	}

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was added; it starts validating one to two sessions from now.
		ValidatorAdded {
			/// The validator.
			who: T::AccountId,
		},
		/// A validator was removed; it stops validating one to two sessions from now.
		ValidatorRemoved {
			/// The validator.
			who: T::AccountId,
		},
		/// The set was handed to the session pallet; it takes over at the next session.
		ValidatorSetQueued {
			/// The session it will be in force from.
			session: u32,
			/// The validators.
			validators: Vec<T::AccountId>,
		},
		/// The session length changed; it applies from the current session on.
		SessionLengthSet {
			/// Blocks per session.
			blocks: BlockNumberFor<T>,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// Removing it would leave fewer than `MinValidators`.
		TooFewValidators,
		/// The account has no session keys: register them with `session.setKeys` first.
		NoSessionKeys,
		/// Sessions cannot be shorter than `MinSessionLength`.
		SessionTooShort,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(T::MinValidators::get() <= T::MaxValidators::get(), "Min above Max");
			assert!(!T::MinSessionLength::get().is_zero(), "MinSessionLength must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Adds a validator (governance). It must have registered session keys.
		#[pallet::call_index(0)]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Removes a validator (governance), keeping at least `MinValidators`.
		#[pallet::call_index(1)]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}

		/// Sets how many blocks a session lasts (governance).
		#[pallet::call_index(2)]
		pub fn set_session_length(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_session_length(blocks)
		}
	}
}
