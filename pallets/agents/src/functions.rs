//! The pallet's logic. Calls in `lib.rs` check the origin and call the `do_*` functions here.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use openledger_primitives::{AgentId, AgentStatus, ModelId, ModelInspect, SplitBounds};
use sp_runtime::{traits::Saturating, Perbill};

use crate::*;

impl<T: Config> Pallet<T> {
	fn bounded_metadata(metadata: Vec<u8>) -> Result<MetadataOf<T>, DispatchError> {
		metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong.into())
	}

	fn checked_models(models: Vec<ModelId>) -> Result<ModelsOf<T>, DispatchError> {
		for (i, model) in models.iter().enumerate() {
			ensure!(!models[..i].contains(model), Error::<T>::DuplicateModel);
		}
		let bounded: ModelsOf<T> = models.try_into().map_err(|_| Error::<T>::TooManyModels)?;
		for model in bounded.iter() {
			ensure!(T::Models::exists(*model), Error::<T>::ModelNotFound);
		}
		Ok(bounded)
	}

	fn ensure_share_allowed(share: Perbill) -> DispatchResult {
		ensure!(share <= T::SplitBounds::max_operator_share(), Error::<T>::OperatorShareTooHigh);
		Ok(())
	}

	/// The agent, if `who` operates it.
	fn operated_agent(who: &T::AccountId, agent: AgentId) -> Result<AgentOf<T>, DispatchError> {
		let info = Agents::<T>::get(agent).ok_or(Error::<T>::AgentNotFound)?;
		ensure!(&info.operator == who, Error::<T>::NotOperator);
		Ok(info)
	}

	/// The agent, if `who` operates it and it has not been unregistered.
	fn registered_agent(who: &T::AccountId, agent: AgentId) -> Result<AgentOf<T>, DispatchError> {
		let info = Self::operated_agent(who, agent)?;
		ensure!(!matches!(info.status, AgentStatus::Unbonding { .. }), Error::<T>::Unregistered);
		Ok(info)
	}

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
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
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

	pub(crate) fn do_pause(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		ensure!(info.status == AgentStatus::Active, Error::<T>::NotActive);
		info.status = AgentStatus::Paused;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentPaused { agent });
		Ok(())
	}

	pub(crate) fn do_resume(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		ensure!(info.status == AgentStatus::Paused, Error::<T>::NotPaused);
		info.status = AgentStatus::Active;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentResumed { agent });
		Ok(())
	}

	pub(crate) fn do_unregister(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		let until =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		info.status = AgentStatus::Unbonding { until };
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentUnregistered { agent, until });
		Ok(())
	}

	pub(crate) fn do_withdraw_stake(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let info = Self::operated_agent(who, agent)?;
		let AgentStatus::Unbonding { until } = info.status else {
			return Err(Error::<T>::NotUnbonding.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() >= until, Error::<T>::StillUnbonding);
		let amount = T::Currency::release(
			&HoldReason::AgentStake.into(),
			&info.operator,
			info.stake,
			Precision::Exact,
		)?;
		Agents::<T>::remove(agent);
		Self::deposit_event(Event::StakeWithdrawn { agent, amount });
		Ok(())
	}

	pub(crate) fn do_slash(agent: AgentId, part: Perbill) -> DispatchResult {
		let mut info = Agents::<T>::get(agent).ok_or(Error::<T>::AgentNotFound)?;
		let amount = part.mul_floor(info.stake);
		if amount > 0 {
			T::Currency::transfer_on_hold(
				&HoldReason::AgentStake.into(),
				&info.operator,
				&T::Treasury::get(),
				amount,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		info.stake = info.stake.saturating_sub(amount);
		let remaining = info.stake;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentSlashed { agent, amount, remaining });
		Ok(())
	}
}
