//! The migration to storage version 1 (contributions pay storage deposits).

use super::*;
use crate::migrations::v1::{old, MigrateToV1};
use frame_support::traits::{Consideration, GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use sp_core::U256;

/// Rewrites contribution `id` as version 0 stored it (no deposit; its deposit released).
fn to_v0(id: ContributionId) {
	let now = contribution(id);
	let status = match now.status {
		ContributionStatus::Pending => old::ContributionStatus::Pending,
		ContributionStatus::Accepted { shares, joined_at, debt, claimed } => {
			old::ContributionStatus::Accepted { shares, joined_at, debt, claimed }
		},
		ContributionStatus::Removed { shares, joined_at, left_at, claimed } => {
			old::ContributionStatus::Removed { shares, joined_at, left_at, claimed }
		},
	};
	if let Some(deposit) = now.deposit {
		assert_ok!(deposit.drop(&now.contributor));
	}
	old::Contributions::<Test>::insert(
		id,
		old::Contribution {
			dataset: now.dataset,
			contributor: now.contributor,
			content_hash: now.content_hash,
			metadata: now.metadata,
			bond: now.bond,
			status,
			submitted_at: now.submitted_at,
		},
	);
}

/// Puts a contribution as version 0 left it after a verdict that version 1 does not keep.
fn put_v0(dataset: DatasetId, n: u8, status: old::ContributionStatus) -> ContributionId {
	let id = NextContributionId::<Test>::get();
	old::Contributions::<Test>::insert(
		id,
		old::Contribution {
			dataset,
			contributor: CAROL,
			content_hash: content(n),
			metadata: Default::default(),
			bond: 100,
			status,
			submitted_at: 1,
		},
	);
	ContentIndex::<Test>::insert(dataset, content(n), id);
	crate::DatasetContributions::<Test>::insert(dataset, id, ());
	NextContributionId::<Test>::put(id + 1);
	id
}

#[test]
fn v1_keeps_live_contributions_without_a_deposit_and_drops_rejected_ones() {
	test(|| {
		let id = create();
		let accepted = submit(ALICE, id, 1);
		accept(accepted, 2);
		let pending = submit(BOB, id, 2);
		let removed = submit(ALICE, id, 3);
		accept(removed, 1);
		assert_ok!(Datasets::remove_contribution(RuntimeOrigin::root(), removed));
		for c in [accepted, pending, removed] {
			to_v0(c);
		}
		let rejected = put_v0(id, 4, old::ContributionStatus::Rejected { slashed: 100 });
		let zero = U256::zero();
		let taken_down = put_v0(
			id,
			5,
			old::ContributionStatus::Removed {
				shares: 0,
				joined_at: zero,
				left_at: zero,
				claimed: 0,
			},
		);
		StorageVersion::new(0).put::<Datasets>();
		let before: Vec<_> = [accepted, pending, removed]
			.map(|c| old::Contributions::<Test>::get(c).unwrap())
			.into();

		let weight = MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Datasets::on_chain_storage_version(), 1);
		for (c, was) in [accepted, pending, removed].into_iter().zip(before) {
			let now = contribution(c);
			assert_eq!(now.deposit, None);
			assert_eq!(
				(now.dataset, now.contributor, now.content_hash, now.bond, now.submitted_at),
				(was.dataset, was.contributor, was.content_hash, was.bond, was.submitted_at)
			);
		}
		assert!(matches!(
			contribution(accepted).status,
			ContributionStatus::Accepted { shares: 2, .. }
		));
		assert_eq!(contribution(pending).status, ContributionStatus::Pending);
		assert!(matches!(
			contribution(removed).status,
			ContributionStatus::Removed { shares: 1, .. }
		));
		for (c, n) in [(rejected, 4), (taken_down, 5)] {
			assert!(Contributions::<Test>::get(c).is_none());
			assert!(ContentIndex::<Test>::get(id, content(n)).is_none());
			assert!(!crate::DatasetContributions::<Test>::contains_key(id, c));
		}
		let db = <Test as frame_system::Config>::DbWeight::get();
		// Five read, three written back and two removed with two index entries each, and the
		// version read and written.
		assert_eq!(weight, db.reads_writes(5 + 2 + 1, 5 + 4 + 1));
		// Accepting version 0's pending one works as before, and holds no deposit it never paid.
		accept(pending, 1);
		assert_eq!(storage_held(BOB), 0);

		// At version 1 it does nothing.
		assert_eq!(MigrateToV1::<Test>::on_runtime_upgrade(), db.reads(1));
	});
}

#[test]
fn v2_keeps_every_allowed_account_without_a_deposit() {
	use crate::migrations::v2::{self, MigrateToV2};
	use crate::Allowance;
	test(|| {
		let id = create();
		let other = create();
		for (dataset, account) in [(id, ALICE), (id, BOB), (other, ALICE)] {
			v2::old::AllowList::<Test>::insert(dataset, account, ());
		}
		StorageVersion::new(1).put::<Datasets>();

		let weight = MigrateToV2::<Test>::on_runtime_upgrade();

		assert_eq!(Datasets::on_chain_storage_version(), 2);
		let mut now: Vec<_> = AllowList::<Test>::iter().collect();
		now.sort_by_key(|(dataset, account, _)| (*dataset, *account));
		assert_eq!(
			now,
			[(id, ALICE), (id, BOB), (other, ALICE)].map(|(dataset, account)| (
				dataset,
				account,
				Allowance { deposit: None }
			))
		);
		let db = <Test as frame_system::Config>::DbWeight::get();
		// Three entries read and written, and the version read and written.
		assert_eq!(weight, db.reads_writes(3 + 1, 3 + 1));

		// Removing a migrated entry releases nothing (none was held) and works.
		assert_ok!(Datasets::set_allowed(RuntimeOrigin::signed(OWNER), id, ALICE, false));
		assert!(!AllowList::<Test>::contains_key(id, ALICE));

		// At version 2 it does nothing.
		assert_eq!(MigrateToV2::<Test>::on_runtime_upgrade(), db.reads(1));
	});
}
