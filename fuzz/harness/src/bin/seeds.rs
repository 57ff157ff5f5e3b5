//! Writes the seed corpus of the fuzzer: the end-to-end journey's calls, as the harness reads
//! them, and a few random mixes. `openledger-fuzz-seeds <directory>`.

use openledger_fuzz::{encode_ops, random_input, Action, Op, ROOT};
use openledger_primitives::{token::UNIT, SplitPolicy};
use openledger_runtime::RuntimeCall;
use sp_core::H256;
use sp_runtime::Perbill;

fn op(origin: u8, call: RuntimeCall) -> Op {
	Op::call(origin, 0, call)
}

fn journey() -> Vec<Op> {
	let (alice, bob, charlie, dave, eve, ferdie) = (0, 1, 2, 3, 4, 5);
	let p = Perbill::from_percent;
	vec![
		op(
			alice,
			RuntimeCall::Datasets(pallet_datasets::Call::create_dataset {
				metadata: b"ipfs://j".to_vec().try_into().unwrap_or_default(),
				license: b"MIT".to_vec().try_into().unwrap_or_default(),
				policy: pallet_datasets::Policy { min_bond: UNIT, open: true },
			}),
		),
		op(
			bob,
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: 1,
				content_hash: H256::repeat_byte(0x21),
				metadata: Default::default(),
				max_bond: u128::MAX,
			}),
		),
		op(
			charlie,
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: 1,
				content_hash: H256::repeat_byte(0x22),
				metadata: Default::default(),
				max_bond: u128::MAX,
			}),
		),
		op(
			dave,
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: 1,
				content_hash: H256::repeat_byte(0x23),
				metadata: Default::default(),
				max_bond: u128::MAX,
			}),
		),
		op(
			alice,
			RuntimeCall::Datasets(pallet_datasets::Call::review_contribution {
				contribution: 2,
				verdict: pallet_datasets::Verdict::Accept { shares: 1 },
			}),
		),
		op(
			alice,
			RuntimeCall::Datasets(pallet_datasets::Call::review_contribution {
				contribution: 3,
				verdict: pallet_datasets::Verdict::Accept { shares: 3 },
			}),
		),
		op(
			alice,
			RuntimeCall::Datasets(pallet_datasets::Call::review_contribution {
				contribution: 4,
				verdict: pallet_datasets::Verdict::Reject { slash: p(50) },
			}),
		),
		Op {
			advance: 1,
			..op(
				alice,
				RuntimeCall::Datasets(pallet_datasets::Call::publish_version { dataset: 1 }),
			)
		},
		op(
			dave,
			RuntimeCall::Models(pallet_models::Call::register_model {
				metadata: Default::default(),
				license: Default::default(),
				base_model: None,
				royalty: p(10),
				price: 0,
				split_policy: SplitPolicy { model_share: p(40) },
			}),
		),
		op(
			eve,
			RuntimeCall::Models(pallet_models::Call::register_model {
				metadata: Default::default(),
				license: Default::default(),
				base_model: Some(2),
				royalty: p(5),
				price: UNIT,
				split_policy: SplitPolicy { model_share: p(40) },
			}),
		),
		op(
			eve,
			RuntimeCall::Models(pallet_models::Call::publish_version {
				model: 3,
				artifact_hash: H256::zero(),
				training: vec![(1, 1, p(60))].try_into().unwrap_or_default(),
				base_version: None,
			}),
		),
		op(
			eve,
			RuntimeCall::Models(pallet_models::Call::set_attestors {
				model: 3,
				attestors: vec![sp_keyring::Sr25519Keyring::Ferdie.to_account_id()]
					.try_into()
					.unwrap_or_default(),
			}),
		),
		op(
			dave,
			RuntimeCall::Agents(pallet_agents::Call::register_agent {
				metadata: Default::default(),
				models: vec![3].try_into().unwrap_or_default(),
				operator_share: p(10),
			}),
		),
		Op {
			advance: 1,
			..op(
				ferdie,
				RuntimeCall::Attribution(pallet_attribution::Call::record_inference {
					model: 3,
					model_version: 1,
					agent: Some(1),
					fee: 10 * UNIT,
					inference_hash: H256::repeat_byte(0x31),
					method: Default::default(),
					evidence_hash: H256::zero(),
					scores: vec![(1, p(50))].try_into().unwrap_or_default(),
					max_operator_share: p(100),
				}),
			)
		},
		op(
			ferdie,
			RuntimeCall::Attribution(pallet_attribution::Call::record_inference {
				model: 3,
				model_version: 1,
				agent: None,
				fee: 3 * UNIT + 1,
				inference_hash: H256::repeat_byte(0x32),
				method: Default::default(),
				evidence_hash: H256::zero(),
				scores: vec![(1, Perbill::from_parts(333_333_333))].try_into().unwrap_or_default(),
				max_operator_share: p(100),
			}),
		),
		op(bob, RuntimeCall::Datasets(pallet_datasets::Call::claim_all { contributions: 8 })),
		op(
			charlie,
			RuntimeCall::Datasets(pallet_datasets::Call::claim_rewards {
				contributions: vec![3].try_into().unwrap_or_default(),
			}),
		),
		op(bob, RuntimeCall::Datasets(pallet_datasets::Call::claim_all { contributions: 8 })),
		op(
			dave,
			RuntimeCall::Attribution(pallet_attribution::Call::challenge {
				record: 1,
				bond: 10 * UNIT,
			}),
		),
		op(
			ROOT,
			RuntimeCall::Attribution(pallet_attribution::Call::resolve_challenge {
				record: 1,
				upheld: true,
			}),
		),
	]
}

fn main() {
	let dir = std::env::args().nth(1).unwrap_or_else(|| "fuzz/libfuzzer/corpus/runtime".into());
	std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{dir}: {e}"));
	let mut seeds = vec![("journey".to_string(), encode_ops(&journey()))];
	for seed in 0..8 {
		seeds.push((format!("random-{seed}"), random_input(seed, 24)));
	}
	// Every list at its bound and just over it, then far over it; donations to every account
	// the pallets keep funds in: the structured ops, for the fuzzer to mutate.
	let mut edges = Vec::new();
	for (which, list) in openledger_fuzz::structured::LISTS.iter().enumerate() {
		let bound = (list.bound)();
		for length in [bound, bound + 1, u32::MAX] {
			edges.push(Op {
				origin: 0,
				advance: 0,
				action: Action::Oversized { which: which as u8, length },
			});
		}
	}
	for to in 0..10 {
		edges.push(Op { origin: 0, advance: 1, action: Action::Donate { to, amount: 1 } });
		edges.push(Op { origin: 0, advance: 1, action: Action::Donate { to, amount: 12_345 } });
	}
	seeds.push(("edges".to_string(), encode_ops(&edges)));
	for (name, data) in seeds {
		let path = format!("{dir}/{name}");
		std::fs::write(&path, &data).unwrap_or_else(|e| panic!("{path}: {e}"));
		println!("{path}: {} bytes", data.len());
	}
}
