//! Every bound a user can hit, at its edges: signed extrinsics at 0, 1, max and max + 1 of
//! every bounded list, byte string and numeric limit of our pallets, applied through the
//! executive of the real runtime. At or under a bound a call is accepted (or fails for another
//! reason, never the bound). Over it, a numeric limit is refused with the pallet's named
//! error; a list or byte string, bounded in the call's type itself (`BoundedVec`), cannot even
//! be decoded: the node refuses such an extrinsic before it reaches a pallet (tests/
//! oversized.rs shows it for lists of 100,000).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use codec::{Decode, Encode};
use common::{chain_from_preset, signed};
use frame_support::{traits::Get, BoundedVec};
use openledger_primitives::{token::UNIT, DatasetId, ModelId, SplitPolicy};
use openledger_runtime::{
	configs::openledger::{MAX_LINEAGE_DEPTH, MAX_SCORED_DATASETS, MAX_TRAINING_SETS},
	Executive, Header, Runtime, RuntimeCall, System,
};
use pallet_attribution::Method;
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{traits::Header as _, DispatchError, DispatchResult, Perbill};

type DatasetsConfig = <Runtime as pallet_datasets::Config>::MaxMetadataLen;
type DatasetsLicense = <Runtime as pallet_datasets::Config>::MaxLicenseLen;
type DatasetsError = pallet_datasets::Error<Runtime>;
type ModelsError = pallet_models::Error<Runtime>;
type AgentsError = pallet_agents::Error<Runtime>;
type AttributionError = pallet_attribution::Error<Runtime>;

/// Applies `call` signed by `who` as an extrinsic of the current block. Each one gets the
/// whole block's weight budget (the block's consumed weight is reset first): these tests are
/// about the pallets' bounds, not about how many calls fit in a block.
fn apply(who: Sr25519Keyring, call: impl Into<RuntimeCall>) -> DispatchResult {
	frame_system::BlockWeight::<Runtime>::kill();
	Executive::apply_extrinsic(signed(call.into(), who)).expect("a valid transaction")
}

fn ok(result: DispatchResult) {
	assert_eq!(result, Ok(()));
}

fn refused(result: DispatchResult, error: impl Into<DispatchError>) {
	assert_eq!(result, Err(error.into()));
}

fn bytes<S: Get<u32>>(len: u32) -> BoundedVec<u8, S> {
	bounded(vec![b'x'; len as usize])
}

/// `items`, which must be within the bound `S`.
fn bounded<T, S: Get<u32>>(items: Vec<T>) -> BoundedVec<T, S> {
	BoundedVec::try_from(items).unwrap_or_else(|_| panic!("within the bound"))
}

/// `n` distinct accounts (n < 256).
fn distinct_accounts<S: Get<u32>>(n: u32) -> BoundedVec<sp_runtime::AccountId32, S> {
	bounded((0..n).map(|i| sp_runtime::AccountId32::new([i as u8 + 1; 32])).collect())
}

/// `call` (with a list at its bound, whose encoding is `at_bound`) does not decode with that
/// list one item longer (`over`): the node would refuse the extrinsic.
fn one_more_does_not_decode(call: impl Into<RuntimeCall>, at_bound: Vec<u8>, over: Vec<u8>) {
	let encoded = call.into().encode();
	assert!(RuntimeCall::decode(&mut &encoded[..]).is_ok(), "at its bound, the call decodes");
	let longer = replace_once(&encoded, &at_bound, &over);
	assert!(RuntimeCall::decode(&mut &longer[..]).is_err(), "one more does not decode");
}

fn h(n: u64) -> H256 {
	H256::from_low_u64_be(n)
}

fn pct(percent: u32) -> Perbill {
	Perbill::from_percent(percent)
}

fn with_chain(test: impl FnOnce()) {
	chain_from_preset("development").execute_with(|| {
		Executive::initialize_block(&Header::new(
			1,
			Default::default(),
			Default::default(),
			System::parent_hash(),
			Default::default(),
		));
		test()
	})
}

fn create_dataset(
	owner: Sr25519Keyring,
	metadata: BoundedVec<u8, DatasetsConfig>,
	license: BoundedVec<u8, DatasetsLicense>,
) -> DispatchResult {
	apply(
		owner,
		pallet_datasets::Call::create_dataset {
			metadata,
			license,
			policy: pallet_datasets::Policy { min_bond: 0, open: true },
		},
	)
}

fn next_dataset() -> DatasetId {
	pallet_datasets::NextDatasetId::<Runtime>::get()
}

/// A dataset of Alice's with one accepted contribution and version 1; its id.
fn versioned_dataset(n: u64) -> DatasetId {
	let id = next_dataset();
	ok(create_dataset(Alice, bytes(0), bytes(0)));
	let contribution = pallet_datasets::NextContributionId::<Runtime>::get();
	ok(apply(
		Bob,
		pallet_datasets::Call::submit_contribution {
			dataset: id,
			content_hash: h(1_000_000 + n),
			metadata: bytes(0),
			max_bond: 0,
		},
	));
	ok(apply(
		Alice,
		pallet_datasets::Call::review_contribution {
			contribution,
			verdict: pallet_datasets::Verdict::Accept { shares: 1 },
		},
	));
	ok(apply(Alice, pallet_datasets::Call::publish_version { dataset: id }));
	id
}

fn register_model(
	owner: Sr25519Keyring,
	base: Option<ModelId>,
	metadata: u32,
	license: u32,
) -> DispatchResult {
	apply(
		owner,
		pallet_models::Call::register_model {
			metadata: bytes(metadata),
			license: bytes(license),
			base_model: base,
			royalty: pct(1),
			price: UNIT,
			split_policy: SplitPolicy { model_share: pct(40) },
		},
	)
}

fn next_model() -> ModelId {
	pallet_models::NextModelId::<Runtime>::get()
}

#[test]
fn dataset_metadata_license_and_curators_at_their_bounds() {
	with_chain(|| {
		let max_metadata: u32 = DatasetsConfig::get();
		let max_license: u32 = <Runtime as pallet_datasets::Config>::MaxLicenseLen::get();
		for len in [0, 1, max_metadata] {
			ok(create_dataset(Alice, bytes(len), bytes(0)));
		}
		let over_bytes = |len: u32| vec![b'x'; len as usize + 1].encode();
		let at_bytes = |len: u32| vec![b'x'; len as usize].encode();
		one_more_does_not_decode(
			pallet_datasets::Call::<Runtime>::create_dataset {
				metadata: bytes(max_metadata),
				license: bytes(0),
				policy: pallet_datasets::Policy { min_bond: 0, open: true },
			},
			at_bytes(max_metadata),
			over_bytes(max_metadata),
		);
		for len in [0, 1, max_license] {
			ok(create_dataset(Alice, bytes(0), bytes(len)));
		}
		one_more_does_not_decode(
			pallet_datasets::Call::<Runtime>::create_dataset {
				metadata: bytes(0),
				license: bytes(max_license),
				policy: pallet_datasets::Policy { min_bond: 0, open: true },
			},
			at_bytes(max_license),
			over_bytes(max_license),
		);
		ok(apply(
			Alice,
			pallet_datasets::Call::update_metadata {
				dataset: 0,
				metadata: bytes(max_metadata),
				license: bytes(max_license),
			},
		));

		let max_curators: u32 = <Runtime as pallet_datasets::Config>::MaxCurators::get();
		for n in [0, 1, max_curators] {
			ok(apply(
				Alice,
				pallet_datasets::Call::set_curators { dataset: 0, curators: distinct_accounts(n) },
			));
		}
		let curators = |n: u32| -> Vec<sp_runtime::AccountId32> {
			(0..n).map(|i| sp_runtime::AccountId32::new([i as u8 + 1; 32])).collect()
		};
		one_more_does_not_decode(
			pallet_datasets::Call::<Runtime>::set_curators {
				dataset: 0,
				curators: distinct_accounts(max_curators),
			},
			curators(max_curators).encode(),
			curators(max_curators + 1).encode(),
		);
	});
}

#[test]
fn contributions_shares_and_claims_at_their_bounds() {
	with_chain(|| {
		ok(create_dataset(Alice, bytes(0), bytes(0)));
		let max_metadata: u32 = DatasetsConfig::get();
		let submit = |who, n: u64, len: u32| {
			apply(
				who,
				pallet_datasets::Call::submit_contribution {
					dataset: 0,
					content_hash: h(n),
					metadata: bytes(len),
					max_bond: 0,
				},
			)
		};
		for (n, len) in [(0, 0), (1, 1), (2, max_metadata)] {
			ok(submit(Bob, n, len));
		}

		// Shares: 0 and max + 1 are refused; 1 and max accepted.
		let max_shares: u64 = <Runtime as pallet_datasets::Config>::MaxSharesPerContribution::get();
		let review = |contribution, shares| {
			apply(
				Alice,
				pallet_datasets::Call::review_contribution {
					contribution,
					verdict: pallet_datasets::Verdict::Accept { shares },
				},
			)
		};
		refused(review(0, 0), DatasetsError::InvalidShares);
		refused(review(0, max_shares + 1), DatasetsError::InvalidShares);
		ok(review(0, 1));
		ok(review(1, max_shares));

		// An account holds at most MaxContributionsPerAccount contributions.
		let max_per_account: u32 =
			<Runtime as pallet_datasets::Config>::MaxContributionsPerAccount::get();
		for n in 3..u64::from(max_per_account) {
			ok(submit(Bob, n, 0));
		}
		assert_eq!(
			pallet_datasets::AccountContributions::<Runtime>::get(Bob.to_account_id()).len() as u32,
			max_per_account
		);
		refused(submit(Bob, 1_000_000, 0), DatasetsError::TooManyContributions);

		// A claim names at most MaxClaimBatch contributions; within the bound, one with
		// nothing to claim is told so.
		let max_claim: u32 = <Runtime as pallet_datasets::Config>::MaxClaimBatch::get();
		let ids = |n: u32| (0..u64::from(n)).collect::<Vec<_>>();
		let claim = |n: u32| {
			apply(Bob, pallet_datasets::Call::claim_rewards { contributions: bounded(ids(n)) })
		};
		for n in [0, 1, max_claim] {
			refused(claim(n), DatasetsError::NothingToClaim);
		}
		one_more_does_not_decode(
			pallet_datasets::Call::<Runtime>::claim_rewards {
				contributions: bounded(ids(max_claim)),
			},
			ids(max_claim).encode(),
			ids(max_claim + 1).encode(),
		);
	});
}

#[test]
fn model_metadata_lineage_training_and_attestors_at_their_bounds() {
	with_chain(|| {
		let max_metadata: u32 = <Runtime as pallet_models::Config>::MaxMetadataLen::get();
		let max_license: u32 = <Runtime as pallet_models::Config>::MaxLicenseLen::get();
		for (metadata, license) in [(0, 0), (1, 1), (max_metadata, max_license)] {
			ok(register_model(Bob, None, metadata, license));
		}
		let register =
			|metadata: u32, license: u32| pallet_models::Call::<Runtime>::register_model {
				metadata: bytes(metadata),
				license: bytes(license),
				base_model: None,
				royalty: pct(1),
				price: UNIT,
				split_policy: SplitPolicy { model_share: pct(40) },
			};
		let at_bytes = |len: u32| vec![b'x'; len as usize].encode();
		let over_bytes = |len: u32| vec![b'x'; len as usize + 1].encode();
		one_more_does_not_decode(
			register(max_metadata, 0),
			at_bytes(max_metadata),
			over_bytes(max_metadata),
		);
		one_more_does_not_decode(
			register(0, max_license),
			at_bytes(max_license),
			over_bytes(max_license),
		);

		// A lineage of MAX_LINEAGE_DEPTH ancestors is allowed; one more is not.
		let mut base = next_model();
		ok(register_model(Bob, None, 0, 0));
		for _ in 0..MAX_LINEAGE_DEPTH {
			let model = next_model();
			ok(register_model(Bob, Some(base), 0, 0));
			base = model;
		}
		refused(register_model(Bob, Some(base), 0, 0), ModelsError::LineageTooDeep);

		// Training sets: 0, 1 and MAX_TRAINING_SETS versions; one more is refused, and so are
		// weights over 100%.
		let model = next_model();
		ok(register_model(Charlie, None, 0, 0));
		let datasets: Vec<DatasetId> =
			(0..=u64::from(MAX_TRAINING_SETS)).map(versioned_dataset).collect();
		let sets = |sets: &[DatasetId], weight: Perbill| -> Vec<(DatasetId, u32, Perbill)> {
			sets.iter().map(|d| (*d, 1, weight)).collect()
		};
		let publish = |sets: Vec<(DatasetId, u32, Perbill)>, n: u64| {
			apply(
				Charlie,
				pallet_models::Call::publish_version {
					model,
					artifact_hash: h(n),
					training: bounded(sets),
					base_version: None,
				},
			)
		};
		let max = MAX_TRAINING_SETS as usize;
		let eighth = Perbill::from_rational(1u32, MAX_TRAINING_SETS);
		ok(publish(sets(&[], pct(0)), 0));
		ok(publish(sets(&datasets[..1], pct(100)), 1));
		ok(publish(sets(&datasets[..max], eighth), 2));
		one_more_does_not_decode(
			pallet_models::Call::<Runtime>::publish_version {
				model,
				artifact_hash: h(3),
				training: bounded(sets(&datasets[..max], eighth)),
				base_version: None,
			},
			sets(&datasets[..max], eighth).encode(),
			sets(&datasets[..max + 1], eighth).encode(),
		);
		refused(
			publish(
				vec![(datasets[0], 1, pct(60)), (datasets[1], 1, Perbill::from_parts(400_000_001))],
				4,
			),
			ModelsError::TrainingWeightsOverflow,
		);

		let max_attestors: u32 = <Runtime as pallet_models::Config>::MaxAttestors::get();
		for n in [0, 1, max_attestors] {
			ok(apply(
				Charlie,
				pallet_models::Call::set_attestors { model, attestors: distinct_accounts(n) },
			));
		}
		let accounts = |n: u32| -> Vec<sp_runtime::AccountId32> {
			(0..n).map(|i| sp_runtime::AccountId32::new([i as u8 + 1; 32])).collect()
		};
		one_more_does_not_decode(
			pallet_models::Call::<Runtime>::set_attestors {
				model,
				attestors: distinct_accounts(max_attestors),
			},
			accounts(max_attestors).encode(),
			accounts(max_attestors + 1).encode(),
		);

		// Attribution methods: 0, 1 and the most, each id of 0, 1 and 64 bytes; one more
		// method, or a longer id, is refused.
		let max_methods: u32 = <Runtime as pallet_models::Config>::MaxAttributionMethods::get();
		let max_id = openledger_primitives::MAX_METHOD_ID_LEN;
		// (id, parameters hash): encoded as a `Method` is, also when the id is over its bound.
		let methods = |count: u32, len: u32| -> Vec<(Vec<u8>, sp_core::H256)> {
			(0..count)
				.map(|i| {
					let mut id = vec![b'x'; len as usize];
					if let Some(first) = id.first_mut() {
						*first = i as u8;
					}
					(id, sp_core::H256::repeat_byte(7))
				})
				.collect()
		};
		let as_call = |methods: Vec<(Vec<u8>, sp_core::H256)>| {
			pallet_models::Call::<Runtime>::set_attribution_methods {
				model,
				methods: bounded(
					methods
						.into_iter()
						.map(|(id, params_hash)| openledger_primitives::Method {
							id: bounded(id),
							params_hash,
						})
						.collect(),
				),
			}
		};
		let set = |methods: Vec<(Vec<u8>, sp_core::H256)>| apply(Charlie, as_call(methods));
		for count in [0, 1, max_methods] {
			ok(set(methods(count, max_id)));
		}
		ok(set(vec![(vec![], sp_core::H256::zero())]));
		ok(set(methods(1, 1)));
		one_more_does_not_decode(
			as_call(methods(max_methods, 1)),
			methods(max_methods, 1).encode(),
			methods(max_methods + 1, 1).encode(),
		);
		one_more_does_not_decode(
			as_call(methods(1, max_id)),
			methods(1, max_id).encode(),
			methods(1, max_id + 1).encode(),
		);
	});
}

#[test]
fn agent_metadata_models_and_operator_share_at_their_bounds() {
	with_chain(|| {
		let max_models: u32 = <Runtime as pallet_agents::Config>::MaxModelsPerAgent::get();
		let max_metadata: u32 = <Runtime as pallet_agents::Config>::MaxMetadataLen::get();
		for _ in 0..=max_models {
			ok(register_model(Bob, None, 0, 0));
		}
		let max_share = pallet_attribution::Params::<Runtime>::get().max_operator_share;
		let call = |metadata: u32, models: u32, operator_share| {
			pallet_agents::Call::<Runtime>::register_agent {
				metadata: bytes(metadata),
				models: bounded((0..u64::from(models)).collect()),
				operator_share,
			}
		};
		let register = |who, metadata: u32, models: u32, operator_share| {
			apply(who, call(metadata, models, operator_share))
		};
		ok(register(Dave, 0, 0, Perbill::zero()));
		ok(register(Eve, 1, 1, Perbill::from_parts(1)));
		ok(register(Ferdie, max_metadata, max_models, max_share));
		one_more_does_not_decode(
			call(max_metadata, 1, pct(1)),
			vec![b'x'; max_metadata as usize].encode(),
			vec![b'x'; max_metadata as usize + 1].encode(),
		);
		let ids = |n: u32| (0..u64::from(n)).collect::<Vec<_>>();
		one_more_does_not_decode(
			call(0, max_models, pct(1)),
			ids(max_models).encode(),
			ids(max_models + 1).encode(),
		);
		refused(
			register(Charlie, 0, 1, Perbill::from_parts(max_share.deconstruct() + 1)),
			AgentsError::OperatorShareTooHigh,
		);
	});
}

#[test]
fn bonds_fees_and_scores_at_their_bounds() {
	with_chain(|| {
		let min_bond: u128 = <Runtime as pallet_attribution::Config>::MinAttestorBond::get();
		refused(
			apply(Ferdie, pallet_attribution::Call::bond_attestor { amount: 0 }),
			AttributionError::BondTooLow,
		);
		refused(
			apply(Ferdie, pallet_attribution::Call::bond_attestor { amount: min_bond - 1 }),
			AttributionError::BondTooLow,
		);
		ok(apply(Ferdie, pallet_attribution::Call::bond_attestor { amount: min_bond }));

		// A model priced at one OPEN, trained on one dataset, attested by Ferdie; 17 datasets.
		let datasets: Vec<DatasetId> =
			(0..=u64::from(MAX_SCORED_DATASETS)).map(versioned_dataset).collect();
		let model = next_model();
		ok(register_model(Bob, None, 0, 0));
		ok(apply(
			Bob,
			pallet_models::Call::publish_version {
				model,
				artifact_hash: h(0),
				training: bounded(vec![(datasets[0], 1, pct(100))]),
				base_version: None,
			},
		));
		ok(apply(
			Bob,
			pallet_models::Call::set_attestors {
				model,
				attestors: bounded(vec![Ferdie.to_account_id()]),
			},
		));
		let mut n = 0;
		let mut record = |fee: u128, scores: Vec<(DatasetId, Perbill)>| {
			n += 1;
			apply(
				Ferdie,
				pallet_attribution::Call::record_inference {
					model,
					model_version: 1,
					agent: None,
					fee,
					inference_hash: h(n),
					method: Method {
						id: BoundedVec::truncate_from(b"influence/1".to_vec()),
						params_hash: h(0),
					},
					evidence_hash: h(0),
					scores: BoundedVec::truncate_from(scores),
					max_operator_share: Perbill::zero(),
				},
			)
		};
		refused(record(0, vec![]), AttributionError::FeeBelowPrice);
		refused(record(UNIT - 1, vec![]), AttributionError::FeeBelowPrice);
		ok(record(UNIT, vec![]));
		ok(record(UNIT, vec![(datasets[0], pct(100))]));
		let max = MAX_SCORED_DATASETS as usize;
		ok(record(
			UNIT,
			datasets[..max]
				.iter()
				.map(|d| (*d, Perbill::from_rational(1u32, MAX_SCORED_DATASETS)))
				.collect(),
		));
		refused(
			record(
				UNIT,
				vec![(datasets[0], pct(50)), (datasets[1], Perbill::from_parts(500_000_001))],
			),
			AttributionError::ScoresOverflow,
		);

		// Over MAX_SCORED_DATASETS scores, the call does not even decode.
		let call = RuntimeCall::Attribution(pallet_attribution::Call::record_inference {
			model,
			model_version: 1,
			agent: None,
			fee: UNIT,
			inference_hash: h(999),
			method: Method {
				id: BoundedVec::truncate_from(b"influence/1".to_vec()),
				params_hash: h(0),
			},
			evidence_hash: h(0),
			scores: BoundedVec::truncate_from(
				datasets[..max].iter().map(|d| (*d, pct(1))).collect(),
			),
			max_operator_share: Perbill::zero(),
		});
		let encoded = call.encode();
		assert!(RuntimeCall::decode(&mut &encoded[..]).is_ok(), "16 scores decode");
		let too_many: Vec<(DatasetId, Perbill)> = datasets.iter().map(|d| (*d, pct(1))).collect();
		let sixteen: Vec<(DatasetId, Perbill)> =
			datasets[..max].iter().map(|d| (*d, pct(1))).collect();
		let over = replace_once(&encoded, &sixteen.encode(), &too_many.encode());
		assert!(RuntimeCall::decode(&mut &over[..]).is_err(), "17 scores do not decode");

		// A challenge needs at least MinChallengeBond.
		let min_challenge: u128 = <Runtime as pallet_attribution::Config>::MinChallengeBond::get();
		refused(
			apply(Eve, pallet_attribution::Call::challenge { record: 0, bond: min_challenge - 1 }),
			AttributionError::BondTooLow,
		);
		ok(apply(Eve, pallet_attribution::Call::challenge { record: 0, bond: min_challenge }));
	});
}

/// `haystack` with the first occurrence of `needle` replaced by `with`.
fn replace_once(haystack: &[u8], needle: &[u8], with: &[u8]) -> Vec<u8> {
	let at = haystack.windows(needle.len()).position(|w| w == needle).expect("the needle is there");
	[&haystack[..at], with, &haystack[at + needle.len()..]].concat()
}
