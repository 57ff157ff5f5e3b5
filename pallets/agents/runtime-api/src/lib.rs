//! # Agents runtime API
//!
//! What tools and the node's JSON-RPC (`agents_*`) ask the runtime about agents.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
pub use openledger_primitives::Page;
use openledger_primitives::{AgentId, AgentStatus, Balance, ModelId};
use scale_info::TypeInfo;
use sp_runtime::Perbill;

/// An agent as the API shows it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct AgentInfo<AccountId, BlockNumber> {
	/// Its id.
	pub id: AgentId,
	/// Its operator.
	pub operator: AccountId,
	/// Its metadata.
	pub metadata: Vec<u8>,
	/// The models it may call.
	pub models: Vec<ModelId>,
	/// Its stake.
	pub stake: Balance,
	/// The operator's part of each fee.
	pub operator_share: Perbill,
	/// Whether it is serving.
	pub status: AgentStatus<BlockNumber>,
	/// The block it was registered in.
	pub created_at: BlockNumber,
}

sp_api::decl_runtime_apis! {
	/// Agents.
	///
	/// Version 2 added `agents`.
	#[api_version(2)]
	pub trait AgentsApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// An agent.
		fn agent(id: AgentId) -> Option<AgentInfo<AccountId, BlockNumber>>;

		/// Every agent, or an operator's, in id order from id `start` (the `next` of the
		/// previous page; 0 if `None`). (Since version 2.)
		#[api_version(2)]
		fn agents(
			operator: Option<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<AgentInfo<AccountId, BlockNumber>>;
	}
}
