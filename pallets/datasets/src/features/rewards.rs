//! The reward pool: paying a dataset in O(1), and contributors claiming what they earned.
//!
//! The maths lives in [`openledger_primitives::reward_pool`]; this file moves the funds and
//! keeps each dataset's ledger (`pool_balance`, `payments`).

use frame_support::{
	dispatch::{DispatchErrorWithPostInfo, DispatchResultWithPostInfo, PostDispatchInfo},
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Preservation, Provenance},
	},
};
use openledger_primitives::{reward_pool, Balance, ContributionId, DatasetId, PoolPayment};
use sp_runtime::{
	traits::{EnsureAdd, EnsureAddAssign},
	ArithmeticError,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Pays `amount` from `payer` into the dataset's pool, or to its owner if nobody holds
	/// shares (to the treasury if the owner's account is gone and `amount` is too small to
	/// create it). O(1) in the number of contributors.
	pub fn do_reward_dataset(
		dataset: DatasetId,
		amount: Balance,
		payer: &T::AccountId,
	) -> Result<PoolPayment, DispatchError> {
		let mut info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
		let payment = info.pool();
		if amount == 0 {
			return Ok(payment);
		}
		if info.total_shares == 0 {
			// An owner whose account is gone cannot be created by an amount below the
			// existential deposit (its balance would stay below it): that amount goes to the
			// treasury, so that the payment (and the record that makes it) never fails for
			// it. The record's payout still says the dataset's owner was paid directly.
			let to = match T::Currency::can_deposit(&info.owner, amount, Provenance::Extant) {
				DepositConsequence::BelowMinimum => T::Treasury::get(),
				_ => info.owner.clone(),
			};
			T::Currency::transfer(payer, &to, amount, Preservation::Preserve)?;
		} else {
			info.reward_per_share =
				reward_pool::advance(info.reward_per_share, amount, info.total_shares)
					.ok_or(ArithmeticError::Overflow)?;
			info.pool_balance.ensure_add_assign(amount)?;
			info.payments.ensure_add_assign(1)?;
			T::Currency::transfer(payer, &Self::pot(), amount, Preservation::Preserve)?;
			Datasets::<T>::insert(dataset, info);
		}
		Self::deposit_event(Event::DatasetRewarded {
			dataset,
			amount,
			total_shares: payment.total_shares,
		});
		Ok(payment)
	}

	/// Pays `amount` out of the dataset's pool to `to`, keeping the ledger.
	pub(crate) fn pay_from_pool(
		info: &mut DatasetOf<T>,
		to: &T::AccountId,
		amount: Balance,
	) -> DispatchResult {
		if amount == 0 {
			return Ok(());
		}
		info.pool_balance =
			info.pool_balance.checked_sub(amount).ok_or(Error::<T>::PoolInsolvent)?;
		T::Currency::transfer(&Self::pot(), to, amount, Preservation::Preserve)
			.map_err(|_| Error::<T>::PoolInsolvent)?;
		Ok(())
	}

	/// What an accepted contribution may claim now (0 for any other).
	pub fn pending_reward(contribution: &ContributionOf<T>) -> Balance {
		Datasets::<T>::get(contribution.dataset)
			.map(|info| Self::pending_reward_at(contribution, info.reward_per_share))
			.unwrap_or(0)
	}

	/// What `contribution` may claim when its dataset's pool stands at `reward_per_share`: for
	/// callers that look at many contributions of a dataset and read its pool once.
	pub fn pending_reward_at(
		contribution: &ContributionOf<T>,
		reward_per_share: sp_core::U256,
	) -> Balance {
		let ContributionStatus::Accepted { shares, debt, .. } = contribution.status else {
			return 0;
		};
		reward_pool::pending(u128::from(shares), debt, reward_per_share).unwrap_or(0)
	}

	/// Pays `who` what all of its live contributions have earned, if it has at most
	/// `witness` of them. Its weight, also when it fails, is what it did: one read when the
	/// witness is too low, `claim_all(n)` for the `n` contributions it looked at otherwise.
	pub(crate) fn do_claim_all(who: &T::AccountId, witness: u32) -> DispatchResultWithPostInfo {
		let contributions = AccountContributions::<T>::get(who);
		let count = contributions.len() as u32;
		let refused = DispatchErrorWithPostInfo {
			post_info: Some(T::WeightInfo::claim_all(0)).into(),
			error: Error::<T>::WitnessTooLow.into(),
		};
		ensure!(count <= witness, refused);
		let used: PostDispatchInfo = Some(T::WeightInfo::claim_all(count)).into();
		Self::do_claim_rewards(who, &contributions)
			.map(|_| used)
			.map_err(|error| DispatchErrorWithPostInfo { post_info: used, error })
	}

	/// Pays `who` what these of its contributions have earned; returns the total.
	pub(crate) fn do_claim_rewards(
		who: &T::AccountId,
		contributions: &[ContributionId],
	) -> Result<Balance, DispatchError> {
		let mut total: Balance = 0;
		let mut settled = 0u32;
		for &id in contributions {
			let mut contribution =
				Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
			ensure!(&contribution.contributor == who, Error::<T>::NotContributor);
			let ContributionStatus::Accepted { shares, joined_at, debt, claimed } =
				contribution.status
			else {
				continue;
			};
			let dataset = contribution.dataset;
			let mut info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;
			let accrued = reward_pool::accrued(u128::from(shares), info.reward_per_share)
				.ok_or(ArithmeticError::Overflow)?;
			// Zero until the rounded-up entry debt is covered.
			let owed = accrued.saturating_sub(debt);
			if owed == 0 {
				continue;
			}
			Self::pay_from_pool(&mut info, who, owed)?;
			contribution.status = ContributionStatus::Accepted {
				shares,
				joined_at,
				debt: accrued,
				claimed: claimed.ensure_add(owed)?,
			};
			Contributions::<T>::insert(id, contribution);
			Datasets::<T>::insert(dataset, info);
			total.ensure_add_assign(owed)?;
			settled = settled.saturating_add(1);
		}
		ensure!(total > 0, Error::<T>::NothingToClaim);
		Self::deposit_event(Event::RewardsClaimed {
			who: who.clone(),
			amount: total,
			contributions: settled,
		});
		Ok(total)
	}
}
