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
