//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. Held stakes match: each operator's `AgentStake` hold is the sum of its agents' stakes.
//! 2. Each agent lists distinct models, and ids are below the next id.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use openledger_primitives::checks::has_duplicates;
use openledger_primitives::Balance;
use sp_runtime::TryRuntimeError;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextAgentId::<T>::get();
		let mut stakes: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (id, info) in Agents::<T>::iter() {
			ensure!(id < next, "an agent id is not below the next id");
			ensure!(
				!has_duplicates(info.models.as_bounded_slice()),
				"an agent lists a model twice"
			);
			let stake = stakes.entry(info.operator.clone()).or_default();
			*stake = stake.saturating_add(info.stake);
		}
		for (operator, stake) in &stakes {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AgentStake.into(), operator) == *stake,
				"held stakes differ from agents' stakes"
			);
		}
		Ok(())
	}
}
