//! Provable misbehaviour: this pallet is pallet-offences' [`OnOffenceHandler`]. The runtime
//! wires GRANDPA's equivocation reports through FRAME's own machinery: the node's voter reports
//! an equivocation it sees (an unsigned `grandpa.report_equivocation_unsigned`), pallet-grandpa
//! checks the two signed votes and, against pallet-session's historical sessions, that the key
//! was the offender's in the session of the vote; pallet-offences deduplicates reports and
//! computes the slash fraction (for GRANDPA, `min(1, (3k/n)²)` of `k` offenders in a set of
//! `n`); this pallet takes it from the offender's bonds.
//!
//! For each offender:
//! - an **invulnerable** holds no bond: it is disabled for the rest of the session and
//!   [`Event::InvulnerableOffended`] tells governance, which decides (`remove_validator`);
//! - anyone else (a candidate, or a former one still unbonding) is taken off the candidate list
//!   (it leaves the set at the next selection), disabled for the rest of the session, and
//!   slashed: the fraction of everything it holds as candidacy bond (its bond and what it is
//!   unbonding), rounded down, goes to the treasury; the rest unbonds from now for the bonding
//!   period ([`Event::Slashed`]).
//!
//! **One slash per span.** A key run twice equivocates in round after round, each one an
//! offence of its own. Like Polkadot's slashing spans, this pallet slashes an account at most
//! the largest fraction of its offences until its bond is withdrawn: [`Slashes`] keeps the
//! fraction taken and the bond it was taken of, a later offence takes only what a larger
//! fraction adds, and a slashed account cannot register again until it has withdrawn what is
//! left (`withdraw_unbonded`, which ends the span). A governance removal
//! (`remove_candidate`) opens the span the same way: an offence after it takes only what its
//! fraction adds to the removal's.

use frame_support::pallet_prelude::*;
use pallet_session::SessionInterface as _;
use sp_runtime::traits::Saturating;
use sp_staking::{
	offence::{OffenceDetails, OffenceSeverity, OnOffenceHandler},
	SessionIndex,
};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Punishes `who` for an offence in `session` that pallet-offences rates `fraction`.
	pub(crate) fn punish(who: &T::AccountId, fraction: Perbill, session: SessionIndex) {
		T::SessionInterface::report_offence(who.clone(), OffenceSeverity(fraction));
		if Validators::<T>::get().contains(who) {
			Self::deposit_event(Event::InvulnerableOffended {
				who: who.clone(),
				session,
				fraction,
			});
			return;
		}
		let mut candidates = Candidates::<T>::get();
		if let Some(position) = Self::position_in(&candidates, who) {
			candidates.remove(position);
			Candidates::<T>::put(candidates);
			Changed::<T>::put(true);
		} else if !Unbonds::<T>::contains_key(who) {
			// Neither a candidate nor unbonding: nothing of its is held any more.
			return;
		}
		let record = Slashes::<T>::get(who);
		let base = record.as_ref().map_or_else(|| Self::held_bond(who), |r| r.base);
		let already = record.as_ref().map_or_else(Perbill::zero, |r| r.fraction);
		let fraction = fraction.max(already);
		let amount = fraction.mul_floor(base).saturating_sub(already.mul_floor(base));
		let (amount, unlocks_at) = Self::slash_and_unbond(who, amount);
		Slashes::<T>::insert(who, SlashRecord { fraction, base, offence: true });
		Self::deposit_event(Event::Slashed {
			who: who.clone(),
			session,
			fraction,
			amount,
			unlocks_at,
		});
	}
}

impl<T: Config> Pallet<T> {
	/// At a session's start: an offender still in the set (it was queued before its offence
	/// was proven) is disabled again, as it was in the session of its offence. (A candidate
	/// governance removed is not: removal never disables.)
	pub(crate) fn disable_punished() {
		use frame_support::traits::ValidatorSet as _;
		for who in T::ActiveSet::validators() {
			if let Some(record) = Slashes::<T>::get(&who).filter(|r| r.offence) {
				T::SessionInterface::report_offence(who, OffenceSeverity(record.fraction));
			}
		}
	}
}

impl<T: Config> OnOffenceHandler<T::AccountId, (T::AccountId, ()), Weight> for Pallet<T> {
	/// Slashes each offender (see the module's documentation). pallet-offences hands every
	/// offender of the same time slot again, with the new fraction, when one more is reported:
	/// the span record makes that take only the difference.
	fn on_offence(
		offenders: &[OffenceDetails<T::AccountId, (T::AccountId, ())>],
		slash_fraction: &[Perbill],
		session: SessionIndex,
	) -> Weight {
		for (details, fraction) in offenders.iter().zip(slash_fraction) {
			Self::punish(&details.offender.0, *fraction, session);
		}
		// What `punish` reads and writes for each offender (pallet-offences does not charge
		// it: the report's own weight, pallet-grandpa's, pays for the offence).
		T::DbWeight::get().reads_writes(8, 8).saturating_mul(offenders.len() as u64)
	}
}
