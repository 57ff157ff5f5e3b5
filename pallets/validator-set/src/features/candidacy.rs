//! Open candidacy: anyone with session keys and a bond may become a validator; the largest
//! bonds fill the set after the invulnerables; a full list gives the smallest bond's place to
//! a larger one; candidates that author nothing are dropped; governance may remove one with a
//! bounded slash; bonds come back after the bonding period.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Balanced, BalancedHold, InspectHold, MutateHold},
		tokens::Precision,
		Imbalance, ValidatorRegistration,
	},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::traits::{Saturating, Zero};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The smallest bond a candidate holds.
	pub fn candidacy_bond() -> BalanceOf<T> {
		CandidacyBond::<T>::get()
	}

	/// Makes `who` a candidate holding `extra` more than it is unbonding: a former candidate's
	/// unbonding bond is bonded again (its unbonding ends), so a candidate never has one. On a
	/// full list, the bond must be larger than the last candidate's, which it displaces.
	pub(crate) fn do_register_candidate(who: T::AccountId, extra: BalanceOf<T>) -> DispatchResult {
		ensure!(!Validators::<T>::get().contains(&who), Error::<T>::AlreadyValidator);
		ensure!(T::KeysRegistry::is_registered(&who), Error::<T>::NoSessionKeys);
		ensure!(!Slashes::<T>::contains_key(&who), Error::<T>::Punished);
		let unbonding = Unbonds::<T>::get(&who).map_or_else(Zero::zero, |u| u.amount);
		let bond = unbonding.saturating_add(extra);
		ensure!(bond >= Self::candidacy_bond(), Error::<T>::BondTooLow);
		let mut candidates = Candidates::<T>::get();
		ensure!(Self::position_in(&candidates, &who).is_none(), Error::<T>::AlreadyCandidate);
		let displaced = if (candidates.len() as u32) < T::MaxCandidates::get() {
			None
		} else {
			// The last candidate holds the smallest bond (of equal ones, it registered last).
			let smallest = candidates.last().map(|c| c.bond);
			ensure!(smallest.is_some_and(|s| bond > s), Error::<T>::TooManyCandidates);
			candidates.pop()
		};
		T::Currency::hold(&HoldReason::CandidacyBond.into(), &who, extra)?;
		Unbonds::<T>::remove(&who);
		Self::insert_by_bond(&mut candidates, Candidate { who: who.clone(), bond })?;
		Candidates::<T>::put(candidates);
		Changed::<T>::put(true);
		if let Some(Candidate { who: out, bond: out_bond }) = displaced {
			let unlocks_at = Self::unbond(&out, out_bond);
			Self::deposit_event(Event::CandidateDisplaced {
				who: out,
				bond: out_bond,
				by: who.clone(),
				unlocks_at,
			});
		}
		Self::deposit_event(Event::CandidateRegistered { who, bond });
		Ok(())
	}

	/// Governance's removal: `who` is no longer a candidate (if it was one) and loses `slash`
	/// of everything it holds as candidacy bond.
	pub(crate) fn do_remove_candidate(who: T::AccountId, slash: Perbill) -> DispatchResult {
		ensure!(slash <= T::MaxRemovalSlash::get(), Error::<T>::SlashTooLarge);
		// One removal (or offence) per span: removals cannot add up past `MaxRemovalSlash`,
		// nor keep restarting the bonding period.
		ensure!(!Slashes::<T>::contains_key(&who), Error::<T>::Punished);
		ensure!(!Validators::<T>::get().contains(&who), Error::<T>::AlreadyValidator);
		let mut candidates = Candidates::<T>::get();
		match Self::position_in(&candidates, &who) {
			Some(position) => {
				candidates.remove(position);
				Candidates::<T>::put(candidates);
				Changed::<T>::put(true);
			},
			None => ensure!(Unbonds::<T>::contains_key(&who), Error::<T>::NotCandidate),
		}
		let base = Self::held_bond(&who);
		let (slashed, unlocks_at) = Self::slash_and_unbond(&who, slash.mul_floor(base));
		Slashes::<T>::insert(&who, SlashRecord { fraction: slash, base, offence: false });
		Self::deposit_event(Event::CandidateRemoved { who, slashed, unlocks_at });
		Ok(())
	}

	/// Slashes `amount` (at most what it holds) of what `who` holds as candidacy bond, to the
	/// treasury, and puts the rest in its unbonding entry (even when nothing is left, so that
	/// `withdraw_unbonded` ends the entry), unlocking `BondingPeriod` blocks from now. `who`
	/// must be off the candidate list already. Returns what was slashed and when the rest
	/// unlocks.
	pub(crate) fn slash_and_unbond(
		who: &T::AccountId,
		amount: BalanceOf<T>,
	) -> (BalanceOf<T>, BlockNumberFor<T>) {
		let reason = HoldReason::CandidacyBond.into();
		let (taken, _not_held) = T::Currency::slash(&reason, who, amount);
		let slashed = taken.peek();
		// The treasury is endowed at genesis: only an account below the existential deposit
		// refuses a credit. Should it refuse, the slash is burnt.
		if !slashed.is_zero() && T::Currency::resolve(&T::Treasury::get(), taken).is_err() {
			frame_support::defensive!("the treasury refused a slash");
		}
		let unlocks_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::BondingPeriod::get());
		Unbonds::<T>::insert(who, Unbonding { amount: Self::held_bond(who), unlocks_at });
		(slashed, unlocks_at)
	}

	/// Raises a candidate's bond by `extra`, moving it up the list.
	pub(crate) fn do_bond_extra(who: T::AccountId, extra: BalanceOf<T>) -> DispatchResult {
		let mut candidates = Candidates::<T>::get();
		let position = Self::position_in(&candidates, &who).ok_or(Error::<T>::NotCandidate)?;
		T::Currency::hold(&HoldReason::CandidacyBond.into(), &who, extra)?;
		let mut candidate = candidates.remove(position);
		candidate.bond = candidate.bond.saturating_add(extra);
		let bond = candidate.bond;
		Self::insert_by_bond(&mut candidates, candidate)?;
		Candidates::<T>::put(candidates);
		Changed::<T>::put(true);
		Self::deposit_event(Event::CandidateBondRaised { who, bond });
		Ok(())
	}

	/// Ends `who`'s candidacy; its bond unlocks after the bonding period.
	pub(crate) fn do_leave_candidacy(who: T::AccountId) -> DispatchResult {
		let mut candidates = Candidates::<T>::get();
		let position = Self::position_in(&candidates, &who).ok_or(Error::<T>::NotCandidate)?;
		let Candidate { bond, .. } = candidates.remove(position);
		Candidates::<T>::put(candidates);
		Changed::<T>::put(true);
		let unlocks_at = Self::unbond(&who, bond);
		Self::deposit_event(Event::CandidateLeft { who, bond, unlocks_at });
		Ok(())
	}

	/// Releases a former candidate's bond once its bonding period is over.
	pub(crate) fn do_withdraw_unbonded(who: T::AccountId) -> DispatchResult {
		let unbonding = Unbonds::<T>::get(&who).ok_or(Error::<T>::NothingToWithdraw)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() >= unbonding.unlocks_at,
			Error::<T>::StillBonded
		);
		T::Currency::release(
			&HoldReason::CandidacyBond.into(),
			&who,
			unbonding.amount,
			Precision::Exact,
		)?;
		Unbonds::<T>::remove(&who);
		// A slashed validator's span ends with its bond: it may be a candidate again.
		Slashes::<T>::remove(&who);
		Self::deposit_event(Event::BondWithdrawn { who, amount: unbonding.amount });
		Ok(())
	}

	/// Sets the smallest candidacy bond.
	pub(crate) fn do_set_candidacy_bond(bond: BalanceOf<T>) -> DispatchResult {
		ensure!(bond >= T::MinCandidacyBond::get(), Error::<T>::BondTooLow);
		CandidacyBond::<T>::put(bond);
		Changed::<T>::put(true);
		Self::deposit_event(Event::CandidacyBondSet { bond });
		Ok(())
	}

	/// The set for the next session: the invulnerables, then the candidates with the largest
	/// bonds (at least the candidacy bond, with session keys) up to `MaxValidators`, and never
	/// more than a session has blocks: every validator of the set gets a slot in each session,
	/// so one that authors nothing is seen to (and dropped, see
	/// [`Self::drop_inactive_candidates`]), however short Root makes sessions.
	pub(crate) fn select() -> Vec<T::AccountId> {
		// An invulnerable that purged its keys is not handed over: pallet-session would leave
		// it out of the session anyway, and the set must be the session's own for the
		// historical sessions to number it as the keys are. (An empty set is never handed
		// over: see `new_session`.)
		let mut set = Self::invulnerables_with_keys();
		let min_bond = Self::candidacy_bond();
		let slots: u32 = sp_runtime::SaturatedConversion::saturated_into(Self::session_length());
		let most = T::MaxValidators::get().min(slots);
		for candidate in Candidates::<T>::get() {
			if set.len() as u32 >= most {
				break;
			}
			if candidate.bond >= min_bond
				&& T::KeysRegistry::is_registered(&candidate.who)
				&& !set.contains(&candidate.who)
			{
				set.push(candidate.who);
			}
		}
		set
	}

	/// The invulnerables that have session keys.
	pub(crate) fn invulnerables_with_keys() -> Vec<T::AccountId> {
		Validators::<T>::get().into_iter().filter(T::KeysRegistry::is_registered).collect()
	}

	/// At the end of a session: drops the candidates that were in its set and authored no
	/// block in it. Only a session at least as many blocks long as its set counts: shorter,
	/// and not every validator had a slot.
	pub(crate) fn drop_inactive_candidates() {
		use frame_support::traits::ValidatorSet as _;
		let authored = AuthoredThisSession::<T>::take();
		let active = T::ActiveSet::validators();
		let now = frame_system::Pallet::<T>::block_number();
		let blocks = now.saturating_sub(Self::session_timing().start);
		if blocks < (active.len() as u32).into() {
			return;
		}
		let mut candidates = Candidates::<T>::get();
		let mut dropped = Vec::new();
		candidates.retain(|c| {
			let inactive = active.contains(&c.who) && !authored.contains(&c.who);
			if inactive {
				dropped.push(c.clone());
			}
			!inactive
		});
		if dropped.is_empty() {
			return;
		}
		Candidates::<T>::put(candidates);
		Changed::<T>::put(true);
		for Candidate { who, bond } in dropped {
			let unlocks_at = Self::unbond(&who, bond);
			Self::deposit_event(Event::CandidateDropped { who, bond, unlocks_at });
		}
	}

	/// Notes that `author` authored a block of the current session. Writes only for an
	/// author's first block of the session: every block calls it.
	pub(crate) fn note_authored(author: T::AccountId) {
		let _ = AuthoredThisSession::<T>::try_mutate(|authored| {
			if authored.contains(&author) {
				return Err(());
			}
			if authored.try_push(author).is_err() {
				frame_support::defensive!("more authors in a session than validators");
				return Err(());
			}
			Ok(())
		});
	}

	/// Moves `bond` of `who` (still held) to its unbonding entry; returns when it unlocks.
	fn unbond(who: &T::AccountId, bond: BalanceOf<T>) -> BlockNumberFor<T> {
		let unlocks_at =
			frame_system::Pallet::<T>::block_number().saturating_add(T::BondingPeriod::get());
		Unbonds::<T>::mutate(who, |entry| {
			let amount = entry.as_ref().map_or_else(Zero::zero, |u| u.amount);
			*entry = Some(Unbonding { amount: amount.saturating_add(bond), unlocks_at });
		});
		unlocks_at
	}

	/// Inserts `candidate` after every candidate with at least its bond.
	fn insert_by_bond(
		candidates: &mut BoundedVec<Candidate<T::AccountId, BalanceOf<T>>, T::MaxCandidates>,
		candidate: Candidate<T::AccountId, BalanceOf<T>>,
	) -> DispatchResult {
		let index = candidates.iter().take_while(|c| c.bond >= candidate.bond).count();
		candidates.try_insert(index, candidate).map_err(|_| Error::<T>::TooManyCandidates)?;
		Ok(())
	}

	/// Where `who` is in `candidates`, if it is a candidate.
	pub(crate) fn position_in(
		candidates: &[Candidate<T::AccountId, BalanceOf<T>>],
		who: &T::AccountId,
	) -> Option<usize> {
		candidates.iter().position(|c| &c.who == who)
	}

	/// What `who` holds as bonds: its candidacy bond and what it is unbonding.
	pub fn held_bond(who: &T::AccountId) -> BalanceOf<T> {
		T::Currency::balance_on_hold(&HoldReason::CandidacyBond.into(), who)
	}
}
