//! What validators earn: the tips of the transactions in their blocks and a share of their
//! fees, the rest of each fee going to the treasury.

use core::marker::PhantomData;
use frame_support::{
	dispatch::DispatchResult,
	traits::{
		fungible::{Balanced, Credit},
		Imbalance, OnUnbalanced,
	},
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The share of each transaction fee the block's author gets.
	pub fn author_fee_share() -> Perbill {
		AuthorFeeShare::<T>::get()
	}

	/// Sets the share of each transaction fee the block's author gets.
	pub(crate) fn do_set_author_fee_share(share: Perbill) -> DispatchResult {
		AuthorFeeShare::<T>::put(share);
		Self::deposit_event(Event::AuthorFeeShareSet { share });
		Ok(())
	}
}

/// The fee handler of the runtime (`pallet_transaction_payment::FungibleAdapter`'s
/// `OnUnbalanced`, which hands it each transaction's fee and then its tip): the author of
/// the block gets the tip and [`Pallet::author_fee_share`] of the fee, rounded down; the
/// treasury gets the rest. The parts add up to exactly the fee and the tip. With no known
/// author (or one whose account cannot receive the amount: below the existential deposit),
/// the author's part goes to the treasury too.
pub struct DealWithFees<T>(PhantomData<T>);

impl<T> OnUnbalanced<Credit<T::AccountId, T::Currency>> for DealWithFees<T>
where
	T: Config + pallet_authorship::Config,
{
	fn on_unbalanceds(mut fees_then_tips: impl Iterator<Item = Credit<T::AccountId, T::Currency>>) {
		let Some(fee) = fees_then_tips.next() else { return };
		let author_part = Pallet::<T>::author_fee_share().mul_floor(fee.peek());
		let (mut to_author, mut to_treasury) = fee.split(author_part);
		for tip in fees_then_tips {
			to_author.subsume(tip);
		}
		match pallet_authorship::Pallet::<T>::author() {
			Some(author) if !to_author.peek().is_zero() => {
				if let Err(unpaid) = T::Currency::resolve(&author, to_author) {
					to_treasury.subsume(unpaid);
				}
			},
			_ => to_treasury.subsume(to_author),
		}
		if !to_treasury.peek().is_zero() {
			// Only an account below the existential deposit refuses a credit; the treasury
			// is endowed at genesis. Should it refuse, the amount is burnt (and logged).
			if T::Currency::resolve(&T::Treasury::get(), to_treasury).is_err() {
				frame_support::defensive!("the treasury refused a fee");
			}
		}
	}
}
