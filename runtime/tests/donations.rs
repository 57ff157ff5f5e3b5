//! Invariants that outsiders cannot bend: anyone may send `OPEN` to any account, a pallet's
//! own included, and no pallet's invariants (the `try_state` checks that the upgrade check
//! runs before every runtime upgrade) may depend on nobody doing so. This test sends a unit,
//! then a large sum, to every account the pallets keep funds in, and to the accounts of
//! every party of a record, and checks every pallet's invariants after each.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use common::chain_from_preset;
use frame_support::{assert_ok, traits::fungible::Mutate, BoundedVec};
use openledger_primitives::{token::UNIT, AccountId};
use openledger_runtime::{
	configs::monetary::treasury_account, Agents, Attribution, Balances, Datasets, Models, Runtime,
	RuntimeOrigin, System, ValidatorSet,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::Perbill;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn bounded<T, S: frame_support::traits::Get<u32>>(items: Vec<T>) -> BoundedVec<T, S> {
	BoundedVec::try_from(items).unwrap_or_else(|_| panic!("within the bound"))
}

/// Every pallet's invariants.
fn invariants() -> Result<(), sp_runtime::TryRuntimeError> {
	Datasets::do_try_state()?;
	Models::do_try_state()?;
	Agents::do_try_state()?;
	Attribution::do_try_state()?;
	ValidatorSet::do_try_state()?;
	pallet_governance::Pallet::<Runtime>::do_try_state()
}

/// A datanet with a paid pool, a model, an agent and a record: every pallet holds something.
fn world() {
	System::set_block_number(1);
	assert_ok!(Datasets::create_dataset(
		signed(Alice),
		bounded(b"d".to_vec()),
		bounded(b"MIT".to_vec()),
		pallet_datasets::Policy { min_bond: UNIT, open: true }
	));
	assert_ok!(Datasets::submit_contribution(
		signed(Bob),
		0,
		H256::repeat_byte(1),
		bounded(vec![]),
		UNIT
	));
	assert_ok!(Datasets::review_contribution(
		signed(Alice),
		0,
		pallet_datasets::Verdict::Accept { shares: 3 }
	));
	assert_ok!(Datasets::publish_version(signed(Alice), 0));
	let split = openledger_primitives::SplitPolicy { model_share: Perbill::from_percent(40) };
	assert_ok!(Models::register_model(
		signed(Eve),
		bounded(vec![]),
		bounded(vec![]),
		None,
		Perbill::zero(),
		UNIT,
		split
	));
	assert_ok!(Models::publish_version(
		signed(Eve),
		0,
		H256::zero(),
		bounded(vec![(0, 1, Perbill::from_percent(50))]),
		None
	));
	assert_ok!(Models::set_attestors(signed(Eve), 0, bounded(vec![Ferdie.to_account_id()])));
	assert_ok!(Agents::register_agent(
		signed(Dave),
		bounded(vec![]),
		bounded(vec![0]),
		Perbill::from_percent(10)
	));
	assert_ok!(Attribution::bond_attestor(signed(Ferdie), 1_000 * UNIT));
	assert_ok!(Attribution::record_inference(
		signed(Ferdie),
		0,
		1,
		Some(0),
		10 * UNIT,
		H256::repeat_byte(7),
		Default::default(),
		H256::zero(),
		bounded(vec![(0, Perbill::from_percent(50))]),
		Perbill::from_percent(10)
	));
}

#[test]
fn no_donation_to_any_account_breaks_any_invariant() {
	chain_from_preset("development").execute_with(|| {
		world();
		invariants().expect("the world is sound");
		let pallet_accounts: Vec<AccountId> = vec![Datasets::pot(), treasury_account()];
		let parties: Vec<AccountId> =
			[Alice, Bob, Charlie, Dave, Eve, Ferdie].iter().map(|k| k.to_account_id()).collect();
		let donor = Sr25519Keyring::One.to_account_id();
		Balances::set_balance(&donor, 1_000_000 * UNIT);
		for account in pallet_accounts.iter().chain(&parties) {
			for amount in [1, 12_345 * UNIT] {
				assert_ok!(Balances::transfer_keep_alive(
					RuntimeOrigin::signed(donor.clone()),
					account.clone().into(),
					amount
				));
				invariants().unwrap_or_else(|e| {
					panic!("{amount} sent to {account} breaks an invariant: {e:?}")
				});
			}
		}
		// The pools still pay exactly what they owe, not the donation.
		let before = Balances::free_balance(Bob.to_account_id());
		assert_ok!(Datasets::claim_all(signed(Bob), 1));
		let owed = Balances::free_balance(Bob.to_account_id()) - before;
		assert!(owed > 0 && owed < 12_345 * UNIT, "Bob claimed his share, not the donation");
		invariants().expect("after the claim");
	});
}
