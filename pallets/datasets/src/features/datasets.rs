//! Creating and administering datasets; publishing versions.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::Precision,
		Consideration, Defensive, Footprint,
	},
};
use openledger_primitives::{checks::has_duplicates, DatasetId, DatasetStatus, DatasetVersion};
use sp_core::{H256, U256};
use sp_runtime::traits::{AccountIdConversion, EnsureAdd};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The account that holds every dataset's reward pool.
	pub fn pot() -> T::AccountId {
		T::PalletId::get().into_account_truncating()
	}

	/// Gives the pot the existential deposit if it lacks it, so that any amount, however
	/// small, can be paid into it. Called at genesis.
	pub(crate) fn ensure_pot_exists() {
		let pot = Self::pot();
		let minimum = T::Currency::minimum_balance();
		let balance = T::Currency::balance(&pot);
		if balance < minimum {
			let _ = T::Currency::mint_into(&pot, minimum.saturating_sub(balance))
				.defensive_proof("minting the existential deposit at genesis cannot fail");
		}
	}

	/// The dataset, if `who` owns it.
	pub(crate) fn owned_dataset(
		who: &T::AccountId,
		dataset: DatasetId,
	) -> Result<DatasetOf<T>, DispatchError> {
		let info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(&info.owner == who, Error::<T>::NotOwner);
		Ok(info)
	}

	/// The dataset, if `who` owns or curates it.
	pub(crate) fn curated_dataset(
		who: &T::AccountId,
		dataset: DatasetId,
	) -> Result<DatasetOf<T>, DispatchError> {
		let info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(Self::is_curator(&info, who), Error::<T>::NotCurator);
		Ok(info)
	}

	/// Whether `who` may review contributions and publish versions of this dataset.
	pub fn is_curator(info: &DatasetOf<T>, who: &T::AccountId) -> bool {
		&info.owner == who || info.curators.contains(who)
	}

	/// Creates a dataset owned by `owner`, holding [`Config::DatasetDeposit`] from it.
	pub(crate) fn do_create_dataset(
		owner: T::AccountId,
		metadata: MetadataOf<T>,
		license: LicenseOf<T>,
		policy: Policy,
	) -> Result<DatasetId, DispatchError> {
		let id = NextDatasetId::<T>::get();
		let next = id.ensure_add(1)?;

		let deposit = T::DatasetDeposit::get();
		T::Currency::hold(&HoldReason::DatasetDeposit.into(), &owner, deposit)?;

		Datasets::<T>::insert(
			id,
			Dataset {
				owner: owner.clone(),
				pending_owner: None,
				curators: Default::default(),
				metadata,
				license,
				policy,
				status: DatasetStatus::Active,
				deposit,
				version: 0,
				version_root: H256::zero(),
				accepted: 0,
				pending: 0,
				total_shares: 0,
				reward_per_share: U256::zero(),
				pool_balance: 0,
				payments: 0,
				shareholders_ever: 0,
				created_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextDatasetId::<T>::put(next);
		Self::deposit_event(Event::DatasetCreated { dataset: id, owner, deposit });
		Ok(id)
	}

	/// Replaces the dataset's curators.
	pub(crate) fn do_set_curators(
		who: &T::AccountId,
		dataset: DatasetId,
		curators: CuratorsOf<T>,
	) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		ensure!(!has_duplicates(curators.as_bounded_slice()), Error::<T>::DuplicateCurator);
		info.curators = curators.clone();
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::CuratorsSet { dataset, curators: curators.into_inner() });
		Ok(())
	}

	/// Replaces the dataset's metadata and license.
	pub(crate) fn do_update_metadata(
		who: &T::AccountId,
		dataset: DatasetId,
		metadata: MetadataOf<T>,
		license: LicenseOf<T>,
	) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		info.metadata = metadata;
		info.license = license;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::MetadataUpdated { dataset });
		Ok(())
	}

	/// Sets who may contribute and the bond each submission holds.
	pub(crate) fn do_set_policy(
		who: &T::AccountId,
		dataset: DatasetId,
		policy: Policy,
	) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		info.policy = policy;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::PolicySet { dataset, policy });
		Ok(())
	}

	/// Adds `account` to the dataset's allow list, holding the entry's deposit from `who`
	/// (nothing changes if it is there already), or removes it, releasing the deposit to
	/// whoever added it. A retired dataset takes no new entries, but its entries can go.
	pub(crate) fn do_set_allowed(
		who: &T::AccountId,
		dataset: DatasetId,
		account: T::AccountId,
		allowed: bool,
	) -> DispatchResult {
		let info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		let curator = Self::is_curator(&info, who);
		if allowed {
			ensure!(curator, Error::<T>::NotCurator);
			ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
			if !AllowList::<T>::contains_key(dataset, &account) {
				let deposit = T::AllowListDeposit::new(who, Self::allowance_footprint())?;
				let allowance = Allowance { deposit: Some((who.clone(), deposit)) };
				AllowList::<T>::insert(dataset, &account, allowance);
			}
		} else {
			// A curator may remove any entry; whoever paid an entry's deposit may always
			// remove that entry, also once no longer a curator, so that no owner can keep an
			// ex-curator's deposits held.
			let entry = AllowList::<T>::get(dataset, &account);
			let paid_it = entry
				.as_ref()
				.and_then(|allowance| allowance.deposit.as_ref())
				.is_some_and(|(payer, _)| payer == who);
			ensure!(curator || paid_it, Error::<T>::NotCurator);
			if let Some(allowance) = entry {
				AllowList::<T>::remove(dataset, &account);
				if let Some((payer, deposit)) = allowance.deposit {
					deposit.drop(&payer)?;
				}
			}
		}
		Self::deposit_event(Event::AllowListUpdated { dataset, account, allowed });
		Ok(())
	}

	/// What an allow-list entry takes in state, which its storage deposit pays for: one item,
	/// the allowed account (its key) and the largest encoding of the entry.
	pub fn allowance_footprint() -> Footprint {
		let size =
			T::AccountId::max_encoded_len().saturating_add(AllowanceOf::<T>::max_encoded_len());
		Footprint::from_parts(1, size)
	}

	/// Offers the dataset to `to` (`None` withdraws the offer); it changes hands when `to`
	/// accepts.
	pub(crate) fn do_transfer_ownership(
		who: &T::AccountId,
		dataset: DatasetId,
		to: Option<T::AccountId>,
	) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		info.pending_owner = to.clone();
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::OwnershipOffered { dataset, to });
		Ok(())
	}

	/// Hands the dataset to `who`, to whom it was offered; the deposit moves with it.
	pub(crate) fn do_accept_ownership(who: T::AccountId, dataset: DatasetId) -> DispatchResult {
		let mut info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(info.pending_owner.as_ref() == Some(&who), Error::<T>::NoOwnershipOffer);
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		let reason = HoldReason::DatasetDeposit.into();
		// The new owner holds the deposit before the old one gets it back.
		T::Currency::hold(&reason, &who, info.deposit)?;
		T::Currency::release(&reason, &info.owner, info.deposit, Precision::Exact)?;
		let from = core::mem::replace(&mut info.owner, who.clone());
		info.pending_owner = None;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::OwnershipTransferred { dataset, from, to: who });
		Ok(())
	}

	/// Stops the dataset taking contributions and reviews.
	pub(crate) fn do_freeze(who: &T::AccountId, dataset: DatasetId) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status == DatasetStatus::Active, Error::<T>::DatasetNotActive);
		info.status = DatasetStatus::Frozen;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::DatasetFrozen { dataset });
		Ok(())
	}

	/// Makes a frozen dataset active again.
	pub(crate) fn do_unfreeze(who: &T::AccountId, dataset: DatasetId) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status == DatasetStatus::Frozen, Error::<T>::DatasetNotFrozen);
		info.status = DatasetStatus::Active;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::DatasetUnfrozen { dataset });
		Ok(())
	}

	/// Retires the dataset for good and releases its deposit.
	pub(crate) fn do_retire(who: &T::AccountId, dataset: DatasetId) -> DispatchResult {
		let mut info = Self::owned_dataset(who, dataset)?;
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		ensure!(info.pending == 0, Error::<T>::PendingContributions);
		let released = T::Currency::release(
			&HoldReason::DatasetDeposit.into(),
			&info.owner,
			info.deposit,
			Precision::Exact,
		)?;
		info.status = DatasetStatus::Retired;
		info.deposit = 0;
		info.pending_owner = None;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::DatasetRetired { dataset, deposit_released: released });
		Ok(())
	}

	/// Publishes the content accepted so far as the dataset's next version.
	pub(crate) fn do_publish_version(
		who: &T::AccountId,
		dataset: DatasetId,
	) -> Result<DatasetVersion, DispatchError> {
		let mut info = Self::curated_dataset(who, dataset)?;
		ensure!(info.status != DatasetStatus::Retired, Error::<T>::DatasetRetired);
		if info.version > 0 {
			let last = Versions::<T>::get(dataset, info.version);
			ensure!(
				last.is_none_or(|last| last.root != info.version_root),
				Error::<T>::NothingToPublish
			);
		} else {
			ensure!(info.accepted > 0, Error::<T>::NothingToPublish);
		}
		let version = info.version.ensure_add(1)?;
		let root = info.version_root;
		Versions::<T>::insert(
			dataset,
			version,
			VersionInfo {
				root,
				contributions: info.accepted,
				total_shares: info.total_shares,
				published_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		info.version = version;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::VersionPublished { dataset, version, root });
		Ok(version)
	}
}
