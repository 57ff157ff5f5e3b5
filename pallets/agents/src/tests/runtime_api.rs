//! The runtime API's answers ([`crate::runtime_api`]).

use super::*;

#[test]
fn an_agent_is_shown_as_stored() {
	test(|| {
		let id = register(OPERATOR, vec![0, 3]);
		let info = Agents::api_agent(id).unwrap();
		assert_eq!((info.operator, info.models, info.stake), (OPERATOR, vec![0, 3], STAKE));
		assert_eq!(
			(info.operator_share, info.status),
			(Perbill::from_percent(10), AgentStatus::Active)
		);
		assert_eq!(info.metadata, b"https://agent".to_vec());
		assert!(Agents::api_agent(id + 1).is_none());
	});
}

#[test]
fn agents_are_listed_all_or_by_operator_a_page_at_a_time() {
	test(|| {
		let first = register(OPERATOR, vec![0]);
		let bobs = register(BOB, vec![1]);
		let second = register(OPERATOR, vec![2]);
		let listed = |operator, start, limit| {
			let page = Agents::api_agents(operator, start, limit);
			(page.items.iter().map(|a| a.id).collect::<Vec<_>>(), page.next)
		};
		assert_eq!(listed(None, None, 2), (vec![first, bobs], Some(2)));
		assert_eq!(listed(None, Some(2), 2), (vec![second], None));
		assert_eq!(listed(Some(OPERATOR), None, 100), (vec![first, second], None));
		assert_eq!(listed(Some(BOB), None, 100), (vec![bobs], None));
		assert_eq!(listed(Some(STRANGER), None, 100), (vec![], None));
		assert_eq!(
			Agents::api_agents(Some(BOB), None, 1).items,
			vec![Agents::api_agent(bobs).unwrap()]
		);
	});
}
