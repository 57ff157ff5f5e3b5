//! Governance slashing an agent's stake.

use super::*;

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
