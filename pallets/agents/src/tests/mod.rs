//! Tests of the agents pallet. Every test runs through [`crate::mock::test`], which checks the
//! pallet's invariants at its end.

use crate::{mock::*, AgentOf, Agents as AgentStore, Error, Event, HoldReason, NextAgentId};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use openledger_primitives::{AgentId, AgentInspect, AgentStatus, AgentTerms, Balance};
use sp_runtime::{DispatchError, Perbill, TokenError};

fn register(who: AccountId, models: Vec<u64>) -> AgentId {
	assert_ok!(Agents::register_agent(
		RuntimeOrigin::signed(who),
		b"https://agent".to_vec(),
		models,
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

#[test]
fn registering_holds_the_stake_and_lists_the_models() {
	test(|| {
		let id = register(OPERATOR, vec![1, 2]);
		let info = agent(id);
		assert_eq!(
			(info.operator, info.stake, info.status),
			(OPERATOR, STAKE, AgentStatus::Active)
		);
		assert_eq!(info.models.into_inner(), vec![1, 2]);
		assert_eq!(stake_held(OPERATOR), STAKE);
		assert_eq!(
			last_event(),
			Event::AgentRegistered {
				agent: id,
				operator: OPERATOR,
				stake: STAKE,
				operator_share: Perbill::from_percent(10)
			}
			.into()
		);
		assert_eq!(
			Agents::terms(id),
			Some(AgentTerms {
				operator: OPERATOR,
				operator_share: Perbill::from_percent(10),
				active: true
			})
		);
		assert!(Agents::may_call(id, 1));
		assert!(!Agents::may_call(id, 3));
		assert!(!Agents::may_call(9, 1));
	});
}

#[test]
fn registering_refuses_bad_input() {
	test(|| {
		let register = |who, models, share| {
			Agents::register_agent(
				RuntimeOrigin::signed(who),
				vec![],
				models,
				Perbill::from_percent(share),
			)
		};
		assert_noop!(register(OPERATOR, vec![10], 10), Error::<Test>::ModelNotFound);
		assert_noop!(register(OPERATOR, vec![1, 1], 10), Error::<Test>::DuplicateModel);
		assert_noop!(register(OPERATOR, vec![1, 2, 3, 4], 10), Error::<Test>::TooManyModels);
		assert_noop!(register(OPERATOR, vec![1], 21), Error::<Test>::OperatorShareTooHigh);
		assert_noop!(register(STRANGER, vec![1], 10), TokenError::FundsUnavailable);
		assert_noop!(
			Agents::register_agent(
				RuntimeOrigin::signed(OPERATOR),
				vec![0; 65],
				vec![],
				Perbill::zero()
			),
			Error::<Test>::MetadataTooLong
		);
	});
}

#[test]
fn the_operator_updates_its_agent_and_models() {
	test(|| {
		let id = register(OPERATOR, vec![1]);
		assert_ok!(Agents::update_agent(
			RuntimeOrigin::signed(OPERATOR),
			id,
			b"v2".to_vec(),
			Perbill::from_percent(20)
		));
		assert_eq!(
			last_event(),
			Event::AgentUpdated { agent: id, operator_share: Perbill::from_percent(20) }.into()
		);
		assert_eq!(agent(id).operator_share, Perbill::from_percent(20));
		assert_ok!(Agents::set_models(RuntimeOrigin::signed(OPERATOR), id, vec![3, 4]));
		assert_eq!(last_event(), Event::ModelsSet { agent: id, models: vec![3, 4] }.into());
		assert!(Agents::may_call(id, 3) && !Agents::may_call(id, 1));

		assert_noop!(
			Agents::update_agent(
				RuntimeOrigin::signed(OPERATOR),
				id,
				vec![],
				Perbill::from_percent(21)
			),
			Error::<Test>::OperatorShareTooHigh
		);
		assert_noop!(
			Agents::update_agent(RuntimeOrigin::signed(OPERATOR), id, vec![0; 65], Perbill::zero()),
			Error::<Test>::MetadataTooLong
		);
		assert_noop!(
			Agents::set_models(RuntimeOrigin::signed(OPERATOR), id, vec![11]),
			Error::<Test>::ModelNotFound
		);
		for call in [
			Agents::update_agent(RuntimeOrigin::signed(BOB), id, vec![], Perbill::zero()),
			Agents::set_models(RuntimeOrigin::signed(BOB), id, vec![]),
			Agents::pause(RuntimeOrigin::signed(BOB), id),
			Agents::unregister(RuntimeOrigin::signed(BOB), id),
			Agents::withdraw_stake(RuntimeOrigin::signed(BOB), id),
		] {
			assert_eq!(call, Err(Error::<Test>::NotOperator.into()));
		}
		assert_noop!(
			Agents::pause(RuntimeOrigin::signed(OPERATOR), 9),
			Error::<Test>::AgentNotFound
		);
	});
}

#[test]
fn a_paused_agent_may_not_call_models_until_it_resumes() {
	test(|| {
		let id = register(OPERATOR, vec![1]);
		assert_ok!(Agents::pause(RuntimeOrigin::signed(OPERATOR), id));
		assert_eq!(last_event(), Event::AgentPaused { agent: id }.into());
		assert!(!Agents::may_call(id, 1));
		assert_eq!(Agents::terms(id).map(|t| t.active), Some(false));
		assert_noop!(Agents::pause(RuntimeOrigin::signed(OPERATOR), id), Error::<Test>::NotActive);
		assert_ok!(Agents::resume(RuntimeOrigin::signed(OPERATOR), id));
		assert_eq!(last_event(), Event::AgentResumed { agent: id }.into());
		assert!(Agents::may_call(id, 1));
		assert_noop!(Agents::resume(RuntimeOrigin::signed(OPERATOR), id), Error::<Test>::NotPaused);
	});
}

#[test]
fn unregistering_then_withdrawing_after_the_unbonding_period_returns_the_stake() {
	test(|| {
		let id = register(OPERATOR, vec![1]);
		assert_noop!(
			Agents::withdraw_stake(RuntimeOrigin::signed(OPERATOR), id),
			Error::<Test>::NotUnbonding
		);
		assert_ok!(Agents::unregister(RuntimeOrigin::signed(OPERATOR), id));
		let until = 1 + UNBONDING;
		assert_eq!(last_event(), Event::AgentUnregistered { agent: id, until }.into());
		assert!(!Agents::may_call(id, 1));
		for call in [
			Agents::unregister(RuntimeOrigin::signed(OPERATOR), id),
			Agents::pause(RuntimeOrigin::signed(OPERATOR), id),
			Agents::resume(RuntimeOrigin::signed(OPERATOR), id),
			Agents::set_models(RuntimeOrigin::signed(OPERATOR), id, vec![]),
			Agents::update_agent(RuntimeOrigin::signed(OPERATOR), id, vec![], Perbill::zero()),
		] {
			assert_eq!(call, Err(Error::<Test>::Unregistered.into()));
		}
		System::set_block_number(until - 1);
		assert_noop!(
			Agents::withdraw_stake(RuntimeOrigin::signed(OPERATOR), id),
			Error::<Test>::StillUnbonding
		);
		System::set_block_number(until);
		assert_ok!(Agents::withdraw_stake(RuntimeOrigin::signed(OPERATOR), id));
		assert_eq!(last_event(), Event::StakeWithdrawn { agent: id, amount: STAKE }.into());
		assert_eq!(stake_held(OPERATOR), 0);
		assert_eq!(Balances::free_balance(OPERATOR), ENDOWMENT);
		assert!(AgentStore::<Test>::get(id).is_none());
	});
}

#[test]
fn governance_slashes_part_of_the_stake_to_the_treasury() {
	test(|| {
		let id = register(OPERATOR, vec![1]);
		assert_noop!(
			Agents::slash_agent(RuntimeOrigin::signed(OPERATOR), id, Perbill::from_percent(10)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Agents::slash_agent(RuntimeOrigin::root(), 9, Perbill::from_percent(10)),
			Error::<Test>::AgentNotFound
		);
		assert_ok!(Agents::slash_agent(
			RuntimeOrigin::root(),
			id,
			Perbill::from_parts(333_333_333)
		));
		// A third of 10,000 floors to 3,333.
		assert_eq!(
			last_event(),
			Event::AgentSlashed { agent: id, amount: 3_333, remaining: 6_667 }.into()
		);
		assert_eq!(Balances::free_balance(TREASURY), ED + 3_333);
		assert_eq!(stake_held(OPERATOR), 6_667);
		assert_eq!(agent(id).stake, 6_667);

		// Slashing still works while unbonding, and withdrawal releases only what is left.
		assert_ok!(Agents::unregister(RuntimeOrigin::signed(OPERATOR), id));
		assert_ok!(Agents::slash_agent(RuntimeOrigin::root(), id, Perbill::from_percent(100)));
		System::set_block_number(100);
		assert_ok!(Agents::withdraw_stake(RuntimeOrigin::signed(OPERATOR), id));
		assert_eq!(last_event(), Event::StakeWithdrawn { agent: id, amount: 0 }.into());
		assert_eq!(Balances::free_balance(OPERATOR), ENDOWMENT - STAKE);
	});
}
