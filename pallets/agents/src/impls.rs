//! How other pallets see agents: [`openledger_primitives::AgentInspect`].

use openledger_primitives::{AgentId, AgentInspect, AgentStatus, AgentTerms, ModelId};

use crate::{Agents, Config, Pallet};

impl<T: Config> AgentInspect<T::AccountId> for Pallet<T> {
	fn terms(agent: AgentId) -> Option<AgentTerms<T::AccountId>> {
		Agents::<T>::get(agent).map(|info| AgentTerms {
			operator: info.operator,
			operator_share: info.operator_share,
			active: info.status == AgentStatus::Active,
		})
	}

	fn may_call(agent: AgentId, model: ModelId) -> bool {
		Agents::<T>::get(agent)
			.is_some_and(|info| info.status == AgentStatus::Active && info.models.contains(&model))
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> openledger_primitives::AgentBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn agent_for(
		operator: &T::AccountId,
		model: ModelId,
	) -> Result<AgentId, sp_runtime::DispatchError> {
		use frame_support::traits::fungible::Mutate;
		use openledger_primitives::SplitBounds;
		T::Currency::set_balance(operator, openledger_primitives::Balance::MAX / 4);
		let share = T::SplitBounds::max_operator_share();
		let models = frame_support::BoundedVec::truncate_from(alloc::vec![model]);
		Self::do_register_agent(operator.clone(), Default::default(), models, share)
	}
}
