//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. Every record's split sums to its fee, exactly.
//! 2. Held bonds match: each attestor's `AttestorBond` hold is its recorded bond; each
//!    challenger's `ChallengeBond` hold is the sum of the bonds of its open challenges.
//! 3. Each attestor's `open_challenges` counts the challenged records it recorded.
//! 4. The split parameters are consistent; record ids are below the next id and indexed by
//!    their inference hash, and the index names only records in state.
//! 5. Records leave state only when they may: the prune cursor is at most the next id, and
//!    every record below it still in state is under challenge (so no open challenge, and no
//!    challenge bond, ever points to a record that left state: 2 and 3 count only records in
//!    state).
//! 6. Each attestor's record deposit covers exactly its records in state from
//!    `RecordDepositsFrom` on: as many as it counts, as many bytes as they take; no deposit
//!    is kept for none. (What it holds is the `Consideration`'s to check: the runtime fuzzer
//!    compares every hold with what the pallets record.)

use alloc::collections::btree_map::BTreeMap;
use frame_support::{ensure, traits::fungible::InspectHold};
use openledger_primitives::Balance;
use sp_runtime::{traits::Saturating, TryRuntimeError};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		ensure!(Params::<T>::get().is_consistent(), "inconsistent split parameters");
		let next = NextRecordId::<T>::get();
		let cursor = PruneCursor::<T>::get();
		ensure!(cursor <= next, "the prune cursor is beyond the next record id");
		let mut challenge_bonds: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut open: BTreeMap<T::AccountId, u32> = BTreeMap::new();
		let deposits_from = RecordDepositsFrom::<T>::get();
		ensure!(deposits_from <= next, "record deposits start beyond the next record id");
		let mut footprints: BTreeMap<T::AccountId, (u64, u64)> = BTreeMap::new();
		for (id, record) in Records::<T>::iter() {
			ensure!(id < next, "a record id is not below the next id");
			ensure!(record.split.total() == Some(record.fee), "a split does not sum to its fee");
			let indexed = if id < IndexedByModelFrom::<T>::get() {
				RecordOfInference::<T>::get(record.inference_hash)
			} else {
				RecordOfModelInference::<T>::get(record.model, record.inference_hash)
			};
			ensure!(indexed == Some(id), "a record is not indexed by its inference hash");
			ensure!(
				id >= cursor || matches!(record.status, RecordStatus::Challenged { .. }),
				"a record the prune sweep passed is in state but not under challenge"
			);
			if id >= deposits_from {
				let (count, size) = footprints.entry(record.attestor.clone()).or_default();
				count.saturating_inc();
				*size = size.saturating_add(Self::record_bytes(&record));
			}
			if let RecordStatus::Challenged { challenger, bond } = &record.status {
				let held = challenge_bonds.entry(challenger.clone()).or_default();
				*held = held.saturating_add(*bond);
				open.entry(record.attestor.clone()).or_default().saturating_inc();
			}
		}
		for (model, hash, id) in RecordOfModelInference::<T>::iter() {
			ensure!(
				Records::<T>::get(id)
					.is_some_and(|record| (record.model, record.inference_hash) == (model, hash)),
				"an inference hash names a record not in state"
			);
		}
		for (hash, id) in RecordOfInference::<T>::iter() {
			ensure!(
				id < IndexedByModelFrom::<T>::get()
					&& Records::<T>::get(id).is_some_and(|record| record.inference_hash == hash),
				"an inference hash names a record not in state"
			);
		}
		for (attestor, (footprint, _)) in RecordDeposits::<T>::iter() {
			ensure!(
				footprints.remove(&attestor) == Some((footprint.count, footprint.size)),
				"an attestor's record deposit differs from its records in state"
			);
		}
		ensure!(footprints.is_empty(), "records in state without their attestor's deposit");
		for (challenger, bond) in &challenge_bonds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ChallengeBond.into(), challenger)
					== *bond,
				"held challenge bonds differ from open challenges"
			);
		}
		for (attestor, info) in Attestors::<T>::iter() {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::AttestorBond.into(), &attestor)
					== info.bond,
				"an attestor's held bond differs from its record"
			);
			ensure!(
				open.remove(&attestor).unwrap_or(0) == info.open_challenges,
				"an attestor's open challenge count is wrong"
			);
		}
		ensure!(open.is_empty(), "an open challenge of an attestor without a bond");
		Ok(())
	}
}
