//! Records pay for the state they take.
//!
//! While a record is in state (its challenge period, and as long as it is under challenge)
//! its attestor holds a storage deposit for it, through [`Config::RecordDeposit`]. One
//! deposit per attestor covers all its records in state: [`RecordDeposits`] keeps their
//! footprint (how many records, how many bytes in all) and the ticket, grown when a record is
//! recorded and shrunk when one leaves state, so recording costs one hold update, not one
//! hold per record, and the price's per-item part is paid once per attestor.
//!
//! A record's bytes ([`Pallet::record_bytes`]) are its encoding with its status counted at
//! its largest (a challenge makes it grow), plus its inference-hash index entry. Records
//! recorded before the chain took deposits (below [`RecordDepositsFrom`]) hold none and
//! release none.

use codec::{Encode, MaxEncodedLen};
use frame_support::{
	defensive,
	pallet_prelude::*,
	traits::{Consideration, Footprint},
};
use sp_core::H256;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The bytes `record` takes in state, as its deposit prices them: its encoding with the
	/// status at its largest encoding, and its entry in [`RecordOfInference`].
	pub fn record_bytes(record: &AttributionRecord<T>) -> u64 {
		let bytes = record
			.encoded_size()
			.saturating_sub(record.status.encoded_size())
			.saturating_add(RecordStatus::<T>::max_encoded_len())
			.saturating_add(H256::max_encoded_len())
			.saturating_add(RecordId::max_encoded_len());
		bytes as u64
	}

	/// Grows `attestor`'s deposit by one record of `bytes`; fails with `InsufficientBalance`
	/// if the attestor cannot hold it.
	pub(crate) fn hold_record_deposit(attestor: &T::AccountId, bytes: u64) -> DispatchResult {
		let (footprint, ticket) = match RecordDeposits::<T>::get(attestor) {
			Some((footprint, ticket)) => (footprint, Some(ticket)),
			None => (Footprint::default(), None),
		};
		let footprint = Footprint {
			count: footprint.count.saturating_add(1),
			size: footprint.size.saturating_add(bytes),
		};
		let ticket = match ticket {
			Some(ticket) => ticket.update(attestor, Self::priced(footprint)),
			None => T::RecordDeposit::new(attestor, Self::priced(footprint)),
		}
		.map_err(|error| match error {
			DispatchError::Token(_) => Error::<T>::InsufficientBalance.into(),
			error => error,
		})?;
		RecordDeposits::<T>::insert(attestor, (footprint, ticket));
		Ok(())
	}

	/// Shrinks `attestor`'s deposit by the record `id` of `bytes` leaving state (released to
	/// the attestor; dropped with its last record), if the record holds one.
	pub(crate) fn release_record_deposit(id: RecordId, attestor: &T::AccountId, bytes: u64) {
		if id < RecordDepositsFrom::<T>::get() {
			return;
		}
		let Some((footprint, ticket)) = RecordDeposits::<T>::take(attestor) else {
			defensive!("a record with a deposit left state but its attestor holds none");
			return;
		};
		if footprint.count <= 1 {
			if footprint.size != bytes {
				defensive!("an attestor's last record differs from its deposit's footprint");
			}
			if ticket.drop(attestor).is_err() {
				defensive!("a record deposit could not be released");
			}
			return;
		}
		let less = Footprint {
			count: footprint.count.saturating_sub(1),
			size: footprint.size.saturating_sub(bytes),
		};
		match ticket.update(attestor, Self::priced(less)) {
			Ok(ticket) => RecordDeposits::<T>::insert(attestor, (less, ticket)),
			Err(_) => {
				defensive!("a record deposit could not be shrunk");
			},
		}
	}

	/// The footprint a deposit is priced by: one item of all the records' bytes, so that
	/// `LinearStoragePrice` (which prices `count × size`) charges its per-item part once per
	/// attestor and its per-byte part for every byte.
	fn priced(records: Footprint) -> Footprint {
		Footprint { count: 1, size: records.size }
	}
}
