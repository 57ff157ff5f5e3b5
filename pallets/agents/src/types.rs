//! The records this pallet keeps.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use openledger_primitives::{AgentStatus, Balance, ModelId};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

use crate::Config;

/// An agent's metadata (an endpoint, a description), bounded.
pub type MetadataOf<T> = BoundedVec<u8, <T as Config>::MaxMetadataLen>;
/// The models an agent calls.
pub type ModelsOf<T> = BoundedVec<ModelId, <T as Config>::MaxModelsPerAgent>;
/// An agent as stored.
pub type AgentOf<T> = Agent<
	<T as frame_system::Config>::AccountId,
	MetadataOf<T>,
	ModelsOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;

/// A registered agent: a service that calls models on behalf of users.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Agent<AccountId, Metadata, Models, BlockNumber> {
	/// Runs the agent; its stake is held and it receives the agent's part of fees.
	pub operator: AccountId,
	/// Free-form metadata.
	pub metadata: Metadata,
	/// The models it may call.
	pub models: Models,
	/// The stake held from the operator (less any slashes).
	pub stake: Balance,
	/// The operator's part of each fee of an inference through this agent.
	pub operator_share: Perbill,
	/// Whether it is serving.
	pub status: AgentStatus<BlockNumber>,
	/// The block it was registered in.
	pub created_at: BlockNumber,
}
