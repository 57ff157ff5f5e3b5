//! # Models runtime API
//!
//! What tools and the node's JSON-RPC (`models_*`) ask the runtime about models: a model,
//! and its lineage up to the root and down to its direct derivatives, a page at a time. The
//! answers are computed by the pallet (`pallet_models::runtime_api`).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
pub use openledger_primitives::Page;
use openledger_primitives::{
	Balance, DatasetId, DatasetVersion, ModelId, ModelStatus, ModelVersion,
};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

/// One version of a model.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct VersionInfo<BlockNumber> {
	/// Its number.
	pub version: ModelVersion,
	/// The artifact's hash.
	pub artifact_hash: H256,
	/// The dataset versions it was trained on and their weights.
	pub training: Vec<(DatasetId, DatasetVersion, Perbill)>,
	/// The block it was published in.
	pub published_at: BlockNumber,
	/// The version of the base model it derives from (`None`: no base, or the base had no
	/// version when it was published).
	pub base_version: Option<ModelVersion>,
}

/// One version of a model as version 2 of the API showed it: without its base version.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct VersionInfoV2<BlockNumber> {
	/// Its number.
	pub version: ModelVersion,
	/// The artifact's hash.
	pub artifact_hash: H256,
	/// The dataset versions it was trained on and their weights.
	pub training: Vec<(DatasetId, DatasetVersion, Perbill)>,
	/// The block it was published in.
	pub published_at: BlockNumber,
}

impl<BlockNumber> From<VersionInfoV2<BlockNumber>> for VersionInfo<BlockNumber> {
	fn from(v: VersionInfoV2<BlockNumber>) -> Self {
		Self {
			version: v.version,
			artifact_hash: v.artifact_hash,
			training: v.training,
			published_at: v.published_at,
			base_version: None,
		}
	}
}

/// A model as the API shows it (`Version`: how it shows a version, [`VersionInfoV2`] before
/// version 3 of the API).
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct ModelInfo<AccountId, BlockNumber, Version = VersionInfo<BlockNumber>> {
	/// Its id.
	pub id: ModelId,
	/// Its owner.
	pub owner: AccountId,
	/// The account it was offered to, if any.
	pub pending_owner: Option<AccountId>,
	/// Its metadata.
	pub metadata: Vec<u8>,
	/// Its license.
	pub license: Vec<u8>,
	/// The model it derives from.
	pub base_model: Option<ModelId>,
	/// How many ancestors it has.
	pub depth: u32,
	/// The royalty it takes from derivatives.
	pub royalty: Perbill,
	/// The least fee.
	pub price: Balance,
	/// Its part of each fee.
	pub model_share: Perbill,
	/// Who may record attribution for it.
	pub attestors: Vec<AccountId>,
	/// Whether it may be used.
	pub status: ModelStatus,
	/// The deposit held.
	pub deposit: Balance,
	/// How many models derive from it directly.
	pub derivatives: u32,
	/// Its versions (at most the latest `openledger_primitives::MAX_PAGE`).
	pub versions: Vec<Version>,
	/// The block it was registered in.
	pub created_at: BlockNumber,
}

impl<AccountId, BlockNumber> ModelInfo<AccountId, BlockNumber, VersionInfoV2<BlockNumber>> {
	/// The answer of version 2 of the API in version 3's shape: no version pins a base version.
	pub fn upgrade(self) -> ModelInfo<AccountId, BlockNumber> {
		ModelInfo {
			id: self.id,
			owner: self.owner,
			pending_owner: self.pending_owner,
			metadata: self.metadata,
			license: self.license,
			base_model: self.base_model,
			depth: self.depth,
			royalty: self.royalty,
			price: self.price,
			model_share: self.model_share,
			attestors: self.attestors,
			status: self.status,
			deposit: self.deposit,
			derivatives: self.derivatives,
			versions: self.versions.into_iter().map(Into::into).collect(),
			created_at: self.created_at,
		}
	}
}

/// A model's lineage.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct Lineage<AccountId> {
	/// Its ancestors, direct base first: (model, owner, royalty).
	pub ancestors: Vec<(ModelId, AccountId, Perbill)>,
	/// A page of its direct derivatives, in order of registration.
	pub derivatives: Vec<ModelId>,
	/// Where the next page of derivatives starts, or `None` at the end.
	pub next: Option<u32>,
	/// How many direct derivatives it has.
	pub derivative_count: u32,
}

/// A model as a listing shows it: with its latest version only, and its allowed methods.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct ListedModel<AccountId, BlockNumber> {
	/// The model, with its latest version only.
	pub model: ModelInfo<AccountId, BlockNumber>,
	/// The attribution methods its records may use with their parameters' hashes (empty:
	/// any), as `allowed_methods` answers.
	pub allowed_methods: Vec<(Vec<u8>, H256)>,
}

sp_api::decl_runtime_apis! {
	/// Models and their lineage.
	///
	/// Version 2 added `attribution_methods`; version 3 the base version each model version
	/// pins (in `model`) and `allowed_methods`, the methods with their parameters' hashes;
	/// version 4 `models` (the trait's base version stays 3).
	#[api_version(3)]
	pub trait ModelsApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// A model with its versions, as versions 1 and 2 of the API answered.
		#[changed_in(3)]
		fn model(id: ModelId)
			-> Option<ModelInfo<AccountId, BlockNumber, VersionInfoV2<BlockNumber>>>;

		/// A model with its versions.
		fn model(id: ModelId) -> Option<ModelInfo<AccountId, BlockNumber>>;

		/// A model's ancestors and a page of its direct derivatives from position `start`.
		fn lineage(id: ModelId, start: u32, limit: u32) -> Option<Lineage<AccountId>>;

		/// The attribution methods a model's records may use (empty: any); `None` if there is
		/// no such model. (Since version 2.)
		fn attribution_methods(id: ModelId) -> Option<Vec<Vec<u8>>>;

		/// The attribution methods a model's records may use, each with the hash of the
		/// parameters it may use them with (empty: any method, any parameters); `None` if
		/// there is no such model. (Since version 3.)
		fn allowed_methods(id: ModelId) -> Option<Vec<(Vec<u8>, H256)>>;

		/// Every model, or an owner's, in id order from id `start` (the `next` of the previous
		/// page; 0 if `None`), each with its latest version only and the attribution methods
		/// its records may use (as `allowed_methods` answers). (Since version 4.)
		#[api_version(4)]
		fn models(
			owner: Option<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<ListedModel<AccountId, BlockNumber>>;
	}
}
