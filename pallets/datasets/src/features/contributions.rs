//! Submitting, withdrawing, reviewing and removing contributions.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
		Consideration, Footprint,
	},
};
use openledger_primitives::{
	reward_pool, Balance, ContributionId, DatasetId, DatasetStatus, Shares,
};
use sp_core::H256;
use sp_runtime::{
	traits::{EnsureAdd, EnsureAddAssign, EnsureSubAssign},
	ArithmeticError, Perbill,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Submits content to a dataset, holding the dataset's bond and the contribution's storage
	/// deposit from the contributor.
	pub(crate) fn do_submit_contribution(
		contributor: T::AccountId,
		dataset: DatasetId,
		content_hash: H256,
		metadata: MetadataOf<T>,
		max_bond: Balance,
	) -> Result<ContributionId, DispatchError> {
		let mut info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		ensure!(info.status == DatasetStatus::Active, Error::<T>::DatasetNotActive);
		ensure!(
			info.policy.open || AllowList::<T>::contains_key(dataset, &contributor),
			Error::<T>::NotAllowed
		);
		ensure!(info.policy.min_bond <= max_bond, Error::<T>::BondAboveMax);
		// Accepted content (also taken down after acceptance) may not be submitted again;
		// pending submissions of the same content coexist, and the curators accept one of them
		// (see `do_accept_contribution`).
		ensure!(!Self::content_accepted(dataset, content_hash), Error::<T>::DuplicateContent);
		let id = NextContributionId::<T>::get();
		let next = id.ensure_add(1)?;
		let mut mine = AccountContributions::<T>::get(&contributor);
		mine.try_push(id).map_err(|_| Error::<T>::TooManyContributions)?;
		info.pending.ensure_add_assign(1)?;

		let bond = info.policy.min_bond;
		T::Currency::hold(&HoldReason::ContributionBond.into(), &contributor, bond)?;
		let mut contribution = Contribution {
			dataset,
			contributor: contributor.clone(),
			content_hash,
			metadata,
			bond,
			status: ContributionStatus::Pending,
			submitted_at: frame_system::Pallet::<T>::block_number(),
			deposit: None,
		};
		contribution.deposit = Some(T::ContributionDeposit::new(
			&contributor,
			Self::contribution_footprint(&contribution),
		)?);

		Contributions::<T>::insert(id, contribution);
		DatasetContributions::<T>::insert(dataset, id, ());
		AccountContributions::<T>::insert(&contributor, mine);
		Datasets::<T>::insert(dataset, info);
		NextContributionId::<T>::put(next);
		Self::deposit_event(Event::ContributionSubmitted {
			contribution: id,
			dataset,
			contributor,
			content_hash,
			bond,
		});
		Ok(id)
	}

	/// What a contribution takes in state, which its storage deposit pays for: one item, of
	/// the largest encoding a contribution with its metadata can have (any status, holding
	/// its deposit), plus the id that each of its three indexes (content, dataset, account)
	/// stores. Its status does not change it, so the deposit stays the same all its life.
	pub fn contribution_footprint(contribution: &ContributionOf<T>) -> Footprint {
		let unused_metadata =
			(T::MaxMetadataLen::get() as usize).saturating_sub(contribution.metadata.len());
		let size = ContributionOf::<T>::max_encoded_len()
			.saturating_sub(unused_metadata)
			.saturating_add(ContributionId::max_encoded_len().saturating_mul(3));
		Footprint::from_parts(1, size)
	}

	/// Drops a contribution from its contributor's list of live contributions.
	pub(crate) fn forget_for_account(contributor: &T::AccountId, contribution: ContributionId) {
		AccountContributions::<T>::mutate(contributor, |mine| mine.retain(|c| *c != contribution));
	}

	/// Whether content is in the dataset: an accepted contribution (or one taken down after
	/// acceptance) holds its content-index entry. An entry may also name a pending
	/// contribution submitted before spec_version 108, when submissions were indexed: that one
	/// does not count.
	pub fn content_accepted(dataset: DatasetId, content_hash: H256) -> bool {
		ContentIndex::<T>::get(dataset, content_hash).is_some_and(|indexed| {
			Contributions::<T>::get(indexed)
				.is_some_and(|c| c.status != ContributionStatus::Pending)
		})
	}

	/// Removes a contribution that was never accepted from state (and from its indexes: a
	/// contribution enters the content index when accepted, or, before spec_version 108, when
	/// submitted) and releases its storage deposit to its contributor. Its bond is the
	/// caller's to settle.
	fn leave_state(id: ContributionId, contribution: ContributionOf<T>) -> DispatchResult {
		Contributions::<T>::remove(id);
		if ContentIndex::<T>::get(contribution.dataset, contribution.content_hash) == Some(id) {
			ContentIndex::<T>::remove(contribution.dataset, contribution.content_hash);
		}
		DatasetContributions::<T>::remove(contribution.dataset, id);
		Self::forget_for_account(&contribution.contributor, id);
		if let Some(deposit) = contribution.deposit {
			deposit.drop(&contribution.contributor)?;
		}
		Ok(())
	}

	/// Withdraws a pending contribution: it leaves state, its bond and deposit are released.
	pub(crate) fn do_withdraw_contribution(
		who: &T::AccountId,
		id: ContributionId,
	) -> DispatchResult {
		let contribution = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		ensure!(&contribution.contributor == who, Error::<T>::NotContributor);
		ensure!(contribution.status == ContributionStatus::Pending, Error::<T>::NotPending);
		let mut info =
			Datasets::<T>::get(contribution.dataset).ok_or(Error::<T>::DatasetNotFound)?;
		info.pending.ensure_sub_assign(1)?;

		let released = T::Currency::release(
			&HoldReason::ContributionBond.into(),
			who,
			contribution.bond,
			Precision::Exact,
		)?;
		let dataset = contribution.dataset;
		Self::leave_state(id, contribution)?;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::ContributionWithdrawn {
			contribution: id,
			bond_released: released,
		});
		Ok(())
	}

	/// A pending contribution that `who` may review, and its dataset with the pending count
	/// already taken down by one: what both verdicts start from.
	fn under_review(
		who: &T::AccountId,
		id: ContributionId,
	) -> Result<(ContributionOf<T>, DatasetOf<T>), DispatchError> {
		let contribution = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		let mut info = Self::curated_dataset(who, contribution.dataset)?;
		ensure!(info.status == DatasetStatus::Active, Error::<T>::DatasetNotActive);
		ensure!(contribution.status == ContributionStatus::Pending, Error::<T>::NotPending);
		info.pending.ensure_sub_assign(1)?;
		Ok((contribution, info))
	}

	/// Accepts a pending contribution into its dataset's reward pool with `shares` and
	/// releases its bond; the dataset's `version_root` advances. Its content must not be in
	/// the dataset already: of several pending submissions of the same content, the curators
	/// accept one (the author's), and the others can only be rejected or withdrawn.
	pub(crate) fn do_accept_contribution(
		who: &T::AccountId,
		id: ContributionId,
		shares: Shares,
	) -> DispatchResult {
		let (mut contribution, mut info) = Self::under_review(who, id)?;
		ensure!(
			shares > 0 && shares <= T::MaxSharesPerContribution::get(),
			Error::<T>::InvalidShares
		);
		ensure!(
			!Self::content_accepted(contribution.dataset, contribution.content_hash),
			Error::<T>::DuplicateContent
		);
		let total_shares = info
			.total_shares
			.checked_add(u128::from(shares))
			.filter(|total| *total <= reward_pool::SCALE)
			.ok_or(Error::<T>::PoolFull)?;
		let joined_at = info.reward_per_share;
		let debt = reward_pool::entry_debt(u128::from(shares), joined_at)
			.ok_or(ArithmeticError::Overflow)?;
		T::Currency::release(
			&HoldReason::ContributionBond.into(),
			&contribution.contributor,
			contribution.bond,
			Precision::Exact,
		)?;

		let position = info.shareholders_ever;
		info.total_shares = total_shares;
		info.accepted.ensure_add_assign(1)?;
		info.shareholders_ever.ensure_add_assign(1)?;
		info.version_root = Self::next_root(info.version_root, contribution.content_hash);
		contribution.status = ContributionStatus::Accepted { shares, joined_at, debt, claimed: 0 };
		let (dataset, version_root) = (contribution.dataset, info.version_root);
		ContentIndex::<T>::insert(dataset, contribution.content_hash, id);
		Contributions::<T>::insert(id, contribution);
		Datasets::<T>::insert(dataset, info);
		AcceptanceOrder::<T>::insert(dataset, position, id);
		Self::deposit_event(Event::ContributionAccepted {
			contribution: id,
			dataset,
			shares,
			version_root,
		});
		Ok(())
	}

	/// Rejects a pending contribution: `slash` of its bond goes where
	/// [`Config::RejectionSlashTo`] says, the rest back to its contributor, and it leaves
	/// state.
	pub(crate) fn do_reject_contribution(
		who: &T::AccountId,
		id: ContributionId,
		slash: Perbill,
	) -> DispatchResult {
		let (contribution, info) = Self::under_review(who, id)?;
		let slashed_to = match T::RejectionSlashTo::get() {
			SlashBeneficiary::DatasetOwner => info.owner.clone(),
			SlashBeneficiary::Treasury => T::Treasury::get(),
		};
		let slashed = slash.mul_floor(contribution.bond);
		let released = contribution.bond.saturating_sub(slashed);
		let reason = HoldReason::ContributionBond.into();
		if slashed > 0 {
			T::Currency::transfer_on_hold(
				&reason,
				&contribution.contributor,
				&slashed_to,
				slashed,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		T::Currency::release(&reason, &contribution.contributor, released, Precision::Exact)?;
		let dataset = contribution.dataset;
		Self::leave_state(id, contribution)?;
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::ContributionRejected {
			contribution: id,
			dataset,
			slashed,
			slashed_to,
			released,
		});
		Ok(())
	}

	/// The content root after accepting `content_hash`: `blake2_256(root ++ content_hash)`.
	pub fn next_root(root: H256, content_hash: H256) -> H256 {
		let mut preimage = [0u8; 64];
		let (left, right) = preimage.split_at_mut(32);
		left.copy_from_slice(root.as_bytes());
		right.copy_from_slice(content_hash.as_bytes());
		H256(sp_io::hashing::blake2_256(&preimage))
	}

	/// Takes a contribution down: an accepted one is paid what it earned and leaves the pool
	/// (it stays in state, as the version root includes it); a pending one leaves state, its
	/// bond and deposit released.
	pub(crate) fn do_remove_contribution(id: ContributionId) -> DispatchResult {
		let mut contribution =
			Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		let dataset = contribution.dataset;
		let mut info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		let acc = info.reward_per_share;

		let (settled, bond_released) = match contribution.status {
			ContributionStatus::Pending => {
				info.pending.ensure_sub_assign(1)?;
				let released = T::Currency::release(
					&HoldReason::ContributionBond.into(),
					&contribution.contributor,
					contribution.bond,
					Precision::Exact,
				)?;
				Self::leave_state(id, contribution)?;
				(0, released)
			},
			ContributionStatus::Accepted { shares, joined_at, debt, claimed } => {
				let owed = reward_pool::pending(u128::from(shares), debt, acc)
					.ok_or(ArithmeticError::Overflow)?;
				Self::pay_from_pool(&mut info, &contribution.contributor, owed)?;
				info.total_shares.ensure_sub_assign(u128::from(shares))?;
				info.accepted.ensure_sub_assign(1)?;
				contribution.status = ContributionStatus::Removed {
					shares,
					joined_at,
					left_at: acc,
					claimed: claimed.saturating_add(owed),
				};
				Self::forget_for_account(&contribution.contributor, id);
				Contributions::<T>::insert(id, contribution);
				// A removed contribution earns nothing: it is not for sale any more.
				Listings::<T>::remove(id);
				(owed, 0)
			},
			ContributionStatus::Removed { .. } => return Err(Error::<T>::NotRemovable.into()),
		};
		Datasets::<T>::insert(dataset, info);
		Self::deposit_event(Event::ContributionRemoved {
			contribution: id,
			dataset,
			settled,
			bond_released,
		});
		Ok(())
	}

	/// The shares a contribution holds now (0 unless accepted).
	pub fn shares_of(contribution: &ContributionOf<T>) -> Shares {
		match contribution.status {
			ContributionStatus::Accepted { shares, .. } => shares,
			_ => 0,
		}
	}
}
