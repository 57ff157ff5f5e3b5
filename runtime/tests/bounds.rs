//! Every bound a user can hit, at its edges: signed extrinsics at 0, 1, max and max + 1 of
//! every bounded list, byte string and numeric limit of our pallets, applied through the
//! executive of the real runtime. At or under a bound a call is accepted (or fails for another
//! reason, never the bound); over it, it is refused with the pallet's named error. Lists that
//! are bounded in the call's type itself (`scores`, a method id) cannot even be decoded over
//! their bound: the node refuses such an extrinsic before it reaches a pallet.

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

fn bytes(len: u32) -> Vec<u8> {
	vec![b'x'; len as usize]
}

/// `n` distinct accounts (n < 256).
fn distinct_accounts(n: u32) -> Vec<sp_runtime::AccountId32> {
	(0..n).map(|i| sp_runtime::AccountId32::new([i as u8 + 1; 32])).collect()
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

fn create_dataset(owner: Sr25519Keyring, metadata: Vec<u8>, license: Vec<u8>) -> DispatchResult {
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
	ok(create_dataset(Alice, vec![], vec![]));
	let contribution = pallet_datasets::NextContributionId::<Runtime>::get();
	ok(apply(
		Bob,
		pallet_datasets::Call::submit_contribution {
			dataset: id,
			content_hash: h(1_000_000 + n),
			metadata: vec![],
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
			ok(create_dataset(Alice, bytes(len), vec![]));
		}
		refused(
			create_dataset(Alice, bytes(max_metadata + 1), vec![]),
			DatasetsError::MetadataTooLong,
		);
		for len in [0, 1, max_license] {
			ok(create_dataset(Alice, vec![], bytes(len)));
		}
		refused(
			create_dataset(Alice, vec![], bytes(max_license + 1)),
			DatasetsError::LicenseTooLong,
		);
		ok(apply(
			Alice,
			pallet_datasets::Call::update_metadata {
				dataset: 0,
				metadata: bytes(max_metadata),
				license: bytes(max_license),
			},
		));
		refused(
			apply(
				Alice,
				pallet_datasets::Call::update_metadata {
					dataset: 0,
					metadata: bytes(max_metadata + 1),
					license: vec![],
				},
			),
			DatasetsError::MetadataTooLong,
		);

		let max_curators: u32 = <Runtime as pallet_datasets::Config>::MaxCurators::get();
		for n in [0, 1, max_curators] {
			ok(apply(
				Alice,
				pallet_datasets::Call::set_curators { dataset: 0, curators: distinct_accounts(n) },
			));
		}
		refused(
			apply(
				Alice,
				pallet_datasets::Call::set_curators {
					dataset: 0,
					curators: distinct_accounts(max_curators + 1),
				},
			),
			DatasetsError::TooManyCurators,
		);
	});
}

#[test]
fn contributions_shares_and_claims_at_their_bounds() {
	with_chain(|| {
		ok(create_dataset(Alice, vec![], vec![]));
		let max_metadata: u32 = DatasetsConfig::get();
		let submit = |who, n: u64, len: u32| {
			apply(
				who,
				pallet_datasets::Call::submit_contribution {
					dataset: 0,
					content_hash: h(n),
					metadata: bytes(len),
				},
			)
		};
		for (n, len) in [(0, 0), (1, 1), (2, max_metadata)] {
			ok(submit(Bob, n, len));
		}
		refused(submit(Bob, 3, max_metadata + 1), DatasetsError::MetadataTooLong);

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
		let claim = |n: u32| {
			apply(
				Bob,
				pallet_datasets::Call::claim_rewards { contributions: (0..u64::from(n)).collect() },
			)
		};
		for n in [0, 1, max_claim] {
			refused(claim(n), DatasetsError::NothingToClaim);
		}
		refused(claim(max_claim + 1), DatasetsError::TooManyToClaim);
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
		refused(register_model(Bob, None, max_metadata + 1, 0), ModelsError::MetadataTooLong);
		refused(register_model(Bob, None, 0, max_license + 1), ModelsError::LicenseTooLong);

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
		let publish = |sets: &[DatasetId], weight: Perbill, n: u64| {
			apply(
				Charlie,
				pallet_models::Call::publish_version {
					model,
					artifact_hash: h(n),
					training: sets.iter().map(|d| (*d, 1, weight)).collect(),
				},
			)
		};
		let max = MAX_TRAINING_SETS as usize;
		ok(publish(&[], pct(0), 0));
		ok(publish(&datasets[..1], pct(100), 1));
		ok(publish(&datasets[..max], Perbill::from_rational(1u32, MAX_TRAINING_SETS), 2));
		refused(publish(&datasets[..max + 1], pct(1), 3), ModelsError::TooManyTrainingSets);
		refused(
			apply(
				Charlie,
				pallet_models::Call::publish_version {
					model,
					artifact_hash: h(4),
					training: vec![
						(datasets[0], 1, pct(60)),
						(datasets[1], 1, Perbill::from_parts(400_000_001)),
					],
				},
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
		refused(
			apply(
				Charlie,
				pallet_models::Call::set_attestors {
					model,
					attestors: distinct_accounts(max_attestors + 1),
				},
			),
			ModelsError::TooManyAttestors,
		);

		// Attribution methods: 0, 1 and the most, each id of 0, 1 and 64 bytes; one more
		// method, or a longer id, is refused.
		let max_methods: u32 = <Runtime as pallet_models::Config>::MaxAttributionMethods::get();
		let max_id = openledger_primitives::MAX_METHOD_ID_LEN;
		let methods = |count: u32, len: u32| -> Vec<Vec<u8>> {
			(0..count)
				.map(|i| {
					let mut id = bytes(len);
					if let Some(first) = id.first_mut() {
						*first = i as u8;
					}
					id
				})
				.collect()
		};
		let set = |methods: Vec<Vec<u8>>| {
			apply(Charlie, pallet_models::Call::set_attribution_methods { model, methods })
		};
		for count in [0, 1, max_methods] {
			ok(set(methods(count, max_id)));
		}
		ok(set(vec![vec![]]));
		ok(set(methods(1, 1)));
		refused(set(methods(max_methods + 1, 1)), ModelsError::TooManyMethods);
		refused(set(methods(1, max_id + 1)), ModelsError::MethodIdTooLong);
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
		let register = |who, metadata: u32, models: u32, operator_share| {
			apply(
				who,
				pallet_agents::Call::register_agent {
					metadata: bytes(metadata),
					models: (0..u64::from(models)).collect(),
					operator_share,
				},
			)
		};
		ok(register(Dave, 0, 0, Perbill::zero()));
		ok(register(Eve, 1, 1, Perbill::from_parts(1)));
		ok(register(Ferdie, max_metadata, max_models, max_share));
		refused(register(Charlie, max_metadata + 1, 1, pct(1)), AgentsError::MetadataTooLong);
		refused(register(Charlie, 0, max_models + 1, pct(1)), AgentsError::TooManyModels);
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
				training: vec![(datasets[0], 1, pct(100))],
			},
		));
		ok(apply(
			Bob,
			pallet_models::Call::set_attestors { model, attestors: vec![Ferdie.to_account_id()] },
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
