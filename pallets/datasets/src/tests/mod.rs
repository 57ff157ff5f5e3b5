//! Tests of the datasets pallet, one file per topic. Every test runs through
//! [`crate::mock::test`], which checks the pallet's invariants at its end.

mod contributions;
mod datasets;
mod migrations;
mod properties;
mod rewards;
mod runtime_api;
mod transfers;

use crate::{
	mock::*, AccountContributions, AllowList, ContentIndex, ContributionOf, ContributionStatus,
	Contributions, DatasetOf, Datasets as DatasetStore, Error, Event, HoldReason,
	NextContributionId, NextDatasetId, Pallet, Policy, SlashBeneficiary, Verdict, Versions,
	WeightInfo,
};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use openledger_primitives::{Balance, ContributionId, DatasetId, Shares};
use sp_core::H256;

/// `items` as the bounded list a call takes (within its bound: a longer one cannot even be
/// decoded, see the runtime's tests/oversized.rs).
fn bounded<T, S: frame_support::traits::Get<u32>>(
	items: Vec<T>,
) -> frame_support::BoundedVec<T, S> {
	frame_support::BoundedVec::try_from(items).unwrap_or_else(|_| panic!("over the bound"))
}

/// What a call that reports its weight also when it fails returned, without that weight: for
/// `assert_noop!` on its error (which compares errors without post-dispatch information).
fn without_weight(
	result: frame_support::dispatch::DispatchResultWithPostInfo,
) -> sp_runtime::DispatchResult {
	result.map(|_| ()).map_err(|e| e.error)
}

/// A policy: open, with this bond.
fn open(min_bond: Balance) -> Policy {
	Policy { min_bond, open: true }
}

/// `OWNER` creates an open dataset with a bond of 100; returns its id.
fn create() -> DatasetId {
	assert_ok!(Datasets::create_dataset(
		RuntimeOrigin::signed(OWNER),
		bounded(b"ipfs://meta".to_vec()),
		bounded(b"CC-BY-4.0".to_vec()),
		open(100)
	));
	NextDatasetId::<Test>::get() - 1
}

/// A distinct content hash.
fn content(n: u8) -> H256 {
	H256::repeat_byte(n)
}

/// `who` submits content `n`; returns the contribution id.
fn submit(who: AccountId, dataset: DatasetId, n: u8) -> ContributionId {
	assert_ok!(Datasets::submit_contribution(
		RuntimeOrigin::signed(who),
		dataset,
		content(n),
		bounded(b"row".to_vec()),
		Balance::MAX
	));
	NextContributionId::<Test>::get() - 1
}

/// `OWNER` accepts the contribution with `shares`.
fn accept(contribution: ContributionId, shares: Shares) {
	assert_ok!(Datasets::review_contribution(
		RuntimeOrigin::signed(OWNER),
		contribution,
		Verdict::Accept { shares }
	));
}

/// `PAYER` pays `amount` to the dataset, as the attribution pallet would.
fn pay(dataset: DatasetId, amount: Balance) {
	assert_ok!(Pallet::<Test>::do_reward_dataset(dataset, amount, &PAYER));
}

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

fn bond_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ContributionBond.into(), &who)
}

fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::DatasetDeposit.into(), &who)
}

/// What `who`'s contributions hold as storage deposits.
fn storage_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ContributionDeposit.into(), &who)
}

/// The storage deposit of a contribution with 3 bytes of metadata (`submit`'s "row") in the
/// mock: `CONTRIBUTION_BASE_DEPOSIT` plus one unit per byte of its footprint, 207 bytes: the
/// largest contribution (dataset 8, contributor 8, content hash 32, metadata 2 + 64, bond 16,
/// status 1 + 88, submitted_at 8, deposit 1 + 16: 244) less the 61 bytes of metadata it does
/// not use, plus three 8-byte index entries.
const ROW_DEPOSIT: Balance = CONTRIBUTION_BASE_DEPOSIT + 207 * CONTRIBUTION_BYTE_DEPOSIT;

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

fn dataset(id: DatasetId) -> DatasetOf<Test> {
	DatasetStore::<Test>::get(id).expect("the dataset exists")
}

fn contribution(id: ContributionId) -> ContributionOf<Test> {
	Contributions::<Test>::get(id).expect("the contribution exists")
}
