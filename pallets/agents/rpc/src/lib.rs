//! # `agents_*` JSON-RPC methods
//!
//! | method | answers |
//! |---|---|
//! | `agents_get(id, at?)` | an agent: operator, models, stake, share, status |
//! | `agents_list(operator?, page?, at?)` | a page of every agent, or of an operator's, in id order |
//!
//! JSON conventions and error codes: see `openledger_rpc_support`.

#![deny(missing_docs)]

use std::{marker::PhantomData, sync::Arc};

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use openledger_primitives::{AccountId, AgentId, AgentStatus, BlockNumber, ModelId};
use openledger_rpc_support::{
	address, block_at, internal, not_found, not_in_runtime, page_limit, parse_account, text_or_hex,
	Amount, AnswerCache, JsonPage, PageRequest,
};
use pallet_agents_runtime_api::{AgentInfo, AgentsApi};
use serde::Serialize;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

/// An agent, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
	/// Its id.
	pub id: AgentId,
	/// Its operator (SS58).
	pub operator: String,
	/// Its metadata: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub metadata: String,
	/// The models it may call.
	pub models: Vec<ModelId>,
	/// Its stake.
	pub stake: Amount,
	/// The operator's part of each fee, in parts per billion.
	pub operator_share_perbill: u32,
	/// `active`, `paused` or `unbonding`.
	pub status: &'static str,
	/// While unbonding: the first block in which its stake can be withdrawn.
	pub unbonding_until: Option<BlockNumber>,
	/// The block it was registered in.
	pub created_at: BlockNumber,
}

/// The `agents_*` methods.
#[rpc(server, namespace = "agents")]
pub trait AgentsRpc<BlockHash> {
	/// An agent.
	#[method(name = "get")]
	fn get(&self, id: AgentId, at: Option<BlockHash>) -> RpcResult<Agent>;

	/// A page of every agent, or of `operator`'s, in id order.
	#[method(name = "list")]
	fn list(
		&self,
		operator: Option<String>,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<JsonPage<Agent>>;
}

fn agent_json(info: AgentInfo<AccountId, BlockNumber>) -> Agent {
	let (status, unbonding_until) = match info.status {
		AgentStatus::Active => ("active", None),
		AgentStatus::Paused => ("paused", None),
		AgentStatus::Unbonding { until } => ("unbonding", Some(until)),
	};
	Agent {
		id: info.id,
		operator: address(&info.operator),
		metadata: text_or_hex(&info.metadata),
		models: info.models,
		stake: Amount(info.stake),
		operator_share_perbill: info.operator_share.deconstruct(),
		status,
		unbonding_until,
		created_at: info.created_at,
	}
}

/// The `agents_*` methods, served from a client.
pub struct Agents<C, Block> {
	client: Arc<C>,
	cache: Arc<AnswerCache>,
	_block: PhantomData<Block>,
}

impl<C, Block> Agents<C, Block> {
	/// Serves the methods from `client`, keeping answers in `cache`.
	pub fn new(client: Arc<C>, cache: Arc<AnswerCache>) -> Self {
		Self { client, cache, _block: PhantomData }
	}
}

impl<Block, C> AgentsRpcServer<Block::Hash> for Agents<C, Block>
where
	Block: BlockT<Hash = H256>,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AgentsApi<Block, AccountId, BlockNumber>,
{
	fn get(&self, id: AgentId, at: Option<Block::Hash>) -> RpcResult<Agent> {
		let at = block_at(&self.client, at);
		self.cache.answer("agents_get", &id, at, || {
			let info = self
				.client
				.runtime_api()
				.agent(at, id)
				.map_err(internal)?
				.ok_or_else(|| not_found(format!("agent {id}")))?;
			Ok(agent_json(info))
		})
	}

	fn list(
		&self,
		operator: Option<String>,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<JsonPage<Agent>> {
		let operator = operator.as_deref().map(parse_account).transpose()?;
		let limit = page_limit(&page)?;
		let at = block_at(&self.client, at);
		// One key per answer: the page as it is read (start, limit), not as it was written.
		let key = (operator.as_ref().map(address), page.and_then(|p| p.start), limit);
		self.cache.answer("agents_list", &key, at, || {
			let api = self.client.runtime_api();
			let version = api
				.api_version::<dyn AgentsApi<Block, AccountId, BlockNumber>>(at)
				.map_err(internal)?
				.unwrap_or(1);
			if version < 2 {
				return Err(not_in_runtime("agents_list", "AgentsApi", 2));
			}
			let found = api
				.agents(at, operator.clone(), page.and_then(|p| p.start), limit)
				.map_err(internal)?;
			Ok(JsonPage::from(found, agent_json))
		})
	}
}
