//! From storage version 0 to 1: contributions pay for the state they take.
//!
//! A version 0 contribution has no `deposit`, and its status may be `Rejected`, or `Removed`
//! with no shares (a pending one governance took down): version 1 keeps neither in state. The
//! migration rewrites every contribution with `deposit: None` (it was submitted without
//! paying one, and holds none), and removes the rejected and never-accepted removed ones with
//! their content and dataset index entries (neither is in an account's list or the
//! acceptance order). It reads and writes every contribution once, in one block: at
//! ParityDB's weights (8 µs a read, 50 µs a write) about 58 µs a contribution, so a chain with
//! up to about 30,000 contributions fits in a block of 2 s. That covers every chain this
//! runtime runs on today (development and local networks); `openledger-upgrade-check` prints
//! the migrations' weight against the block's limit, and a chain beyond it would need this
//! as a multi-block migration.

use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use openledger_primitives::{Balance, ContributionId, DatasetId, Shares};
use sp_core::{H256, U256};
use sp_runtime::Saturating;

use crate::*;

/// Version 0's layout of a contribution, as the chain holds it before the migration.
#[allow(missing_docs)] // `storage_alias` generates an undocumented prefix type.
pub mod old {
	use super::*;

	/// Where a contribution stood.
	#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
	pub enum ContributionStatus {
		/// Awaiting review.
		Pending,
		/// A shareholder of its dataset's pool.
		Accepted {
			/// Its weight in the pool.
			shares: Shares,
			/// The reward per share when it was accepted.
			joined_at: U256,
			/// What it had accrued when last settled.
			debt: Balance,
			/// Everything it has been paid.
			claimed: Balance,
		},
		/// Refused by a curator.
		Rejected {
			/// The part of its bond taken.
			slashed: Balance,
		},
		/// Taken down by governance.
		Removed {
			/// The shares it held (0: it was pending).
			shares: Shares,
			/// The reward per share when it was accepted.
			joined_at: U256,
			/// The reward per share when it was removed.
			left_at: U256,
			/// Everything it was paid.
			claimed: Balance,
		},
	}

	/// A contribution, without a deposit.
	#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
	pub struct Contribution<AccountId, Metadata, BlockNumber> {
		/// Its dataset.
		pub dataset: DatasetId,
		/// Its contributor.
		pub contributor: AccountId,
		/// The hash of its content.
		pub content_hash: H256,
		/// Its metadata.
		pub metadata: Metadata,
		/// Its bond.
		pub bond: Balance,
		/// Where it stood.
		pub status: ContributionStatus,
		/// The block it was submitted in.
		pub submitted_at: BlockNumber,
	}

	/// A version 0 contribution of this runtime.
	pub type ContributionOf<T> = Contribution<
		<T as frame_system::Config>::AccountId,
		MetadataOf<T>,
		frame_system::pallet_prelude::BlockNumberFor<T>,
	>;

	/// Contributions by id, as version 0 stores them.
	#[frame_support::storage_alias]
	pub type Contributions<T: Config> =
		StorageMap<Pallet<T>, Blake2_128Concat, ContributionId, ContributionOf<T>>;
}

/// The status version 1 keeps, or `None` for one that leaves state.
fn kept_status(status: old::ContributionStatus) -> Option<ContributionStatus> {
	match status {
		old::ContributionStatus::Pending => Some(ContributionStatus::Pending),
		old::ContributionStatus::Accepted { shares, joined_at, debt, claimed } => {
			Some(ContributionStatus::Accepted { shares, joined_at, debt, claimed })
		},
		old::ContributionStatus::Removed { shares, joined_at, left_at, claimed } if shares > 0 => {
			Some(ContributionStatus::Removed { shares, joined_at, left_at, claimed })
		},
		old::ContributionStatus::Rejected { .. } | old::ContributionStatus::Removed { .. } => None,
	}
}

/// What runs at the upgrade: every contribution is rewritten or leaves state.
pub struct AddDepositsDropRejected<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for AddDepositsDropRejected<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut read: u64 = 0;
		let mut leaving: Vec<(ContributionId, DatasetId, H256)> = Vec::new();
		Contributions::<T>::translate::<old::ContributionOf<T>, _>(|id, old| {
			read.saturating_inc();
			let Some(status) = kept_status(old.status) else {
				leaving.push((id, old.dataset, old.content_hash));
				return None;
			};
			Some(Contribution {
				dataset: old.dataset,
				contributor: old.contributor,
				content_hash: old.content_hash,
				metadata: old.metadata,
				bond: old.bond,
				status,
				submitted_at: old.submitted_at,
				deposit: None,
			})
		});
		for (id, dataset, content_hash) in &leaving {
			if ContentIndex::<T>::get(dataset, content_hash) == Some(*id) {
				ContentIndex::<T>::remove(dataset, content_hash);
			}
			DatasetContributions::<T>::remove(dataset, id);
		}
		let left = leaving.len() as u64;
		T::DbWeight::get()
			.reads_writes(read.saturating_add(left), read.saturating_add(left.saturating_mul(2)))
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		let kept = old::Contributions::<T>::iter_values()
			.filter(|old| kept_status(old.status).is_some())
			.count() as u64;
		Ok(kept.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let kept =
			u64::decode(&mut &before[..]).map_err(|_| "pre_upgrade's note does not decode")?;
		let mut now: u64 = 0;
		for (_, contribution) in Contributions::<T>::iter() {
			ensure!(contribution.deposit.is_none(), "a migrated contribution holds a deposit");
			now.saturating_inc();
		}
		ensure!(now == kept, "contributions that should stay were lost, or others stayed");
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 0 to 1, only if the chain is at 0.
pub type MigrateToV1<T> = VersionedMigration<
	0,
	1,
	AddDepositsDropRejected<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
