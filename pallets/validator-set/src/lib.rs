//! # Validator set pallet: who authors and finalises, decided by governance
//!
//! The set of validators (Aura authors and GRANDPA voters) is a list governance keeps:
//! [`Pallet::add_validator`] and [`Pallet::remove_validator`] (root for now). This pallet is
//! the session pallet's [`pallet_session::SessionManager`]: a change is handed to the session
//! pallet at the next session boundary, which queues it, and the new set takes over at the
//! boundary after that. So a change is in force **one to two sessions** after it was made.
//!
//! It also decides when sessions end: every [`SessionLength`] blocks, a value governance sets
//! ([`Pallet::set_session_length`]) and each chain starts with (genesis).
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
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

pub use weights::WeightInfo;

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{EstimateNextSessionRotation, ValidatorRegistration},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{
	traits::{Saturating, Zero},
	Permill,
};

// FRAME's macro expansions call `expect` on values they construct themselves.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
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
		fn register_keys(who: &T::AccountId);
		/// An origin that passes [`Config::GovernanceOrigin`].
		fn governance_origin() -> T::RuntimeOrigin;
	}

	/// The validator set governance wants; handed to the session pallet at the next session
	/// boundary.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Whether `Validators` changed since it was last handed to the session pallet.
	#[pallet::storage]
	pub type Changed<T> = StorageValue<_, bool, ValueQuery>;

	/// How many blocks a session lasts.
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session started in.
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

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
			SessionLength::<T>::put(self.session_length);
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
			ensure!(T::KeysRegistry::is_registered(&who), Error::<T>::NoSessionKeys);
			Validators::<T>::try_mutate(|validators| {
				ensure!(!validators.contains(&who), Error::<T>::AlreadyValidator);
				validators.try_push(who.clone()).map_err(|_| Error::<T>::TooManyValidators)
			})?;
			Changed::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { who });
			Ok(())
		}

		/// Removes a validator (governance), keeping at least `MinValidators`.
		#[pallet::call_index(1)]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
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

		/// Sets how many blocks a session lasts (governance).
		#[pallet::call_index(2)]
		pub fn set_session_length(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(blocks >= T::MinSessionLength::get(), Error::<T>::SessionTooShort);
			SessionLength::<T>::put(blocks);
			Self::deposit_event(Event::SessionLengthSet { blocks });
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The invariants: the set is within its bounds, without duplicates, and sessions have a
	/// valid length.
	pub fn do_try_state() -> Result<(), sp_runtime::DispatchError> {
		let validators = Validators::<T>::get();
		ensure!(
			validators.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		for (i, validator) in validators.iter().enumerate() {
			ensure!(!validators[..i].contains(validator), "a validator is listed twice");
		}
		ensure!(
			SessionLength::<T>::get() >= T::MinSessionLength::get(),
			"a session shorter than MinSessionLength"
		);
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<T::AccountId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::AccountId>> {
		if !Changed::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::ValidatorSetQueued {
			session: new_index,
			validators: validators.clone(),
		});
		Some(validators)
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::AccountId>> {
		Some(Validators::<T>::get().into_inner())
	}

	fn end_session(_end_index: u32) {}

	fn start_session(_start_index: u32) {
		SessionStart::<T>::put(frame_system::Pallet::<T>::block_number());
	}
}

impl<T: Config> pallet_session::ShouldEndSession<BlockNumberFor<T>> for Pallet<T> {
	fn should_end_session(now: BlockNumberFor<T>) -> bool {
		now.saturating_sub(SessionStart::<T>::get()) >= SessionLength::<T>::get()
	}
}

impl<T: Config> EstimateNextSessionRotation<BlockNumberFor<T>> for Pallet<T> {
	fn average_session_length() -> BlockNumberFor<T> {
		SessionLength::<T>::get()
	}

	fn estimate_current_session_progress(now: BlockNumberFor<T>) -> (Option<Permill>, Weight) {
		let length = SessionLength::<T>::get();
		let elapsed = now.saturating_sub(SessionStart::<T>::get());
		let progress = if length.is_zero() {
			None
		} else {
			Some(Permill::from_rational(elapsed.min(length), length))
		};
		(progress, T::DbWeight::get().reads(2))
	}

	fn estimate_next_session_rotation(
		now: BlockNumberFor<T>,
	) -> (Option<BlockNumberFor<T>>, Weight) {
		let next = SessionStart::<T>::get().saturating_add(SessionLength::<T>::get());
		(Some(next.max(now)), T::DbWeight::get().reads(2))
	}
}
