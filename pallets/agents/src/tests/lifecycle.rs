//! Pausing, resuming, unregistering, and withdrawing the stake.

use super::*;

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
			Agents::set_models(RuntimeOrigin::signed(OPERATOR), id, bounded(vec![])),
			Agents::update_agent(
				RuntimeOrigin::signed(OPERATOR),
				id,
				bounded(vec![]),
				Perbill::zero(),
			),
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
