//! Attestors' bonds: bonding, unbonding, withdrawing.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use openledger_primitives::Balance;
use sp_runtime::traits::{EnsureAdd, Saturating};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Adds `amount` to `who`'s attestor bond, holding it.
	pub(crate) fn do_bond_attestor(who: T::AccountId, amount: Balance) -> DispatchResult {
		let mut info = Attestors::<T>::get(&who).unwrap_or(AttestorInfo {
			bond: 0,
			status: AttestorStatus::Bonded,
			open_challenges: 0,
		});
		ensure!(info.status == AttestorStatus::Bonded, Error::<T>::AttestorUnbonding);
		let bond = info.bond.ensure_add(amount)?;
		ensure!(bond >= T::MinAttestorBond::get(), Error::<T>::BondTooLow);
		T::Currency::hold(&HoldReason::AttestorBond.into(), &who, amount)?;
		info.bond = bond;
		Attestors::<T>::insert(&who, info);
		Self::deposit_event(Event::AttestorBonded { who, amount, bond });
		Ok(())
	}

	/// Stops `who` recording and starts its unbonding period.
	pub(crate) fn do_unbond_attestor(who: T::AccountId) -> DispatchResult {
		let mut info = Attestors::<T>::get(&who).ok_or(Error::<T>::AttestorNotBonded)?;
		ensure!(info.status == AttestorStatus::Bonded, Error::<T>::AttestorUnbonding);
		let until =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		info.status = AttestorStatus::Unbonding { until };
		Attestors::<T>::insert(&who, info);
		Self::deposit_event(Event::AttestorUnbonding { who, until });
		Ok(())
	}

	/// Releases `who`'s bond once its unbonding period is over, no challenge is open and none
	/// of its records is still in state: a record can be challenged until it leaves state,
	/// so the bond that answers for it stays until then, however long the challenge period
	/// is against the unbonding period.
	pub(crate) fn do_withdraw_attestor_bond(who: T::AccountId) -> DispatchResult {
		let info = Attestors::<T>::get(&who).ok_or(Error::<T>::AttestorNotBonded)?;
		let AttestorStatus::Unbonding { until } = info.status else {
			return Err(Error::<T>::AttestorNotUnbonding.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() >= until, Error::<T>::StillUnbonding);
		ensure!(info.open_challenges == 0, Error::<T>::ChallengesOpen);
		ensure!(!RecordDeposits::<T>::contains_key(&who), Error::<T>::RecordsInState);
		let amount = T::Currency::release(
			&HoldReason::AttestorBond.into(),
			&who,
			info.bond,
			Precision::Exact,
		)?;
		Attestors::<T>::remove(&who);
		Self::deposit_event(Event::AttestorBondWithdrawn { who, amount });
		Ok(())
	}
}
