//! The records this pallet keeps.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{pallet_prelude::*, BoundedVec};
use openledger_primitives::{
	Balance, DatasetId, DatasetStatus, DatasetVersion, PoolPayment, Shares,
};
use scale_info::TypeInfo;
use sp_core::{H256, U256};
use sp_runtime::Perbill;

use crate::Config;

/// A dataset's metadata (a URI, a description: whatever its owner wants, bounded).
pub type MetadataOf<T> = BoundedVec<u8, <T as Config>::MaxMetadataLen>;
/// A dataset's license text or identifier (e.g. an SPDX id), bounded.
pub type LicenseOf<T> = BoundedVec<u8, <T as Config>::MaxLicenseLen>;
/// A dataset's curators.
pub type CuratorsOf<T> =
	BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxCurators>;
/// A dataset as stored.
pub type DatasetOf<T> = Dataset<
	<T as frame_system::Config>::AccountId,
	MetadataOf<T>,
	LicenseOf<T>,
	CuratorsOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
>;
/// A contribution as stored.
pub type ContributionOf<T> = Contribution<
	<T as frame_system::Config>::AccountId,
	MetadataOf<T>,
	frame_system::pallet_prelude::BlockNumberFor<T>,
	<T as Config>::ContributionDeposit,
>;

/// An allow-list entry as stored.
pub type AllowanceOf<T> =
	Allowance<<T as frame_system::Config>::AccountId, <T as Config>::AllowListDeposit>;

/// An account on a closed dataset's allow list.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Allowance<AccountId, Ticket> {
	/// The owner or curator who allowed the account, and the entry's storage deposit held
	/// from it; released to it when the entry is removed, by whoever removes it. `None`: the
	/// account was allowed before storage version 2, and nothing is held.
	pub deposit: Option<(AccountId, Ticket)>,
}

/// Who may contribute, and what it costs.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub struct Policy {
	/// The bond each submission holds until review: exactly this amount, whatever the name
	/// says (the name is part of the chain's metadata, so it stays).
	pub min_bond: Balance,
	/// `true`: anyone may contribute. `false`: only accounts on the dataset's allow list.
	pub open: bool,
}

/// A datanet: a curated collection of contributions with its own reward pool.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Dataset<AccountId, Metadata, License, Curators, BlockNumber> {
	/// Owns the dataset; holds its storage deposit.
	pub owner: AccountId,
	/// The account the owner offered the dataset to, until it accepts.
	pub pending_owner: Option<AccountId>,
	/// May review contributions and publish versions, as the owner may.
	pub curators: Curators,
	/// Free-form metadata.
	pub metadata: Metadata,
	/// The license contributions are made under.
	pub license: License,
	/// Who may contribute and the bond it takes.
	pub policy: Policy,
	/// Whether it takes contributions.
	pub status: DatasetStatus,
	/// The storage deposit held from the owner, released when the dataset is retired.
	pub deposit: Balance,
	/// The latest published version (0: none yet).
	pub version: DatasetVersion,
	/// The root of the accepted content so far: `blake2_256(root ++ content_hash)` per
	/// accepted contribution, from `H256::zero()`.
	pub version_root: H256,
	/// Accepted contributions so far (not counting any removed since).
	pub accepted: u32,
	/// Contributions awaiting review.
	pub pending: u32,
	/// The sum of the shares of its accepted contributions.
	pub total_shares: u128,
	/// Reward per share, scaled by `openledger_primitives::reward_pool::SCALE`.
	pub reward_per_share: U256,
	/// What the pool holds for this dataset: paid in, minus paid out.
	pub pool_balance: Balance,
	/// How many payments entered the pool (each leaves less than one unit of dust).
	pub payments: u64,
	/// How many contributions were ever accepted (each leaves less than one unit of dust).
	pub shareholders_ever: u32,
	/// The block it was created in.
	pub created_at: BlockNumber,
}

impl<AccountId, Metadata, License, Curators, BlockNumber>
	Dataset<AccountId, Metadata, License, Curators, BlockNumber>
{
	/// Its reward pool as a payment made now finds it.
	pub fn pool(&self) -> PoolPayment {
		PoolPayment {
			total_shares: self.total_shares,
			reward_per_share_before: self.reward_per_share,
		}
	}
}

/// A published version: exactly the content accepted up to then.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct VersionInfo<BlockNumber> {
	/// The `version_root` at publication.
	pub root: H256,
	/// Accepted contributions at publication.
	pub contributions: u32,
	/// Total shares at publication.
	pub total_shares: u128,
	/// The block it was published in.
	pub published_at: BlockNumber,
}

/// A curator's decision on a pending contribution.
#[derive(Clone, Copy, Debug, Decode, DecodeWithMemTracking, Encode, Eq, PartialEq, TypeInfo)]
pub enum Verdict {
	/// The contribution joins the dataset and its reward pool with `shares`.
	Accept {
		/// Its weight in the reward pool (at least 1).
		shares: Shares,
	},
	/// The contribution is refused; `slash` of its bond is taken, the rest returned.
	Reject {
		/// The part of the bond taken.
		slash: Perbill,
	},
}

/// Where a contribution stands.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub enum ContributionStatus {
	/// Awaiting review; its bond is held.
	Pending,
	/// A shareholder of the dataset's reward pool.
	Accepted {
		/// Its weight in the pool.
		shares: Shares,
		/// The pool's reward per share when it was accepted: it earns only what is paid
		/// after.
		joined_at: U256,
		/// What it had accrued when last settled; at acceptance, what it would have accrued
		/// had it always held its shares, rounded up (see `reward_pool`).
		debt: Balance,
		/// Everything it has been paid so far.
		claimed: Balance,
	},
	// Index 2 was `Rejected`: a rejected contribution leaves state since storage version 1
	// (its verdict stays in the `ContributionRejected` event).
	/// Taken down by governance after acceptance; it earns nothing paid after its removal. It
	/// stays in state, as the dataset's acceptance order and version root include it. (A
	/// pending contribution taken down leaves state instead.)
	#[codec(index = 3)]
	Removed {
		/// The shares it held.
		shares: Shares,
		/// The pool's reward per share when it was accepted.
		joined_at: U256,
		/// The pool's reward per share when it was removed.
		left_at: U256,
		/// Everything it was paid, including the settlement at removal.
		claimed: Balance,
	},
}

/// Data brought to a dataset by a contributor.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Contribution<AccountId, Metadata, BlockNumber, Ticket> {
	/// The dataset it was submitted to.
	pub dataset: DatasetId,
	/// Who submitted it, and is paid for it.
	pub contributor: AccountId,
	/// The hash of the content (the content itself lives off chain).
	pub content_hash: H256,
	/// Free-form metadata (a URI, a description).
	pub metadata: Metadata,
	/// The bond held while it is pending.
	pub bond: Balance,
	/// Where it stands.
	pub status: ContributionStatus,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
	/// Its storage deposit ([`Config::ContributionDeposit`]), held from the contributor for as
	/// long as the contribution is in state. `None` for contributions submitted before storage
	/// deposits (storage version 0), which hold none.
	pub deposit: Option<Ticket>,
}

/// Who receives the slashed part of a rejected contribution's bond.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub enum SlashBeneficiary {
	/// The owner of the dataset that rejected it (curation is paid for).
	DatasetOwner,
	/// The treasury.
	Treasury,
}

/// A contribution offered for sale.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct Listing<AccountId> {
	/// What the buyer pays the seller (0: a gift).
	pub price: Balance,
	/// The only account that may buy it (`None`: anyone).
	pub buyer: Option<AccountId>,
}
