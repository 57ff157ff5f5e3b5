//! # Agents pallet: staked services that call models
//!
//! An *agent* is a service that calls models on behalf of users. Its operator registers it with
//! the models it may call and its **operator share**: the part of each fee of an inference
//! through the agent that goes to the operator (at most what governance allows, see
//! [`openledger_primitives::SplitBounds`]). Registering holds [`Config::MinAgentStake`] from
//! the operator: the stake is what governance can slash if the agent misbehaves
//! ([`Pallet::slash_agent`], the slashed part goes to the treasury).
//!
//! An operator can pause and resume its agent. Unregistering starts an
//! [`Config::UnbondingPeriod`]; after it, [`Pallet::withdraw_stake`] releases what is left of
//! the stake and deletes the agent. Slashing remains possible while it unbonds.
//!
//! The attribution pallet reads agents through [`openledger_primitives::AgentInspect`]: only
//! an active agent that lists a model may have inferences recorded through it for that model.

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
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

// FRAME's macro expansions call `expect` on values they construct themselves; the pallet's
// own code (outside this module) is held to `clippy::expect_used` / `unwrap_used`.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		pallet_prelude::*,
		traits::fungible::{Inspect, InspectHold, Mutate, MutateHold},
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::{AgentId, Balance, ModelId, ModelInspect, SplitBounds};
	use sp_runtime::Perbill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An agent's stake, held from its operator.
		AgentStake,
	}

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token: holds stakes.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's are a part.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where the models an agent calls are checked.
		type Models: ModelInspect<Self::AccountId, Balance>;

		/// The governance bounds an operator share must respect.
		type SplitBounds: SplitBounds;

		/// May slash agents.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives slashed stakes.
		type Treasury: Get<Self::AccountId>;

		/// The stake held when an agent registers: exactly this amount, whatever the name says
		/// (the name is part of the chain's metadata, so it stays).
		#[pallet::constant]
		type MinAgentStake: Get<Balance>;

		/// How many blocks after unregistering the stake can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// The longest metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// The most models one agent may call.
		#[pallet::constant]
		type MaxModelsPerAgent: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self>;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<T: Config> {
		/// An existing model for agents to call, a new one each time.
		fn model(owner: &T::AccountId) -> Result<ModelId, DispatchError>;
	}

	/// Models for the benchmarks from a models pallet (or anything that makes them): a root
	/// model with one version, a new one each time.
	#[cfg(feature = "runtime-benchmarks")]
	pub struct ModelsFrom<M>(core::marker::PhantomData<M>);

	#[cfg(feature = "runtime-benchmarks")]
	impl<T: Config, M: openledger_primitives::ModelBenchmarkHelper<T::AccountId>> BenchmarkHelper<T>
		for ModelsFrom<M>
	{
		fn model(owner: &T::AccountId) -> Result<ModelId, DispatchError> {
			M::model_with_lineage(owner, owner, 0, Vec::new(), &Default::default())
				.map(|(model, _)| model)
		}
	}

	/// The id the next agent gets.
	#[pallet::storage]
	pub type NextAgentId<T> = StorageValue<_, AgentId, ValueQuery>;

	/// Agents by id.
	#[pallet::storage]
	pub type Agents<T: Config> = StorageMap<_, Blake2_128Concat, AgentId, AgentOf<T>>;

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An agent was registered and its stake held.
		AgentRegistered {
			/// Its id.
			agent: AgentId,
			/// Its operator.
			operator: T::AccountId,
			/// The stake held.
			stake: Balance,
			/// The operator's share of fees.
			operator_share: Perbill,
		},
		/// An agent's metadata and operator share were updated.
		AgentUpdated {
			/// The agent.
			agent: AgentId,
			/// The new operator share.
			operator_share: Perbill,
		},
		/// The models an agent may call were replaced.
		ModelsSet {
			/// The agent.
			agent: AgentId,
			/// The models.
			models: Vec<ModelId>,
		},
		/// An agent was paused by its operator.
		AgentPaused {
			/// The agent.
			agent: AgentId,
		},
		/// A paused agent resumed.
		AgentResumed {
			/// The agent.
			agent: AgentId,
		},
		/// An agent was unregistered; its stake can be withdrawn from block `until`.
		AgentUnregistered {
			/// The agent.
			agent: AgentId,
			/// The first block in which the stake can be withdrawn.
			until: BlockNumberFor<T>,
		},
		/// An unbonded agent's stake was released and the agent deleted.
		StakeWithdrawn {
			/// The agent.
			agent: AgentId,
			/// The stake released.
			amount: Balance,
		},
		/// Governance slashed an agent's stake; the slashed part went to the treasury.
		AgentSlashed {
			/// The agent.
			agent: AgentId,
			/// The amount taken.
			amount: Balance,
			/// The stake left.
			remaining: Balance,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// There is no agent with this id.
		AgentNotFound,
		/// Only the agent's operator may do this.
		NotOperator,
		/// A listed model does not exist.
		ModelNotFound,
		/// Not returned any more: a list longer than `MaxModelsPerAgent` does not decode. Kept
		/// so that the pallet's error encoding does not change.
		TooManyModels,
		/// The same model is listed twice.
		DuplicateModel,
		/// The operator share is above what governance allows.
		OperatorShareTooHigh,
		/// Not returned any more: metadata longer than `MaxMetadataLen` does not decode. Kept
		/// so that the pallet's error encoding does not change.
		MetadataTooLong,
		/// The agent is not active.
		NotActive,
		/// The agent is not paused.
		NotPaused,
		/// The agent has been unregistered.
		Unregistered,
		/// The agent has not been unregistered.
		NotUnbonding,
		/// The unbonding period has not ended yet.
		StillUnbonding,
		/// Not returned any more: a counter beyond any supported range fails with the system's
		/// `Arithmetic` error. Kept so that the pallet's error encoding does not change.
		Overflow,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxModelsPerAgent::get() > 0, "MaxModelsPerAgent must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Registers an agent operated by the caller, holding [`Config::MinAgentStake`]. Every
		/// model must exist. The id is in the `AgentRegistered` event.
		///
		/// `metadata` and `models` are bounded when the call is decoded: a longer list never
		/// reaches the pallet (the transaction is invalid), so nothing is done for it.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_agent(models.len() as u32))]
		pub fn register_agent(
			origin: OriginFor<T>,
			metadata: MetadataOf<T>,
			models: ModelsOf<T>,
			operator_share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_agent(who, metadata, models, operator_share).map(|_| ())
		}

		/// Updates the agent's metadata and operator share (operator only).
		#[pallet::call_index(1)]
		pub fn update_agent(
			origin: OriginFor<T>,
			agent: AgentId,
			metadata: MetadataOf<T>,
			operator_share: Perbill,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_agent(&who, agent, metadata, operator_share)
		}

		/// Replaces the models the agent may call (operator only).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_models(models.len() as u32))]
		pub fn set_models(
			origin: OriginFor<T>,
			agent: AgentId,
			models: ModelsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_models(&who, agent, models)
		}

		/// Pauses an active agent (operator only).
		#[pallet::call_index(3)]
		pub fn pause(origin: OriginFor<T>, agent: AgentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_pause(&who, agent)
		}

		/// Resumes a paused agent (operator only).
		#[pallet::call_index(4)]
		pub fn resume(origin: OriginFor<T>, agent: AgentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_resume(&who, agent)
		}

		/// Unregisters the agent and starts the unbonding period (operator only).
		#[pallet::call_index(5)]
		pub fn unregister(origin: OriginFor<T>, agent: AgentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unregister(&who, agent)
		}

		/// After the unbonding period, releases the stake and deletes the agent (operator
		/// only).
		#[pallet::call_index(6)]
		pub fn withdraw_stake(origin: OriginFor<T>, agent: AgentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_stake(&who, agent)
		}

		/// Slashes part of an agent's stake to the treasury (governance).
		#[pallet::call_index(7)]
		pub fn slash_agent(origin: OriginFor<T>, agent: AgentId, part: Perbill) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_slash_agent(agent, part)
		}
	}
}
