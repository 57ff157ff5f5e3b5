//! # `models_*` JSON-RPC methods
//!
//! | method | answers |
//! |---|---|
//! | `models_get(id, at?)` | a model with its (latest 100) versions, each with the base version it derives from, and the attribution methods its records may use with their parameters' hashes |
//! | `models_list(owner?, page?, at?)` | a page of every model, or of an owner's, in id order, each with its latest version |
//! | `models_lineage(id, page?, at?)` | its ancestors with royalties, up to the root, and a page of its direct derivatives |
//!
//! JSON conventions and error codes: see `openledger_rpc_support`.

#![deny(missing_docs)]

use std::{marker::PhantomData, sync::Arc};

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use openledger_primitives::{AccountId, BlockNumber, DatasetId, ModelId, ModelStatus};
use openledger_rpc_support::{
	address, block_at, internal, not_found, not_in_runtime, page_limit, parse_account, text_or_hex,
	Amount, AnswerCache, JsonPage, PageRequest,
};
use pallet_models_runtime_api::{ModelInfo, ModelsApi};
use serde::Serialize;
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::H256;
use sp_runtime::traits::Block as BlockT;

/// A dataset version a model version was trained on.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TrainingSet {
	/// The dataset.
	pub dataset: DatasetId,
	/// Its version.
	pub version: u32,
	/// Its weight in the training, in parts per billion.
	pub weight_perbill: u32,
}

/// A model version.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
	/// Its number.
	pub version: u32,
	/// The artifact's hash.
	pub artifact_hash: H256,
	/// What it was trained on.
	pub training: Vec<TrainingSet>,
	/// The block it was published in.
	pub published_at: BlockNumber,
	/// The version of the base model it derives from (`null`: no base, or the base had no
	/// version when it was published; always `null` on runtimes before version 3 of the API).
	pub base_version: Option<u32>,
}

/// An attribution method a model's records may use.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedMethod {
	/// Its id, e.g. `span-match/1`: text, or `0x`-hex if not UTF-8.
	pub id: String,
	/// The blake2-256 of the parameters it may run with (`null` on runtimes before version 3
	/// of the API, which allowed any parameters).
	pub params_hash: Option<H256>,
}

/// A model, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
	/// Its id.
	pub id: ModelId,
	/// Its owner (SS58).
	pub owner: String,
	/// The account it was offered to.
	pub pending_owner: Option<String>,
	/// Its metadata: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub metadata: String,
	/// Its license: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub license: String,
	/// The model it derives from.
	pub base_model: Option<ModelId>,
	/// How many ancestors it has.
	pub depth: u32,
	/// Its royalty on derivatives, in parts per billion.
	pub royalty_perbill: u32,
	/// The least fee.
	pub price: Amount,
	/// Its part of each fee, in parts per billion.
	pub model_share_perbill: u32,
	/// Who may record attribution for it (SS58).
	pub attestors: Vec<String>,
	/// `active` or `deprecated`.
	pub status: &'static str,
	/// The deposit held.
	pub deposit: Amount,
	/// How many models derive from it directly.
	pub derivatives: u32,
	/// Its versions.
	pub versions: Vec<Version>,
	/// The attribution methods its records may use, each with its parameters' hash; empty:
	/// any method with any parameters.
	pub attribution_methods: Vec<AllowedMethod>,
	/// The block it was registered in.
	pub created_at: BlockNumber,
}

/// An ancestor in a lineage.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Ancestor {
	/// The model.
	pub model: ModelId,
	/// Its owner (SS58).
	pub owner: String,
	/// Its royalty, in parts per billion.
	pub royalty_perbill: u32,
}

/// A model's lineage, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Lineage {
	/// The model.
	pub model: ModelId,
	/// Its ancestors, direct base first, up to the root.
	pub ancestors: Vec<Ancestor>,
	/// A page of its direct derivatives, in registration order.
	pub derivatives: Vec<ModelId>,
	/// Pass as `page.start` for the next page; `null` at the end.
	pub next: Option<u32>,
	/// How many direct derivatives it has.
	pub derivative_count: u32,
}

fn model_json(
	info: ModelInfo<AccountId, BlockNumber>,
	methods: Vec<(Vec<u8>, Option<H256>)>,
) -> Model {
	Model {
		attribution_methods: methods
			.into_iter()
			.map(|(id, params_hash)| AllowedMethod { id: text_or_hex(&id), params_hash })
			.collect(),
		id: info.id,
		owner: address(&info.owner),
		pending_owner: info.pending_owner.as_ref().map(address),
		metadata: text_or_hex(&info.metadata),
		license: text_or_hex(&info.license),
		base_model: info.base_model,
		depth: info.depth,
		royalty_perbill: info.royalty.deconstruct(),
		price: Amount(info.price),
		model_share_perbill: info.model_share.deconstruct(),
		attestors: info.attestors.iter().map(address).collect(),
		status: match info.status {
			ModelStatus::Active => "active",
			ModelStatus::Deprecated => "deprecated",
		},
		deposit: Amount(info.deposit),
		derivatives: info.derivatives,
		versions: info
			.versions
			.into_iter()
			.map(|v| Version {
				version: v.version,
				artifact_hash: v.artifact_hash,
				training: v
					.training
					.into_iter()
					.map(|(dataset, version, weight)| TrainingSet {
						dataset,
						version,
						weight_perbill: weight.deconstruct(),
					})
					.collect(),
				published_at: v.published_at,
				base_version: v.base_version,
			})
			.collect(),
		created_at: info.created_at,
	}
}

/// The `models_*` methods.
#[rpc(server, namespace = "models")]
pub trait ModelsRpc<BlockHash> {
	/// A model with its versions.
	#[method(name = "get")]
	fn get(&self, id: ModelId, at: Option<BlockHash>) -> RpcResult<Model>;

	/// A page of every model, or of `owner`'s, in id order (each with its latest version
	/// only: `get` has the latest 100).
	#[method(name = "list")]
	fn list(
		&self,
		owner: Option<String>,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<JsonPage<Model>>;

	/// A model's ancestors and a page of its direct derivatives.
	#[method(name = "lineage")]
	fn lineage(
		&self,
		id: ModelId,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<Lineage>;
}

/// The `models_*` methods, served from a client.
pub struct Models<C, Block> {
	client: Arc<C>,
	cache: Arc<AnswerCache>,
	_block: PhantomData<Block>,
}

impl<C, Block> Models<C, Block> {
	/// Serves the methods from `client`, keeping answers in `cache`.
	pub fn new(client: Arc<C>, cache: Arc<AnswerCache>) -> Self {
		Self { client, cache, _block: PhantomData }
	}
}

impl<Block, C> ModelsRpcServer<Block::Hash> for Models<C, Block>
where
	Block: BlockT<Hash = H256>,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ModelsApi<Block, AccountId, BlockNumber>,
{
	fn get(&self, id: ModelId, at: Option<Block::Hash>) -> RpcResult<Model> {
		let at = block_at(&self.client, at);
		self.cache.answer("models_get", &id, at, || {
			let api = self.client.runtime_api();
			// A runtime without the API at all is answered as version 1 (no methods).
			let version = api
				.api_version::<dyn ModelsApi<Block, AccountId, BlockNumber>>(at)
				.map_err(internal)?
				.unwrap_or(1);
			let missing = || not_found(format!("model {id}"));
			let info = if version >= 3 {
				api.model(at, id).map_err(internal)?.ok_or_else(missing)?
			} else {
				#[allow(deprecated)]
				let before = api.model_before_version_3(at, id).map_err(internal)?;
				before.ok_or_else(missing)?.upgrade()
			};
			// Before version 3 methods had no parameters; before version 2 there were none:
			// any was allowed.
			let methods = match version {
				3.. => api
					.allowed_methods(at, id)
					.map_err(internal)?
					.unwrap_or_default()
					.into_iter()
					.map(|(id, hash)| (id, Some(hash)))
					.collect(),
				2 => api
					.attribution_methods(at, id)
					.map_err(internal)?
					.unwrap_or_default()
					.into_iter()
					.map(|id| (id, None))
					.collect(),
				_ => Vec::new(),
			};
			Ok(model_json(info, methods))
		})
	}

	fn list(
		&self,
		owner: Option<String>,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<JsonPage<Model>> {
		let owner = owner.as_deref().map(parse_account).transpose()?;
		let limit = page_limit(&page)?;
		let at = block_at(&self.client, at);
		// One key per answer: the page as it is read (start, limit), not as it was written.
		let key = (owner.as_ref().map(address), page.and_then(|p| p.start), limit);
		self.cache.answer("models_list", &key, at, || {
			let api = self.client.runtime_api();
			let version = api
				.api_version::<dyn ModelsApi<Block, AccountId, BlockNumber>>(at)
				.map_err(internal)?
				.unwrap_or(1);
			if version < 4 {
				return Err(not_in_runtime("models_list", "ModelsApi", 4));
			}
			let found = api
				.models(at, owner.clone(), page.and_then(|p| p.start), limit)
				.map_err(internal)?;
			Ok(JsonPage::from(found, |listed| {
				let methods = listed.allowed_methods.into_iter().map(|(id, hash)| (id, Some(hash)));
				model_json(listed.model, methods.collect())
			}))
		})
	}

	fn lineage(
		&self,
		id: ModelId,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<Lineage> {
		let limit = page_limit(&page)?;
		let at = block_at(&self.client, at);
		self.cache.answer("models_lineage", &(id, page), at, || {
			let start = page.and_then(|p| p.start).unwrap_or(0).min(u64::from(u32::MAX)) as u32;
			let lineage = self
				.client
				.runtime_api()
				.lineage(at, id, start, limit)
				.map_err(internal)?
				.ok_or_else(|| not_found(format!("model {id}")))?;
			Ok(Lineage {
				model: id,
				ancestors: lineage
					.ancestors
					.into_iter()
					.map(|(model, owner, royalty)| Ancestor {
						model,
						owner: address(&owner),
						royalty_perbill: royalty.deconstruct(),
					})
					.collect(),
				derivatives: lineage.derivatives,
				next: lineage.next,
				derivative_count: lineage.derivative_count,
			})
		})
	}
}
