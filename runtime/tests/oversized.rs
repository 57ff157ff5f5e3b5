//! No call of our pallets does work for an input beyond its bound: every list and byte string
//! a call takes is bounded in its type (`BoundedVec`), so an oversized one fails to decode,
//! and the decoder gives up at the list's length prefix, before reading (let alone checking)
//! a single item. The pool never admits such a transaction, and no block can hold one.
//!
//! Two tests: one walks the type of every call of our pallets and finds no list or string
//! that decodes unbounded (so a new call with a `Vec` parameter fails here); the other builds
//! each such call with a list of 100,000 items (or bytes) and counts the bytes the decoder
//! reads before it refuses: at most the call's bytes before the list and the list's length
//! prefix. The work refused is measured in bytes read, not in time.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use codec::{Decode, Encode, Input};
use frame_support::BoundedVec;
use openledger_primitives::{DatasetId, SplitPolicy};
use openledger_runtime::{RuntimeCall, UncheckedExtrinsic};
use pallet_attribution::Method;
use scale_info::{meta_type, MetaType, TypeDef, TypeDefPrimitive};
use sp_core::H256;
use sp_runtime::{AccountId32, Perbill};

/// How many items (or bytes) the oversized lists have.
const HUGE: usize = 100_000;

/// The list and string parameters that decode without a bound, found by walking `ty`;
/// `at` says where the walk is, `ancestors` guards against recursive types.
fn unbounded_in(ty: MetaType, at: &str, ancestors: &mut Vec<core::any::TypeId>) -> Vec<String> {
	if ancestors.contains(&ty.type_id()) {
		return Vec::new();
	}
	let info = ty.type_info();
	let name = info.path.segments.last().copied().unwrap_or_default();
	// A nested call (`governance.enact`'s) is bounded by its own pallet's rules.
	if name == "RuntimeCall" {
		return Vec::new();
	}
	ancestors.push(ty.type_id());
	let mut found = Vec::new();
	let mut walk = |ty: MetaType, found: &mut Vec<String>| {
		found.extend(unbounded_in(ty, at, ancestors));
	};
	if matches!(name, "BoundedVec" | "BoundedBTreeMap" | "BoundedBTreeSet") {
		// Bounded at decode: only its items' own types are left to check.
		for param in info.type_params {
			if let Some(ty) = param.ty {
				walk(ty, &mut found);
			}
		}
	} else {
		match info.type_def {
			TypeDef::Composite(composite) => {
				for field in composite.fields {
					walk(field.ty, &mut found);
				}
			},
			TypeDef::Variant(variants) => {
				for variant in variants.variants {
					for field in variant.fields {
						walk(field.ty, &mut found);
					}
				}
			},
			TypeDef::Array(array) => walk(array.type_param, &mut found),
			TypeDef::Tuple(tuple) => {
				for ty in tuple.fields {
					walk(ty, &mut found);
				}
			},
			TypeDef::Sequence(_) | TypeDef::BitSequence(_) => {
				found.push(format!("{at}: {}", info.path.segments.join("::")))
			},
			TypeDef::Primitive(TypeDefPrimitive::Str) => found.push(format!("{at}: a string")),
			TypeDef::Primitive(_) | TypeDef::Compact(_) => {},
		}
	}
	ancestors.pop();
	found
}

#[test]
fn every_list_and_byte_parameter_of_our_calls_is_bounded_when_it_is_decoded() {
	use openledger_runtime::Runtime;
	let pallets = [
		("datasets", meta_type::<pallet_datasets::Call<Runtime>>()),
		("models", meta_type::<pallet_models::Call<Runtime>>()),
		("agents", meta_type::<pallet_agents::Call<Runtime>>()),
		("attribution", meta_type::<pallet_attribution::Call<Runtime>>()),
		("validatorSet", meta_type::<pallet_validator_set::Call<Runtime>>()),
		("governance", meta_type::<pallet_governance::Call<Runtime>>()),
	];
	let mut unbounded = Vec::new();
	let mut parameters = 0;
	for (pallet, call) in pallets {
		let TypeDef::Variant(calls) = call.type_info().type_def else {
			panic!("{pallet}: a pallet's calls are an enum");
		};
		for call in calls.variants {
			for field in call.fields {
				let at = format!("{pallet}.{}({})", call.name, field.name.unwrap_or("_"));
				unbounded.extend(unbounded_in(field.ty, &at, &mut Vec::new()));
				parameters += 1;
			}
		}
	}
	assert!(parameters > 60, "the walk saw every parameter ({parameters})");
	assert!(unbounded.is_empty(), "parameters that decode without a bound: {unbounded:#?}");

	// The walk does find an unbounded list where there is one.
	let found = unbounded_in(meta_type::<(u8, Vec<u64>)>(), "example", &mut Vec::new());
	assert_eq!(found.len(), 1, "{found:?}");
	type Four = frame_support::traits::ConstU32<4>;
	let bounded = unbounded_in(meta_type::<(u8, BoundedVec<u64, Four>)>(), "", &mut Vec::new());
	assert!(bounded.is_empty(), "{bounded:?}");
}

/// An `Input` that counts the bytes it was asked for.
struct Counting<'a> {
	bytes: &'a [u8],
	read: usize,
}

impl Input for Counting<'_> {
	fn remaining_len(&mut self) -> Result<Option<usize>, codec::Error> {
		Ok(Some(self.bytes.len() - self.read))
	}

	fn read(&mut self, into: &mut [u8]) -> Result<(), codec::Error> {
		let end = self.read + into.len();
		let from = self.bytes.get(self.read..end).ok_or("the input ended")?;
		into.copy_from_slice(from);
		self.read = end;
		Ok(())
	}
}

/// The bytes of a transaction of `call` (a bare one: the signature is checked after the call
/// is decoded, so it changes nothing here) with the encoding of the list `at_bound` in it
/// replaced by `huge`, decoded as the runtime decodes a transaction it is given: it must
/// fail, having read no more than the bytes before the list and the list's length prefix (at
/// most 5 bytes).
fn refused_at_its_length_prefix(name: &str, call: RuntimeCall, at_bound: Vec<u8>, huge: Vec<u8>) {
	let unprefixed = |xt: &[u8]| {
		let mut input = xt;
		let length = codec::Compact::<u32>::decode(&mut input).expect("a length prefix");
		assert_eq!(length.0 as usize, input.len());
		input.to_vec()
	};
	let encoded = UncheckedExtrinsic::new_bare(call).encode();
	assert!(
		UncheckedExtrinsic::decode(&mut &encoded[..]).is_ok(),
		"{name}: at its bound, it decodes"
	);
	let body = unprefixed(&encoded);
	let matches = body.windows(at_bound.len()).filter(|w| *w == at_bound).count();
	assert_eq!(matches, 1, "{name}: the list is in the call once");
	let at = body.windows(at_bound.len()).position(|w| w == at_bound).unwrap_or_default();
	let body = [&body[..at], &huge[..], &body[at + at_bound.len()..]].concat();
	let prefix = codec::Compact(body.len() as u32).encode();
	let oversized = [&prefix[..], &body[..]].concat();
	assert!(oversized.len() > HUGE, "{name}: the oversized transaction is large");
	let mut input = Counting { bytes: &oversized, read: 0 };
	assert!(
		UncheckedExtrinsic::decode(&mut input).is_err(),
		"{name}: a list of {HUGE} does not decode"
	);
	let list_at = prefix.len() + at;
	assert!(
		input.read <= list_at + 5,
		"{name}: the decoder read {} bytes of {}; the list starts at byte {list_at}",
		input.read,
		oversized.len()
	);
}

fn filled<S: frame_support::traits::Get<u32>>(byte: u8) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![byte; S::get() as usize])
}

fn accounts<S: frame_support::traits::Get<u32>>(seed: u8) -> BoundedVec<AccountId32, S> {
	BoundedVec::truncate_from(
		(0..S::get()).map(|i| AccountId32::new([seed.wrapping_add(i as u8); 32])).collect(),
	)
}

fn huge_accounts() -> Vec<u8> {
	(0..HUGE).map(|i| AccountId32::new([(i % 251) as u8; 32])).collect::<Vec<_>>().encode()
}

#[test]
fn a_list_far_beyond_its_bound_is_refused_before_any_of_it_is_read() {
	use openledger_runtime::Runtime;
	type D = Runtime;
	let huge_bytes = |byte: u8| vec![byte; HUGE].encode();
	let ids = |n: usize| (0..n as u64).map(|i| i + 7_000).collect::<Vec<u64>>();
	let method = || Method { id: filled(b'i'), params_hash: H256::repeat_byte(3) };
	let scores: BoundedVec<(DatasetId, Perbill), _> = BoundedVec::truncate_from(
		(0..16u64).map(|d| (d + 9_000, Perbill::from_parts(1))).collect(),
	);
	let record = |scores: BoundedVec<(DatasetId, Perbill), _>, method: Method| {
		RuntimeCall::Attribution(pallet_attribution::Call::record_inference {
			model: 1,
			model_version: 1,
			agent: None,
			fee: 1,
			inference_hash: H256::repeat_byte(1),
			method,
			evidence_hash: H256::repeat_byte(2),
			scores,
			max_operator_share: Perbill::zero(),
		})
	};
	let methods: BoundedVec<openledger_primitives::Method, _> = BoundedVec::truncate_from(
		(0..8u8)
			.map(|i| openledger_primitives::Method {
				id: BoundedVec::truncate_from(vec![b'a' + i; 64]),
				params_hash: sp_core::H256::repeat_byte(b'h'),
			})
			.collect(),
	);
	let training: BoundedVec<_, _> = BoundedVec::truncate_from(
		(0..8u64).map(|d| (d + 5_000, 1u32, Perbill::from_parts(1))).collect(),
	);
	let cases: Vec<(&str, RuntimeCall, Vec<u8>, Vec<u8>)> = vec![
		(
			"datasets.createDataset(metadata)",
			pallet_datasets::Call::<D>::create_dataset {
				metadata: filled(b'm'),
				license: filled(b'l'),
				policy: pallet_datasets::Policy { min_bond: 0, open: true },
			}
			.into(),
			filled::<<D as pallet_datasets::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"datasets.createDataset(license)",
			pallet_datasets::Call::<D>::create_dataset {
				metadata: filled(b'm'),
				license: filled(b'l'),
				policy: pallet_datasets::Policy { min_bond: 0, open: true },
			}
			.into(),
			filled::<<D as pallet_datasets::Config>::MaxLicenseLen>(b'l').encode(),
			huge_bytes(b'l'),
		),
		(
			"datasets.setCurators",
			pallet_datasets::Call::<D>::set_curators { dataset: 0, curators: accounts(1) }.into(),
			accounts::<<D as pallet_datasets::Config>::MaxCurators>(1).encode(),
			huge_accounts(),
		),
		(
			"datasets.updateMetadata(metadata)",
			pallet_datasets::Call::<D>::update_metadata {
				dataset: 0,
				metadata: filled(b'm'),
				license: filled(b'l'),
			}
			.into(),
			filled::<<D as pallet_datasets::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"datasets.updateMetadata(license)",
			pallet_datasets::Call::<D>::update_metadata {
				dataset: 0,
				metadata: filled(b'm'),
				license: filled(b'l'),
			}
			.into(),
			filled::<<D as pallet_datasets::Config>::MaxLicenseLen>(b'l').encode(),
			huge_bytes(b'l'),
		),
		(
			"datasets.submitContribution(metadata)",
			pallet_datasets::Call::<D>::submit_contribution {
				dataset: 0,
				content_hash: H256::repeat_byte(1),
				metadata: filled(b'm'),
				max_bond: 0,
			}
			.into(),
			filled::<<D as pallet_datasets::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"datasets.claimRewards",
			pallet_datasets::Call::<D>::claim_rewards {
				contributions: BoundedVec::truncate_from(ids(64)),
			}
			.into(),
			ids(64).encode(),
			ids(HUGE).encode(),
		),
		(
			"models.registerModel(metadata)",
			pallet_models::Call::<D>::register_model {
				metadata: filled(b'm'),
				license: filled(b'l'),
				base_model: None,
				royalty: Perbill::zero(),
				price: 0,
				split_policy: SplitPolicy { model_share: Perbill::zero() },
			}
			.into(),
			filled::<<D as pallet_models::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"models.registerModel(license)",
			pallet_models::Call::<D>::register_model {
				metadata: filled(b'm'),
				license: filled(b'l'),
				base_model: None,
				royalty: Perbill::zero(),
				price: 0,
				split_policy: SplitPolicy { model_share: Perbill::zero() },
			}
			.into(),
			filled::<<D as pallet_models::Config>::MaxLicenseLen>(b'l').encode(),
			huge_bytes(b'l'),
		),
		(
			"models.publishVersion",
			pallet_models::Call::<D>::publish_version {
				model: 0,
				artifact_hash: H256::repeat_byte(1),
				training: training.clone(),
				base_version: None,
			}
			.into(),
			training.encode(),
			(0..HUGE as u64)
				.map(|d| (d, 1u32, Perbill::from_parts(1)))
				.collect::<Vec<_>>()
				.encode(),
		),
		(
			"models.setAttestors",
			pallet_models::Call::<D>::set_attestors { model: 0, attestors: accounts(1) }.into(),
			accounts::<<D as pallet_models::Config>::MaxAttestors>(1).encode(),
			huge_accounts(),
		),
		(
			"models.updateMetadata(metadata)",
			pallet_models::Call::<D>::update_metadata {
				model: 0,
				metadata: filled(b'm'),
				license: filled(b'l'),
			}
			.into(),
			filled::<<D as pallet_models::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"models.updateMetadata(license)",
			pallet_models::Call::<D>::update_metadata {
				model: 0,
				metadata: filled(b'm'),
				license: filled(b'l'),
			}
			.into(),
			filled::<<D as pallet_models::Config>::MaxLicenseLen>(b'l').encode(),
			huge_bytes(b'l'),
		),
		(
			"models.setAttributionMethods(methods)",
			pallet_models::Call::<D>::set_attribution_methods {
				model: 0,
				methods: methods.clone(),
			}
			.into(),
			methods.encode(),
			(0..HUGE)
				.map(|i| (vec![(i % 251) as u8; 1], sp_core::H256::repeat_byte(b'h')))
				.collect::<Vec<_>>()
				.encode(),
		),
		(
			"models.setAttributionMethods(a method id)",
			pallet_models::Call::<D>::set_attribution_methods {
				model: 0,
				methods: methods.clone(),
			}
			.into(),
			vec![b'a'; 64].encode(),
			huge_bytes(b'a'),
		),
		(
			"agents.registerAgent(metadata)",
			pallet_agents::Call::<D>::register_agent {
				metadata: filled(b'm'),
				models: BoundedVec::truncate_from(ids(16)),
				operator_share: Perbill::zero(),
			}
			.into(),
			filled::<<D as pallet_agents::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"agents.registerAgent(models)",
			pallet_agents::Call::<D>::register_agent {
				metadata: filled(b'm'),
				models: BoundedVec::truncate_from(ids(16)),
				operator_share: Perbill::zero(),
			}
			.into(),
			ids(16).encode(),
			ids(HUGE).encode(),
		),
		(
			"agents.updateAgent(metadata)",
			pallet_agents::Call::<D>::update_agent {
				agent: 0,
				metadata: filled(b'm'),
				operator_share: Perbill::zero(),
			}
			.into(),
			filled::<<D as pallet_agents::Config>::MaxMetadataLen>(b'm').encode(),
			huge_bytes(b'm'),
		),
		(
			"agents.setModels",
			pallet_agents::Call::<D>::set_models {
				agent: 0,
				models: BoundedVec::truncate_from(ids(16)),
			}
			.into(),
			ids(16).encode(),
			ids(HUGE).encode(),
		),
		(
			"attribution.recordInference(scores)",
			record(scores.clone(), method()),
			scores.encode(),
			(0..HUGE as u64).map(|d| (d, Perbill::from_parts(1))).collect::<Vec<_>>().encode(),
		),
		(
			"attribution.recordInference(method id)",
			record(scores.clone(), method()),
			method().id.encode(),
			huge_bytes(b'i'),
		),
	];
	assert_eq!(cases.len(), 21);
	for (name, call, at_bound, huge) in cases {
		refused_at_its_length_prefix(name, call, at_bound, huge);
	}
}
