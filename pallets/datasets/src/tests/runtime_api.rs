//! The runtime API's answers ([`crate::runtime_api`]): datasets with their versions,
//! contributions a bounded page at a time, and pending rewards.

use super::*;
use frame_support::traits::fungible::Mutate;
use openledger_primitives::MAX_PAGE;
use pallet_datasets_runtime_api::ContributionState;

/// A funded account that is none of the named ones.
fn contributor(n: u64) -> AccountId {
	let who = 1_000 + n;
	Balances::mint_into(&who, 1_000).expect("minting into a fresh account");
	who
}

/// `OWNER`'s dataset with `accepted` contributions of 1 share each, from distinct accounts,
/// one pending contribution from `CAROL`, and version 1.
fn dataset_with(accepted: u64) -> DatasetId {
	let id = create();
	for n in 0..accepted {
		let who = contributor(n);
		let hash = H256::from_low_u64_be(n + 1_000);
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(who),
			id,
			hash,
			bounded(vec![]),
			Balance::MAX
		));
		accept(NextContributionId::<Test>::get() - 1, 1);
	}
	submit(CAROL, id, 0xcc);
	assert_ok!(Datasets::publish_version(RuntimeOrigin::signed(OWNER), id));
	id
}

#[test]
fn a_dataset_is_shown_with_its_versions_and_pool() {
	test(|| {
		let id = dataset_with(4);
		let info = Datasets::api_dataset(id).unwrap();
		assert_eq!(info.owner, OWNER);
		assert_eq!((info.accepted, info.pending, info.total_shares), (4, 1, 4));
		assert_eq!(info.versions.len(), 1);
		assert_eq!(info.versions[0].2, 4, "version 1 holds the 4 accepted contributions");
		assert_eq!(info.versions[0].1, dataset(id).version_root);
		assert!(Datasets::api_dataset(7).is_none());
	});
}

#[test]
fn contributions_come_a_bounded_page_at_a_time_without_gaps_or_repeats() {
	test(|| {
		let id = dataset_with(250);
		let mut seen = Vec::new();
		let mut start = None;
		loop {
			let page = Datasets::api_contributions(id, None, start, 1_000).unwrap();
			assert!(page.items.len() as u32 <= MAX_PAGE, "the page size is capped");
			seen.extend(page.items.iter().map(|c| c.id));
			match page.next {
				Some(next) => start = Some(next),
				None => break,
			}
		}
		seen.sort();
		assert_eq!(seen, (0..=250).collect::<Vec<_>>(), "all 251, each once");

		let pending =
			Datasets::api_contributions(id, Some(ContributionState::Pending), None, 10).unwrap();
		assert_eq!(pending.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![250]);
		assert!(Datasets::api_contributions(9, None, None, 10).is_none());
	});
}

#[test]
fn an_accounts_contributions_come_a_page_at_a_time_by_position() {
	test(|| {
		let id = create();
		let mine: Vec<_> = (1..=5).map(|n| submit(ALICE, id, n)).collect();
		let first = Datasets::api_contributions_of(ALICE, None, 3);
		assert_eq!(first.items.iter().map(|c| c.id).collect::<Vec<_>>(), mine[..3].to_vec());
		assert_eq!(first.next, Some(3));
		let rest = Datasets::api_contributions_of(ALICE, first.next, 3);
		assert_eq!(rest.items.iter().map(|c| c.id).collect::<Vec<_>>(), mine[3..].to_vec());
		assert_eq!(rest.next, None);
		assert!(Datasets::api_contributions_of(STRANGER, None, 3).items.is_empty());
	});
}

/// Two datasets: Bob's contributions `a` and `b` in the first, `c` in the second, each
/// accepted with 2 shares.
fn bob_in_two_datasets() -> (DatasetId, DatasetId, [ContributionId; 3]) {
	let (first, second) = (create(), create());
	let a = submit(BOB, first, 1);
	let b = submit(BOB, first, 2);
	let c = submit(BOB, second, 3);
	for contribution in [a, b, c] {
		accept(contribution, 2);
	}
	(first, second, [a, b, c])
}

#[test]
fn pending_rewards_are_listed_per_contribution_and_dataset_and_equal_what_claiming_pays() {
	test(|| {
		let (first, second, [a, b, c]) = bob_in_two_datasets();
		let d = submit(ALICE, first, 4);
		accept(d, 1);
		pay(first, 1_000);
		pay(second, 300);

		let pending = Datasets::api_pending_rewards(BOB);
		assert_eq!(pending.contributions, vec![(first, a, 400), (first, b, 400), (second, c, 300)]);
		assert_eq!(pending.datasets, vec![(first, 800), (second, 300)]);
		assert_eq!(pending.total, 1_100);
		assert_eq!(Datasets::api_contribution(a).unwrap().pending_reward, 400);

		let before = free(BOB);
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(BOB), u32::MAX));
		assert_eq!(free(BOB) - before, pending.total);
		assert_eq!(Datasets::api_pending_rewards(BOB).total, 0);
	});
}

#[test]
fn pending_rewards_come_a_page_at_a_time_with_the_totals_over_every_contribution() {
	test(|| {
		let (first, second, [a, b, c]) = bob_in_two_datasets();
		let pending = submit(BOB, second, 4);
		pay(first, 1_000);
		pay(second, 300);
		let all = Datasets::api_pending_rewards(BOB);

		let page = Datasets::api_pending_rewards_page(BOB, None, 2);
		assert_eq!(page.contributions, vec![(first, a, 500), (first, b, 500)]);
		assert_eq!(page.next, Some(2));
		assert_eq!((page.datasets.clone(), page.total), (all.datasets.clone(), all.total));
		assert_eq!(page.total, 1_300);
		// The next page holds `c` and the pending contribution, which has nothing to claim.
		let rest = Datasets::api_pending_rewards_page(BOB, page.next, 2);
		assert_eq!(rest.contributions, vec![(second, c, 300)]);
		assert_eq!(rest.next, None);
		assert_eq!(rest.total, all.total);
		assert_eq!(Datasets::api_pending_rewards_page(BOB, Some(9), 2).contributions, vec![]);
		// A limit is at least 1 and at most a page.
		assert_eq!(Datasets::api_pending_rewards_page(BOB, None, 0).contributions.len(), 1);
		assert!(Datasets::api_contribution(pending).is_some());
	});
}

#[test]
fn accepted_contributions_come_in_the_order_the_root_chains_them() {
	test(|| {
		let id = create();
		let a = submit(ALICE, id, 1);
		let b = submit(BOB, id, 2);
		let c = submit(CAROL, id, 3);
		let rejected = submit(ALICE, id, 4);
		// Accepted out of submission order: the order is acceptance's, not ids'.
		accept(c, 1);
		accept(a, 1);
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(OWNER),
			rejected,
			Verdict::Reject { slash: sp_runtime::Perbill::zero() }
		));
		accept(b, 1);
		// A removed contribution keeps its place: the root keeps its hash.
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), a));

		let first = Datasets::api_accepted_contributions(id, 0, 2).unwrap();
		assert_eq!(
			first.items.iter().map(|i| (i.position, i.contribution)).collect::<Vec<_>>(),
			vec![(0, c), (1, a)]
		);
		assert_eq!(first.next, Some(2));
		let rest = Datasets::api_accepted_contributions(id, 2, 2).unwrap();
		assert_eq!(rest.items.iter().map(|i| i.contribution).collect::<Vec<_>>(), vec![b]);
		assert_eq!(rest.next, None);
		assert!(Datasets::api_accepted_contributions(id, 9, 2).unwrap().items.is_empty());
		assert!(Datasets::api_accepted_contributions(99, 0, 2).is_none());

		let root =
			first.items.iter().chain(rest.items.iter()).fold(H256::zero(), |root, item| {
				Pallet::<Test>::next_root(root, item.content_hash)
			});
		assert_eq!(root, dataset(id).version_root);
		assert_eq!(first.items[0].content_hash, content(3));
	});
}

#[test]
fn datasets_are_listed_all_or_by_owner_a_page_at_a_time() {
	test(|| {
		let ids = [create(), create(), create()];
		assert_ok!(Datasets::create_dataset(
			RuntimeOrigin::signed(ALICE),
			bounded(b"alice".to_vec()),
			bounded(vec![]),
			open(1)
		));
		let alices = NextDatasetId::<Test>::get() - 1;
		let listed = |owner, start, limit| {
			let page = Datasets::api_datasets(owner, start, limit);
			(page.items.iter().map(|d| d.id).collect::<Vec<_>>(), page.next)
		};
		// Every dataset, two at a time: `next` is the first id not looked at yet.
		assert_eq!(listed(None, None, 2), (vec![ids[0], ids[1]], Some(2)));
		assert_eq!(listed(None, Some(2), 2), (vec![ids[2], alices], None));
		// An owner's only; a page of them may end before the list does.
		assert_eq!(listed(Some(OWNER), None, 100), (ids.to_vec(), None));
		assert_eq!(listed(Some(OWNER), None, 3), (ids.to_vec(), Some(3)));
		assert_eq!(listed(Some(OWNER), Some(3), 3), (vec![], None));
		assert_eq!(listed(Some(ALICE), None, 100), (vec![alices], None));
		assert_eq!(listed(Some(STRANGER), None, 100), (vec![], None));
		// The items are what `api_dataset` answers.
		let page = Datasets::api_datasets(Some(ALICE), None, 1);
		assert_eq!(page.items, vec![Datasets::api_dataset(alices).unwrap()]);
		// Past the last id: nothing, and no cursor.
		assert_eq!(listed(None, Some(99), 10), (vec![], None));
	});
}
