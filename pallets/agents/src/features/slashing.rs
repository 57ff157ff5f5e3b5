//! Governance slashing an agent's stake.

use frame_support::{
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use openledger_primitives::AgentId;
use sp_runtime::Perbill;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Slashes `part` of the agent's stake to the treasury.
	pub(crate) fn do_slash_agent(agent: AgentId, part: Perbill) -> DispatchResult {
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
