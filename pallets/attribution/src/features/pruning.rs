//! Records leave state after their challenge period.
//!
//! A record matters to the chain only while it may be disputed. Once its challenge period is
//! over and it is not under challenge, [`Pallet::sweep`] (run by `on_idle`, in the block's
//! spare weight) writes its final form to the node's offchain index and removes it and its
//! inference-hash entry from state. The sweep walks record ids in order from
//! [`PruneCursor`]: records are recorded in id order, all with the same challenge period, so
//! their deadlines never decrease with their ids and the sweep stops at the first record
//! still open to challenge. A record under challenge is passed over and left in state; it
//! leaves state when the arbiters resolve the challenge ([`Pallet::leave_state_if_passed`]).
//!
//! Why `on_idle` and not a `prune` call paid from a deposit: nobody has to run a bot or hold a
//! deposit, the record leaves state in the first block with spare weight after its period,
//! and a block's own extrinsics always come first. On a chain whose blocks are full for long
//! (no spare weight), records wait until there is spare weight again; state grows meanwhile,
//! by what those full blocks recorded.
//!
//! The offchain index is written only when a record leaves state, never when it is recorded:
//! by then the record is final (its period is over, it cannot be challenged, its split was
//! paid long ago), so every fork that prunes it writes the same bytes, and a node stores one
//! copy per record, not one per status change.

use codec::Encode;
use frame_support::{defensive, pallet_prelude::*};
use frame_system::pallet_prelude::BlockNumberFor;
use pallet_attribution_runtime_api::offchain_record_key;
use sp_runtime::traits::Saturating;

use crate::*;

impl<T: Config> Pallet<T> {
	/// Removes from state the records, from [`PruneCursor`] on, whose challenge period ended
	/// before block `now` and that are not under challenge, as many as `limit` allows (each
	/// costs [`Pallet::sweep_weight`]); returns the weight used.
	pub fn sweep(now: BlockNumberFor<T>, limit: Weight) -> Weight {
		if limit.any_lt(Self::sweep_weight(1)) {
			return Weight::zero();
		}
		let mut cursor = PruneCursor::<T>::get();
		let next = NextRecordId::<T>::get();
		let mut passed = 0u32;
		let mut pruned = 0u32;
		while cursor < next && limit.all_gte(Self::sweep_weight(passed.saturating_add(1))) {
			match Records::<T>::get(cursor) {
				Some(record) if now <= Self::challenge_deadline(&record) => break,
				Some(record) if matches!(record.status, RecordStatus::Challenged { .. }) => {},
				Some(record) => {
					Self::leave_state(cursor, record);
					pruned.saturating_inc();
				},
				None => {
					defensive!("a record at or above the prune cursor is not in state");
				},
			}
			cursor.saturating_inc();
			passed.saturating_inc();
		}
		if passed > 0 {
			PruneCursor::<T>::put(cursor);
		}
		if pruned > 0 {
			Self::deposit_event(Event::RecordsPruned { below: cursor, count: pruned });
		}
		Self::sweep_weight(passed)
	}

	/// What the sweep costs to pass `records` records: the benchmarked `prune_records`, whose
	/// records are each of a different attestor, so each releases a deposit of its own.
	pub fn sweep_weight(records: u32) -> Weight {
		T::WeightInfo::prune_records(records)
	}

	/// Writes `record` to the offchain index and removes it from state, if the sweep has
	/// passed it (a challenged record it left behind); otherwise stores it. Returns whether it
	/// left state.
	pub(crate) fn leave_state_if_passed(id: RecordId, record: AttributionRecord<T>) -> bool {
		if id < PruneCursor::<T>::get() {
			Self::leave_state(id, record);
			Self::deposit_event(Event::RecordPruned { record: id });
			true
		} else {
			Records::<T>::insert(id, record);
			false
		}
	}

	/// Writes the record's final form to the node's offchain index, removes it and its
	/// inference-hash entry from state and releases its storage deposit to its attestor.
	fn leave_state(id: RecordId, record: AttributionRecord<T>) {
		let (model, inference_hash) = (record.model, record.inference_hash);
		Self::release_record_deposit(id, &record.attestor, Self::record_bytes(&record));
		let info = Self::record_info(id, record);
		sp_io::offchain_index::set(&offchain_record_key(id), &info.encode());
		Records::<T>::remove(id);
		if id < IndexedByModelFrom::<T>::get() {
			RecordOfInference::<T>::remove(inference_hash);
		} else {
			RecordOfModelInference::<T>::remove(model, inference_hash);
		}
	}
}
