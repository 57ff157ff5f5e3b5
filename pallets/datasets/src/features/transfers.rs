//! Selling a contribution (docs/liquidity.md, part 1): an accepted contribution is a position
//! in its dataset's reward pool, and it changes hands by settling: what it has earned until
//! the transfer is paid to the seller in the same call, the buyer's debt starts at what the
//! position has accrued (or at its rounded-up entry debt, if that is not covered yet), so the
//! buyer earns exactly what the pool pays from then on, rounded as any shareholder's. O(1):
//! one contribution, the two accounts' lists and the dataset's pool.
//!
//! Its storage deposit moves with it (held from the buyer, released to the seller), so that
//! whoever keeps the entry in state pays for it. Only accepted contributions move: a pending
//! one still holds a review bond whose fate a buyer cannot judge, and a removed one earns
//! nothing.
//!
//! A contribution moves only to an account that signs for it: the seller lists it (at a
//! price, possibly 0, and possibly for one named buyer only), the buyer buys it. A call that
//! gave a contribution to an account that did not ask would make that account hold its
//! storage deposit (the pallet's pot or the treasury included, whose funds would then be
//! locked), fill its list and change its `claim_all` witness.

use frame_support::{
	pallet_prelude::*,
	traits::{fungible::Mutate, tokens::Preservation, Consideration},
};
use openledger_primitives::{reward_pool, Balance, ContributionId};
use sp_runtime::{traits::EnsureAdd, ArithmeticError};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Moves accepted contribution `id` from `from` to `to`, who pays `price` and signed for
	/// it, paying `from` what it earned so far; returns what was settled.
	fn do_transfer_contribution(
		from: &T::AccountId,
		id: ContributionId,
		to: &T::AccountId,
		price: Balance,
	) -> Result<Balance, DispatchError> {
		ensure!(from != to, Error::<T>::SameAccount);
		let mut contribution =
			Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		ensure!(&contribution.contributor == from, Error::<T>::NotContributor);
		let ContributionStatus::Accepted { shares, joined_at, debt, claimed } = contribution.status
		else {
			return Err(Error::<T>::NotAccepted.into());
		};
		let dataset = contribution.dataset;
		let mut info = Datasets::<T>::get(dataset).ok_or(Error::<T>::DatasetNotFound)?;

		// The buyer pays the price before anything else is its (and before the settlement, so
		// that a seller's account is alive to receive it).
		if price > 0 {
			T::Currency::transfer(to, from, price, Preservation::Preserve)?;
		}

		// The seller is paid what the position earned while it held it. Until the rounded-up
		// entry debt is covered that is nothing, and the debt stays: it never decreases, or
		// the pool would owe more than it holds.
		let accrued = reward_pool::accrued(u128::from(shares), info.reward_per_share)
			.ok_or(ArithmeticError::Overflow)?;
		let settled = accrued.saturating_sub(debt);
		Self::pay_from_pool(&mut info, from, settled)?;

		// The lists of the two accounts.
		AccountContributions::<T>::try_mutate(to, |list| list.try_push(id))
			.map_err(|_| Error::<T>::TooManyContributions)?;
		Self::forget_for_account(from, id);

		// The storage deposit: a new ticket from the buyer, the seller's released.
		let footprint = Self::contribution_footprint(&contribution);
		let ticket = T::ContributionDeposit::new(to, footprint)?;
		if let Some(old) = contribution.deposit.take() {
			old.drop(from)?;
		}
		contribution.deposit = Some(ticket);
		contribution.contributor = to.clone();
		contribution.status = ContributionStatus::Accepted {
			shares,
			joined_at,
			debt: accrued.max(debt),
			claimed: claimed.ensure_add(settled)?,
		};
		Contributions::<T>::insert(id, contribution);
		Datasets::<T>::insert(dataset, info);
		Listings::<T>::remove(id);
		Self::deposit_event(Event::ContributionTransferred {
			contribution: id,
			from: from.clone(),
			to: to.clone(),
			settled,
			price,
		});
		Ok(settled)
	}

	/// Offers accepted contribution `id` of `who` for sale at `price`, to anyone or to `buyer`
	/// only (a new listing replaces the old one).
	pub(crate) fn do_list_contribution(
		who: &T::AccountId,
		id: ContributionId,
		price: Balance,
		buyer: Option<T::AccountId>,
	) -> DispatchResult {
		let contribution = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		ensure!(&contribution.contributor == who, Error::<T>::NotContributor);
		ensure!(
			matches!(contribution.status, ContributionStatus::Accepted { .. }),
			Error::<T>::NotAccepted
		);
		ensure!(buyer.as_ref() != Some(who), Error::<T>::SameAccount);
		Listings::<T>::insert(id, Listing { price, buyer: buyer.clone() });
		Self::deposit_event(Event::ContributionListed {
			contribution: id,
			seller: who.clone(),
			price,
			buyer,
		});
		Ok(())
	}

	/// Withdraws the offer of contribution `id` of `who`.
	pub(crate) fn do_unlist_contribution(who: &T::AccountId, id: ContributionId) -> DispatchResult {
		let contribution = Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?;
		ensure!(&contribution.contributor == who, Error::<T>::NotContributor);
		ensure!(Listings::<T>::take(id).is_some(), Error::<T>::NotListed);
		Self::deposit_event(Event::ContributionUnlisted { contribution: id });
		Ok(())
	}

	/// `buyer` buys listed contribution `id` at its price, if that is at most `max_price` and
	/// the listing is for anyone or for `buyer`.
	pub(crate) fn do_buy_contribution(
		buyer: &T::AccountId,
		id: ContributionId,
		max_price: Balance,
	) -> DispatchResult {
		let listing = Listings::<T>::get(id).ok_or(Error::<T>::NotListed)?;
		ensure!(listing.buyer.as_ref().is_none_or(|only| only == buyer), Error::<T>::NotTheBuyer);
		ensure!(listing.price <= max_price, Error::<T>::PriceAboveMax);
		let seller =
			Contributions::<T>::get(id).ok_or(Error::<T>::ContributionNotFound)?.contributor;
		Self::do_transfer_contribution(&seller, id, buyer, listing.price).map(|_| ())
	}
}
