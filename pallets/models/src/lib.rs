//! # Models pallet: a registry of models with lineage, versions, prices and attestors
//!
//! A model is registered by its owner with the terms under which it is used:
//! - its **lineage**: the `base_model` it was derived from (fine-tuned, distilled, …), which
//!   must exist and be active. A model has at most [`Config::MaxLineageDepth`] ancestors, and
//!   since a base must exist before its derivative, the lineage graph is acyclic by
//!   construction;
//! - its **royalty**: the part of a derivative's model part it takes (fixed at registration).
//!   When an inference pays a model, the model part walks up the lineage, direct base first,
//!   and each ancestor takes its royalty of what remains (a liquid-absolute royalty stack); the
//!   owner keeps the rest;
//! - its **price** (the least fee an inference pays) and **split policy** (its part of each
//!   fee, at most what governance allows: see [`openledger_primitives::SplitBounds`]);
//! - its **attestors**: the accounts (typically the inference service) that may record
//!   attribution for it.
//!
//! Versions are append-only: [`Pallet::publish_version`] records an artifact hash and exactly
//! which dataset versions it was trained on, with weights summing to at most 100%. The
//! attribution pallet reads all of this through [`openledger_primitives::ModelInspect`].
//!
//! Registering holds [`Config::ModelDeposit`] from the owner for as long as the model exists
//! (models are never deleted: they stay in their derivatives' lineage). Its versions pay for
//! the state they take too: [`Config::VersionDeposit`], a `Consideration` priced by the
//! versions' [`Pallet::versions_footprint`], is held from the owner from the first version on
//! and grows with each one (versions are never deleted either). Ownership moves in two steps
//! (offer, accept) and both deposits move with it.

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
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			Consideration, Footprint,
		},
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::{
		Balance, DatasetInspect, ModelId, ModelVersion, SplitBounds, SplitPolicy, TrainingSet,
	};
	use sp_core::H256;
	use sp_runtime::Perbill;

	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit of a registered model, held from its owner.
		ModelDeposit,
		/// The storage deposit of a model's versions, held from its owner (a runtime's
		/// [`Config::VersionDeposit`] holds it under this reason).
		VersionDeposit,
	}

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token: holds deposits.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's are a part.
		type RuntimeHoldReason: From<HoldReason>;

		/// Where the dataset versions that models cite are checked.
		type Datasets: DatasetInspect<Self::AccountId>;

		/// The governance bounds a split policy must respect.
		type SplitBounds: SplitBounds;

		/// The deposit held for each registered model.
		#[pallet::constant]
		type ModelDeposit: Get<Balance>;

		/// The storage deposit of a model's versions, priced by their [`Footprint`]
		/// ([`Pallet::versions_footprint`]: as many items as versions, each of the largest
		/// encoding a version can have). Taken at the first version and updated at each one;
		/// held for as long as the model exists, since versions are never deleted, and moved
		/// to a new owner with the model. A runtime uses `HoldConsideration` under
		/// [`HoldReason::VersionDeposit`].
		type VersionDeposit: Consideration<Self::AccountId, Footprint>;

		/// The most ancestors a model may have.
		#[pallet::constant]
		type MaxLineageDepth: Get<u32>;

		/// The most dataset versions one model version may cite.
		#[pallet::constant]
		type MaxTrainingSets: Get<u32>;

		/// The most attestors a model may have.
		#[pallet::constant]
		type MaxAttestors: Get<u32>;

		/// The longest metadata, in bytes.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// The longest license, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// The most attribution methods a model may name.
		#[pallet::constant]
		type MaxAttributionMethods: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need from other pallets.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: openledger_primitives::DatasetBenchmarkHelper<Self::AccountId>;
	}

	/// The id the next model gets.
	#[pallet::storage]
	pub type NextModelId<T> = StorageValue<_, ModelId, ValueQuery>;

	/// Models by id.
	#[pallet::storage]
	pub type Models<T: Config> = StorageMap<_, Blake2_128Concat, ModelId, ModelOf<T>>;

	/// Published versions of each model.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		ModelId,
		Blake2_128Concat,
		ModelVersion,
		VersionOf<T>,
	>;

	/// The storage deposit each model's owner holds for the model's versions: none before its
	/// first version. Versions published before this deposit existed (spec_version 106) hold
	/// none until the model's next version, which takes the deposit for all of them.
	#[pallet::storage]
	pub type VersionDeposits<T: Config> =
		StorageMap<_, Blake2_128Concat, ModelId, <T as Config>::VersionDeposit>;

	/// The models derived directly from each model, in order of registration: the `i`-th
	/// derivative of `base` is at `(base, i)`. Lets lineage be walked downwards a page at a
	/// time, however many derivatives a model has.
	#[pallet::storage]
	pub type Derivatives<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, ModelId, Twox64Concat, u32, ModelId>;

	/// The attribution methods each model's records may use; a model with none here takes
	/// any method.
	#[pallet::storage]
	pub type AttributionMethods<T: Config> =
		StorageMap<_, Blake2_128Concat, ModelId, MethodsOf<T>, ValueQuery>;

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A model was registered.
		ModelRegistered {
			/// Its id.
			model: ModelId,
			/// Its owner.
			owner: T::AccountId,
			/// The model it derives from.
			base_model: Option<ModelId>,
			/// The royalty it takes from its derivatives.
			royalty: Perbill,
			/// The deposit held.
			deposit: Balance,
		},
		/// A version of a model was published.
		VersionPublished {
			/// The model.
			model: ModelId,
			/// The version number.
			version: ModelVersion,
			/// The artifact's hash.
			artifact_hash: H256,
			/// The dataset versions it was trained on, with their weights.
			training: Vec<TrainingSet>,
			/// The version of the base model it derives from.
			base_version: Option<ModelVersion>,
		},
		/// The accounts that may record attribution for a model were replaced.
		AttestorsSet {
			/// The model.
			model: ModelId,
			/// The new attestors.
			attestors: Vec<T::AccountId>,
		},
		/// A model's price changed.
		PriceSet {
			/// The model.
			model: ModelId,
			/// The new price.
			price: Balance,
		},
		/// A model's split policy changed.
		SplitPolicySet {
			/// The model.
			model: ModelId,
			/// The new policy.
			split: SplitPolicy,
		},
		/// A model's metadata and license were updated.
		MetadataUpdated {
			/// The model.
			model: ModelId,
		},
		/// The owner offered the model to another account (or withdrew the offer: `None`).
		OwnershipOffered {
			/// The model.
			model: ModelId,
			/// The account that may accept it.
			to: Option<T::AccountId>,
		},
		/// A model changed hands; the deposit moved with it.
		OwnershipTransferred {
			/// The model.
			model: ModelId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// The attribution methods a model's records may use were replaced (none: any).
		AttributionMethodsSet {
			/// The model.
			model: ModelId,
			/// The methods, each with the hash of its parameters.
			methods: Vec<openledger_primitives::Method>,
		},
		/// A model was deprecated: no new inferences or derivatives. (An error of the same name
		/// refuses what a deprecated model may not do.)
		ModelDeprecated {
			/// The model.
			model: ModelId,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// There is no model with this id.
		ModelNotFound,
		/// Only the model's owner may do this.
		NotOwner,
		/// The base model does not exist.
		BaseModelNotFound,
		/// The base model is deprecated: nothing new may derive from it.
		BaseModelDeprecated,
		/// The model would have more than `MaxLineageDepth` ancestors.
		LineageTooDeep,
		/// The model is deprecated. (An event of the same name says when that happened.)
		ModelDeprecated,
		/// Not returned any more: metadata longer than `MaxMetadataLen` does not decode (kept
		/// so that the pallet's error encoding does not change).
		MetadataTooLong,
		/// Not returned any more: a license longer than `MaxLicenseLen` does not decode.
		LicenseTooLong,
		/// The model share is above what governance allows.
		ModelShareTooHigh,
		/// Not returned any more: more training sets than `MaxTrainingSets` do not decode.
		TooManyTrainingSets,
		/// The training weights add up to more than 100%.
		TrainingWeightsOverflow,
		/// The same dataset is cited twice in one version.
		DuplicateTrainingSet,
		/// A cited dataset version has not been published.
		DatasetVersionNotFound,
		/// Not returned any more: more attestors than `MaxAttestors` do not decode.
		TooManyAttestors,
		/// The same attestor is listed twice.
		DuplicateAttestor,
		/// There is no pending ownership offer to this account.
		NoOwnershipOffer,
		/// Not returned any more: a counter beyond any supported range fails with the system's
		/// `Arithmetic` error. Kept so that the pallet's error encoding does not change.
		Overflow,
		/// Not returned any more: more attribution methods than `MaxAttributionMethods` do
		/// not decode.
		TooManyMethods,
		/// Not returned any more: a method id longer than 64 bytes does not decode.
		MethodIdTooLong,
		/// The same attribution method is named twice.
		DuplicateMethod,
		/// The model's deposit and its versions' come to more than the `max_deposit` the
		/// new owner signed for (the owner published versions since): nothing changed.
		DepositAboveMax,
		/// A version names a base version, but the model has no base model.
		NoBaseModel,
		/// The base model has no such version.
		BaseVersionNotFound,
		/// The base model has versions: a version must name the one it derives from.
		BaseVersionRequired,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxAttestors::get() > 0, "MaxAttestors must be positive");
			assert!(T::MaxTrainingSets::get() > 0, "MaxTrainingSets must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Registers a model owned by the caller, holding [`Config::ModelDeposit`]. The id is
		/// in the `ModelRegistered` event.
		#[pallet::call_index(0)]
		pub fn register_model(
			origin: OriginFor<T>,
			metadata: MetadataOf<T>,
			license: LicenseOf<T>,
			base_model: Option<ModelId>,
			royalty: Perbill,
			price: Balance,
			split_policy: SplitPolicy,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_model(
				who,
				metadata,
				license,
				base_model,
				royalty,
				price,
				split_policy,
			)
			.map(|_| ())
		}

		/// Publishes the model's next version: its artifact hash, the dataset versions it was
		/// trained on, with weights summing to at most 100%, and the version of the base model
		/// it derives from (required once the base has a version; `None` for a model without a
		/// base, or whose base has none yet) (owner only). What
		/// its answers are attributed over follows the base version it names, so the owner
		/// names it, never "the latest": a version the base's owner publishes meanwhile changes
		/// nothing. The versions' storage deposit held from the owner grows by one version's
		/// price.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::publish_version(training.len() as u32))]
		pub fn publish_version(
			origin: OriginFor<T>,
			model: ModelId,
			artifact_hash: H256,
			training: TrainingOf<T>,
			base_version: Option<ModelVersion>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_version(&who, model, artifact_hash, training, base_version).map(|_| ())
		}

		/// Replaces the accounts that may record attribution for the model (owner only).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_attestors(attestors.len() as u32))]
		pub fn set_attestors(
			origin: OriginFor<T>,
			model: ModelId,
			attestors: AttestorsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_attestors(&who, model, attestors)
		}

		/// Sets the least fee an inference must pay (owner only).
		#[pallet::call_index(3)]
		pub fn set_price(origin: OriginFor<T>, model: ModelId, price: Balance) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_price(&who, model, price)
		}

		/// Sets the model's part of each fee, within the governance bounds (owner only).
		#[pallet::call_index(4)]
		pub fn set_split_policy(
			origin: OriginFor<T>,
			model: ModelId,
			split_policy: SplitPolicy,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_split_policy(&who, model, split_policy)
		}

		/// Replaces the model's metadata and license (owner only).
		#[pallet::call_index(5)]
		pub fn update_metadata(
			origin: OriginFor<T>,
			model: ModelId,
			metadata: MetadataOf<T>,
			license: LicenseOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(&who, model, metadata, license)
		}

		/// Offers the model to another account (owner only); `None` withdraws the offer.
		#[pallet::call_index(6)]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			new_owner: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_ownership(&who, model, new_owner)
		}

		/// Accepts a model offered to the caller, taking over its deposits (the model's and
		/// its versions'): the caller must be able to hold both.
		///
		/// `max_deposit` is the most the caller agrees to have held: the model's deposit and
		/// its versions' (which grow with each version its owner publishes). If they come to
		/// more when the call runs, it fails with `DepositAboveMax` and nothing changes.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::accept_ownership())]
		pub fn accept_ownership(
			origin: OriginFor<T>,
			model: ModelId,
			max_deposit: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_ownership(who, model, max_deposit)
		}

		/// Deprecates the model: no new inferences, versions or derivatives (owner only).
		#[pallet::call_index(8)]
		pub fn deprecate(origin: OriginFor<T>, model: ModelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_deprecate(&who, model)
		}

		/// Names the attribution methods the model's records may use, each with the hash of
		/// the parameters it may run with, e.g. `span-match/1` with the blake2-256 of
		/// `{"minSpan":8}` (owner only). A record made with other parameters is refused
		/// (`MethodNotAllowed`). An empty list lets attestors use any method with any
		/// parameters.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::set_attribution_methods(methods.len() as u32))]
		pub fn set_attribution_methods(
			origin: OriginFor<T>,
			model: ModelId,
			methods: MethodsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_attribution_methods(&who, model, methods)
		}
	}
}
