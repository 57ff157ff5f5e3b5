//! The ops a raw `RuntimeCall` cannot express in a short input: a call whose list parameter
//! has a given length, up to what a block can carry (megabytes), and a donation to any
//! account the pallets keep funds in.
//!
//! An oversized op names one of the list and byte parameters of our calls ([`LISTS`]) and a
//! length. The harness builds that call's encoding with a list of that length (as long as a
//! block's length allows) and decodes it the way the runtime decodes a transaction: over the
//! list's bound it must fail, and the decoder must have read no more than the bytes before the
//! list and the list's length prefix (it refused without looking at a single item); at or
//! under the bound it decodes, and the call is applied like any other. So the fuzzer can build
//! the inputs of a "large list" attack with a handful of bytes, and reaches the bounds' edges.

use codec::{Compact, Decode, Encode, Input};
use frame_support::{traits::Get, BoundedVec};
use openledger_primitives::SplitPolicy;
use openledger_runtime::{Runtime, RuntimeCall, UncheckedExtrinsic};
use sp_core::H256;
use sp_runtime::{AccountId32, Perbill};

/// The most bytes a list may take in a call the harness builds: a block's length.
pub const MAX_LIST_BYTES: usize = 5 * 1024 * 1024;

/// A list or byte-string parameter of one of our calls.
pub struct List {
	/// `pallet.call(parameter)`.
	pub name: &'static str,
	/// The encoding of one item (`i` picks a distinct one where that matters).
	pub item: fn(u32) -> Vec<u8>,
	/// The call with this list at `length` items (at most its bound), and the encoding of the
	/// list in it.
	pub at: fn(u32) -> (RuntimeCall, Vec<u8>),
	/// The list's bound.
	pub bound: fn() -> u32,
}

fn bytes<S: Get<u32>>(n: u32, fill: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![fill; n as usize])
}

fn account(i: u32) -> AccountId32 {
	let mut raw = [0xa0u8; 32];
	raw[..4].copy_from_slice(&i.to_le_bytes());
	AccountId32::new(raw)
}

fn accounts<S: Get<u32>>(n: u32) -> BoundedVec<AccountId32, S> {
	BoundedVec::truncate_from((0..n).map(account).collect())
}

fn ids<S: Get<u32>>(n: u32) -> BoundedVec<u64, S> {
	BoundedVec::truncate_from((0..u64::from(n)).map(|i| i % 3).collect())
}

type D = Runtime;
type DatasetsMeta = <D as pallet_datasets::Config>::MaxMetadataLen;
type DatasetsLicense = <D as pallet_datasets::Config>::MaxLicenseLen;
type ModelsMeta = <D as pallet_models::Config>::MaxMetadataLen;
type AgentsMeta = <D as pallet_agents::Config>::MaxMetadataLen;

/// Every list and byte-string parameter of our calls.
pub const LISTS: &[List] = &[
	List {
		name: "datasets.create_dataset(metadata)",
		item: |_| vec![b'm'],
		at: |n| {
			let metadata = bytes::<DatasetsMeta>(n, b'm');
			let call = pallet_datasets::Call::<D>::create_dataset {
				metadata: metadata.clone(),
				license: bytes(3, b'l'),
				policy: pallet_datasets::Policy { min_bond: 0, open: true },
			};
			(call.into(), metadata.encode())
		},
		bound: <DatasetsMeta as Get<u32>>::get,
	},
	List {
		name: "datasets.update_metadata(license)",
		item: |_| vec![b'l'],
		at: |n| {
			let license = bytes::<DatasetsLicense>(n, b'l');
			let call = pallet_datasets::Call::<D>::update_metadata {
				dataset: 0,
				metadata: bytes(2, b'm'),
				license: license.clone(),
			};
			(call.into(), license.encode())
		},
		bound: <DatasetsLicense as Get<u32>>::get,
	},
	List {
		name: "datasets.set_curators",
		item: |i| account(i).encode(),
		at: |n| {
			let curators = accounts(n);
			let call = pallet_datasets::Call::<D>::set_curators { dataset: 0, curators };
			let list = accounts::<<D as pallet_datasets::Config>::MaxCurators>(n).encode();
			(call.into(), list)
		},
		bound: <<D as pallet_datasets::Config>::MaxCurators as Get<u32>>::get,
	},
	List {
		name: "datasets.submit_contribution(metadata)",
		item: |_| vec![b'c'],
		at: |n| {
			let metadata = bytes::<DatasetsMeta>(n, b'c');
			let call = pallet_datasets::Call::<D>::submit_contribution {
				dataset: 0,
				content_hash: H256::repeat_byte(0x77),
				metadata: metadata.clone(),
				max_bond: u128::MAX,
			};
			(call.into(), metadata.encode())
		},
		bound: <DatasetsMeta as Get<u32>>::get,
	},
	List {
		name: "datasets.claim_rewards",
		item: |i| u64::from(i % 3).encode(),
		at: |n| {
			let contributions = ids(n);
			let list = contributions.encode();
			(pallet_datasets::Call::<D>::claim_rewards { contributions }.into(), list)
		},
		bound: <<D as pallet_datasets::Config>::MaxClaimBatch as Get<u32>>::get,
	},
	List {
		name: "models.register_model(metadata)",
		item: |_| vec![b'r'],
		at: |n| {
			let metadata = bytes::<ModelsMeta>(n, b'r');
			let call = pallet_models::Call::<D>::register_model {
				metadata: metadata.clone(),
				license: bytes(1, b'l'),
				base_model: Some(0),
				royalty: Perbill::from_percent(1),
				price: 0,
				split_policy: SplitPolicy { model_share: Perbill::from_percent(10) },
			};
			(call.into(), metadata.encode())
		},
		bound: <ModelsMeta as Get<u32>>::get,
	},
	List {
		name: "models.publish_version(training)",
		item: |i| (u64::from(i % 2), 1u32, Perbill::from_percent(1)).encode(),
		at: |n| {
			let training: BoundedVec<_, _> = BoundedVec::truncate_from(
				(0..n).map(|i| (u64::from(i % 2), 1u32, Perbill::from_percent(1))).collect(),
			);
			let list = training.encode();
			let call = pallet_models::Call::<D>::publish_version {
				model: 1,
				artifact_hash: H256::repeat_byte(0x66),
				training,
				base_version: None,
			};
			(call.into(), list)
		},
		bound: <<D as pallet_models::Config>::MaxTrainingSets as Get<u32>>::get,
	},
	List {
		name: "models.set_attestors",
		item: |i| account(i).encode(),
		at: |n| {
			let attestors = accounts(n);
			let list = attestors.encode();
			(pallet_models::Call::<D>::set_attestors { model: 1, attestors }.into(), list)
		},
		bound: <<D as pallet_models::Config>::MaxAttestors as Get<u32>>::get,
	},
	List {
		name: "models.set_attribution_methods",
		item: |i| (vec![(i % 251) as u8], sp_core::H256::zero()).encode(),
		at: |n| {
			let methods: BoundedVec<openledger_primitives::Method, _> = BoundedVec::truncate_from(
				(0..n)
					.map(|i| openledger_primitives::Method {
						id: BoundedVec::truncate_from(vec![(i % 251) as u8]),
						params_hash: sp_core::H256::zero(),
					})
					.collect(),
			);
			let list = methods.encode();
			(pallet_models::Call::<D>::set_attribution_methods { model: 1, methods }.into(), list)
		},
		bound: <<D as pallet_models::Config>::MaxAttributionMethods as Get<u32>>::get,
	},
	List {
		name: "agents.register_agent(models)",
		item: |i| u64::from(i % 3).encode(),
		at: |n| {
			let models = ids(n);
			let list = models.encode();
			let call = pallet_agents::Call::<D>::register_agent {
				metadata: bytes::<AgentsMeta>(4, b'a'),
				models,
				operator_share: Perbill::from_percent(5),
			};
			(call.into(), list)
		},
		bound: <<D as pallet_agents::Config>::MaxModelsPerAgent as Get<u32>>::get,
	},
	List {
		name: "agents.set_models",
		item: |i| u64::from(i % 3).encode(),
		at: |n| {
			let models = ids(n);
			let list = models.encode();
			(pallet_agents::Call::<D>::set_models { agent: 0, models }.into(), list)
		},
		bound: <<D as pallet_agents::Config>::MaxModelsPerAgent as Get<u32>>::get,
	},
	List {
		name: "attribution.record_inference(scores)",
		item: |i| (u64::from(i % 2), Perbill::from_parts(1)).encode(),
		at: |n| {
			let scores: pallet_attribution::ScoresOf<D> = BoundedVec::truncate_from(
				(0..n).map(|i| (u64::from(i % 2), Perbill::from_parts(1))).collect(),
			);
			let list = scores.encode();
			let call = pallet_attribution::Call::<D>::record_inference {
				model: 1,
				model_version: 1,
				agent: None,
				fee: openledger_primitives::token::UNIT,
				inference_hash: H256::repeat_byte(0x55),
				method: Default::default(),
				evidence_hash: H256::zero(),
				scores,
				max_operator_share: Perbill::zero(),
			};
			(call.into(), list)
		},
		bound: <<D as pallet_attribution::Config>::MaxScoredDatasets as Get<u32>>::get,
	},
];

/// An `Input` that counts the bytes it was asked for.
struct Counting<'a> {
	bytes: &'a [u8],
	read: usize,
}

impl Input for Counting<'_> {
	fn remaining_len(&mut self) -> Result<Option<usize>, codec::Error> {
		Ok(Some(self.bytes.len().saturating_sub(self.read)))
	}

	fn read(&mut self, into: &mut [u8]) -> Result<(), codec::Error> {
		let end = self.read + into.len();
		let from = self.bytes.get(self.read..end).ok_or("the input ended")?;
		into.copy_from_slice(from);
		self.read = end;
		Ok(())
	}
}

/// Builds list `which`'s call with a list of `length` items (as many as a block's length
/// allows) as a transaction's bytes, and decodes them as the runtime would. Over the bound,
/// checks that decoding failed at the list's length prefix and returns `None`; at or under
/// it, checks that it decoded and returns the call.
pub fn oversized(which: u8, length: u32) -> Option<RuntimeCall> {
	let list = &LISTS[usize::from(which) % LISTS.len()];
	let item_len = (list.item)(0).len().max(1);
	let length = length.min((MAX_LIST_BYTES / item_len) as u32);
	let bound = (list.bound)();
	// The call with a list of one item at least, to find where the list sits in it.
	let (template, at_bound) = (list.at)(1.min(bound));
	let body = {
		let encoded = UncheckedExtrinsic::new_bare(template).encode();
		let mut input = &encoded[..];
		let _ = Compact::<u32>::decode(&mut input).expect("a length prefix");
		input.to_vec()
	};
	let places = body.windows(at_bound.len()).filter(|w| *w == at_bound).count();
	assert_eq!(places, 1, "{}: the list is in its call, once", list.name);
	let at = body.windows(at_bound.len()).position(|w| w == at_bound).unwrap_or_default();
	// Over the bound, one item more than the bound is built, not all of them: the decoder must
	// refuse at the length prefix, and one that read items first would read past it (which the
	// check below catches) whether the rest is there or not. The transaction's own length
	// prefix still declares every item. (Building megabytes of items for every such action
	// made the fuzzer some 70 times slower.)
	let built = if length > bound { length.min(bound.saturating_add(1)) } else { length };
	let mut items = Compact(length).encode();
	items.reserve(item_len * built as usize);
	for i in 0..built {
		items.extend((list.item)(i));
	}
	let missing = item_len.saturating_mul((length - built) as usize);
	let body = [&body[..at], &items[..], &body[at + at_bound.len()..]].concat();
	let prefix = Compact(body.len().saturating_add(missing) as u32).encode();
	let bytes = [&prefix[..], &body[..]].concat();
	let mut input = Counting { bytes: &bytes, read: 0 };
	let decoded = UncheckedExtrinsic::decode(&mut input);
	if length > bound {
		assert!(decoded.is_err(), "{}: {length} items (bound {bound}) decoded", list.name);
		let list_at = prefix.len() + at;
		assert!(
			input.read <= list_at + 5,
			"{}: {length} items: the decoder read {} bytes; the list starts at byte {list_at}",
			list.name,
			input.read
		);
		None
	} else {
		let xt =
			decoded.unwrap_or_else(|e| panic!("{}: {length} items do not decode: {e}", list.name));
		Some(xt.function)
	}
}

/// The accounts a donation may go to: every account a pallet keeps funds in, and the
/// fuzzing accounts.
pub fn donation_target(which: u8) -> AccountId32 {
	let pallet_accounts = [
		openledger_runtime::Datasets::pot(),
		openledger_runtime::configs::monetary::treasury_account(),
	];
	let people = crate::accounts().map(|k| k.to_account_id());
	let all: Vec<AccountId32> = pallet_accounts.into_iter().chain(people).collect();
	all[usize::from(which) % all.len()].clone()
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn every_list_is_refused_at_its_length_prefix_and_decodes_up_to_its_bound() {
		for which in 0..LISTS.len() as u8 {
			let bound = (LISTS[usize::from(which)].bound)();
			assert!(oversized(which, 0).is_some());
			assert!(oversized(which, bound).is_some());
			assert!(oversized(which, bound + 1).is_none());
			assert!(oversized(which, u32::MAX).is_none());
		}
	}
}
