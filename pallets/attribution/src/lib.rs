//! # Attribution pallet: the economic record of who made an AI answer possible
//!
//! Every paid inference leaves an **attribution record**. An *attestor* (typically the
//! inference service that computed the attribution), authorised by the model's owner and
//! bonded, records the inference with [`Pallet::record_inference`]: which model version
//! answered, through which agent, for what fee, and how much each dataset influenced the
//! answer (its *scores*). The attestor pays the fee, and the pallet splits it exactly (see
//! [`split`]): the protocol, the agent operator, the model owner and its ancestors
//! (royalties), and the datasets, whose reward pools pay their contributors in O(1)
//! ([`openledger_primitives::DatasetRewards`]). The parts always sum to the fee, rounding is
//! explicit, and the record keeps the split party by party.
//!
//! ## Cost
//! Recording costs O(scored datasets + lineage depth + training sets), never O(contributors)
//! nor O(records so far). The call is charged for the worst case of what it cannot know
//! before reading the model (lineage depth, training sets) and refunds the difference.
//!
//! ## Disputes
//! Anyone may [`Pallet::challenge`] a record within [`Config::ChallengePeriod`] blocks by
//! holding a bond. The arbiters resolve it ([`Pallet::resolve_challenge`], by
//! [`Config::ArbitrationOrigin`]): upheld, the attestor's
//! bond is slashed ([`Config::UpheldSlash`] of it; [`Config::ChallengerReward`] of that to the
//! challenger, the rest to the treasury) and the record is marked invalid; rejected, the
//! challenger's bond goes to the treasury. Rewards already paid are not clawed back: the bond
//! is what makes lying expensive.
//!
//! ## Records leave state
//! A record stays in state for its challenge period and as long as it is under challenge;
//! then it leaves state (`on_idle`, in blocks' spare weight; see the `pruning` feature) and
//! the node keeps it in its offchain index, from which `attribution_rewardSplit` answers.
//! Its inference hash leaves state with it: an inference is recorded once per challenge
//! period; recorded again after that, it is a new record whose fee is paid again.
//!
//! ## Deposits
//! A record takes state while it may be disputed, and its attestor pays for that: a storage
//! deposit ([`Config::RecordDeposit`], priced by the record's bytes) is held from it when it
//! records and released when the record leaves state (see the `deposits` feature). The
//! attestor needs the fee and the deposit.
//!
//! ## Parameters
//! The protocol share and the bounds on the split ([`SplitParams`]) are set by governance
//! ([`Pallet::set_params`]); this pallet is the [`openledger_primitives::SplitBounds`] that the
//! models and agents pallets check their owners' choices against.

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
pub mod split;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

// FRAME's macro expansions call `expect` on values they construct themselves; the pallet's
// own code (outside this module) is held to `clippy::expect_used` / `unwrap_used`.
#[allow(clippy::expect_used, clippy::unwrap_used, clippy::too_many_arguments)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			Consideration, Footprint,
		},
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::{
		AgentId, AgentInspect, Balance, DatasetInspect, DatasetRewards, ModelId, ModelInspect,
		ModelVersion,
	};
	use sp_core::H256;
	use sp_runtime::{traits::Saturating, Perbill};

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// An attestor's bond.
		AttestorBond,
		/// A challenger's bond, held until the challenge is resolved.
		ChallengeBond,
		/// An attestor's storage deposit for its records in state
		/// ([`Config::RecordDeposit`] holds it under this reason).
		RecordDeposit,
	}

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token: pays fees, holds bonds.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's are a part.
		type RuntimeHoldReason: From<HoldReason>;

		/// Datasets: checked, and paid through their reward pools.
		type Datasets: DatasetInspect<Self::AccountId> + DatasetRewards<Self::AccountId, Balance>;

		/// Models: terms, versions, attestors, lineage.
		type Models: ModelInspect<Self::AccountId, Balance>;

		/// Agents: operators, shares, which models they call.
		type Agents: AgentInspect<Self::AccountId>;

		/// Sets the split parameters (in the runtime: Root, i.e. the Council after its delay).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Resolves challenges (in the runtime: a majority of the Arbiters).
		type ArbitrationOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives the protocol part, unattributed value, dust and slashes.
		type Treasury: Get<Self::AccountId>;

		/// The storage deposit an attestor holds for its records in state, priced by their
		/// footprint: as many items as records, as many bytes as
		/// [`Pallet::record_bytes`] sums. Grown at each record, shrunk as each leaves state,
		/// dropped with the last (one ticket per attestor, in [`RecordDeposits`]). A runtime
		/// uses `HoldConsideration` under [`HoldReason::RecordDeposit`].
		type RecordDeposit: Consideration<Self::AccountId, Footprint>;

		/// The least bond an attestor must hold to record.
		#[pallet::constant]
		type MinAttestorBond: Get<Balance>;

		/// How many blocks after unbonding an attestor's bond can be withdrawn.
		#[pallet::constant]
		type UnbondingPeriod: Get<BlockNumberFor<Self>>;

		/// For how many blocks after it was recorded a record may be challenged.
		#[pallet::constant]
		type ChallengePeriod: Get<BlockNumberFor<Self>>;

		/// The least bond a challenge holds.
		#[pallet::constant]
		type MinChallengeBond: Get<Balance>;

		/// The part of an attestor's bond slashed when a challenge is upheld.
		#[pallet::constant]
		type UpheldSlash: Get<Perbill>;

		/// The part of that slash paid to the challenger (the rest to the treasury).
		#[pallet::constant]
		type ChallengerReward: Get<Perbill>;

		/// The most datasets one record may score.
		#[pallet::constant]
		type MaxScoredDatasets: Get<u32>;

		/// The most ancestors a model has (the models pallet's bound).
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;

		/// The most datasets one record may pay: scored ones plus the model version's
		/// training sets (at least `MaxScoredDatasets` plus the models pallet's
		/// `MaxTrainingSets`).
		#[pallet::constant]
		type MaxDatasetPayouts: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self>;
	}

	/// What the benchmarks need from the runtime: datasets, models and agents to record for.
	/// The pallets themselves provide them: `(Datasets, Models, Agents)`.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<T: Config> {
		/// A dataset with a shareholder and a published version.
		type Datasets: openledger_primitives::DatasetBenchmarkHelper<T::AccountId>;
		/// A model with its lineage and a version.
		type Models: openledger_primitives::ModelBenchmarkHelper<T::AccountId>;
		/// An agent that may call a model.
		type Agents: openledger_primitives::AgentBenchmarkHelper<T::AccountId>;
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl<T: Config, D, M, A> BenchmarkHelper<T> for (D, M, A)
	where
		D: openledger_primitives::DatasetBenchmarkHelper<T::AccountId>,
		M: openledger_primitives::ModelBenchmarkHelper<T::AccountId>,
		A: openledger_primitives::AgentBenchmarkHelper<T::AccountId>,
	{
		type Datasets = D;
		type Models = M;
		type Agents = A;
	}

	/// The global split parameters.
	#[pallet::storage]
	pub type Params<T> = StorageValue<_, SplitParams, ValueQuery>;

	/// Attestors' bonds.
	#[pallet::storage]
	pub type Attestors<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, AttestorInfo<BlockNumberFor<T>>>;

	/// The id the next record gets.
	#[pallet::storage]
	pub type NextRecordId<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Attribution records by id.
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Blake2_128Concat, RecordId, AttributionRecord<T>>;

	/// The record of each inference of a model in state, by the model and the inference's
	/// hash: an inference of a model is recorded once while its record is in state. (Keyed by
	/// the model too, so that an attestor of another model cannot take a hash it saw in the
	/// transaction pool first.) Records from [`IndexedByModelFrom`] on are here.
	#[pallet::storage]
	pub type RecordOfModelInference<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ModelId, Blake2_128Concat, H256, RecordId>;

	/// The record of each inference hash, for the records from before [`IndexedByModelFrom`]
	/// (spec_version 108), which this index keyed by the hash alone. Nothing is added to it;
	/// each entry leaves with its record, so it is empty a challenge period after the upgrade.
	#[pallet::storage]
	pub type RecordOfInference<T: Config> = StorageMap<_, Blake2_128Concat, H256, RecordId>;

	/// The first record indexed by model ([`RecordOfModelInference`]): the next record id when
	/// the chain moved to it (set by [`migrations::v2`]; 0 on a chain launched with it).
	#[pallet::storage]
	pub type IndexedByModelFrom<T> = StorageValue<_, RecordId, ValueQuery>;

	/// The lowest record id the pruning sweep has not passed yet: every record below it has
	/// left state, except those under challenge (they leave when the challenge is resolved).
	#[pallet::storage]
	pub type PruneCursor<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Each attestor's storage deposit for its records in state (those from
	/// [`RecordDepositsFrom`] on): their footprint, and the ticket that holds its price.
	#[pallet::storage]
	pub type RecordDeposits<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, (Footprint, <T as Config>::RecordDeposit)>;

	/// The first record that holds a storage deposit: records below it were recorded before
	/// the chain took deposits (set by [`migrations::v1`]; 0 on a chain launched with them).
	#[pallet::storage]
	pub type RecordDepositsFrom<T> = StorageValue<_, RecordId, ValueQuery>;

	/// Genesis: the split parameters.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The initial split parameters (must be consistent).
		pub params: SplitParams,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(self.params.is_consistent(), "inconsistent split parameters at genesis");
			Params::<T>::put(self.params);
		}
	}

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An attestor added to its bond.
		AttestorBonded {
			/// The attestor.
			who: T::AccountId,
			/// The amount added.
			amount: Balance,
			/// Its bond now.
			bond: Balance,
		},
		/// An attestor started unbonding; it may no longer record. (An error of the same name
		/// refuses what an unbonding attestor may not do.)
		AttestorUnbonding {
			/// The attestor.
			who: T::AccountId,
			/// The first block in which the bond can be withdrawn.
			until: BlockNumberFor<T>,
		},
		/// An attestor's bond was released.
		AttestorBondWithdrawn {
			/// The attestor.
			who: T::AccountId,
			/// The amount released.
			amount: Balance,
		},
		/// An inference was recorded and its fee split and paid.
		InferenceRecorded {
			/// The record's id.
			record: RecordId,
			/// The model.
			model: ModelId,
			/// Its version.
			model_version: ModelVersion,
			/// The agent, if any.
			agent: Option<AgentId>,
			/// The attestor, who paid.
			attestor: T::AccountId,
			/// The fee.
			fee: Balance,
			/// How it was split.
			split: Split<T>,
		},
		/// A record was challenged.
		RecordChallenged {
			/// The record.
			record: RecordId,
			/// The challenger.
			challenger: T::AccountId,
			/// The bond held from the challenger.
			bond: Balance,
		},
		/// The arbiters resolved a challenge.
		ChallengeResolved {
			/// The record.
			record: RecordId,
			/// Whether the challenge was upheld (the record is invalid).
			upheld: bool,
			/// Upheld: taken from the attestor's bond; rejected: the challenger's bond taken.
			slashed: Balance,
			/// The part of the slash paid to the challenger (upheld only).
			to_challenger: Balance,
		},
		/// Records left state after their challenge period (the node's offchain index keeps
		/// them): every record below `below` has left, except those under challenge.
		RecordsPruned {
			/// The sweep's new cursor.
			below: RecordId,
			/// How many records left state in this block.
			count: u32,
		},
		/// A record whose challenge period was over left state when its challenge was
		/// resolved.
		RecordPruned {
			/// The record.
			record: RecordId,
		},
		/// Governance set the split parameters.
		ParamsSet {
			/// The new parameters.
			params: SplitParams,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a bonded attestor holding at least `MinAttestorBond`.
		AttestorNotBonded,
		/// The attestor is unbonding. (An event of the same name says when it started.)
		AttestorUnbonding,
		/// The attestor is not unbonding.
		AttestorNotUnbonding,
		/// The unbonding period has not ended yet.
		StillUnbonding,
		/// Challenges of the attestor's records are still open.
		ChallengesOpen,
		/// The bond is below the minimum.
		BondTooLow,
		/// There is no model with this id.
		ModelNotFound,
		/// The model is deprecated.
		ModelNotActive,
		/// The model has no such version.
		ModelVersionNotFound,
		/// The caller is not an attestor of this model.
		UnauthorisedAttestor,
		/// There is no agent with this id.
		AgentNotFound,
		/// The agent is paused or unregistered.
		AgentNotActive,
		/// The agent is not set up to call this model.
		AgentCannotCallModel,
		/// A scored dataset does not exist.
		DatasetNotFound,
		/// A dataset is scored twice.
		DuplicateScore,
		/// The scores add up to more than 100%.
		ScoresOverflow,
		/// The fee is below the model's price.
		FeeBelowPrice,
		/// The attestor cannot pay the fee and hold the record's storage deposit and keep its
		/// existential deposit.
		InsufficientBalance,
		/// This inference has been recorded already.
		DuplicateInference,
		/// More datasets to pay than `MaxDatasetPayouts`, or a lineage longer than
		/// `MaxLineageDepth`: the runtime's bounds are misconfigured.
		BoundsExceeded,
		/// There is no record with this id.
		RecordNotFound,
		/// The challenge period of the record is over (also for a record that has left state).
		ChallengePeriodOver,
		/// The record is under challenge, or a challenge of it was upheld.
		AlreadyChallenged,
		/// The record is not under challenge.
		NotChallenged,
		/// The split parameters are inconsistent: protocol + max operator + max model + min
		/// data shares exceed 100%.
		InconsistentParams,
		/// Not returned any more: arithmetic beyond any supported range fails with the system's
		/// `Arithmetic` error. Kept so that the pallet's error encoding does not change.
		Overflow,
		/// The model's owner does not let its records use this attribution method with these
		/// parameters (`models.set_attribution_methods` names each allowed method with the
		/// hash of its parameters).
		MethodNotAllowed,
		/// The agent's operator share is above the `max_operator_share` the attestor signed
		/// for (the operator raised it): nothing was paid.
		OperatorShareAboveMax,
		/// The attestor still has records in state, which can be challenged (or are): its bond
		/// stays until the last of them has left state.
		RecordsInState,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxScoredDatasets::get() > 0, "MaxScoredDatasets must be positive");
			assert!(
				T::MaxDatasetPayouts::get() >= T::MaxScoredDatasets::get(),
				"MaxDatasetPayouts must cover MaxScoredDatasets and the training sets"
			);
		}

		/// Records whose challenge period is over leave state, in the block's spare weight.
		fn on_idle(now: BlockNumberFor<T>, remaining: Weight) -> Weight {
			Self::sweep(now, remaining)
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Adds `amount` to the caller's attestor bond (held). The bond must reach
		/// `MinAttestorBond` before the caller can record.
		#[pallet::call_index(0)]
		pub fn bond_attestor(origin: OriginFor<T>, amount: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_attestor(who, amount)
		}

		/// Stops the caller recording and starts the unbonding period.
		#[pallet::call_index(1)]
		pub fn unbond_attestor(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unbond_attestor(who)
		}

		/// After the unbonding period, with no challenge open, releases the caller's bond.
		#[pallet::call_index(2)]
		pub fn withdraw_attestor_bond(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_attestor_bond(who)
		}

		/// Records an inference, pays its fee from the caller and splits it (see the
		/// [`split`](crate::split) module), and holds the record's storage deposit from the
		/// caller until the record leaves state. The caller must be a bonded attestor of the
		/// model. The record's id and split are in the `InferenceRecorded` event.
		///
		/// `max_operator_share` is the largest part of the fee the caller agrees to pay the
		/// agent's operator: if the operator raised its share after the caller looked, the
		/// call fails with `OperatorShareAboveMax` and nothing is paid. (Without an agent it
		/// is not used.)
		///
		/// The call is charged for the longest lineage and the most training sets before it
		/// runs, and for what it did after, also when it fails.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::record_inference(
			scores.len() as u32,
			T::MaxLineageDepth::get(),
			Pallet::<T>::max_training_payouts(),
		))]
		#[allow(clippy::too_many_arguments)]
		pub fn record_inference(
			origin: OriginFor<T>,
			model: ModelId,
			model_version: ModelVersion,
			agent: Option<AgentId>,
			fee: Balance,
			inference_hash: H256,
			method: Method,
			evidence_hash: H256,
			scores: ScoresOf<T>,
			max_operator_share: Perbill,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let (_, actual) = Self::do_record_inference(
				who,
				RecordTerms {
					model,
					model_version,
					agent,
					fee,
					inference_hash,
					method,
					evidence_hash,
					scores,
					max_operator_share,
				},
			)?;
			Ok(Some(actual).into())
		}

		/// Challenges a record within its challenge period, holding `bond` from the caller.
		#[pallet::call_index(4)]
		pub fn challenge(origin: OriginFor<T>, record: RecordId, bond: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_challenge(who, record, bond)
		}

		/// Resolves a challenge (the arbiters): `upheld` slashes the attestor and invalidates
		/// the record; otherwise the challenger's bond goes to the treasury.
		#[pallet::call_index(5)]
		#[pallet::weight(
			T::WeightInfo::resolve_upheld().max(T::WeightInfo::resolve_rejected())
		)]
		pub fn resolve_challenge(
			origin: OriginFor<T>,
			record: RecordId,
			upheld: bool,
		) -> DispatchResult {
			T::ArbitrationOrigin::ensure_origin(origin)?;
			Self::do_resolve_challenge(record, upheld)
		}

		/// Sets the split parameters (governance). Models and agents registered under older
		/// bounds are clamped to the new ones when their fees are split.
		#[pallet::call_index(6)]
		pub fn set_params(origin: OriginFor<T>, params: SplitParams) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_params(params)
		}
	}

	impl<T: Config> Pallet<T> {
		/// The last block in which `record` may be challenged.
		pub fn challenge_deadline(record: &AttributionRecord<T>) -> BlockNumberFor<T> {
			record.block.saturating_add(T::ChallengePeriod::get())
		}
	}
}
