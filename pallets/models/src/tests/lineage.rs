//! Lineage: derived models, depth, royalties, walking up and down.

use super::*;
use frame_support::assert_noop;
use openledger_primitives::{Ancestor, ModelInspect};
use proptest::prelude::*;

#[test]
fn lineage_is_walked_up_to_the_root_with_royalties() {
	test(|| {
		let root = register(OWNER, None);
		let tuned = register(BOB, Some(root));
		let distilled = register(OWNER, Some(tuned));
		assert_eq!(model(distilled).depth, 2);
		assert_eq!(
			Models::lineage(distilled),
			vec![
				Ancestor { model: tuned, owner: BOB, royalty: Perbill::from_percent(10) },
				Ancestor { model: root, owner: OWNER, royalty: Perbill::from_percent(10) },
			]
		);
		assert_eq!(Models::lineage(root), vec![]);
		assert_eq!(Models::lineage(99), vec![]);
	});
}

#[test]
fn derivatives_are_listed_in_order_a_page_at_a_time() {
	test(|| {
		let root = register(OWNER, None);
		let children: Vec<_> = (0..5).map(|_| register(BOB, Some(root))).collect();
		assert_eq!(model(root).derivatives, 5);
		assert_eq!(Models::derivatives(root, 0, 10), children);
		assert_eq!(Models::derivatives(root, 1, 2), children[1..3].to_vec());
		assert!(Models::derivatives(root, 5, 2).is_empty());
		assert!(Models::derivatives(children[0], 0, 10).is_empty());
		assert_eq!(Derivatives::<Test>::get(root, 4), Some(children[4]));
	});
}

#[test]
fn a_lineage_is_at_most_max_depth_long() {
	test(|| {
		let mut base = register(OWNER, None);
		for _ in 0..MAX_DEPTH {
			base = register(OWNER, Some(base));
		}
		assert_eq!(model(base).depth, MAX_DEPTH);
		assert_eq!(Models::lineage(base).len() as u32, MAX_DEPTH);
		assert_noop!(
			Models::register_model(
				RuntimeOrigin::signed(OWNER),
				bounded(vec![]),
				bounded(vec![]),
				Some(base),
				Perbill::zero(),
				0,
				split(0)
			),
			Error::<Test>::LineageTooDeep
		);
	});
}

proptest! {
	/// Random registrations (each on a random existing model or none, some deprecations in
	/// between) never produce a cycle or a lineage deeper than the bound: the invariants hold
	/// after every step, and walking up from any model ends at a root within the bound.
	#[test]
	fn random_registrations_keep_lineage_acyclic_and_shallow(
		steps in prop::collection::vec((any::<Option<u16>>(), any::<bool>()), 1..60)
	) {
		new_test_ext().execute_with(|| {
			for (base, deprecate) in steps {
				let count = NextModelId::<Test>::get();
				let base = base.and_then(|b| (count > 0).then(|| u64::from(b) % count));
				let result = Models::register_model(
					RuntimeOrigin::signed(OWNER),
					bounded(vec![]),
					bounded(vec![]),
					base,
					Perbill::from_percent(5),
					0,
					split(10));
				if let (Ok(()), true) = (result, deprecate) {
					let _ = Models::deprecate(RuntimeOrigin::signed(OWNER), count);
				}
				Models::do_try_state().unwrap();
				for id in 0..NextModelId::<Test>::get() {
					let lineage = Models::lineage(id);
					prop_assert!(lineage.len() as u32 <= MAX_DEPTH);
					prop_assert_eq!(lineage.len() as u32, model(id).depth);
					let mut seen = vec![id];
					for ancestor in &lineage {
						prop_assert!(!seen.contains(&ancestor.model), "a cycle");
						seen.push(ancestor.model);
					}
					if let Some(last) = lineage.last() {
						prop_assert_eq!(model(last.model).base_model, None, "the walk ends at a root");
					}
				}
			}
			Ok(())
		})?;
	}
}
