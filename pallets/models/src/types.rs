//! The records this pallet keeps.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use openledger_primitives::{
	Balance, ModelId, ModelStatus, ModelVersion, SplitPolicy, TrainingSet,
};
use scale_info::TypeInfo;
use sp_core::H256;
use sp_runtime::Perbill;

use crate::Config;

/// A model's metadata (a URI, a description), bounded.
pub type MetadataOf<T> = BoundedVec<u8, <T as Config>::MaxMetadataLen>;
/// A model's license, bounded.
pub type LicenseOf<T> = BoundedVec<u8, <T as Config>::MaxLicenseLen>;
/// The accounts that may record attribution for a model.
pub type AttestorsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxAttestors>;
/// A model as stored.
pub type ModelOf<T> = Model<
	<T as frame_system::Config>::AccountId,
	MetadataOf<T>,
	LicenseOf<T>,
	AttestorsOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
/// The attribution methods a model's records may use, each with the hash of the parameters it
/// may use them with.
pub type MethodsOf<T> =
	BoundedVec<openledger_primitives::Method, <T as Config>::MaxAttributionMethods>;
/// The dataset versions a model version was trained on, with their weights.
pub type TrainingOf<T> = BoundedVec<TrainingSet, <T as Config>::MaxTrainingSets>;
/// A model version as stored.
pub type VersionOf<T> = VersionInfo<TrainingOf<T>, frame_system::pallet_prelude::BlockNumberFor<T>>;

/// A registered model.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Model<AccountId, Metadata, License, Attestors, BlockNumber> {
	/// Owns the model; holds its deposit and receives its part of fees.
	pub owner: AccountId,
	/// The account the owner offered the model to, until it accepts.
	pub pending_owner: Option<AccountId>,
	/// Free-form metadata.
	pub metadata: Metadata,
	/// The license the model is used under.
	pub license: License,
	/// The model it was derived from (fine-tuned, distilled…), if any.
	pub base_model: Option<ModelId>,
	/// How many ancestors it has (0 for a root model).
	pub depth: u32,
	/// The part of a derivative's model part this model takes (fixed at registration).
	pub royalty: Perbill,
	/// The least fee an inference must pay.
	pub price: Balance,
	/// Its part of each fee.
	pub split: SplitPolicy,
	/// Who may record attribution for it.
	pub attestors: Attestors,
	/// Whether it may be used.
	pub status: ModelStatus,
	/// The deposit held from the owner.
	pub deposit: Balance,
	/// The latest version (0: none yet).
	pub versions: ModelVersion,
	/// How many models were derived directly from it.
	pub derivatives: u32,
	/// The block it was registered in.
	pub created_at: BlockNumber,
}

/// A published version of a model: its artifact and exactly the data it was trained on.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct VersionInfo<Training, BlockNumber> {
	/// The hash of the model artifact (weights file).
	pub artifact_hash: H256,
	/// The dataset versions it was trained on and their weights (summing to at most 100%).
	pub training: Training,
	/// The block it was published in.
	pub published_at: BlockNumber,
	/// The version of the base model it derives from, as its owner named it when publishing
	/// (`None`: none; always for a model without a base). What an answer is attributed over
	/// follows these pins, permanent state alone.
	pub base_version: Option<ModelVersion>,
}
