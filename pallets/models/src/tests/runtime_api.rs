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

#[test]
fn models_are_listed_all_or_by_owner_each_with_its_latest_version() {
	test(|| {
		let base = register(OWNER, None);
		let bobs = register(BOB, Some(base));
		let other = register(OWNER, None);
		for n in 1..=3u8 {
			assert_ok!(publish(OWNER, base, H256::repeat_byte(n), None));
		}
		assert_ok!(Models::set_attribution_methods(
			RuntimeOrigin::signed(BOB),
			bobs,
			methods(vec![method(b"span-match/1", 7)])
		));
		let page = Models::api_models(None, None, 100);
		assert_eq!(
			page.items.iter().map(|m| m.model.id).collect::<Vec<_>>(),
			vec![base, bobs, other]
		);
		assert_eq!(page.next, None);
		// A listing carries a model's latest version only; `api_model` the latest 100.
		let (listed, methods) = (&page.items[0].model, &page.items[0].allowed_methods);
		assert_eq!(listed.versions.iter().map(|v| v.version).collect::<Vec<_>>(), vec![3]);
		assert_eq!(Models::api_model(base).unwrap().versions.len(), 3);
		assert!(methods.is_empty(), "any method");
		assert!(page.items[1].model.versions.is_empty(), "a model without versions lists none");
		assert_eq!(Some(page.items[1].allowed_methods.clone()), Models::api_allowed_methods(bobs));
		assert_eq!(page.items[1].allowed_methods.len(), 1);
		let owners = |owner, start| {
			let page = Models::api_models(Some(owner), start, 1);
			(page.items.iter().map(|m| m.model.id).collect::<Vec<_>>(), page.next)
		};
		assert_eq!(owners(OWNER, None), (vec![base], Some(1)));
		assert_eq!(owners(OWNER, Some(1)), (vec![other], None));
		assert_eq!(owners(BOB, None), (vec![bobs], Some(2)));
		assert_eq!(owners(BOB, Some(2)), (vec![], None));
	});
}
