//! What every call of our pallets charges a signer, in `OPEN`, at its usual and its worst
//! case: the fee withdrawn before it runs (which the signer must hold free) and, for calls that
//! return the weight they used, what it costs after the refund. Computed from the real
//! runtime's weights and fee parameters (a signed transaction's length included, no tip,
//! the fee multiplier at its floor), and kept in docs/performance.md: this test fails when
//! the page is stale (`OPENLEDGER_WRITE_FEES=1` rewrites it).
//!
//! It also computes what a validator earns from a block of transfers, kept in
//! docs/validator.md the same way.
//!
//! It also holds the line the threat model draws: no call's worst case is far above its
//! usual case unless the signer chooses it (a length or a witness it passes).

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use codec::Encode;
use common::{chain_from_preset, signed};
use frame_support::{
	dispatch::{GetDispatchInfo, PostDispatchInfo},
	traits::Get,
	weights::Weight,
	BoundedVec,
};
use openledger_primitives::{token::UNIT, Balance, SplitPolicy};
use openledger_runtime::{Runtime, RuntimeCall, TransactionPayment};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::*;
use sp_runtime::{AccountId32, Perbill};

type D = Runtime;

/// A call at its usual and its worst, and, when it returns the weight it used, that weight in
/// the usual case.
struct Row {
	call: &'static str,
	usual: (&'static str, RuntimeCall),
	worst: (&'static str, RuntimeCall),
	usual_used: Option<Weight>,
	/// Whether the signer chooses the worst case (a longer list, a larger witness).
	signer_chooses: bool,
}

fn bytes<S: Get<u32>>(n: u32) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(vec![b'x'; n as usize])
}

fn accounts<S: Get<u32>>(n: u32) -> BoundedVec<AccountId32, S> {
	BoundedVec::truncate_from((0..n).map(|i| AccountId32::new([i as u8 + 1; 32])).collect())
}

fn ids<S: Get<u32>>(n: u32) -> BoundedVec<u64, S> {
	BoundedVec::truncate_from((0..u64::from(n)).collect())
}

fn pct(p: u32) -> Perbill {
	Perbill::from_percent(p)
}

fn rows() -> Vec<Row> {
	use pallet_attribution::WeightInfo as _;
	use pallet_datasets::WeightInfo as _;
	type DatasetsW = <D as pallet_datasets::Config>::WeightInfo;
	type AttributionW = <D as pallet_attribution::Config>::WeightInfo;
	let policy = pallet_datasets::Policy { min_bond: UNIT, open: true };
	let dataset = |m, l| -> RuntimeCall {
		pallet_datasets::Call::<D>::create_dataset { metadata: bytes(m), license: bytes(l), policy }
			.into()
	};
	let curators = |n| -> RuntimeCall {
		pallet_datasets::Call::<D>::set_curators { dataset: 0, curators: accounts(n) }.into()
	};
	let submit = |m| -> RuntimeCall {
		pallet_datasets::Call::<D>::submit_contribution {
			dataset: 0,
			content_hash: H256::repeat_byte(1),
			metadata: bytes(m),
			max_bond: UNIT,
		}
		.into()
	};
	let claim = |n| -> RuntimeCall {
		pallet_datasets::Call::<D>::claim_rewards { contributions: ids(n) }.into()
	};
	let claim_all =
		|n| -> RuntimeCall { pallet_datasets::Call::<D>::claim_all { contributions: n }.into() };
	let register_model = |m, l| -> RuntimeCall {
		pallet_models::Call::<D>::register_model {
			metadata: bytes(m),
			license: bytes(l),
			base_model: None,
			royalty: pct(5),
			price: UNIT,
			split_policy: SplitPolicy { model_share: pct(40) },
		}
		.into()
	};
	let publish = |n: u32| -> RuntimeCall {
		pallet_models::Call::<D>::publish_version {
			model: 0,
			artifact_hash: H256::zero(),
			training: BoundedVec::truncate_from(
				(0..u64::from(n)).map(|d| (d, 1, Perbill::from_rational(1, n.max(1)))).collect(),
			),
			base_version: None,
		}
		.into()
	};
	let attestors = |n| -> RuntimeCall {
		pallet_models::Call::<D>::set_attestors { model: 0, attestors: accounts(n) }.into()
	};
	let methods = |n: u32| -> RuntimeCall {
		pallet_models::Call::<D>::set_attribution_methods {
			model: 0,
			methods: BoundedVec::truncate_from(
				(0..n)
					.map(|i| openledger_primitives::Method {
						id: BoundedVec::truncate_from(vec![i as u8; 64]),
						params_hash: Default::default(),
					})
					.collect(),
			),
		}
		.into()
	};
	let agent = |m, n| -> RuntimeCall {
		pallet_agents::Call::<D>::register_agent {
			metadata: bytes(m),
			models: ids(n),
			operator_share: pct(10),
		}
		.into()
	};
	let set_models = |n| -> RuntimeCall {
		pallet_agents::Call::<D>::set_models { agent: 0, models: ids(n) }.into()
	};
	let record = |s: u32| -> RuntimeCall {
		pallet_attribution::Call::<D>::record_inference {
			model: 0,
			model_version: 1,
			agent: Some(0),
			fee: UNIT,
			inference_hash: H256::repeat_byte(2),
			method: pallet_attribution::Method {
				id: BoundedVec::truncate_from(b"span-match/1".to_vec()),
				params_hash: H256::zero(),
			},
			evidence_hash: H256::zero(),
			scores: BoundedVec::truncate_from(
				(0..u64::from(s)).map(|d| (d, Perbill::from_rational(1, s.max(1)))).collect(),
			),
			max_operator_share: pct(10),
		}
		.into()
	};
	let max_curators: u32 = <D as pallet_datasets::Config>::MaxCurators::get();
	let max_claim: u32 = <D as pallet_datasets::Config>::MaxClaimBatch::get();
	let max_contributions: u32 = <D as pallet_datasets::Config>::MaxContributionsPerAccount::get();
	let max_training: u32 = <D as pallet_models::Config>::MaxTrainingSets::get();
	let max_attestors: u32 = <D as pallet_models::Config>::MaxAttestors::get();
	let max_methods: u32 = <D as pallet_models::Config>::MaxAttributionMethods::get();
	let max_models: u32 = <D as pallet_agents::Config>::MaxModelsPerAgent::get();
	let max_scores: u32 = <D as pallet_attribution::Config>::MaxScoredDatasets::get();
	let review = |verdict| -> RuntimeCall {
		pallet_datasets::Call::<D>::review_contribution { contribution: 0, verdict }.into()
	};
	let same = |call: &'static str, c: RuntimeCall| Row {
		call,
		usual: ("", c.clone()),
		worst: ("", c),
		usual_used: None,
		signer_chooses: false,
	};
	vec![
		Row {
			call: "datasets.createDataset",
			usual: ("40-byte metadata", dataset(40, 9)),
			worst: ("512-byte metadata, 64-byte license", dataset(512, 64)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "datasets.setCurators",
			usual: ("2 curators", curators(2)),
			worst: ("16 curators", curators(max_curators)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "datasets.submitContribution",
			usual: ("40-byte metadata", submit(40)),
			worst: ("512-byte metadata", submit(512)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "datasets.reviewContribution",
			usual: ("accept", review(pallet_datasets::Verdict::Accept { shares: 1 })),
			worst: ("reject", review(pallet_datasets::Verdict::Reject { slash: pct(50) })),
			usual_used: Some(DatasetsW::accept_contribution()),
			signer_chooses: true,
		},
		Row {
			call: "datasets.claimRewards",
			usual: ("1 contribution", claim(1)),
			worst: ("64 contributions", claim(max_claim)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "datasets.claimAll",
			usual: ("an account of 3 contributions, saying 3", claim_all(3)),
			worst: ("saying 512 (or more)", claim_all(max_contributions)),
			usual_used: None,
			signer_chooses: true,
		},
		same(
			"datasets.withdrawContribution",
			pallet_datasets::Call::<D>::withdraw_contribution { contribution: 0 }.into(),
		),
		same(
			"datasets.publishVersion",
			pallet_datasets::Call::<D>::publish_version { dataset: 0 }.into(),
		),
		same(
			"datasets.setAllowed",
			pallet_datasets::Call::<D>::set_allowed {
				dataset: 0,
				account: Bob.to_account_id(),
				allowed: true,
			}
			.into(),
		),
		same(
			"datasets.acceptOwnership",
			pallet_datasets::Call::<D>::accept_ownership { dataset: 0 }.into(),
		),
		same("datasets.retire", pallet_datasets::Call::<D>::retire { dataset: 0 }.into()),
		Row {
			call: "datasets.listContribution",
			usual: (
				"to anyone",
				pallet_datasets::Call::<D>::list_contribution {
					contribution: 0,
					price: UNIT,
					buyer: None,
				}
				.into(),
			),
			worst: (
				"to one buyer",
				pallet_datasets::Call::<D>::list_contribution {
					contribution: 0,
					price: UNIT,
					buyer: Some(Bob.to_account_id()),
				}
				.into(),
			),
			usual_used: None,
			signer_chooses: true,
		},
		same(
			"datasets.buyContribution",
			pallet_datasets::Call::<D>::buy_contribution { contribution: 0, max_price: UNIT }
				.into(),
		),
		Row {
			call: "models.registerModel",
			usual: ("40-byte metadata", register_model(40, 10)),
			worst: ("512-byte metadata, 64-byte license", register_model(512, 64)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "models.publishVersion",
			usual: ("2 training sets", publish(2)),
			worst: ("8 training sets", publish(max_training)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "models.setAttestors",
			usual: ("1 attestor", attestors(1)),
			worst: ("16 attestors", attestors(max_attestors)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "models.setAttributionMethods",
			usual: ("1 method", methods(1)),
			worst: ("8 methods of 64 bytes", methods(max_methods)),
			usual_used: None,
			signer_chooses: true,
		},
		same(
			"models.setPrice",
			pallet_models::Call::<D>::set_price { model: 0, price: UNIT }.into(),
		),
		same(
			"models.acceptOwnership",
			pallet_models::Call::<D>::accept_ownership { model: 0, max_deposit: 200 * UNIT }.into(),
		),
		Row {
			call: "agents.registerAgent",
			usual: ("1 model", agent(40, 1)),
			worst: ("16 models, 512-byte metadata", agent(512, max_models)),
			usual_used: None,
			signer_chooses: true,
		},
		Row {
			call: "agents.setModels",
			usual: ("1 model", set_models(1)),
			worst: ("16 models", set_models(max_models)),
			usual_used: None,
			signer_chooses: true,
		},
		same("agents.pause", pallet_agents::Call::<D>::pause { agent: 0 }.into()),
		same("agents.withdrawStake", pallet_agents::Call::<D>::withdraw_stake { agent: 0 }.into()),
		same(
			"attribution.bondAttestor",
			pallet_attribution::Call::<D>::bond_attestor { amount: 1_000 * UNIT }.into(),
		),
		Row {
			call: "attribution.recordInference",
			usual: ("2 scores; a lineage of 1, 1 training set (after the refund)", record(2)),
			worst: ("16 scores", record(max_scores)),
			usual_used: Some(AttributionW::record_inference(2, 1, 1)),
			signer_chooses: true,
		},
		same(
			"attribution.challenge",
			pallet_attribution::Call::<D>::challenge { record: 0, bond: 10 * UNIT }.into(),
		),
		same(
			"validatorSet.registerCandidate",
			pallet_validator_set::Call::<D>::register_candidate { bond: 10_000 * UNIT }.into(),
		),
	]
}

/// The fee of `call` signed by Alice, before it runs and, with `used`, after the refund.
fn fees(call: &RuntimeCall, used: Option<Weight>) -> (Balance, Balance) {
	let xt = signed(call.clone(), Alice);
	let len = xt.encoded_size() as u32;
	let info = xt.get_dispatch_info();
	let charged = TransactionPayment::compute_fee(len, &info, 0);
	let after = match used {
		None => charged,
		Some(weight) => {
			let post = PostDispatchInfo { actual_weight: Some(weight), pays_fee: info.pays_fee };
			TransactionPayment::compute_actual_fee(len, &info, &post, 0)
		},
	};
	(charged, after)
}

/// `amount` in `OPEN`, to four decimals.
fn open(amount: Balance) -> String {
	let tenth_thousandths = (amount + UNIT / 20_000) / (UNIT / 10_000);
	format!("{}.{:04}", tenth_thousandths / 10_000, tenth_thousandths % 10_000)
}

/// The table docs/performance.md holds between its `fees` markers.
fn table() -> String {
	let mut out = String::from(
		"| call | usual case | charged before it runs (after) | worst case | charged before it runs |\n|---|---|---|---|---|\n",
	);
	for row in rows() {
		let (usual, usual_after) = fees(&row.usual.1, row.usual_used);
		let (worst, _) = fees(&row.worst.1, None);
		let after =
			if usual_after == usual { String::new() } else { format!(" ({})", open(usual_after)) };
		let (usual_case, worst_case) = if row.usual.0.is_empty() {
			("any".to_string(), "the same".to_string())
		} else {
			(row.usual.0.to_string(), row.worst.0.to_string())
		};
		out.push_str(&format!(
			"| `{}` | {usual_case} | {}{after} | {worst_case} | {} |\n",
			row.call,
			open(usual),
			open(worst)
		));
		// The line the threat model draws: what a signer does not choose is not far above
		// what it usually pays.
		if !row.signer_chooses {
			assert!(worst <= usual * 2, "{}: {worst} against {usual}", row.call);
		}
		// And what it chooses is charged before, refunded after: never more than 3x the usual
		// case's actual fee before it runs (so an account that can pay can also be charged).
		assert!(usual <= usual_after * 3, "{}: charged {usual}, costs {usual_after}", row.call);
	}
	out
}

/// `amount` in `OPEN`, every digit (trailing zeros dropped).
fn exact(amount: Balance) -> String {
	let fraction = format!("{:018}", amount % UNIT);
	let fraction = fraction.trim_end_matches('0');
	if fraction.is_empty() {
		format!("{}", amount / UNIT)
	} else {
		format!("{}.{fraction}", amount / UNIT)
	}
}

/// The table docs/validator.md holds between its `validator-fees` markers: what the author of
/// a block of transfers earns, from the runtime's weights, fee parameters and genesis share.
fn validator_table() -> String {
	use frame_support::dispatch::DispatchClass;
	let transfer: RuntimeCall = pallet_balances::Call::<D>::transfer_keep_alive {
		dest: Bob.to_account_id().into(),
		value: UNIT,
	}
	.into();
	let (fee, _) = fees(&transfer, None);
	let share = pallet_validator_set::AuthorFeeShare::<D>::get();
	// The author's part is rounded down (`DealWithFees`); the treasury gets the odd unit.
	let author = share.mul_floor(fee);
	let xt = signed(transfer, Alice);
	let weight = xt.get_dispatch_info().total_weight().saturating_add(
		<D as frame_system::Config>::BlockWeights::get().get(DispatchClass::Normal).base_extrinsic,
	);
	let normal = <D as frame_system::Config>::BlockWeights::get()
		.get(DispatchClass::Normal)
		.max_total
		.expect("the normal class has a limit");
	let by_weight = normal.ref_time() / weight.ref_time();
	let by_length =
		u64::from(*<D as frame_system::Config>::BlockLength::get().max.get(DispatchClass::Normal))
			/ xt.encoded_size() as u64;
	let count = by_weight.min(by_length);
	let block = author * Balance::from(count);
	let hundredths = (block + UNIT / 200) / (UNIT / 100);
	format!(
		"| | OPEN |\n|---|---|\n\
		 | fee of a `balances.transferKeepAlive` of 1 OPEN (weight and length, no tip) | {} |\n\
		 | the author's {}% of it (rounded down) | {} |\n\
		 | transfers that fit a block (the normal class's 75% of the block weight; {} by length) | {count} |\n\
		 | the author's part of a full block of transfers | {}.{:02} |\n",
		exact(fee),
		share.deconstruct() / 10_000_000,
		exact(author),
		by_length,
		hundredths / 100,
		hundredths % 100,
	)
}

/// Checks that the part of `page` (under docs/) between `<!-- {marker}:begin -->` and
/// `<!-- {marker}:end -->` is `table`, or rewrites it with `OPENLEDGER_WRITE_FEES` set.
fn check_page(page: &str, marker: &str, table: &str) {
	let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs").join(page);
	let text = std::fs::read_to_string(&path).expect("the page");
	let (begin, end) = (format!("<!-- {marker}:begin -->\n"), format!("<!-- {marker}:end -->"));
	let start = text.find(&begin).expect("the page has the begin marker") + begin.len();
	let stop = text[start..].find(&end).expect("the end marker") + start;
	if std::env::var("OPENLEDGER_WRITE_FEES").is_ok() {
		let text = format!("{}{table}{}", &text[..start], &text[stop..]);
		std::fs::write(&path, text).expect("the page written");
		return;
	}
	assert_eq!(
		text[start..stop],
		*table,
		"docs/{page}'s {marker} table is stale: rerun this test with OPENLEDGER_WRITE_FEES=1"
	);
}

#[test]
fn every_calls_fee_at_its_usual_and_worst_case_is_the_one_docs_performance_shows() {
	chain_from_preset("development").execute_with(|| {
		check_page("performance.md", "fees", &table());
	});
}

#[test]
fn what_a_validator_earns_from_a_block_of_transfers_is_what_docs_validator_shows() {
	chain_from_preset("development").execute_with(|| {
		check_page("validator.md", "validator-fees", &validator_table());
	});
}
