//! What the agents runtime API answers ([`pallet_agents_runtime_api::AgentsApi`]), read from
//! this pallet's storage: the runtime's `impl_runtime_apis!` forwards to these functions.

use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{page_of_ids, AgentId, Page};
use pallet_agents_runtime_api::AgentInfo;

use crate::*;

impl<T: Config> Pallet<T> {
	/// An agent.
	pub fn api_agent(id: AgentId) -> Option<AgentInfo<T::AccountId, BlockNumberFor<T>>> {
		Agents::<T>::get(id).map(|info| Self::agent_info(id, info))
	}

	/// A page of every agent in state, or of `operator`'s, in id order from id `start`.
	pub fn api_agents(
		operator: Option<T::AccountId>,
		start: Option<u64>,
		limit: u32,
	) -> Page<AgentInfo<T::AccountId, BlockNumberFor<T>>> {
		page_of_ids(start.unwrap_or(0), NextAgentId::<T>::get(), limit, |id| {
			Agents::<T>::get(id)
				.filter(|info| operator.as_ref().is_none_or(|operator| *operator == info.operator))
				.map(|info| Self::agent_info(id, info))
		})
	}

	/// Agent `id` as the API shows it.
	fn agent_info(id: AgentId, info: AgentOf<T>) -> AgentInfo<T::AccountId, BlockNumberFor<T>> {
		AgentInfo {
			id,
			operator: info.operator,
			metadata: info.metadata.into_inner(),
			models: info.models.into_inner(),
			stake: info.stake,
			operator_share: info.operator_share,
			status: info.status,
			created_at: info.created_at,
		}
	}
}
