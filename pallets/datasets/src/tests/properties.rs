//! Property test: random sequences of submissions, reviews, payments, claims, removals,
//! transfers and sales.
//!
//! After every step: no panic, the pallet's invariants hold, the total issuance is unchanged,
//! each contributor holds exactly the storage deposits of its contributions in state (and
//! nothing for those that left), and every contribution has earned (claimed plus pending) its exact pro-rata share of every
//! payment made while it held shares: never more, and less by at most one unit per payment
//! plus one (the entry debt rounds up).

use super::*;
use frame_support::traits::fungible::Mutate;
use proptest::prelude::*;
use sp_runtime::Perbill;
use std::collections::BTreeMap;

#[derive(Clone, Debug)]
enum Op {
	Submit { who: usize, dataset: usize, content: u8 },
	Accept { pick: usize, shares: Shares },
	Reject { pick: usize, slash: u32 },
	Withdraw { pick: usize },
	Pay { dataset: usize, amount: Balance },
	Claim { who: usize },
	ClaimSome { pick: usize },
	Remove { pick: usize },
	Transfer { pick: usize, to: usize },
	List { pick: usize, price: Balance },
	Buy { pick: usize, who: usize },
}

const CONTRIBUTORS: [AccountId; 3] = [ALICE, BOB, CAROL];

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		3 => (0..3usize, 0..2usize, any::<u8>())
			.prop_map(|(who, dataset, content)| Op::Submit { who, dataset, content }),
		3 => (any::<usize>(), 1..1_000_000u64).prop_map(|(pick, shares)| Op::Accept { pick, shares }),
		1 => (any::<usize>(), 0..=100u32).prop_map(|(pick, slash)| Op::Reject { pick, slash }),
		1 => any::<usize>().prop_map(|pick| Op::Withdraw { pick }),
		3 => (0..2usize, 0..1_000_000_000_000_000_000u128)
			.prop_map(|(dataset, amount)| Op::Pay { dataset, amount }),
		2 => (0..3usize).prop_map(|who| Op::Claim { who }),
		1 => any::<usize>().prop_map(|pick| Op::ClaimSome { pick }),
		1 => any::<usize>().prop_map(|pick| Op::Remove { pick }),
		1 => (any::<usize>(), 0..3usize).prop_map(|(pick, to)| Op::Transfer { pick, to }),
		1 => (any::<usize>(), 0..1_000_000u128).prop_map(|(pick, price)| Op::List { pick, price }),
		1 => (any::<usize>(), 0..3usize).prop_map(|(pick, who)| Op::Buy { pick, who }),
	]
}

/// What a contribution should have earned: the sums of the floors and ceilings of its exact
/// share of each payment, and how many payments it shared in.
#[derive(Default)]
struct Expected {
	floor: u128,
	ceil: u128,
	payments: u128,
}

fn earned(id: ContributionId) -> u128 {
	let record = contribution(id);
	match record.status {
		ContributionStatus::Accepted { claimed, .. } => {
			claimed + Pallet::<Test>::pending_reward(&record)
		},
		ContributionStatus::Removed { claimed, .. } => claimed,
		_ => 0,
	}
}

fn run(ops: Vec<Op>) {
	new_test_ext().execute_with(|| {
		// The payer can afford anything the test pays.
		Balances::set_balance(&PAYER, u128::MAX / 4);
		let datasets = [create(), create()];
		let issuance = Balances::total_issuance();
		let mut expected: BTreeMap<ContributionId, Expected> = BTreeMap::new();

		for op in ops {
			let ids: Vec<ContributionId> = Contributions::<Test>::iter_keys().collect();
			let pick = |n: usize| (!ids.is_empty()).then(|| ids[n % ids.len()]);
			let _ = match op {
				Op::Submit { who, dataset, content } => Datasets::submit_contribution(
					RuntimeOrigin::signed(CONTRIBUTORS[who]),
					datasets[dataset],
					H256::repeat_byte(content),
					bounded(vec![]),
					Balance::MAX,
				),
				Op::Accept { pick: n, shares } => match pick(n) {
					Some(id) => Datasets::review_contribution(
						RuntimeOrigin::signed(OWNER),
						id,
						Verdict::Accept { shares },
					)
					.map(|_| ())
					.map_err(|e| e.error),
					None => Ok(()),
				},
				Op::Reject { pick: n, slash } => match pick(n) {
					Some(id) => Datasets::review_contribution(
						RuntimeOrigin::signed(OWNER),
						id,
						Verdict::Reject { slash: Perbill::from_percent(slash) },
					)
					.map(|_| ())
					.map_err(|e| e.error),
					None => Ok(()),
				},
				Op::Withdraw { pick: n } => match pick(n) {
					Some(id) => Datasets::withdraw_contribution(
						RuntimeOrigin::signed(contribution(id).contributor),
						id,
					),
					None => Ok(()),
				},
				Op::Pay { dataset, amount } => {
					let dataset = datasets[dataset];
					let total = self::dataset(dataset).total_shares;
					let result = Pallet::<Test>::do_reward_dataset(dataset, amount, &PAYER);
					if result.is_ok() && total > 0 {
						for (id, record) in Contributions::<Test>::iter() {
							if let (true, ContributionStatus::Accepted { shares, .. }) =
								(record.dataset == dataset, record.status)
							{
								let exact = amount * u128::from(shares);
								let e = expected.entry(id).or_default();
								e.floor += exact / total;
								e.ceil += exact.div_ceil(total);
								e.payments += 1;
							}
						}
					}
					result.map(|_| ())
				},
				Op::Claim { who } => {
					Datasets::claim_all(RuntimeOrigin::signed(CONTRIBUTORS[who]), u32::MAX)
						.map(|_| ())
						.map_err(|e| e.error)
				},
				Op::ClaimSome { pick: n } => match pick(n) {
					Some(id) => Datasets::claim_rewards(
						RuntimeOrigin::signed(contribution(id).contributor),
						bounded(vec![id]),
					),
					None => Ok(()),
				},
				Op::Remove { pick: n } => match pick(n) {
					Some(id) => Datasets::remove_contribution(RuntimeOrigin::root(), id),
					None => Ok(()),
				},
				// A gift: listed at 0 to its recipient, who takes it.
				Op::Transfer { pick: n, to } => match pick(n) {
					Some(id) => Datasets::list_contribution(
						RuntimeOrigin::signed(contribution(id).contributor),
						id,
						0,
						Some(CONTRIBUTORS[to]),
					)
					.and_then(|_| {
						Datasets::buy_contribution(RuntimeOrigin::signed(CONTRIBUTORS[to]), id, 0)
					}),
					None => Ok(()),
				},
				Op::List { pick: n, price } => match pick(n) {
					Some(id) => Datasets::list_contribution(
						RuntimeOrigin::signed(contribution(id).contributor),
						id,
						price,
						None,
					),
					None => Ok(()),
				},
				Op::Buy { pick: n, who } => match pick(n) {
					Some(id) => Datasets::buy_contribution(
						RuntimeOrigin::signed(CONTRIBUTORS[who]),
						id,
						Balance::MAX,
					),
					None => Ok(()),
				},
			};

			Datasets::do_try_state().unwrap();
			assert_eq!(Balances::total_issuance(), issuance, "no token is created or destroyed");
			for who in CONTRIBUTORS {
				let in_state: Balance = Contributions::<Test>::iter_values()
					.filter(|c| c.contributor == who)
					.map(|c| {
						let size = Pallet::<Test>::contribution_footprint(&c).size;
						CONTRIBUTION_BASE_DEPOSIT + Balance::from(size) * CONTRIBUTION_BYTE_DEPOSIT
					})
					.sum();
				assert_eq!(storage_held(who), in_state, "{who}'s storage deposits");
			}
			for (id, e) in &expected {
				let actual = earned(*id);
				assert!(actual <= e.ceil, "contribution {id} was overpaid: {actual} > {}", e.ceil);
				assert!(
					actual + e.payments + 1 >= e.floor,
					"contribution {id} was underpaid: {actual} + {} < {}",
					e.payments,
					e.floor
				);
			}
		}
	});
}

proptest! {
	// 256 cases by default; PROPTEST_CASES=<n> runs more.
	#[test]
	fn random_histories_conserve_money_and_pay_pro_rata(ops in prop::collection::vec(op(), 1..80)) {
		run(ops);
	}
}
