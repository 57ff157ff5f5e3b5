//! The pallet's invariants, checked by `try_state` (under `try-runtime`) and after every test.
//!
//! 1. Every record's split sums to its fee, exactly.
//! 2. Held bonds match: each attestor's `AttestorBond` hold is its recorded bond; each
//!    challenger's `ChallengeBond` hold is the sum of the bonds of its open challenges.
//! 3. Each attestor's `open_challenges` counts the challenged records it recorded.
//! 4. The split parameters are consistent; record ids are below the next id and indexed by
//!    their inference hash.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use openledger_primitives::Balance;
use sp_runtime::DispatchError;

use crate::*;

fn fail(message: &'static str) -> DispatchError {
	DispatchError::Other(message)
}

/// Checks every invariant; the error names the first one broken.
pub fn check<T: Config>() -> Result<(), DispatchError> {
	ensure!(Params::<T>::get().is_consistent(), fail("inconsistent split parameters"));
	let next = NextRecordId::<T>::get();
	let mut challenge_bonds: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
	let mut open: BTreeMap<T::AccountId, u32> = BTreeMap::new();
	for (id, record) in Records::<T>::iter() {
		ensure!(id < next, fail("a record id is not below the next id"));
		ensure!(record.split.total() == Some(record.fee), fail("a split does not sum to its fee"));
		ensure!(
			RecordOfInference::<T>::get(record.inference_hash) == Some(id),
			fail("a record is not indexed by its inference hash")
		);
		if let RecordStatus::Challenged { challenger, bond } = &record.status {
			let held = challenge_bonds.entry(challenger.clone()).or_default();
			*held = held.saturating_add(*bond);
			*open.entry(record.attestor.clone()).or_default() += 1;
		}
	}
	for (challenger, bond) in &challenge_bonds {
		ensure!(
			T::Currency::balance_on_hold(&HoldReason::ChallengeBond.into(), challenger) == *bond,
			fail("held challenge bonds differ from open challenges")
		);
	}
	for (attestor, info) in Attestors::<T>::iter() {
		ensure!(
			T::Currency::balance_on_hold(&HoldReason::AttestorBond.into(), &attestor) == info.bond,
			fail("an attestor's held bond differs from its record")
		);
		ensure!(
			open.remove(&attestor).unwrap_or(0) == info.open_challenges,
			fail("an attestor's open challenge count is wrong")
		);
	}
	ensure!(open.is_empty(), fail("an open challenge of an attestor without a bond"));
	Ok(())
}
