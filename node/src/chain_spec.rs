//! Chain specifications: `dev`, `local`, or a JSON file.
//!
//! The genesis state of each chain comes from the runtime's genesis presets
//! (`openledger_runtime::genesis_config_presets`); this module only names the chains and sets
//! the properties wallets read (token symbol, decimals, address format).

use openledger_primitives::token::{SS58_PREFIX, TOKEN_DECIMALS, TOKEN_SYMBOL};
use sc_service::{ChainType, Properties};

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

/// The chain spec that `--chain <id>` names: `dev`, `local`, or a path to a JSON file.
pub fn load(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" => Box::new(development_chain_spec()?),
		"" | "local" => Box::new(local_chain_spec()?),
		path => Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
	})
}
