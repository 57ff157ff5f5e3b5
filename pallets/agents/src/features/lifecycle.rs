//! An agent's life: pausing, resuming, unregistering, and withdrawing its stake.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use openledger_primitives::{AgentId, AgentStatus};
use sp_runtime::traits::Saturating;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Pauses an active agent.
	pub(crate) fn do_pause(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		ensure!(info.status == AgentStatus::Active, Error::<T>::NotActive);
		info.status = AgentStatus::Paused;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentPaused { agent });
		Ok(())
	}

	/// Resumes a paused agent.
	pub(crate) fn do_resume(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		ensure!(info.status == AgentStatus::Paused, Error::<T>::NotPaused);
		info.status = AgentStatus::Active;
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentResumed { agent });
		Ok(())
	}

	/// Unregisters the agent: it stops serving and its stake unbonds.
	pub(crate) fn do_unregister(who: &T::AccountId, agent: AgentId) -> DispatchResult {
		let mut info = Self::registered_agent(who, agent)?;
		let until =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		info.status = AgentStatus::Unbonding { until };
		Agents::<T>::insert(agent, info);
		Self::deposit_event(Event::AgentUnregistered { agent, until });
		Ok(())
	}

	/// Releases an unregistered agent's stake after the unbonding period and deletes it.
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
}
