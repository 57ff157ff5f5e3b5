//! Tests of the agents pallet, one file per topic, each named like its `features/` file. Every
//! test runs through [`crate::mock::test`], which checks the pallet's invariants at its end.

mod lifecycle;
mod registry;
mod runtime_api;
mod slashing;

use crate::{mock::*, AgentOf, Agents as AgentStore, Error, Event, HoldReason, NextAgentId};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use openledger_primitives::{AgentId, AgentInspect, AgentStatus, AgentTerms, Balance};
use sp_runtime::{DispatchError, Perbill, TokenError};

/// `items` as the bounded list a call takes (within its bound: a longer one cannot even be
/// decoded, see the runtime's tests/oversized.rs).
fn bounded<T, S: frame_support::traits::Get<u32>>(
	items: Vec<T>,
) -> frame_support::BoundedVec<T, S> {
	frame_support::BoundedVec::try_from(items).unwrap_or_else(|_| panic!("over the bound"))
}

fn register(who: AccountId, models: Vec<u64>) -> AgentId {
	assert_ok!(Agents::register_agent(
		RuntimeOrigin::signed(who),
		bounded(b"https://agent".to_vec()),
		bounded(models),
		Perbill::from_percent(10)
	));
	NextAgentId::<Test>::get() - 1
}

fn agent(id: AgentId) -> AgentOf<Test> {
	AgentStore::<Test>::get(id).expect("the agent exists")
}

fn stake_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AgentStake.into(), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
