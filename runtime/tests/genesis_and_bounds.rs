//! The runtime's genesis presets build a usable chain, and its stored records have the sizes
//! the docs state.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;

use codec::MaxEncodedLen;
use common::chain_from_preset;
use frame_support::traits::fungible::Inspect;
use openledger_runtime::{
	genesis_config_presets, AccountId, Balances, Runtime, System, EXISTENTIAL_DEPOSIT,
};

#[test]
fn both_presets_exist_and_fund_the_dev_accounts_the_treasury_and_the_reward_pot() {
	assert_eq!(
		genesis_config_presets::preset_names(),
		vec!["development".to_string(), "local_testnet".to_string()]
	);
	for preset in ["development", "local_testnet"] {
		chain_from_preset(preset).execute_with(|| {
			let alice: AccountId = sp_keyring::Sr25519Keyring::Alice.to_account_id();
			assert_eq!(Balances::balance(&alice), genesis_config_presets::ENDOWMENT);
			let treasury = openledger_runtime::configs::monetary::treasury_account();
			assert_eq!(Balances::balance(&treasury), EXISTENTIAL_DEPOSIT);
			let pot = pallet_datasets::Pallet::<Runtime>::pot();
			assert_eq!(Balances::balance(&pot), EXISTENTIAL_DEPOSIT);
			assert!(pallet_attribution::Params::<Runtime>::get().is_consistent());
			assert_eq!(System::block_number(), 0);
		});
	}
	assert!(genesis_config_presets::get_preset(&"nonsense".into()).is_none());
}

#[test]
fn the_local_testnet_has_four_authorities() {
	chain_from_preset("local_testnet").execute_with(|| {
		assert_eq!(pallet_aura::Authorities::<Runtime>::get().len(), 4);
		assert_eq!(pallet_grandpa::Pallet::<Runtime>::grandpa_authorities().len(), 4);
	});
}

/// The bound docs/attribution.md states for one record's storage.
#[test]
fn an_attribution_record_takes_at_most_3_184_bytes() {
	let record = pallet_attribution::AttributionRecord::<Runtime>::max_encoded_len();
	println!("AttributionRecord max_encoded_len = {record} bytes");
	assert!(record <= 3_184, "a record may take {record} bytes; update docs/attribution.md");
	assert!(record >= 3_184, "a record may take {record} bytes; update docs/attribution.md");
}
