//! Genesis presets: the starting state of the `development` and `local_testnet` chains.
//!
//! The node's chain specs are built from these presets through the genesis-builder runtime
//! API, so there is exactly one place that says what a new chain starts with.

use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	configs::monetary::treasury_account, AccountId, AuraConfig, Balance, BalancesConfig,
	GrandpaConfig, RuntimeGenesisConfig, SudoConfig, EXISTENTIAL_DEPOSIT, UNIT,
};

/// What each endowed development account starts with: one million `OPEN`.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// The genesis state from its parts, as a JSON patch over the default genesis config.
fn genesis(
	authorities: Vec<(AuraId, GrandpaId)>,
	endowed_accounts: Vec<AccountId>,
	root: AccountId,
) -> Value {
	let mut balances: Vec<(AccountId, Balance)> =
		endowed_accounts.into_iter().map(|account| (account, ENDOWMENT)).collect();
	// The treasury receives fees and slashes; it exists from genesis so that any amount,
	// however small, can be paid into it.
	balances.push((treasury_account(), EXISTENTIAL_DEPOSIT));

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		aura: AuraConfig {
			authorities: authorities.iter().map(|(aura, _)| aura.clone()).collect::<Vec<_>>(),
		},
		grandpa: GrandpaConfig {
			authorities: authorities
				.iter()
				.map(|(_, grandpa)| (grandpa.clone(), 1))
				.collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: Some(root) },
	})
}

/// The authority keys of a well-known development account: its sr25519 key for Aura and its
/// ed25519 key for GRANDPA.
fn authority_keys((aura, grandpa): (Sr25519Keyring, Ed25519Keyring)) -> (AuraId, GrandpaId) {
	(aura.public().into(), grandpa.public().into())
}

/// The well-known development accounts, all endowed.
fn endowed_dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter().map(|account| account.to_account_id()).collect()
}

/// `development`: Alice authors every block alone and is sudo; the dev accounts are funded.
pub fn development_config_genesis() -> Value {
	genesis(
		vec![authority_keys((Sr25519Keyring::Alice, Ed25519Keyring::Alice))],
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// `local_testnet`: Alice, Bob, Charlie and Dave are the authorities; Alice is sudo.
pub fn local_config_genesis() -> Value {
	genesis(
		[
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		]
		.into_iter()
		.map(authority_keys)
		.collect(),
		endowed_dev_accounts(),
		Sr25519Keyring::Alice.to_account_id(),
	)
}

/// The JSON patch of the preset with this id, if there is one.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		DEV_RUNTIME_PRESET => development_config_genesis(),
		LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	serde_json::to_string(&patch).ok().map(|json| json.into_bytes())
}

/// The ids of the presets this runtime knows.
pub fn preset_names() -> Vec<PresetId> {
	vec![PresetId::from(DEV_RUNTIME_PRESET), PresetId::from(LOCAL_TESTNET_RUNTIME_PRESET)]
}
