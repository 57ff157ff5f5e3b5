//! Registering agents and changing what they are: metadata, operator share, models.

use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use openledger_primitives::{
	checks::has_duplicates, AgentId, AgentStatus, ModelInspect, SplitBounds,
};
use sp_runtime::{traits::EnsureAdd, Perbill};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Refuses models listed twice or that do not exist.
	fn ensure_models_valid(models: &ModelsOf<T>) -> DispatchResult {
		ensure!(!has_duplicates(models.as_bounded_slice()), Error::<T>::DuplicateModel);
		for model in models.iter() {
			ensure!(T::Models::exists(*model), Error::<T>::ModelNotFound);
		}
		Ok(())
	}

	/// Refuses an operator share above what governance allows.
	fn ensure_share_allowed(share: Perbill) -> DispatchResult {
		ensure!(share <= T::SplitBounds::max_operator_share(), Error::<T>::OperatorShareTooHigh);
		Ok(())
	}

	/// The agent, if `who` operates it.
	pub(crate) fn operated_agent(
		who: &T::AccountId,
		agent: AgentId,
	) -> Result<AgentOf<T>, DispatchError> {
		let info = Agents::<T>::get(agent).ok_or(Error::<T>::AgentNotFound)?;
		ensure!(&info.operator == who, Error::<T>::NotOperator);
		Ok(info)
	}

	/// The agent, if `who` operates it and it has not been unregistered.
	pub(crate) fn registered_agent(
		who: &T::AccountId,
		agent: AgentId,
	) -> Result<AgentOf<T>, DispatchError> {
		let info = Self::operated_agent(who, agent)?;
		ensure!(!matches!(info.status, AgentStatus::Unbonding { .. }), Error::<T>::Unregistered);
		Ok(info)
	}

	/// Registers an agent operated by `operator`, holding [`Config::MinAgentStake`] from it.
	pub(crate) fn do_register_agent(
		operator: T::AccountId,
		metadata: MetadataOf<T>,
		models: ModelsOf<T>,
		operator_share: Perbill,
	) -> Result<AgentId, DispatchError> {
		Self::ensure_models_valid(&models)?;
		Self::ensure_share_allowed(operator_share)?;
		let id = NextAgentId::<T>::get();
		let next = id.ensure_add(1)?;
		let stake = T::MinAgentStake::get();
		T::Currency::hold(&HoldReason::AgentStake.into(), &operator, stake)?;
		Agents::<T>::insert(
			id,
			Agent {
				operator: operator.clone(),
				metadata,
				models,
				stake,
				operator_share,
				status: AgentStatus::Active,
				created_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextAgentId::<T>::put(next);
		Self::deposit_event(Event::AgentRegistered { agent: id, operator, stake, operator_share });
		Ok(id)
	}

	/// Replaces the agent's metadata and operator share.
	pub(crate) fn do_update_agent(
		who: &T::AccountId,
		agent: AgentId,
		metadata: MetadataOf<T>,
		operator_share: Perbill,
	) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		info.metadata = metadata;
		Self::ensure_share_allowed(operator_share)?;
		info.operator_share = operator_share;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentUpdated { agent, operator_share });
		Ok(())
	}

	/// Replaces the models the agent may call.
	pub(crate) fn do_set_models(
		who: &T::AccountId,
		agent: AgentId,
		models: ModelsOf<T>,
	) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		Self::ensure_models_valid(&models)?;
		info.models = models.clone();
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::ModelsSet { agent, models: models.into_inner() });
		Ok(())
	}
}
