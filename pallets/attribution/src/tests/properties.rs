//! Property test: random fees (up to u128 scale), parameters, lineages, pools, training sets,
//! agents and scores. For every record: no panic; the split sums to the fee; each party's part
//! equals an independent reference computation written here with 256-bit integers; each
//! party's balance moved by exactly its part; total issuance is unchanged; and the invariants
//! of all four pallets hold.

use super::*;
use crate::{Records, SplitParams};
use frame_support::traits::fungible::Mutate;
use proptest::prelude::*;
use sp_core::U256;
use std::collections::BTreeMap;

const BILLION: u32 = 1_000_000_000;

/// `floor(x × parts / 10⁹)`, computed without Perbill.
fn part(x: u128, parts: u32) -> u128 {
	let value = U256::from(x) * U256::from(parts) / U256::from(BILLION);
	value.as_u128()
}

#[derive(Clone, Debug)]
struct Case {
	protocol: u32,
	max_operator: u32,
	max_model: u32,
	min_data: u32,
	/// Shares of each contributor of each dataset (an empty pool pays its owner).
	pools: Vec<Vec<u64>>,
	/// Royalty of each model from the root down; the last one answers.
	royalties: Vec<u32>,
	model_share: u32,
	/// (dataset index, weight) of the training sets, weights in parts per billion.
	training: Vec<(usize, u32)>,
	operator_share: Option<u32>,
	/// (dataset index, score).
	scores: Vec<(usize, u32)>,
	fee: u128,
}

/// Splits `budget` parts per billion at random into `n` parts whose sum is at most `budget`.
fn parts_within(n: usize, budget: u32) -> impl Strategy<Value = Vec<u32>> {
	prop::collection::vec(0..=1_000u32, n).prop_map(move |raw| {
		let total: u64 = raw.iter().map(|r| u64::from(*r)).sum::<u64>().max(1_000);
		raw.iter().map(|r| (u64::from(*r) * u64::from(budget) / total) as u32).collect()
	})
}

fn case() -> impl Strategy<Value = Case> {
	(
		parts_within(4, BILLION),
		prop::collection::vec(prop::collection::vec(1..1_000_000u64, 0..4), 1..5),
		prop::collection::vec(0..=BILLION, 1..=(MAX_DEPTH as usize + 1)),
		any::<u32>(),
		any::<Option<u32>>(),
		prop_oneof![Just(0u128), 0..1_000u128, 0..u128::MAX / 8],
		any::<u64>(),
	)
		.prop_flat_map(|(bounds, pools, royalties, model_pick, operator_pick, fee, seed)| {
			let datasets = pools.len();
			let published: Vec<usize> = (0..datasets).filter(|d| !pools[*d].is_empty()).collect();
			let training_count = published.len().min(4);
			(
				Just((bounds, pools, royalties, model_pick, operator_pick, fee, seed, published)),
				parts_within(training_count, BILLION),
				prop::collection::vec(any::<bool>(), datasets),
				parts_within(datasets, BILLION),
			)
		})
		.prop_map(
			|(
				(bounds, pools, royalties, model_pick, operator_pick, fee, seed, published),
				weights,
				scored,
				score_parts,
			)| {
				let [protocol, max_operator, max_model, min_data] =
					[bounds[0], bounds[1], bounds[2], bounds[3]];
				let training = published.iter().zip(weights).map(|(d, w)| (*d, w)).collect();
				let scores = (0..pools.len())
					.filter(|d| scored[*d] || seed % 7 == 0)
					.map(|d| (d, score_parts[d]))
					.collect();
				Case {
					protocol,
					max_operator,
					max_model,
					min_data,
					model_share: if max_model == 0 { 0 } else { model_pick % (max_model + 1) },
					operator_share: operator_pick.map(|o| {
						if max_operator == 0 {
							0
						} else {
							o % (max_operator + 1)
						}
					}),
					pools,
					royalties,
					training,
					scores,
					fee,
				}
			},
		)
}

/// Builds the world of `case`; returns the model, its agent and the dataset ids.
fn build(case: &Case) -> (ModelId, Option<AgentId>, Vec<DatasetId>) {
	let params = SplitParams {
		protocol_share: Perbill::from_parts(case.protocol),
		min_data_share: Perbill::from_parts(case.min_data),
		max_model_share: Perbill::from_parts(case.max_model),
		max_operator_share: Perbill::from_parts(case.max_operator),
	};
	assert_ok!(Attribution::set_params(RuntimeOrigin::root(), params));
	let mut datasets = Vec::new();
	let mut content = 0u64;
	for pool in &case.pools {
		assert_ok!(Datasets::create_dataset(
			RuntimeOrigin::signed(CURATOR),
			bounded(vec![]),
			bounded(vec![]),
			pallet_datasets::Policy { min_bond: 0, open: true }
		));
		let dataset = pallet_datasets::NextDatasetId::<Test>::get() - 1;
		for (i, shares) in pool.iter().enumerate() {
			let who = 500 + i as u64;
			let _ = Balances::set_balance(&who, ENDOWMENT);
			content += 1;
			assert_ok!(Datasets::submit_contribution(
				RuntimeOrigin::signed(who),
				dataset,
				H256::from_low_u64_be(content),
				bounded(vec![]),
				Balance::MAX
			));
			let c = pallet_datasets::NextContributionId::<Test>::get() - 1;
			assert_ok!(Datasets::review_contribution(
				RuntimeOrigin::signed(CURATOR),
				c,
				pallet_datasets::Verdict::Accept { shares: *shares }
			));
		}
		if !pool.is_empty() {
			assert_ok!(Datasets::publish_version(RuntimeOrigin::signed(CURATOR), dataset));
		}
		datasets.push(dataset);
	}
	let mut base = None;
	for (level, royalty) in case.royalties.iter().enumerate() {
		let owner = 200 + level as u64;
		let _ = Balances::set_balance(&owner, ENDOWMENT);
		let last = level + 1 == case.royalties.len();
		assert_ok!(Models::register_model(
			RuntimeOrigin::signed(owner),
			bounded(vec![]),
			bounded(vec![]),
			base,
			Perbill::from_parts(*royalty),
			0,
			SplitPolicy {
				model_share: Perbill::from_parts(if last { case.model_share } else { 0 })
			}
		));
		base = Some(pallet_models::NextModelId::<Test>::get() - 1);
	}
	let model = base.expect("at least one model");
	let owner = 200 + case.royalties.len() as u64 - 1;
	let training: Vec<_> =
		case.training.iter().map(|(d, w)| (datasets[*d], 1, Perbill::from_parts(*w))).collect();
	assert_ok!(Models::publish_version(
		RuntimeOrigin::signed(owner),
		model,
		H256::zero(),
		bounded(training),
		None
	));
	assert_ok!(Models::set_attestors(RuntimeOrigin::signed(owner), model, bounded(vec![ATTESTOR])));
	let agent = case.operator_share.map(|share| {
		assert_ok!(Agents::register_agent(
			RuntimeOrigin::signed(OPERATOR),
			bounded(vec![]),
			bounded(vec![model]),
			Perbill::from_parts(share)
		));
		pallet_agents::NextAgentId::<Test>::get() - 1
	});
	let _ = Balances::set_balance(&ATTESTOR, u128::MAX / 4);
	assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), MIN_BOND));
	(model, agent, datasets)
}

/// The expected payment of every account, computed from the rules in docs/attribution.md.
fn reference(
	case: &Case,
	datasets: &[DatasetId],
) -> (BTreeMap<AccountId, u128>, Vec<(DatasetId, u128)>) {
	let fee = case.fee;
	let operator_share = case.operator_share.map_or(0, |s| s.min(case.max_operator));
	let room = BILLION.saturating_sub(case.protocol + operator_share + case.min_data);
	let model_share = case.model_share.min(case.max_model).min(room);
	let protocol = part(fee, case.protocol);
	let operator = part(fee, operator_share);
	let model_part = part(fee, model_share);
	let mut paid: BTreeMap<AccountId, u128> = BTreeMap::new();
	fn credit(paid: &mut BTreeMap<AccountId, u128>, who: AccountId, amount: u128) {
		*paid.entry(who).or_default() += amount;
	}

	let mut remaining = model_part;
	let depth = case.royalties.len() - 1;
	for level in (0..depth).rev() {
		let cut = part(remaining, case.royalties[level]);
		remaining -= cut;
		credit(&mut paid, 200 + level as u64, cut);
	}
	credit(&mut paid, 200 + depth as u64, remaining);
	if case.operator_share.is_some() {
		credit(&mut paid, OPERATOR, operator);
	}

	let data = fee - protocol - operator - model_part;
	let mut to_datasets: BTreeMap<usize, u128> = BTreeMap::new();
	let mut scored_total = 0u32;
	for (d, score) in &case.scores {
		*to_datasets.entry(*d).or_default() += part(data, *score);
		scored_total += score;
	}
	let unattributed = part(data, BILLION - scored_total);
	let mut weights = 0u32;
	for (d, weight) in &case.training {
		*to_datasets.entry(*d).or_default() += part(unattributed, *weight);
		weights += weight;
	}
	let undeclared = part(unattributed, BILLION - weights);
	let to_datasets: Vec<(DatasetId, u128)> =
		to_datasets.into_iter().map(|(d, a)| (datasets[d], a)).collect();
	let spent: u128 = paid.values().sum::<u128>()
		+ protocol
		+ undeclared
		+ to_datasets.iter().map(|(_, a)| a).sum::<u128>();
	credit(&mut paid, TREASURY, protocol + undeclared + (fee - spent));
	(paid, to_datasets)
}

fn run(case: Case) -> Result<(), TestCaseError> {
	new_test_ext().execute_with(|| {
		let (model, agent, datasets) = build(&case);
		let (expected, expected_datasets) = reference(&case, &datasets);
		let watched: Vec<AccountId> = expected.keys().copied().chain([ATTESTOR, CURATOR]).collect();
		let before: BTreeMap<_, _> = watched.iter().map(|a| (*a, free(*a))).collect();
		let pot = pallet_datasets::Pallet::<Test>::pot();
		let pot_before = free(pot);
		let issuance = total_issuance();
		let list: Vec<(DatasetId, u32)> =
			case.scores.iter().map(|(d, s)| (datasets[*d], *s)).collect();
		let scores: crate::ScoresOf<Test> = list
			.iter()
			.map(|(d, s)| (*d, Perbill::from_parts(*s)))
			.collect::<Vec<_>>()
			.try_into()
			.unwrap();

		assert_ok!(Attribution::record_inference(
			RuntimeOrigin::signed(ATTESTOR),
			model,
			1,
			agent,
			case.fee,
			H256::repeat_byte(1),
			method(),
			H256::zero(),
			scores,
			Perbill::one()
		));

		let deposit = one_record_deposit(0);
		prop_assert_eq!(record_deposit_held(ATTESTOR), deposit);
		let split = Records::<Test>::get(0).unwrap().split;
		prop_assert_eq!(split.total(), Some(case.fee));
		let recorded: Vec<(DatasetId, u128)> =
			split.datasets.iter().map(|d| (d.dataset, d.amount())).collect();
		let mut sorted = recorded.clone();
		sorted.sort();
		prop_assert_eq!(sorted, expected_datasets.clone());

		// Owners of empty pools are paid directly: count them as the curator's.
		let mut expected = expected;
		let mut into_pools = 0u128;
		for payout in split.datasets.iter() {
			if payout.total_shares == 0 {
				*expected.entry(CURATOR).or_default() += payout.amount();
			} else {
				into_pools += payout.amount();
			}
		}
		for who in &watched {
			let delta = free(*who) as i128 - before[who] as i128;
			let want = expected.get(who).copied().unwrap_or(0) as i128
				- if *who == ATTESTOR { (case.fee + deposit) as i128 } else { 0 };
			prop_assert_eq!(delta, want, "account {}", who);
		}
		prop_assert_eq!(free(pot) - pot_before, into_pools);
		prop_assert_eq!(total_issuance(), issuance);
		check_all_invariants();
		Ok(())
	})
}

proptest! {
	// 256 cases by default; PROPTEST_CASES=<n> runs more.
	#[test]
	fn every_fee_is_split_exactly_as_the_reference_says(case in case()) {
		run(case)?;
	}
}
