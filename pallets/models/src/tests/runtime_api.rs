//! The runtime API's answers ([`crate::runtime_api`]): a model with its versions, and its
//! lineage up to the root and down to its derivatives, a page at a time.

use super::*;
use sp_core::H256;

#[test]
fn a_model_is_shown_with_its_versions() {
	test(|| {
		let id = register(OWNER, None);
		let training = vec![(1, 2, Perbill::from_percent(60))];
		assert_ok!(Models::publish_version(
			RuntimeOrigin::signed(OWNER),
			id,
			H256::repeat_byte(7),
			bounded(training.clone()),
			None
		));
		let info = Models::api_model(id).unwrap();
		assert_eq!(
			(info.owner, info.price, info.model_share),
			(OWNER, 1_000, split(30).model_share)
		);
		assert_eq!(info.versions.len(), 1);
		assert_eq!(
			(
				info.versions[0].version,
				info.versions[0].artifact_hash,
				info.versions[0].training.clone()
			),
			(1, H256::repeat_byte(7), training)
		);
		assert!(Models::api_model(99).is_none());
	});
}

#[test]
fn lineage_is_shown_up_to_the_root_and_down_a_page_at_a_time() {
	test(|| {
		let root = register(OWNER, None);
		let children: Vec<_> = (0..3).map(|_| register(BOB, Some(root))).collect();
		let up = Models::api_lineage(children[2], 0, 10).unwrap();
		assert_eq!(up.ancestors, vec![(root, OWNER, Perbill::from_percent(10))]);
		assert_eq!(up.derivative_count, 0);
		let down = Models::api_lineage(root, 1, 1).unwrap();
		assert_eq!(
			(down.derivatives, down.next, down.derivative_count),
			(vec![children[1]], Some(2), 3)
		);
		let last = Models::api_lineage(root, 2, 1).unwrap();
		assert_eq!((last.derivatives, last.next), (vec![children[2]], None));
		assert!(Models::api_lineage(99, 0, 1).is_none());
	});
}
