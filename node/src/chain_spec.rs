//! Chain specifications: `dev`, `local`, `local-<N>`, `staging`, or a JSON file.
//!
//! The genesis state of each chain comes from the runtime's genesis presets and its
//! `testnet_genesis` (`openledger_runtime::genesis_config_presets`); this module names the
//! chains, picks their validators, and sets the properties wallets read (token symbol,
//! decimals, address format).

use openledger_primitives::{
	token::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL},
	AccountId,
};
use openledger_runtime::{
	genesis_config_presets::{
		dev_governance, endowed_dev_accounts, testnet_genesis, GenesisGovernance, GenesisValidator,
		TEST_NETWORK_SLOT_DURATION,
	},
	DAYS, HOURS, MINUTES,
};
use sc_service::{ChainType, Properties};
use sp_core::{ed25519, sr25519, Pair};

/// A chain spec of this node's chains.
pub type ChainSpec = sc_service::GenericChainSpec;

/// The properties polkadot.js reads to show amounts and addresses correctly.
fn properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), TOKEN_SYMBOL.into());
	properties.insert("tokenDecimals".into(), TOKEN_DECIMALS.into());
	properties.insert("ss58Format".into(), SS58_PREFIX.into());
	properties
}

fn wasm_binary() -> Result<&'static [u8], String> {
	openledger_runtime::WASM_BINARY.ok_or_else(|| {
		"The wasm runtime was not built (was SKIP_WASM_BUILD set?). Rebuild without it.".into()
	})
}

/// A single-validator development chain: Alice authors every block and is sudo.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("OpenLedger Development")
		.with_id("openledger_dev")
		.with_protocol_id("openledger-dev")
		.with_chain_type(ChainType::Development)
		.with_genesis_config_preset_name(sp_genesis_builder::DEV_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A local test network: Alice, Bob, Charlie and Dave validate.
pub fn local_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("OpenLedger Local Testnet")
		.with_id("openledger_local")
		.with_protocol_id("openledger-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_preset_name(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(properties())
		.build())
}

/// A validator whose keys all derive from the secret URI `seed` (sr25519 for the account and
/// Aura, ed25519 for GRANDPA): what `key insert --suri <seed>` puts in a node's keystore.
pub fn validator_from_seed(seed: &str) -> Result<GenesisValidator, String> {
	let sr = sr25519::Pair::from_string(seed, None).map_err(|e| format!("{seed}: {e:?}"))?;
	let ed = ed25519::Pair::from_string(seed, None).map_err(|e| format!("{seed}: {e:?}"))?;
	Ok((AccountId::from(sr.public()), sr.public().into(), ed.public().into()))
}

/// A local network of `count` validators, `//Validator1` … `//Validator<count>`; Alice is
/// sudo; Alice, Bob and Charlie are the Council (decisions take 10 blocks), Dave, Eve and
/// Ferdie the Arbiters; slots of 2 s and sessions of 10 blocks. `scripts/local-net.sh` runs
/// it, and the network tests.
pub fn local_network_chain_spec(count: u32) -> Result<ChainSpec, String> {
	if !(1..=32).contains(&count) {
		return Err(format!("local-{count}: between 1 and 32 validators"));
	}
	let validators = (1..=count)
		.map(|i| validator_from_seed(&format!("//Validator{i}")))
		.collect::<Result<Vec<_>, _>>()?;
	let genesis = testnet_genesis(
		validators,
		endowed_dev_accounts(),
		dev_governance(10),
		MINUTES,
		Some(TEST_NETWORK_SLOT_DURATION),
	);
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name(&format!("OpenLedger Local Network ({count} validators)"))
		.with_id(&format!("openledger_local_{count}"))
		.with_protocol_id("openledger-local")
		.with_chain_type(ChainType::Local)
		.with_genesis_config_patch(genesis)
		.with_properties(properties())
		.build())
}

/// The accounts of `count` placeholder seeds `//REPLACE-ME-staging-<role>-<i>`.
fn placeholder_accounts(role: &str, count: u32) -> Result<Vec<AccountId>, String> {
	(1..=count)
		.map(|i| validator_from_seed(&format!("//REPLACE-ME-staging-{role}-{i}")).map(|v| v.0))
		.collect()
}

/// The template of a public test network: **no sudo**; three Council members (whose
/// decisions take a day, which the Council cannot shorten) and three Arbiters. Its validators and members derive from
/// **placeholder seeds** that anyone can reproduce: replace them with your own keys before
/// launching (see `docs/validator.md` and `docs/governance.md`). Sessions last an hour.
pub fn staging_chain_spec() -> Result<ChainSpec, String> {
	let validators = (1..=4)
		.map(|i| validator_from_seed(&format!("//REPLACE-ME-staging-validator-{i}")))
		.collect::<Result<Vec<_>, _>>()?;
	let governance = GenesisGovernance {
		sudo: None,
		council: placeholder_accounts("council", 3)?,
		arbiters: placeholder_accounts("arbiter", 3)?,
		enactment_delay: DAYS,
		enactment_delay_floor: DAYS,
	};
	let genesis = testnet_genesis(validators, vec![], governance, HOURS, None);
	Ok(ChainSpec::builder(wasm_binary()?, None)
		.with_name("OpenLedger Staging")
		.with_id("openledger_staging")
		.with_protocol_id("openledger-staging")
		.with_chain_type(ChainType::Live)
		.with_genesis_config_patch(genesis)
		.with_properties(properties())
		.build())
}

/// The chain spec that `--chain <id>` names: `dev`, `local` (four validators: Alice, Bob,
/// Charlie, Dave), `local-<N>` (N validators `//Validator1`…), `staging` (a template), or a
/// path to a JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	let validators = id.strip_prefix("local-").and_then(|count| count.parse::<u32>().ok());
	Ok(match (id, validators) {
		("dev", _) => Box::new(development_chain_spec()?),
		("" | "local", _) => Box::new(local_chain_spec()?),
		("staging", _) => Box::new(staging_chain_spec()?),
		(_, Some(count)) => Box::new(local_network_chain_spec(count)?),
		(path, None) => Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
	})
}
