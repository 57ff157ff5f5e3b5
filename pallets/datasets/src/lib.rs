//! # Datasets pallet: datanets with curated contributions and an O(1) reward pool
//!
//! A *dataset* ("datanet") is where contributors bring data and get paid when that data
//! influences a model's answers.
//!
//! ## The life of a contribution
//! 1. A contributor submits the hash of its content ([`Pallet::submit_contribution`]); the
//!    dataset's `min_bond` is held from it. A content hash appears at most once per dataset.
//! 2. The owner or a curator reviews it ([`Pallet::review_contribution`]):
//!    - `Accept { shares }`: the bond is released, the contribution becomes a shareholder of
//!      the dataset's reward pool *from this moment on*, and the dataset's `version_root`
//!      advances: `root' = blake2_256(root ++ content_hash)`;
//!    - `Reject { slash }`: that part of the bond goes to the dataset owner or the treasury
//!      (a [`Config::RejectionSlashTo`] choice), the rest is returned, and the contribution
//!      leaves state (its verdict stays in the `ContributionRejected` event).
//!
//!    Until then the contributor may withdraw it and have its bond back; it leaves state too.
//! 3. [`Pallet::publish_version`] freezes the current root as version N, so a model can cite
//!    exactly the content it was trained on.
//! 4. When an inference pays the dataset ([`openledger_primitives::DatasetRewards`]), the
//!    amount enters the pool in O(1); each shareholder claims its part when it likes
//!    ([`Pallet::claim_rewards`], [`Pallet::claim_all`]).
//!
//! ## The reward pool
//! Paying every contributor on every inference would cost O(contributors). Instead each
//! dataset keeps a reward-per-share accumulator and each contribution a debt (see
//! [`openledger_primitives::reward_pool`]): paying a dataset costs the same whether it has
//! one contributor or a million. Funds sit in the pallet's account ([`Pallet::pot`]). All
//! rounding favours the pool, so the pot always holds at least what can be claimed; the rest
//! is rounding dust, less than one unit per payment plus two per shareholder.
//!
//! ## Deposits and bonds
//! Creating a dataset holds [`Config::DatasetDeposit`] from its owner until it is retired;
//! ownership moves in two steps (offer, accept) so the deposit always has an owner to hold it.
//! Each pending contribution holds its bond (the curators' price of a review). Each
//! contribution also pays for the state it takes: a storage deposit
//! ([`Config::ContributionDeposit`], a `Consideration` priced by the contribution's size,
//! the way pallet-preimage prices a preimage) is held from the contributor for as long as it
//! is in state, and released when it leaves: withdrawn, rejected, or taken down while
//! pending. An accepted contribution stays (the version root and the reward pool need it),
//! and so does its deposit, also after governance takes it down.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

// FRAME's macro expansions call `expect` on values they construct themselves; the pallet's
// own code (outside this module) is held to `clippy::expect_used` / `unwrap_used`.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{
		dispatch::DispatchErrorWithPostInfo,
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, InspectHold, Mutate, MutateHold},
			Consideration, Footprint,
		},
		PalletId,
	};
	use frame_system::pallet_prelude::*;
	use openledger_primitives::{Balance, ContributionId, DatasetId, DatasetVersion, Shares};
	use sp_core::H256;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The storage deposit of a dataset, held from its owner until it is retired.
		DatasetDeposit,
		/// The bond of a pending contribution, held from its contributor until review.
		ContributionBond,
		/// The storage deposit of a contribution, held from its contributor while the
		/// contribution is in state (a runtime's [`Config::ContributionDeposit`] holds it under
		/// this reason).
		ContributionDeposit,
		/// The storage deposit of an allow-list entry, held from the owner or curator who
		/// added it (a runtime's [`Config::AllowListDeposit`] holds it under this reason).
		AllowListDeposit,
	}

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The native token: pays rewards, holds deposits and bonds.
		type Currency: Inspect<Self::AccountId, Balance = Balance>
			+ Mutate<Self::AccountId>
			+ InspectHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>;

		/// The runtime's hold reasons, of which this pallet's are a part.
		type RuntimeHoldReason: From<HoldReason>;

		/// May take contributions down ([`Pallet::remove_contribution`]).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Receives slashed bonds when [`Config::RejectionSlashTo`] says so.
		type Treasury: Get<Self::AccountId>;

		/// Who receives the slashed part of a rejected contribution's bond.
		#[pallet::constant]
		type RejectionSlashTo: Get<SlashBeneficiary>;

		/// The id of the account that holds the reward pools.
		#[pallet::constant]
		type PalletId: Get<PalletId>;

		/// The storage deposit of a dataset.
		#[pallet::constant]
		type DatasetDeposit: Get<Balance>;

		/// The storage deposit of a contribution, priced by its [`Footprint`] (one item of
		/// the size [`Pallet::contribution_footprint`] says): held at submission, released
		/// when the contribution leaves state. A runtime uses `HoldConsideration` under
		/// [`HoldReason::ContributionDeposit`].
		type ContributionDeposit: Consideration<Self::AccountId, Footprint>;

		/// The storage deposit of an allow-list entry, priced by its [`Footprint`] (one item
		/// of the size [`Pallet::allowance_footprint`] says): held from the owner or curator
		/// who allows an account, released to it when the entry is removed. A runtime uses
		/// `HoldConsideration` under [`HoldReason::AllowListDeposit`].
		type AllowListDeposit: Consideration<Self::AccountId, Footprint>;

		/// The longest metadata, in bytes, of a dataset or a contribution.
		#[pallet::constant]
		type MaxMetadataLen: Get<u32>;

		/// The longest license, in bytes.
		#[pallet::constant]
		type MaxLicenseLen: Get<u32>;

		/// The most curators a dataset may have.
		#[pallet::constant]
		type MaxCurators: Get<u32>;

		/// The most contributions an account may have pending or accepted at once (rejected,
		/// withdrawn and removed ones do not count). Bounds [`Pallet::claim_all`].
		#[pallet::constant]
		type MaxContributionsPerAccount: Get<u32>;

		/// The most contributions [`Pallet::claim_rewards`] takes in one call.
		#[pallet::constant]
		type MaxClaimBatch: Get<u32>;

		/// The most shares one contribution may be accepted with.
		#[pallet::constant]
		type MaxSharesPerContribution: Get<Shares>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;
	}

	/// The id the next dataset gets.
	#[pallet::storage]
	pub type NextDatasetId<T> = StorageValue<_, DatasetId, ValueQuery>;

	/// Datasets by id.
	#[pallet::storage]
	pub type Datasets<T: Config> = StorageMap<_, Blake2_128Concat, DatasetId, DatasetOf<T>>;

	/// Published versions of each dataset.
	#[pallet::storage]
	pub type Versions<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DatasetId,
		Blake2_128Concat,
		DatasetVersion,
		VersionInfo<BlockNumberFor<T>>,
	>;

	/// Accounts allowed to contribute to a closed dataset, with who pays for each entry.
	#[pallet::storage]
	pub type AllowList<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		DatasetId,
		Blake2_128Concat,
		T::AccountId,
		AllowanceOf<T>,
	>;

	/// The id the next contribution gets.
	#[pallet::storage]
	pub type NextContributionId<T> = StorageValue<_, ContributionId, ValueQuery>;

	/// Contributions by id: pending, accepted, and accepted ones governance took down (the
	/// version root includes them). Withdrawn, rejected and pending ones taken down leave.
	#[pallet::storage]
	pub type Contributions<T: Config> =
		StorageMap<_, Blake2_128Concat, ContributionId, ContributionOf<T>>;

	/// The contribution that brought each content hash to a dataset.
	#[pallet::storage]
	pub type ContentIndex<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatasetId, Blake2_128Concat, H256, ContributionId>;

	/// The contributions of each dataset, for listing.
	#[pallet::storage]
	pub type DatasetContributions<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatasetId, Blake2_128Concat, ContributionId, ()>;

	/// Every contribution ever accepted into a dataset, in the order its `version_root`
	/// chains them: position 0, 1, … (`Dataset::shareholders_ever` of them). A version's
	/// content is the prefix whose chained hashes give its root; removed contributions keep
	/// their place, as the root keeps their hash.
	#[pallet::storage]
	pub type AcceptanceOrder<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, DatasetId, Twox64Concat, u32, ContributionId>;

	/// The contributions offered for sale, with their prices (cleared when one changes
	/// hands or is taken down).
	#[pallet::storage]
	pub type Listings<T: Config> =
		StorageMap<_, Blake2_128Concat, ContributionId, Listing<T::AccountId>>;

	/// Each account's pending and accepted contributions.
	#[pallet::storage]
	pub type AccountContributions<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		BoundedVec<ContributionId, T::MaxContributionsPerAccount>,
		ValueQuery,
	>;

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A dataset was created.
		DatasetCreated {
			/// Its id.
			dataset: DatasetId,
			/// Its owner.
			owner: T::AccountId,
			/// The deposit held from the owner.
			deposit: Balance,
		},
		/// A dataset's curators were replaced.
		CuratorsSet {
			/// The dataset.
			dataset: DatasetId,
			/// The new curators.
			curators: Vec<T::AccountId>,
		},
		/// A dataset's metadata and license were updated.
		MetadataUpdated {
			/// The dataset.
			dataset: DatasetId,
		},
		/// A dataset's policy changed.
		PolicySet {
			/// The dataset.
			dataset: DatasetId,
			/// The new policy.
			policy: Policy,
		},
		/// An account was added to or removed from a closed dataset's allow list.
		AllowListUpdated {
			/// The dataset.
			dataset: DatasetId,
			/// The account.
			account: T::AccountId,
			/// Whether it may now contribute.
			allowed: bool,
		},
		/// The owner offered the dataset to another account (or withdrew the offer: `None`).
		OwnershipOffered {
			/// The dataset.
			dataset: DatasetId,
			/// The account that may accept it.
			to: Option<T::AccountId>,
		},
		/// A dataset changed hands; the deposit moved with it.
		OwnershipTransferred {
			/// The dataset.
			dataset: DatasetId,
			/// The previous owner.
			from: T::AccountId,
			/// The new owner.
			to: T::AccountId,
		},
		/// A dataset stopped taking contributions and reviews for now.
		DatasetFrozen {
			/// The dataset.
			dataset: DatasetId,
		},
		/// A frozen dataset is active again.
		DatasetUnfrozen {
			/// The dataset.
			dataset: DatasetId,
		},
		/// A dataset was retired for good; its deposit was released. (An error of the same
		/// name refuses calls on a retired dataset.)
		DatasetRetired {
			/// The dataset.
			dataset: DatasetId,
			/// The deposit returned to the owner.
			deposit_released: Balance,
		},
		/// A contribution was submitted; its bond is held until review.
		ContributionSubmitted {
			/// Its id.
			contribution: ContributionId,
			/// The dataset.
			dataset: DatasetId,
			/// The contributor.
			contributor: T::AccountId,
			/// The hash of its content.
			content_hash: H256,
			/// The bond held.
			bond: Balance,
		},
		/// A pending contribution was withdrawn by its contributor; it left state, and its bond
		/// and storage deposit were released.
		ContributionWithdrawn {
			/// The contribution.
			contribution: ContributionId,
			/// The bond released.
			bond_released: Balance,
		},
		/// A contribution was accepted into its dataset and its reward pool.
		ContributionAccepted {
			/// The contribution.
			contribution: ContributionId,
			/// The dataset.
			dataset: DatasetId,
			/// Its shares in the pool.
			shares: Shares,
			/// The dataset's new `version_root`.
			version_root: H256,
		},
		/// A contribution was rejected; it left state, and its storage deposit was released.
		ContributionRejected {
			/// The contribution.
			contribution: ContributionId,
			/// The dataset.
			dataset: DatasetId,
			/// The part of its bond taken.
			slashed: Balance,
			/// Who received it.
			slashed_to: T::AccountId,
			/// The part of its bond returned.
			released: Balance,
		},
		/// A version of a dataset was published.
		VersionPublished {
			/// The dataset.
			dataset: DatasetId,
			/// The version number.
			version: DatasetVersion,
			/// The content root it pins.
			root: H256,
		},
		/// A dataset was paid: into its pool, or to its owner when nobody held shares.
		DatasetRewarded {
			/// The dataset.
			dataset: DatasetId,
			/// The amount paid.
			amount: Balance,
			/// Its total shares when paid (0: the owner was paid).
			total_shares: u128,
		},
		/// A contributor was paid its pending rewards.
		RewardsClaimed {
			/// The contributor.
			who: T::AccountId,
			/// The total paid.
			amount: Balance,
			/// How many of its contributions were settled.
			contributions: u32,
		},
		/// A contribution changed hands; what it had earned was paid to its seller first.
		ContributionTransferred {
			/// The contribution.
			contribution: ContributionId,
			/// Its contributor until now.
			from: T::AccountId,
			/// Its contributor from now on.
			to: T::AccountId,
			/// What it had earned, paid to `from`.
			settled: Balance,
			/// What `to` paid `from` (0 for a gift).
			price: Balance,
		},
		/// A contribution was offered for sale.
		ContributionListed {
			/// The contribution.
			contribution: ContributionId,
			/// Its contributor, who sells it.
			seller: T::AccountId,
			/// Its price.
			price: Balance,
			/// The only account that may buy it (`None`: anyone).
			buyer: Option<T::AccountId>,
		},
		/// A contribution's offer was withdrawn.
		ContributionUnlisted {
			/// The contribution.
			contribution: ContributionId,
		},
		/// Governance took a contribution down; what it had earned was paid out first. A
		/// pending one left state, its storage deposit released.
		ContributionRemoved {
			/// The contribution.
			contribution: ContributionId,
			/// The dataset.
			dataset: DatasetId,
			/// The pending reward paid to the contributor at removal.
			settled: Balance,
			/// The pending bond released (if it had not been reviewed yet).
			bond_released: Balance,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// There is no dataset with this id.
		DatasetNotFound,
		/// There is no contribution with this id.
		ContributionNotFound,
		/// Only the dataset's owner may do this.
		NotOwner,
		/// Only the dataset's owner or one of its curators may do this.
		NotCurator,
		/// Only the contribution's contributor may do this.
		NotContributor,
		/// The dataset is frozen or retired.
		DatasetNotActive,
		/// The dataset is not frozen.
		DatasetNotFrozen,
		/// The dataset is retired. (An event of the same name says when that happened.)
		DatasetRetired,
		/// The dataset is closed and the caller is not on its allow list.
		NotAllowed,
		/// This content hash is already in the dataset.
		DuplicateContent,
		/// Not returned any more: metadata longer than `MaxMetadataLen` does not decode (kept
		/// so that the pallet's error encoding does not change).
		MetadataTooLong,
		/// Not returned any more: a license longer than `MaxLicenseLen` does not decode.
		LicenseTooLong,
		/// Not returned any more: more curators than `MaxCurators` do not decode.
		TooManyCurators,
		/// The same curator is listed twice.
		DuplicateCurator,
		/// The account already has `MaxContributionsPerAccount` pending or accepted
		/// contributions.
		TooManyContributions,
		/// Not returned any more: more contributions than `MaxClaimBatch` in one claim do not
		/// decode.
		TooManyToClaim,
		/// The contribution has been reviewed already.
		NotPending,
		/// Shares must be between 1 and `MaxSharesPerContribution`.
		InvalidShares,
		/// Accepting these shares would take the pool's total over its limit (10^18 shares).
		PoolFull,
		/// Nothing has been accepted since the last published version.
		NothingToPublish,
		/// The dataset still has contributions awaiting review: review them before retiring.
		PendingContributions,
		/// There is no pending ownership offer to this account.
		NoOwnershipOffer,
		/// There is nothing to claim.
		NothingToClaim,
		/// The contribution was taken down already.
		NotRemovable,
		/// The reward pool holds less than it owes: an invariant is broken.
		PoolInsolvent,
		/// Not returned any more: arithmetic beyond any supported range fails with the system's
		/// `Arithmetic` error. Kept so that the pallet's error encoding does not change.
		Overflow,
		/// The dataset's bond is above the `max_bond` the contributor signed for (its owner
		/// raised it): nothing was held. Look at the dataset's policy and submit again.
		BondAboveMax,
		/// The caller has more contributions than the `contributions` it gave `claim_all`
		/// (count them with `accountContributions(who)`): nothing was claimed.
		WitnessTooLow,
		/// Only an accepted contribution can be transferred or listed (a pending one still
		/// holds its review bond; a removed one earns nothing).
		NotAccepted,
		/// A contribution cannot be transferred to, or bought by, its own contributor.
		SameAccount,
		/// The contribution is not listed for sale.
		NotListed,
		/// The contribution is listed for another buyer only.
		NotTheBuyer,
		/// The contribution's price is above the `max_price` the buyer signed for (its seller
		/// raised it): nothing was paid. Look at the listing and buy again.
		PriceAboveMax,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxCurators::get() > 0, "MaxCurators must be positive");
			assert!(T::MaxClaimBatch::get() > 0, "MaxClaimBatch must be positive");
			assert!(
				T::MaxContributionsPerAccount::get() > 0,
				"MaxContributionsPerAccount must be positive"
			);
			assert!(T::MaxSharesPerContribution::get() > 0, "MaxSharesPerContribution > 0");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// Genesis: makes sure the reward pot exists, so any amount can be paid into it.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		#[serde(skip)]
		_config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Pallet::<T>::ensure_pot_exists();
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Creates a dataset owned by the caller, holding [`Config::DatasetDeposit`] from it.
		#[pallet::call_index(0)]
		pub fn create_dataset(
			origin: OriginFor<T>,
			metadata: MetadataOf<T>,
			license: LicenseOf<T>,
			policy: Policy,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_create_dataset(who, metadata, license, policy).map(|_| ())
		}

		/// Replaces the dataset's curators (owner only).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_curators(curators.len() as u32))]
		pub fn set_curators(
			origin: OriginFor<T>,
			dataset: DatasetId,
			curators: CuratorsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_curators(&who, dataset, curators)
		}

		/// Replaces the dataset's metadata and license (owner only).
		#[pallet::call_index(2)]
		pub fn update_metadata(
			origin: OriginFor<T>,
			dataset: DatasetId,
			metadata: MetadataOf<T>,
			license: LicenseOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_update_metadata(&who, dataset, metadata, license)
		}

		/// Sets who may contribute and the bond it takes (owner only). Pending contributions
		/// keep the bond they were submitted with.
		#[pallet::call_index(3)]
		pub fn set_policy(
			origin: OriginFor<T>,
			dataset: DatasetId,
			policy: Policy,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_policy(&who, dataset, policy)
		}

		/// Adds an account to (or removes it from) a dataset's allow list (owner or curator).
		/// Adding holds the entry's storage deposit from the caller (nothing if the account is
		/// already allowed); removing releases it to whoever added it, also once the dataset
		/// is retired. Whoever added an entry may always remove it, also once it is no
		/// longer a curator.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_allowed())]
		pub fn set_allowed(
			origin: OriginFor<T>,
			dataset: DatasetId,
			account: T::AccountId,
			allowed: bool,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_set_allowed(&who, dataset, account, allowed)
		}

		/// Offers the dataset to another account (owner only); `None` withdraws the offer.
		/// The dataset changes hands when that account accepts.
		#[pallet::call_index(5)]
		pub fn transfer_ownership(
			origin: OriginFor<T>,
			dataset: DatasetId,
			new_owner: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_transfer_ownership(&who, dataset, new_owner)
		}

		/// Accepts a dataset offered to the caller: its deposit is now held from the caller
		/// and released to the previous owner.
		#[pallet::call_index(6)]
		pub fn accept_ownership(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_accept_ownership(who, dataset)
		}

		/// Stops taking contributions and reviews until unfrozen (owner only).
		#[pallet::call_index(7)]
		pub fn freeze(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_freeze(&who, dataset)
		}

		/// Makes a frozen dataset active again (owner only).
		#[pallet::call_index(8)]
		pub fn unfreeze(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unfreeze(&who, dataset)
		}

		/// Retires the dataset for good and releases its deposit (owner only). Its versions
		/// remain citable and its contributors keep earning and claiming.
		#[pallet::call_index(9)]
		pub fn retire(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_retire(&who, dataset)
		}

		/// Submits content (by hash) to a dataset, holding the dataset's `min_bond` from the
		/// caller until review and the contribution's storage deposit while it is in state.
		/// The id is in the `ContributionSubmitted` event.
		///
		/// `max_bond` is the most the caller agrees to have held: if the dataset's bond is
		/// higher when the call runs (its owner raised it after the caller looked), the call
		/// fails with `BondAboveMax` and nothing is held. The same content may be pending
		/// from several contributors at once; the curators accept one of them.
		#[pallet::call_index(10)]
		pub fn submit_contribution(
			origin: OriginFor<T>,
			dataset: DatasetId,
			content_hash: H256,
			metadata: MetadataOf<T>,
			max_bond: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_submit_contribution(who, dataset, content_hash, metadata, max_bond).map(|_| ())
		}

		/// Withdraws a pending contribution (contributor only): it leaves state, and its bond
		/// and storage deposit are released.
		#[pallet::call_index(11)]
		pub fn withdraw_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_contribution(&who, contribution)
		}

		/// Accepts or rejects a pending contribution (owner or curator). A rejected one leaves
		/// state, and its storage deposit is released.
		#[pallet::call_index(12)]
		#[pallet::weight(
			T::WeightInfo::accept_contribution().max(T::WeightInfo::reject_contribution())
		)]
		pub fn review_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			verdict: Verdict,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			// Charged the costlier verdict before it runs, the one it gave after.
			let (result, used) = match verdict {
				Verdict::Accept { shares } => (
					Self::do_accept_contribution(&who, contribution, shares),
					T::WeightInfo::accept_contribution(),
				),
				Verdict::Reject { slash } => (
					Self::do_reject_contribution(&who, contribution, slash),
					T::WeightInfo::reject_contribution(),
				),
			};
			result
				.map(|()| Some(used).into())
				.map_err(|error| DispatchErrorWithPostInfo { post_info: Some(used).into(), error })
		}

		/// Publishes the content accepted so far as the dataset's next version (owner or
		/// curator).
		#[pallet::call_index(13)]
		pub fn publish_version(origin: OriginFor<T>, dataset: DatasetId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_publish_version(&who, dataset).map(|_| ())
		}

		/// Pays the caller what these of its contributions have earned.
		#[pallet::call_index(14)]
		#[pallet::weight(T::WeightInfo::claim_rewards(contributions.len() as u32))]
		pub fn claim_rewards(
			origin: OriginFor<T>,
			contributions: BoundedVec<ContributionId, T::MaxClaimBatch>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_claim_rewards(&who, &contributions).map(|_| ())
		}

		/// Pays the caller what all of its accepted contributions have earned.
		///
		/// `contributions` is how many contributions the caller has (pending and accepted:
		/// `accountContributions(who).length`), or more: the call is charged for that many
		/// before it runs, and for what it did after (also when it fails). An account with
		/// more contributions than it says is refused with `WitnessTooLow`, charged one read.
		#[pallet::call_index(15)]
		#[pallet::weight(T::WeightInfo::claim_all(
			(*contributions).min(T::MaxContributionsPerAccount::get())
		))]
		pub fn claim_all(origin: OriginFor<T>, contributions: u32) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			Self::do_claim_all(&who, contributions)
		}

		/// Takes a contribution down (governance): what it earned is paid first, then its
		/// shares leave the pool; a pending one leaves state, its bond and storage deposit
		/// released.
		#[pallet::call_index(16)]
		#[pallet::weight(
			T::WeightInfo::remove_contribution().max(T::WeightInfo::remove_pending_contribution())
		)]
		pub fn remove_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_contribution(contribution)
		}

		/// Offers an accepted contribution of the caller for sale at `price`, to anyone or, with
		/// `buyer`, to that account only (a gift is a listing at price 0 to its recipient, who
		/// accepts it with `buy_contribution`: nobody is given a contribution, and the storage
		/// deposit it holds, without signing for it). A new listing replaces the old one.
		#[pallet::call_index(17)]
		#[pallet::weight(T::WeightInfo::list_contribution())]
		pub fn list_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			price: Balance,
			buyer: Option<T::AccountId>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_list_contribution(&who, contribution, price, buyer)
		}

		/// Withdraws the caller's offer of a contribution.
		#[pallet::call_index(18)]
		#[pallet::weight(T::WeightInfo::unlist_contribution())]
		pub fn unlist_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_unlist_contribution(&who, contribution)
		}

		/// Buys a listed contribution at its price, if that is at most `max_price` (the price
		/// the buyer saw: a seller who raised it since makes this fail with `PriceAboveMax`).
		/// What it earned so far is paid to the seller in the same call, everything it earns
		/// after to the caller, who also takes over its storage deposit.
		#[pallet::call_index(19)]
		#[pallet::weight(T::WeightInfo::buy_contribution())]
		pub fn buy_contribution(
			origin: OriginFor<T>,
			contribution: ContributionId,
			max_price: Balance,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_buy_contribution(&who, contribution, max_price)
		}
	}
}
