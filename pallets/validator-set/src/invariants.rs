//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. The set holds at least `MinValidators` (and, by its type, at most `MaxValidators`).
//! 2. No validator is listed twice.
//! 3. Sessions are at least `MinSessionLength` long.
//! 4. Candidates are sorted by bond, largest first, none listed twice, none an invulnerable.
//! 5. Money held is money owed: each account holds, as candidacy bond, exactly its bond as a
//!    candidate plus what it is unbonding (nothing is held for nobody, nothing is lost).
//! 6. The candidacy bond is at least `MinCandidacyBond`.
//! 7. The slot duration is even and at least 2 ms.
//! 8. An account slashed in its current span is no candidate and has an unbonding entry (its
//!    span ends when it withdraws it).

use frame_support::ensure;
use openledger_primitives::checks::{has_duplicates, has_duplicates_by};
use sp_runtime::{
	traits::{Saturating, Zero},
	TryRuntimeError,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let validators = Validators::<T>::get();
		ensure!(
			validators.len() as u32 >= T::MinValidators::get(),
			"fewer validators than MinValidators"
		);
		ensure!(!has_duplicates(validators.as_bounded_slice()), "a validator is listed twice");
		ensure!(
			Self::session_length() >= T::MinSessionLength::get(),
			"a session shorter than MinSessionLength"
		);
		let slot = SlotDuration::<T>::get();
		ensure!(slot >= 2 && slot.is_multiple_of(2), "a slot duration that is odd or below 2 ms");
		let candidates = Candidates::<T>::get();
		ensure!(
			candidates
				.windows(2)
				.all(|pair| pair.first().map(|c| c.bond) >= pair.get(1).map(|c| c.bond)),
			"candidates not sorted by bond"
		);
		let accounts: Vec<_> = candidates.iter().map(|c| c.who.clone()).collect();
		ensure!(
			!has_duplicates_by(candidates.as_bounded_slice(), |c| &c.who),
			"a candidate is listed twice"
		);
		ensure!(
			!accounts.iter().any(|who| validators.contains(who)),
			"an invulnerable is also a candidate"
		);
		// Every account that holds a candidacy bond or is owed one: candidates, then former
		// candidates (an account may be both: the same check, met twice).
		let owed = |who: &T::AccountId| {
			let bond =
				candidates.iter().find(|c| &c.who == who).map_or_else(Zero::zero, |c| c.bond);
			let unbonding = Unbonds::<T>::get(who).map_or_else(Zero::zero, |u| u.amount);
			bond.saturating_add(unbonding)
		};
		for who in accounts.iter().cloned().chain(Unbonds::<T>::iter_keys()) {
			ensure!(
				Self::held_bond(&who) == owed(&who),
				"a held candidacy bond differs from the bond and unbonding recorded"
			);
		}
		for (who, _) in Slashes::<T>::iter() {
			ensure!(
				!accounts.contains(&who) && Unbonds::<T>::contains_key(&who),
				"a slashed account is a candidate again, or has no unbonding entry"
			);
		}
		ensure!(
			Self::candidacy_bond() >= T::MinCandidacyBond::get(),
			"the candidacy bond is below MinCandidacyBond"
		);
		Ok(())
	}
}
