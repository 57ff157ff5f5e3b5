//! Models as other pallets see them: ids, the records the attribution pallet needs, and the
//! traits to read them.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

use crate::{DatasetId, DatasetVersion};

/// Identifies a model. Assigned by the chain, in order of registration.
pub type ModelId = u64;

/// A published version of a model: 1 for the first, then 2, 3, …
pub type ModelVersion = u32;

/// How a model's owner splits an inference fee with the data: the model's part of every fee.
/// (The protocol's part is global and the agent operator's part is the agent's.)
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub struct SplitPolicy {
	/// The part of each fee that goes to the model (its owner and, through royalties, its
	/// ancestors).
	pub model_share: Perbill,
}

/// Whether a model may be used.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub enum ModelStatus {
	/// Usable: inferences may be recorded and models derived from it.
	Active,
	/// Retired by its owner: no new inferences or derivatives. It stays in the lineage of
	/// the models derived from it, and keeps earning its royalty from them.
	Deprecated,
}

/// One dataset version a model version was trained on, and its weight in the training.
pub type TrainingSet = (DatasetId, DatasetVersion, Perbill);

/// What the attribution pallet needs to know about a model.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct ModelTerms<AccountId, Balance> {
	/// The owner: receives the model's part of fees, less its ancestors' royalties.
	pub owner: AccountId,
	/// Whether it may be used.
	pub status: ModelStatus,
	/// The least fee an inference must pay.
	pub price: Balance,
	/// Its part of each fee.
	pub split: SplitPolicy,
}

/// One ancestor in a model's lineage, as the fee split walks it.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct Ancestor<AccountId> {
	/// The ancestor model.
	pub model: ModelId,
	/// Its owner, who receives its royalty.
	pub owner: AccountId,
	/// The part of what remains of the model part that it takes.
	pub royalty: Perbill,
}

/// Reads models.
pub trait ModelInspect<AccountId, Balance> {
	/// The model's terms, or `None` if there is no such model.
	fn terms(model: ModelId) -> Option<ModelTerms<AccountId, Balance>>;

	/// Whether the model exists.
	fn exists(model: ModelId) -> bool {
		Self::terms(model).is_some()
	}

	/// The training sets of a model version, or `None` if there is no such version.
	fn training(model: ModelId, version: ModelVersion) -> Option<Vec<TrainingSet>>;

	/// Whether `who` may record attribution for the model.
	fn is_attestor(model: ModelId, who: &AccountId) -> bool;

	/// Whether the model's records may use the attribution method `method` with its
	/// parameters (any method with any parameters, if its owner named none).
	fn allows_method(model: ModelId, method: &crate::Method) -> bool;

	/// The model's ancestors, its direct base first, up to the root model. At most
	/// `MaxLineageDepth` long.
	fn lineage(model: ModelId) -> Vec<Ancestor<AccountId>>;

	/// Models derived directly from `model`, in order of registration: the `start`-th (from
	/// 0) and at most `limit - 1` after it.
	fn derivatives(model: ModelId, start: u32, limit: u32) -> Vec<ModelId>;
}

/// Creates models for other pallets' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait ModelBenchmarkHelper<AccountId> {
	/// Creates a chain of `depth + 1` active models (a root and `depth` derivatives, each
	/// with a royalty), each with one version trained on `training`; `attestor` may record
	/// for the last one, which is returned with its version. That model names as many
	/// attribution methods as it may, `method` last: the costliest one to check.
	/// Any failure is returned, so that a benchmark never measures the wrong thing.
	fn model_with_lineage(
		owner: &AccountId,
		attestor: &AccountId,
		depth: u32,
		training: Vec<TrainingSet>,
		method: &crate::Method,
	) -> Result<(ModelId, ModelVersion), sp_runtime::DispatchError>;
}
