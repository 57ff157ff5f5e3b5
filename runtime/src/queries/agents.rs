//! Answers of the agents runtime API.

use openledger_primitives::AgentId;
use pallet_agents::Agents;
use pallet_agents_runtime_api::AgentInfo;

use crate::{AccountId, BlockNumber, Runtime};

/// An agent.
pub fn agent(id: AgentId) -> Option<AgentInfo<AccountId, BlockNumber>> {
	Agents::<Runtime>::get(id).map(|info| AgentInfo {
		id,
		operator: info.operator,
		metadata: info.metadata.into_inner(),
		models: info.models.into_inner(),
		stake: info.stake,
		operator_share: info.operator_share,
		status: info.status,
		created_at: info.created_at,
	})
}
