//! Registering agents and changing what they are: metadata, operator share, models.

use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*, traits::fungible::MutateHold};
use openledger_primitives::{
	checks::has_duplicates, AgentId, AgentStatus, ModelId, ModelInspect, SplitBounds,
};
use sp_runtime::{traits::EnsureAdd, Perbill};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The metadata, if it is within [`Config::MaxMetadataLen`].
	fn bounded_metadata(metadata: Vec<u8>) -> Result<MetadataOf<T>, DispatchError> {
		metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong.into())
	}

	/// The models, if they are distinct, within [`Config::MaxModelsPerAgent`] and exist.
	fn checked_models(models: Vec<ModelId>) -> Result<ModelsOf<T>, DispatchError> {
		ensure!(!has_duplicates(&models), Error::<T>::DuplicateModel);
		let bounded: ModelsOf<T> = models.try_into().map_err(|_| Error::<T>::TooManyModels)?;
		for model in bounded.iter() {
			ensure!(T::Models::exists(*model), Error::<T>::ModelNotFound);
		}
		Ok(bounded)
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
		metadata: Vec<u8>,
		models: Vec<ModelId>,
		operator_share: Perbill,
	) -> Result<AgentId, DispatchError> {
		let metadata = Self::bounded_metadata(metadata)?;
		let models = Self::checked_models(models)?;
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
		metadata: Vec<u8>,
		operator_share: Perbill,
	) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		info.metadata = Self::bounded_metadata(metadata)?;
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
		models: Vec<ModelId>,
	) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		info.models = Self::checked_models(models.clone())?;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::ModelsSet { agent, models });
		Ok(())
	}
}
