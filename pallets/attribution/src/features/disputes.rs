//! Disputes: challenging a record, and governance upholding or rejecting the challenge.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::MutateHold,
		tokens::{Fortitude, Precision, Restriction},
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::Balance;
use sp_runtime::traits::Saturating;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Record `id` as state holds it; `gone` if it was recorded and has left state,
	/// `RecordNotFound` if it never was.
	fn record_in_state(id: RecordId, gone: Error<T>) -> Result<AttributionRecord<T>, Error<T>> {
		Records::<T>::get(id).ok_or_else(|| {
			if id < NextRecordId::<T>::get() {
				gone
			} else {
				Error::<T>::RecordNotFound
			}
		})
	}

	/// Challenges a record within its challenge period, holding `bond` from the challenger:
	/// a record nobody challenged, or whose challenges were all rejected.
	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		id: RecordId,
		bond: Balance,
	) -> DispatchResult {
		let mut record = Self::record_in_state(id, Error::<T>::ChallengePeriodOver)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= Self::challenge_deadline(&record),
			Error::<T>::ChallengePeriodOver
		);
		// A record whose challenge was rejected may be challenged again within its period: a
		// weak challenge (say, by the attestor's own puppet, to have it rejected) must not
		// shield the record from a real one. Each rejected challenge costs its bond.
		ensure!(
			matches!(record.status, RecordStatus::Unchallenged | RecordStatus::Confirmed),
			Error::<T>::AlreadyChallenged
		);
		ensure!(bond >= T::MinChallengeBond::get(), Error::<T>::BondTooLow);
		T::Currency::hold(&HoldReason::ChallengeBond.into(), &challenger, bond)?;
		Attestors::<T>::mutate(&record.attestor, |info| {
			if let Some(info) = info {
				info.open_challenges.saturating_inc();
			}
		});
		record.status = RecordStatus::Challenged { challenger: challenger.clone(), bond };
		Records::<T>::insert(id, record);
		Self::deposit_event(Event::RecordChallenged { record: id, challenger, bond });
		Ok(())
	}

	/// Resolves the challenge of a record: [upheld](Self::uphold_challenge) or
	/// [rejected](Self::reject_challenge).
	/// A record the pruning sweep passed while it was challenged leaves state here.
	pub(crate) fn do_resolve_challenge(id: RecordId, upheld: bool) -> DispatchResult {
		let mut record = Self::record_in_state(id, Error::<T>::NotChallenged)?;
		let RecordStatus::Challenged { challenger, bond } = record.status.clone() else {
			return Err(Error::<T>::NotChallenged.into());
		};
		let mut attestor = Attestors::<T>::get(&record.attestor);
		let (slashed, to_challenger) = if upheld {
			record.status = RecordStatus::Invalidated;
			Self::uphold_challenge(&record.attestor, attestor.as_mut(), &challenger, bond)?
		} else {
			record.status = RecordStatus::Confirmed;
			Self::reject_challenge(&challenger, bond)?
		};
		if let Some(mut info) = attestor {
			info.open_challenges.saturating_dec();
			Attestors::<T>::insert(&record.attestor, info);
		}
		Self::deposit_event(Event::ChallengeResolved {
			record: id,
			upheld,
			slashed,
			to_challenger,
		});
		Self::leave_state_if_passed(id, record);
		Ok(())
	}

	/// The attestor was wrong: the challenger's bond is released, [`Config::UpheldSlash`] of
	/// the attestor's bond is slashed, [`Config::ChallengerReward`] of that to the challenger
	/// and the rest to the treasury. Returns (slashed, paid to the challenger).
	fn uphold_challenge(
		attestor: &T::AccountId,
		info: Option<&mut AttestorInfo<BlockNumberFor<T>>>,
		challenger: &T::AccountId,
		bond: Balance,
	) -> Result<(Balance, Balance), DispatchError> {
		T::Currency::release(
			&HoldReason::ChallengeBond.into(),
			challenger,
			bond,
			Precision::Exact,
		)?;
		let bond_now = info.as_ref().map_or(0, |info| info.bond);
		let slashed = T::UpheldSlash::get().mul_floor(bond_now);
		let to_challenger = T::ChallengerReward::get().mul_floor(slashed);
		let treasury = T::Treasury::get();
		for (to, amount) in
			[(challenger, to_challenger), (&treasury, slashed.saturating_sub(to_challenger))]
		{
			if amount > 0 {
				T::Currency::transfer_on_hold(
					&HoldReason::AttestorBond.into(),
					attestor,
					to,
					amount,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)?;
			}
		}
		if let Some(info) = info {
			info.bond = info.bond.saturating_sub(slashed);
		}
		Ok((slashed, to_challenger))
	}

	/// The record stands: the challenger's bond goes to the treasury. Returns (slashed, 0).
	fn reject_challenge(
		challenger: &T::AccountId,
		bond: Balance,
	) -> Result<(Balance, Balance), DispatchError> {
		if bond > 0 {
			T::Currency::transfer_on_hold(
				&HoldReason::ChallengeBond.into(),
				challenger,
				&T::Treasury::get(),
				bond,
				Precision::Exact,
				Restriction::Free,
				Fortitude::Force,
			)?;
		}
		Ok((bond, 0))
	}
}
