//! From storage version 2 to 3: the content index holds accepted contributions only.
//!
//! Up to version 2, a content hash entered [`ContentIndex`] when it was submitted, so the
//! first submitter of a hash owned it, and anyone who saw the hash (in the transaction pool,
//! in an attestor's store) could take it first with a higher tip. From version 3, submissions
//! of the same content may be pending side by side, and a hash enters the index when a
//! curator accepts one of them. The migration removes the index entries of pending
//! contributions; accepted ones (also taken down after acceptance) keep theirs. It reads
//! every entry and its contribution once, in one block: about 2 reads and at most one write
//! an entry, so a few tens of thousands of entries fit in a block, as for [`super::v1`].

#[cfg(feature = "try-runtime")]
use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use openledger_primitives::ContributionId;
use sp_runtime::Saturating;

use crate::*;

/// What runs at the upgrade: the content index keeps only accepted contributions.
pub struct IndexAcceptedContentOnly<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for IndexAcceptedContentOnly<T> {
	fn on_runtime_upgrade() -> Weight {
		let (mut reads, mut writes): (u64, u64) = (0, 0);
		ContentIndex::<T>::translate::<ContributionId, _>(|_, _, id| {
			reads.saturating_accrue(2);
			match Contributions::<T>::get(id).map(|c| c.status) {
				Some(ContributionStatus::Pending) | None => {
					writes.saturating_inc();
					None
				},
				Some(_) => Some(id),
			}
		});
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		let accepted = Contributions::<T>::iter_values()
			.filter(|c| c.status != ContributionStatus::Pending)
			.count() as u64;
		Ok(accepted.encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let accepted =
			u64::decode(&mut &before[..]).map_err(|_| "pre_upgrade's note does not decode")?;
		ensure!(
			ContentIndex::<T>::iter_keys().count() as u64 == accepted,
			"the content index does not hold exactly the accepted contributions"
		);
		Pallet::<T>::do_try_state()
	}
}

/// Storage version 2 to 3, only if the chain is at 2.
pub type MigrateToV3<T> = VersionedMigration<
	2,
	3,
	IndexAcceptedContentOnly<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
