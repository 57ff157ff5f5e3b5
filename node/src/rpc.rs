//! The node's JSON-RPC methods beyond the standard `system_`, `chain_`, `state_` and
//! `author_` ones that every Substrate node serves.
//!
//! - `system_accountNextIndex` and friends (frame-system),
//! - `payment_queryInfo` / `payment_queryFeeDetails` (transaction payment),
//! - `engine_createBlock` / `engine_finalizeBlock` when the node runs with `--sealing manual`;
//! - OpenLedger's own: `datasets_*`, `models_*`, `agents_*` and `attribution_*` (see
//!   `docs/rpc.md` and each pallet's `rpc` crate).

use std::sync::Arc;

use futures::channel::mpsc;
use jsonrpsee::RpcModule;
use openledger_primitives::{AccountId, Balance, Hash, Nonce, OpaqueBlock as Block};
use sc_consensus_manual_seal::{
	rpc::{ManualSeal, ManualSealApiServer},
	EngineCommand,
};
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};

use openledger_primitives::BlockNumber;

/// What the RPC methods need from the node.
pub struct FullDeps<C, P, S> {
	/// The client: blocks and runtime API calls.
	pub client: Arc<C>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// Where `engine_*` methods send their commands, when blocks are sealed on request.
	pub manual_seal: Option<mpsc::Sender<EngineCommand<Hash>>>,
	/// The node's offchain storage when it runs with `--enable-offchain-indexing true`: where
	/// attribution records that left state are kept.
	pub offchain_index: Option<S>,
	/// The answers of OpenLedger's read methods, kept per block (bounded).
	pub answer_cache: Arc<openledger_rpc_support::AnswerCache>,
}

/// All of the node's extra RPC methods, in one module.
pub fn create_full<C, P, S>(
	FullDeps { client, pool, manual_seal, offchain_index, answer_cache }: FullDeps<C, P, S>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	S: sp_core::offchain::OffchainStorage + 'static,
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>
		+ pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>
		+ pallet_datasets_runtime_api::DatasetsApi<Block, AccountId, BlockNumber>
		+ pallet_models_runtime_api::ModelsApi<Block, AccountId, BlockNumber>
		+ pallet_agents_runtime_api::AgentsApi<Block, AccountId, BlockNumber>
		+ pallet_attribution_runtime_api::AttributionApi<Block, AccountId, BlockNumber>
		+ BlockBuilder<Block>,
	P: TransactionPool<Block = Block, Hash = Hash> + 'static,
{
	use pallet_agents_rpc::{Agents, AgentsRpcServer};
	use pallet_attribution_rpc::{Attribution, AttributionRpcServer};
	use pallet_datasets_rpc::{Datasets, DatasetsRpcServer};
	use pallet_models_rpc::{Models, ModelsRpcServer};
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool.clone()).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(Datasets::new(client.clone(), pool, answer_cache.clone()).into_rpc())?;
	module.merge(Models::new(client.clone(), answer_cache.clone()).into_rpc())?;
	module.merge(Agents::new(client.clone(), answer_cache.clone()).into_rpc())?;
	module.merge(Attribution::new(client, offchain_index, answer_cache).into_rpc())?;
	if let Some(sink) = manual_seal {
		module.merge(ManualSeal::new(sink).into_rpc())?;
	}
	Ok(module)
}
