//! Genesis presets: the starting state of the `development` and `local_testnet` chains.
//!
//! The node's chain specs are built from these presets through the genesis-builder runtime
//! API, so there is exactly one place that says what a new chain starts with.

use alloc::{vec, vec::Vec};
use frame_support::{build_struct_json_patch, BoundedVec};
use serde_json::Value;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{PresetId, DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

use crate::{
	configs::monetary::treasury_account, opaque::SessionKeys, AccountId, ArbitersMembershipConfig,
	Balance, BalancesConfig, BlockNumber, CouncilMembershipConfig, GovernanceConfig,
	RuntimeGenesisConfig, SessionConfig, SudoConfig, ValidatorSetConfig, EXISTENTIAL_DEPOSIT,
	HOURS, MINUTES, UNIT,
};

/// What each endowed development account starts with: one million `OPEN`.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;

/// A validator at genesis: its account and its session keys.
pub type GenesisValidator = (AccountId, AuraId, GrandpaId);

/// Who governs a new chain.
pub struct GenesisGovernance {
	/// The sudo key: development and local chains only. `None` (no sudo at all) on any
	/// network whose tokens are worth something.
	pub sudo: Option<AccountId>,
	/// The first Council.
	pub council: Vec<AccountId>,
	/// The first Arbiters.
	pub arbiters: Vec<AccountId>,
	/// Blocks between a decision of the Council and its enactment.
	pub enactment_delay: BlockNumber,
	/// The shortest delay the Council may ever set on this chain (short of a runtime
	/// upgrade): what people can count on to see a decision coming.
	pub enactment_delay_floor: BlockNumber,
}

/// The slot of the local test networks (`local`, `local-<N>`): 2 s, a third of a public
/// chain's 6 s ([`crate::SLOT_DURATION`]), so that what takes blocks (sessions, the Council's
/// delays, challenge periods) passes three times as fast, on the same runtime.
pub const TEST_NETWORK_SLOT_DURATION: u64 = 2000;

/// A genesis state: `validators` (with their session keys), each endowed account (and each
/// validator and member of the Council or the Arbiters) funded with [`ENDOWMENT`],
/// `governance`, sessions of `session_length` blocks, and slots of `slot_duration`
/// milliseconds (`None`: 6 s). As a JSON patch over the default genesis config; the node uses
/// it for chain specs of any number of validators.
pub fn testnet_genesis(
	validators: Vec<GenesisValidator>,
	endowed_accounts: Vec<AccountId>,
	governance: GenesisGovernance,
	session_length: BlockNumber,
	slot_duration: Option<u64>,
) -> Value {
	let mut balances: Vec<(AccountId, Balance)> =
		endowed_accounts.into_iter().map(|account| (account, ENDOWMENT)).collect();
	// The treasury receives fees and slashes; it exists from genesis so that any amount,
	// however small, can be paid into it.
	balances.push((treasury_account(), EXISTENTIAL_DEPOSIT));
	let participants = validators
		.iter()
		.map(|(account, _, _)| account)
		.chain(&governance.council)
		.chain(&governance.arbiters)
		.chain(&governance.sudo);
	for account in participants {
		if !balances.iter().any(|(a, _)| a == account) {
			balances.push((account.clone(), ENDOWMENT));
		}
	}
	let keys: Vec<(AccountId, AccountId, SessionKeys)> = validators
		.iter()
		.map(|(account, aura, grandpa)| {
			(
				account.clone(),
				account.clone(),
				SessionKeys { aura: aura.clone(), grandpa: grandpa.clone() },
			)
		})
		.collect();

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances },
		validator_set: ValidatorSetConfig {
			validators: validators
				.iter()
				.map(|(account, _, _)| account.clone())
				.collect::<Vec<_>>(),
			session_length,
			slot_duration,
		},
		session: SessionConfig { keys },
		sudo: SudoConfig { key: governance.sudo },
		council_membership: CouncilMembershipConfig {
			members: BoundedVec::truncate_from(governance.council),
		},
		arbiters_membership: ArbitersMembershipConfig {
			members: BoundedVec::truncate_from(governance.arbiters),
		},
		governance: GovernanceConfig {
			enactment_delay: governance.enactment_delay,
			enactment_delay_floor: governance.enactment_delay_floor,
		},
	})
}

/// A well-known development account as a validator: its sr25519 key for the account and Aura,
/// its ed25519 key for GRANDPA.
fn dev_validator((aura, grandpa): (Sr25519Keyring, Ed25519Keyring)) -> GenesisValidator {
	(aura.to_account_id(), aura.public().into(), grandpa.public().into())
}

/// The well-known development accounts, all endowed.
pub fn endowed_dev_accounts() -> Vec<AccountId> {
	Sr25519Keyring::iter().map(|account| account.to_account_id()).collect()
}

/// The governance of development and local chains: Alice is sudo; Alice, Bob and Charlie
/// are the Council, Dave, Eve and Ferdie the Arbiters; decisions take `enactment_delay`
/// blocks, which is also the floor.
pub fn dev_governance(enactment_delay: BlockNumber) -> GenesisGovernance {
	use Sr25519Keyring::*;
	GenesisGovernance {
		sudo: Some(Alice.to_account_id()),
		council: [Alice, Bob, Charlie].iter().map(|k| k.to_account_id()).collect(),
		arbiters: [Dave, Eve, Ferdie].iter().map(|k| k.to_account_id()).collect(),
		enactment_delay,
		enactment_delay_floor: enactment_delay,
	}
}

/// `development`: Alice validates alone and is sudo; the dev accounts are funded; sessions
/// last an hour; the Council's decisions take 5 blocks.
pub fn development_config_genesis() -> Value {
	testnet_genesis(
		vec![dev_validator((Sr25519Keyring::Alice, Ed25519Keyring::Alice))],
		endowed_dev_accounts(),
		dev_governance(5),
		HOURS,
		None,
	)
}

/// `local_testnet`: Alice, Bob, Charlie and Dave validate; Alice is sudo; slots of 2 s
/// ([`TEST_NETWORK_SLOT_DURATION`]) and sessions of 10 blocks (20 s), so that validator-set
/// changes show quickly; the Council's decisions take 10 blocks.
pub fn local_config_genesis() -> Value {
	testnet_genesis(
		[
			(Sr25519Keyring::Alice, Ed25519Keyring::Alice),
			(Sr25519Keyring::Bob, Ed25519Keyring::Bob),
			(Sr25519Keyring::Charlie, Ed25519Keyring::Charlie),
			(Sr25519Keyring::Dave, Ed25519Keyring::Dave),
		]
		.into_iter()
		.map(dev_validator)
		.collect(),
		endowed_dev_accounts(),
		dev_governance(10),
		MINUTES,
		Some(TEST_NETWORK_SLOT_DURATION),
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
