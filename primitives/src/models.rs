//! Models and agents as other pallets see them: ids, the records the attribution pallet
//! needs, and the traits to read them.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

use crate::{DatasetId, DatasetVersion};

/// Identifies a model. Assigned by the chain, in order of registration.
pub type ModelId = u64;

/// A published version of a model: 1 for the first, then 2, 3, …
pub type ModelVersion = u32;

/// Identifies an agent. Assigned by the chain, in order of registration.
pub type AgentId = u64;

/// How a model's owner splits an inference fee with the data: the model's part of every fee.
/// (The protocol's part is global and the agent operator's part is the agent's.)
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Default,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub struct SplitPolicy {
	/// The part of each fee that goes to the model (its owner and, through royalties, its
	/// ancestors).
	pub model_share: Perbill,
}

/// Whether a model may be used.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
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

	/// The model's ancestors, its direct base first, up to the root model. At most
	/// `MaxLineageDepth` long.
	fn lineage(model: ModelId) -> Vec<Ancestor<AccountId>>;

	/// Models derived directly from `model`, in order of registration: the `start`-th (from
	/// 0) and at most `limit - 1` after it.
	fn derivatives(model: ModelId, start: u32, limit: u32) -> Vec<ModelId>;
}

/// Whether an agent may be used.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
)]
pub enum AgentStatus<BlockNumber> {
	/// Serving: inferences through it may be recorded.
	Active,
	/// Paused by its operator; can resume.
	Paused,
	/// Unregistered: its stake can be withdrawn from this block on.
	Unbonding {
		/// The first block in which the stake can be withdrawn.
		until: BlockNumber,
	},
}

/// What the attribution pallet needs to know about an agent.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct AgentTerms<AccountId> {
	/// The operator: receives the agent's part of each fee.
	pub operator: AccountId,
	/// The agent's part of each fee.
	pub operator_share: Perbill,
	/// Whether it is serving.
	pub active: bool,
}

/// Reads agents.
pub trait AgentInspect<AccountId> {
	/// The agent's terms, or `None` if there is no such agent.
	fn terms(agent: AgentId) -> Option<AgentTerms<AccountId>>;

	/// Whether the agent is set up to call the model.
	fn may_call(agent: AgentId, model: ModelId) -> bool;
}

/// The bounds governance sets on how fees are split. The attribution pallet keeps them; the
/// models and agents pallets check their owners' choices against them.
pub trait SplitBounds {
	/// The largest part of a fee a model may take.
	fn max_model_share() -> Perbill;
	/// The largest part of a fee an agent operator may take.
	fn max_operator_share() -> Perbill;
}

/// Fixed bounds, for tests and simple runtimes.
pub struct FixedSplitBounds<Model, Operator>(core::marker::PhantomData<(Model, Operator)>);
impl<Model: sp_core::Get<Perbill>, Operator: sp_core::Get<Perbill>> SplitBounds
	for FixedSplitBounds<Model, Operator>
{
	fn max_model_share() -> Perbill {
		Model::get()
	}
	fn max_operator_share() -> Perbill {
		Operator::get()
	}
}

/// Creates models and agents for other pallets' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait ModelBenchmarkHelper<AccountId> {
	/// Creates a chain of `depth + 1` active models (a root and `depth` derivatives, each
	/// with a royalty), each with one version trained on `training`; `attestor` may record
	/// for the last one, which is returned with its version.
	fn model_with_lineage(
		owner: &AccountId,
		attestor: &AccountId,
		depth: u32,
		training: Vec<TrainingSet>,
	) -> (ModelId, ModelVersion);
}

/// Creates agents for other pallets' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait AgentBenchmarkHelper<AccountId> {
	/// Creates an active agent operated by `operator` (funding it as needed) that may call
	/// `model`.
	fn agent_for(operator: &AccountId, model: ModelId) -> AgentId;
}
