//! Datasets ("datanets") as other pallets see them: ids, status, and the traits to read a
//! dataset and to pay it.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::U256;
use sp_runtime::DispatchError;

/// Identifies a dataset. Assigned by the chain, in order of creation.
pub type DatasetId = u64;

/// Identifies a contribution to a dataset. Assigned by the chain, in order of submission.
pub type ContributionId = u64;

/// A published version of a dataset: 1 for the first, then 2, 3, …
pub type DatasetVersion = u32;

/// A contribution's weight in its dataset's reward pool, set by the curator who accepts it.
pub type Shares = u64;

/// Whether a dataset takes contributions.
#[derive(Clone, Copy, Debug, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub enum DatasetStatus {
	/// Takes contributions, reviews and versions.
	Active,
	/// Temporarily takes no new contributions or reviews; can be unfrozen.
	Frozen,
	/// Closed for good; its deposit was returned. Its versions, pool and rewards remain.
	Retired,
}

/// What happened when a dataset was paid: enough to tell, later and exactly, what each of its
/// contributions earned from that payment (see [`crate::reward_pool::earned_from_payment`]).
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub struct PoolPayment {
	/// The pool's total shares when it was paid; zero means the dataset's owner was paid
	/// directly because nobody held shares.
	pub total_shares: u128,
	/// The pool's reward per share (scaled by [`crate::reward_pool::SCALE`]) just before.
	pub reward_per_share_before: U256,
}

/// Reads datasets.
pub trait DatasetInspect<AccountId> {
	/// The dataset's owner, or `None` if there is no such dataset.
	fn owner(dataset: DatasetId) -> Option<AccountId>;

	/// The dataset's status, or `None` if there is no such dataset.
	fn status(dataset: DatasetId) -> Option<DatasetStatus>;

	/// Whether the dataset exists.
	fn exists(dataset: DatasetId) -> bool {
		Self::status(dataset).is_some()
	}

	/// Whether the dataset has published this version.
	fn version_exists(dataset: DatasetId, version: DatasetVersion) -> bool;

	/// The dataset's reward pool as a payment made now would find it, or `None` if there is
	/// no such dataset.
	fn pool(dataset: DatasetId) -> Option<PoolPayment>;
}

/// Pays datasets.
pub trait DatasetRewards<AccountId, Balance> {
	/// Moves `amount` from `payer` into the dataset's reward pool, in O(1) whatever the number
	/// of its contributors; if nobody holds shares yet, pays the dataset's owner instead.
	fn reward(
		dataset: DatasetId,
		amount: Balance,
		payer: &AccountId,
	) -> Result<PoolPayment, DispatchError>;
}

/// Creates datasets for other pallets' benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait DatasetBenchmarkHelper<AccountId> {
	/// Creates an active dataset owned by `owner` (funding it as needed) with one accepted
	/// contribution and one published version, and returns them; any failure is returned, so
	/// that a benchmark never measures the wrong thing.
	fn dataset_with_version(
		owner: &AccountId,
	) -> Result<(DatasetId, DatasetVersion), DispatchError>;
}
