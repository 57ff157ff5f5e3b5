//! What the agents runtime API answers ([`pallet_agents_runtime_api::AgentsApi`]), read from
//! this pallet's storage: the runtime's `impl_runtime_apis!` forwards to these functions.

use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::AgentId;
use pallet_agents_runtime_api::AgentInfo;

use crate::*;

impl<T: Config> Pallet<T> {
	/// An agent.
	pub fn api_agent(id: AgentId) -> Option<AgentInfo<T::AccountId, BlockNumberFor<T>>> {
		Agents::<T>::get(id).map(|info| AgentInfo {
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
}
