//! # Datasets runtime API
//!
//! What tools and the node's JSON-RPC (`datasets_*`) ask the runtime about datasets. Every
//! call is bounded: lists come a page at a time, at most [`openledger_primitives::MAX_PAGE`]
//! items, and a listing scans at most [`MAX_SCAN`] entries per call (returning a cursor to go
//! on from). The answers are computed by the pallet (`pallet_datasets::runtime_api`).

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::{string::String, vec::Vec};
use codec::{Codec, Decode, Encode};
use openledger_primitives::{
	Balance, ContributionId, DatasetId, DatasetStatus, DatasetVersion, Shares,
};
use scale_info::TypeInfo;
use sp_core::{H256, U256};
use sp_runtime::traits::Block as BlockT;

pub use openledger_primitives::{Page, MAX_SCAN};

/// A dataset as the API shows it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct DatasetInfo<AccountId, BlockNumber> {
	/// Its id.
	pub id: DatasetId,
	/// Its owner.
	pub owner: AccountId,
	/// The account it was offered to, if any.
	pub pending_owner: Option<AccountId>,
	/// Its curators.
	pub curators: Vec<AccountId>,
	/// Its metadata.
	pub metadata: Vec<u8>,
	/// Its license.
	pub license: Vec<u8>,
	/// The bond each submission holds.
	pub min_bond: Balance,
	/// Whether anyone may contribute.
	pub open: bool,
	/// Its status.
	pub status: DatasetStatus,
	/// The deposit held from its owner.
	pub deposit: Balance,
	/// The latest published version (0: none).
	pub version: DatasetVersion,
	/// The root of the content accepted so far.
	pub version_root: H256,
	/// Accepted contributions.
	pub accepted: u32,
	/// Pending contributions.
	pub pending: u32,
	/// Total shares of its pool.
	pub total_shares: u128,
	/// Its pool's reward per share (scaled by 10^18).
	pub reward_per_share: U256,
	/// What its pool holds.
	pub pool_balance: Balance,
	/// The block it was created in.
	pub created_at: BlockNumber,
	/// Its latest published versions (100 at most; in a listing, the latest only): (version,
	/// root, accepted contributions, block). `version` says how many there are.
	pub versions: Vec<(DatasetVersion, H256, u32, BlockNumber)>,
}

/// Where a contribution stands, as a filter and in answers.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum ContributionState {
	/// Awaiting review.
	Pending,
	/// In the pool.
	Accepted,
	/// Refused. No answer says this any more: a rejected contribution leaves state (its
	/// verdict is in its `ContributionRejected` event). Kept so that the encoding stays.
	Rejected,
	/// Taken down.
	Removed,
}

/// A contribution as the API shows it.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct ContributionInfo<AccountId, BlockNumber> {
	/// Its id.
	pub id: ContributionId,
	/// Its dataset.
	pub dataset: DatasetId,
	/// Its contributor.
	pub contributor: AccountId,
	/// The hash of its content.
	pub content_hash: H256,
	/// Its metadata.
	pub metadata: Vec<u8>,
	/// The bond it holds (while pending).
	pub bond: Balance,
	/// Where it stands.
	pub state: ContributionState,
	/// Its shares (accepted or removed).
	pub shares: Shares,
	/// What it may claim now.
	pub pending_reward: Balance,
	/// What it has been paid.
	pub claimed: Balance,
	/// Always 0: a rejected contribution, whose bond was slashed, leaves state (the amount is in
	/// its `ContributionRejected` event). Kept so that the encoding stays.
	pub slashed: Balance,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
}

/// An account's claimable rewards.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct PendingRewards {
	/// (dataset, contribution, amount) for each live contribution with something to claim.
	pub contributions: Vec<(DatasetId, ContributionId, Balance)>,
	/// (dataset, amount): the same, summed per dataset.
	pub datasets: Vec<(DatasetId, Balance)>,
	/// Everything the account may claim now.
	pub total: Balance,
}

/// A page of an account's claimable rewards, with its totals over every contribution.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct PendingRewardsPage {
	/// (dataset, contribution, amount) for each contribution of the page with something to
	/// claim.
	pub contributions: Vec<(DatasetId, ContributionId, Balance)>,
	/// Where the next page starts, if there is one.
	pub next: Option<u64>,
	/// (dataset, amount): what the account may claim from each dataset, over every
	/// contribution (not only the page's).
	pub datasets: Vec<(DatasetId, Balance)>,
	/// Everything the account may claim now.
	pub total: Balance,
}

/// Why a contribution would not be accepted into a block.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum SubmissionRejection {
	/// The extrinsic is not a signed `datasets.submit_contribution` call.
	NotASubmission,
	/// The transaction is invalid (signature, nonce, fee, mortality…): its reason.
	Invalid(String),
	/// The call would fail: the pallet and error, e.g. `("Datasets", "DuplicateContent")`.
	Failed {
		/// The pallet (or `Token`, `Arithmetic`… for system errors).
		pallet: String,
		/// The error's name.
		error: String,
	},
}

/// What a contribution submission would do, had it been included now.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct SubmissionCheck {
	/// The id it would get (the next id; another submission may take it first).
	pub contribution: ContributionId,
	/// Its dataset.
	pub dataset: DatasetId,
	/// The bond it would hold.
	pub bond: Balance,
}

/// A contribution in the order a dataset's root chains them.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct AcceptedContribution {
	/// Its place in the order, from 0.
	pub position: u32,
	/// The contribution.
	pub contribution: ContributionId,
	/// The hash of its content.
	pub content_hash: H256,
}

sp_api::decl_runtime_apis! {
	/// Datasets, contributions and rewards.
	///
	/// Version 2 added `accepted_contributions`, version 3 `pending_rewards_page`, version 4
	/// `datasets` (the trait's base version stays 2: a method's version may not be below it).
	#[api_version(2)]
	pub trait DatasetsApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// A dataset with its latest published versions (100 at most).
		fn dataset(id: DatasetId) -> Option<DatasetInfo<AccountId, BlockNumber>>;

		/// A contribution.
		fn contribution(id: ContributionId) -> Option<ContributionInfo<AccountId, BlockNumber>>;

		/// A dataset's contributions, `state` ones only if given, a page at a time: `start`
		/// is the `next` of the previous page. `None` if there is no such dataset.
		fn contributions(
			dataset: DatasetId,
			state: Option<ContributionState>,
			start: Option<u64>,
			limit: u32,
		) -> Option<Page<ContributionInfo<AccountId, BlockNumber>>>;

		/// An account's pending and accepted contributions, from position `start` on.
		fn contributions_of(
			account: AccountId,
			start: Option<u64>,
			limit: u32,
		) -> Page<ContributionInfo<AccountId, BlockNumber>>;

		/// What an account may claim, per contribution, per dataset and in total.
		fn pending_rewards(account: AccountId) -> PendingRewards;

		/// Runs a signed `datasets.submit_contribution` extrinsic in a block built on
		/// `parent` (the block this call runs at), checks included (signature, nonce, fee,
		/// the pallet's own checks), and discards the result.
		fn check_submission(
			extrinsic: <Block as BlockT>::Extrinsic,
			parent: <Block as BlockT>::Hash,
		) -> Result<SubmissionCheck, SubmissionRejection>;

		/// A dataset's accepted contributions in the order its `version_root` chains them
		/// (removed ones included: the root keeps their hash), from position `start`: what a
		/// version's content is, and in which order. `None` if there is no such dataset.
		#[api_version(2)]
		fn accepted_contributions(
			dataset: DatasetId,
			start: u32,
			limit: u32,
		) -> Option<Page<AcceptedContribution>>;

		/// What an account may claim, a page at a time: the contributions with something to
		/// claim among its pending and accepted ones from position `start` (as
		/// `contributions_of` lists them, `limit` of them at most), and its totals per dataset
		/// and overall over every contribution.
		#[api_version(3)]
		fn pending_rewards_page(
			account: AccountId,
			start: Option<u64>,
			limit: u32,
		) -> PendingRewardsPage;

		/// Every dataset, or an owner's, in id order from id `start` (the `next` of the
		/// previous page; 0 if `None`). (Since version 4.)
		#[api_version(4)]
		fn datasets(
			owner: Option<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<DatasetInfo<AccountId, BlockNumber>>;
	}
}
