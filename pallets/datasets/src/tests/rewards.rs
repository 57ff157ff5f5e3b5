//! Paying datasets and claiming rewards.

use super::*;
use frame_support::{assert_noop, assert_ok};
use openledger_primitives::DatasetRewards;

#[test]
fn a_dataset_without_shares_pays_its_owner() {
	test(|| {
		let id = create();
		let owner_before = free(OWNER);
		let payment = Datasets::reward(id, 500, &PAYER).unwrap();
		assert_eq!(payment.total_shares, 0);
		assert_eq!(free(OWNER), owner_before + 500);
		assert_eq!(dataset(id).pool_balance, 0);
		assert_eq!(
			last_event(),
			Event::DatasetRewarded { dataset: id, amount: 500, total_shares: 0 }.into()
		);
	});
}

#[test]
fn payments_are_shared_by_shares_and_claimed_exactly() {
	test(|| {
		let id = create();
		let a = submit(ALICE, id, 1);
		let b = submit(BOB, id, 2);
		accept(a, 1);
		accept(b, 3);
		let payment = Datasets::reward(id, 1_000, &PAYER).unwrap();
		assert_eq!(payment.total_shares, 4);
		assert_eq!(
			last_event(),
			Event::DatasetRewarded { dataset: id, amount: 1_000, total_shares: 4 }.into()
		);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(a)), 250);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(b)), 750);
		assert_eq!(free(Pallet::<Test>::pot()), ED + 1_000);

		assert_ok!(Datasets::claim_rewards(RuntimeOrigin::signed(ALICE), bounded(vec![a])));
		assert_eq!(
			last_event(),
			Event::RewardsClaimed { who: ALICE, amount: 250, contributions: 1 }.into()
		);
		assert_eq!(free(ALICE), ENDOWMENT - ROW_DEPOSIT + 250);
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(BOB), u32::MAX));
		assert_eq!(free(BOB), ENDOWMENT - ROW_DEPOSIT + 750);
		assert_eq!(free(Pallet::<Test>::pot()), ED);
		assert!(matches!(
			contribution(b).status,
			ContributionStatus::Accepted { claimed: 750, .. }
		));
	});
}

#[test]
fn a_late_shareholder_earns_nothing_paid_before_it_joined() {
	test(|| {
		let id = create();
		let a = submit(ALICE, id, 1);
		let b = submit(BOB, id, 2);
		accept(a, 1);
		pay(id, 600);
		accept(b, 1);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(b)), 0);
		pay(id, 600);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(a)), 900);
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(b)), 300);
	});
}

#[test]
fn claiming_twice_or_for_others_is_refused() {
	test(|| {
		let id = create();
		let a = submit(ALICE, id, 1);
		let pending = submit(BOB, id, 2);
		accept(a, 1);
		pay(id, 100);
		assert_noop!(
			Datasets::claim_rewards(RuntimeOrigin::signed(BOB), bounded(vec![a])),
			Error::<Test>::NotContributor
		);
		assert_noop!(
			Datasets::claim_rewards(RuntimeOrigin::signed(ALICE), bounded(vec![9])),
			Error::<Test>::ContributionNotFound
		);
		assert_noop!(
			Datasets::claim_rewards(RuntimeOrigin::signed(BOB), bounded(vec![pending])),
			Error::<Test>::NothingToClaim
		);
		assert_ok!(Datasets::claim_rewards(RuntimeOrigin::signed(ALICE), bounded(vec![a, a])));
		assert_eq!(free(ALICE), ENDOWMENT - ROW_DEPOSIT + 100, "a duplicate id is paid once");
		assert_noop!(
			Datasets::claim_rewards(RuntimeOrigin::signed(ALICE), bounded(vec![a])),
			Error::<Test>::NothingToClaim
		);
		assert_noop!(
			without_weight(Datasets::claim_all(RuntimeOrigin::signed(ALICE), u32::MAX)),
			Error::<Test>::NothingToClaim
		);
	});
}

#[test]
fn claim_all_pays_every_live_contribution_and_refunds_unused_weight() {
	test(|| {
		let first = create();
		let second = create();
		let a = submit(ALICE, first, 1);
		let b = submit(ALICE, second, 1);
		accept(a, 1);
		accept(b, 2);
		pay(first, 100);
		pay(second, 50);
		let info = Datasets::claim_all(RuntimeOrigin::signed(ALICE), u32::MAX).unwrap();
		assert_eq!(info.actual_weight, Some(<() as WeightInfo>::claim_all(2)));
		assert_eq!(free(ALICE), ENDOWMENT - 2 * ROW_DEPOSIT + 150);
		assert_eq!(
			last_event(),
			Event::RewardsClaimed { who: ALICE, amount: 150, contributions: 2 }.into()
		);
	});
}

#[test]
fn rounding_dust_stays_in_the_pool_and_never_overpays() {
	test(|| {
		let id = create();
		let ids: Vec<_> = [ALICE, BOB, CAROL]
			.iter()
			.enumerate()
			.map(|(n, who)| submit(*who, id, n as u8))
			.collect();
		for c in &ids {
			accept(*c, 1);
		}
		pay(id, 100);
		let owed: Balance =
			ids.iter().map(|c| Pallet::<Test>::pending_reward(&contribution(*c))).sum();
		assert_eq!(owed, 99, "100 / 3 floors to 33 each");
		for who in [ALICE, BOB, CAROL] {
			assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(who), u32::MAX));
		}
		assert_eq!(dataset(id).pool_balance, 1, "one unit of dust remains");
	});
}

#[test]
fn paying_a_dataset_fails_cleanly() {
	test(|| {
		let id = create();
		assert_noop!(Datasets::reward(9, 1, &PAYER), Error::<Test>::DatasetNotFound);
		assert_noop!(
			Datasets::reward(id, ENDOWMENT, &PAYER),
			sp_runtime::TokenError::NotExpendable
		);
		assert_eq!(Datasets::reward(id, 0, &PAYER).unwrap().total_shares, 0);
	});
}

/// Pays a dataset that has `contributors` shareholders among 10,000 funded accounts, and
/// returns what the payment touched: the size of its storage proof and its number of trie nodes.
fn state_touched_by_paying(contributors: u32) -> (usize, usize) {
	use codec::Encode;
	const ACCOUNTS: u32 = 10_000;
	let mut ext = new_test_ext();
	let id = ext.execute_with(|| {
		let id = create();
		for n in 0..ACCOUNTS {
			let who = 1_000 + u64::from(n);
			let _ =
				<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(&who, 1_000);
			if n < contributors {
				let hash = H256::from_low_u64_be(u64::from(n));
				assert_ok!(Datasets::submit_contribution(
					RuntimeOrigin::signed(who),
					id,
					hash,
					bounded(vec![]),
					Balance::MAX
				));
				accept(NextContributionId::<Test>::get() - 1, 1);
			}
		}
		System::reset_events();
		id
	});
	ext.commit_all().unwrap();
	let (_, proof) = ext.execute_and_prove(|| pay(id, 1_000_000));
	(proof.encoded_size(), proof.iter_nodes().count())
}

#[test]
fn paying_a_dataset_of_10_000_contributors_touches_no_more_state_than_paying_one_of_one() {
	let one = state_touched_by_paying(1);
	let many = state_touched_by_paying(10_000);
	assert_eq!(one, many);
}

#[test]
fn claim_all_is_charged_by_its_witness_and_refunds_on_failure_too() {
	test(|| {
		let first = create();
		let second = create();
		let a = submit(ALICE, first, 1);
		let b = submit(ALICE, second, 1);
		accept(a, 1);
		accept(b, 2);
		pay(first, 100);
		// The call is charged, before it runs, for as many contributions as it is told.
		let call = crate::Call::<Test>::claim_all { contributions: 2 };
		let charged = frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&call);
		assert_eq!(charged.call_weight, <() as WeightInfo>::claim_all(2));
		let worst = crate::Call::<Test>::claim_all { contributions: u32::MAX };
		assert_eq!(
			frame_support::dispatch::GetDispatchInfo::get_dispatch_info(&worst).call_weight,
			<() as WeightInfo>::claim_all(
				<<Test as crate::Config>::MaxContributionsPerAccount as frame_support::traits::Get<u32>>::get()
			),
			"never more than the most an account can have"
		);
		// Told fewer than it has: refused at once, charged for one read, nothing claimed.
		let refused = Datasets::claim_all(RuntimeOrigin::signed(ALICE), 1).unwrap_err();
		assert_eq!(refused.error, Error::<Test>::WitnessTooLow.into());
		assert_eq!(refused.post_info.actual_weight, Some(<() as WeightInfo>::claim_all(0)));
		assert_eq!(Pallet::<Test>::pending_reward(&contribution(a)), 100);
		// A failure after looking at every contribution is charged for what it looked at.
		assert_ok!(Datasets::claim_all(RuntimeOrigin::signed(ALICE), 2));
		let nothing = Datasets::claim_all(RuntimeOrigin::signed(ALICE), 500).unwrap_err();
		assert_eq!(nothing.error, Error::<Test>::NothingToClaim.into());
		assert_eq!(nothing.post_info.actual_weight, Some(<() as WeightInfo>::claim_all(2)));
	});
}

#[test]
fn an_owner_whose_account_is_gone_does_not_stop_a_payment_too_small_to_create_it() {
	test(|| {
		// A dataset with no shareholders pays its owner directly; this owner retired it (its
		// deposit came back) and then spent everything: its account is gone.
		let id = create();
		assert_ok!(Datasets::retire(RuntimeOrigin::signed(OWNER), id));
		assert_ok!(Balances::transfer_all(RuntimeOrigin::signed(OWNER), PAYER, false));
		assert_eq!(frame_system::Pallet::<Test>::providers(&OWNER), 0, "reaped");
		let treasury = free(TREASURY);
		pay(id, ED - 1);
		assert_eq!(free(TREASURY) - treasury, ED - 1, "to the treasury instead");
		assert_eq!(free(OWNER), 0);
		// Enough to create the account: the owner is paid.
		pay(id, ED);
		assert_eq!(free(OWNER), ED);
	});
}
