//! What the runtime's integration tests share: a chain from a genesis preset, and signed
//! extrinsics.

#![allow(dead_code, clippy::expect_used, clippy::unwrap_used)]

use codec::Encode;
use openledger_runtime::{
	Runtime, RuntimeCall, RuntimeGenesisConfig, SignedPayload, TxExtension, UncheckedExtrinsic,
};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{generic::Era, BuildStorage};

/// A chain built from the runtime's genesis preset `id`.
pub fn chain_from_preset(id: &str) -> sp_io::TestExternalities {
	let patch =
		openledger_runtime::genesis_config_presets::get_preset(&id.into()).expect("a known preset");
	chain_from_genesis(serde_json::from_slice(&patch).expect("a JSON patch"))
}

/// A chain built from a genesis `patch` over the default genesis config (what
/// `genesis_config_presets::testnet_genesis` returns).
pub fn chain_from_genesis(patch: serde_json::Value) -> sp_io::TestExternalities {
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).expect("serialises");
	json_patch_merge(&mut config, patch);
	let config: RuntimeGenesisConfig = serde_json::from_value(config).expect("a genesis config");
	config.build_storage().expect("genesis builds").into()
}

fn json_patch_merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				json_patch_merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// Runs blocks up to `n`: each next block number is set, then `hooks` runs for it (the
/// pallets' hooks a test needs, in the order the chain would run them).
pub fn run_blocks_to(n: u32, mut hooks: impl FnMut(u32)) {
	while frame_system::Pallet::<Runtime>::block_number() < n {
		let next = frame_system::Pallet::<Runtime>::block_number() + 1;
		frame_system::Pallet::<Runtime>::set_block_number(next);
		hooks(next);
	}
}

/// `call`, signed by `signer` (immortal, with the signer's current nonce, no tip).
pub fn signed(call: RuntimeCall, signer: Sr25519Keyring) -> UncheckedExtrinsic {
	let nonce = frame_system::Pallet::<Runtime>::account_nonce(signer.to_account_id());
	let extension: TxExtension = (
		frame_system::CheckNonZeroSender::new(),
		frame_system::CheckSpecVersion::new(),
		frame_system::CheckTxVersion::new(),
		frame_system::CheckGenesis::new(),
		frame_system::CheckEra::from(Era::Immortal),
		frame_system::CheckNonce::from(nonce),
		frame_system::CheckWeight::new(),
		pallet_transaction_payment::ChargeTransactionPayment::from(0),
		frame_metadata_hash_extension::CheckMetadataHash::new(false),
		frame_system::WeightReclaim::new(),
	);
	let payload = SignedPayload::new(call.clone(), extension.clone()).expect("a payload");
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(call, signer.to_account_id().into(), signature.into(), extension)
}
