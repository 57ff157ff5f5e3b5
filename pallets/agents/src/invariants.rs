//! The pallet's invariants, checked by `try_state` (under `try-runtime`) and after every test.
//!
//! 1. Held stakes match: each operator's `AgentStake` hold is the sum of its agents' stakes.
//! 2. Each agent lists distinct models, and ids are below the next id.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use openledger_primitives::Balance;
use sp_runtime::DispatchError;

use crate::*;

fn fail(message: &'static str) -> DispatchError {
	DispatchError::Other(message)
}

/// Checks every invariant; the error names the first one broken.
pub fn check<T: Config>() -> Result<(), DispatchError> {
	let next = NextAgentId::<T>::get();
	let mut stakes: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
	for (id, info) in Agents::<T>::iter() {
		ensure!(id < next, fail("an agent id is not below the next id"));
		for (i, model) in info.models.iter().enumerate() {
			ensure!(!info.models[..i].contains(model), fail("an agent lists a model twice"));
		}
		let stake = stakes.entry(info.operator.clone()).or_default();
		*stake = stake.saturating_add(info.stake);
	}
	for (operator, stake) in &stakes {
		ensure!(
			T::Currency::balance_on_hold(&HoldReason::AgentStake.into(), operator) == *stake,
			fail("held stakes differ from agents' stakes")
		);
	}
	Ok(())
}
