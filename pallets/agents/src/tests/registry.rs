//! Registering agents and changing their metadata, operator share and models.

use super::*;

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
				bounded(vec![]),
				bounded(models),
				Perbill::from_percent(share),
			)
		};
		assert_noop!(register(OPERATOR, vec![10], 10), Error::<Test>::ModelNotFound);
		assert_noop!(register(OPERATOR, vec![1, 1], 10), Error::<Test>::DuplicateModel);
		assert_noop!(register(OPERATOR, vec![1], 21), Error::<Test>::OperatorShareTooHigh);
		assert_noop!(register(STRANGER, vec![1], 10), TokenError::FundsUnavailable);
	});
}
#[test]
fn the_operator_updates_its_agent_and_models() {
	test(|| {
		let id = register(OPERATOR, vec![1]);
		assert_ok!(Agents::update_agent(
			RuntimeOrigin::signed(OPERATOR),
			id,
			bounded(b"v2".to_vec()),
			Perbill::from_percent(20)
		));
		assert_eq!(
			last_event(),
			Event::AgentUpdated { agent: id, operator_share: Perbill::from_percent(20) }.into()
		);
		assert_eq!(agent(id).operator_share, Perbill::from_percent(20));
		assert_ok!(Agents::set_models(RuntimeOrigin::signed(OPERATOR), id, bounded(vec![3, 4])));
		assert_eq!(last_event(), Event::ModelsSet { agent: id, models: vec![3, 4] }.into());
		assert!(Agents::may_call(id, 3) && !Agents::may_call(id, 1));

		assert_noop!(
			Agents::update_agent(
				RuntimeOrigin::signed(OPERATOR),
				id,
				bounded(vec![]),
				Perbill::from_percent(21)
			),
			Error::<Test>::OperatorShareTooHigh
		);
		assert_noop!(
			Agents::set_models(RuntimeOrigin::signed(OPERATOR), id, bounded(vec![11])),
			Error::<Test>::ModelNotFound
		);
		for call in [
			Agents::update_agent(RuntimeOrigin::signed(BOB), id, bounded(vec![]), Perbill::zero()),
			Agents::set_models(RuntimeOrigin::signed(BOB), id, bounded(vec![])),
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
