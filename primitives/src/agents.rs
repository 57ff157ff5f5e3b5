//! Agents as other pallets see them: ids, status, and the trait to read them.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

use crate::ModelId;

/// Identifies an agent. Assigned by the chain, in order of registration.
pub type AgentId = u64;

/// Whether an agent may be used.
///
/// An *unregistered* agent is `Unbonding` until its operator withdraws the stake, when it is
/// deleted: the call is `agents.unregister`, the event `AgentUnregistered`, the error
/// `Unregistered`, and this status, for one state.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
// Kept at the metadata path it had when it was defined in `models.rs`, so that the types
// clients generate from the metadata keep their names.
#[scale_info(replace_segment("agents", "models"))]
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

/// Creates agents for other pallets' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait AgentBenchmarkHelper<AccountId> {
	/// Creates an active agent operated by `operator` (funding it as needed) that may call
	/// `model`. Any failure is returned, so that a benchmark never measures the wrong thing.
	fn agent_for(
		operator: &AccountId,
		model: ModelId,
	) -> Result<AgentId, sp_runtime::DispatchError>;
}
