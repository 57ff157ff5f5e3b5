//! # `datasets_*` JSON-RPC methods
//!
//! | method | answers |
//! |---|---|
//! | `datasets_get(id, at?)` | a dataset with its (latest 100) versions |
//! | `datasets_list(owner?, page?, at?)` | a page of every dataset, or of an owner's, in id order, each with its latest version |
//! | `datasets_contribution(id, at?)` | a contribution |
//! | `datasets_contributions(id, status?, page?, at?)` | a page of a dataset's contributions (`status`: `pending`, `accepted`, `rejected`, `removed`) |
//! | `datasets_contributionsOf(account, page?, at?)` | a page of an account's pending and accepted contributions |
//! | `datasets_acceptedContributions(id, page?, at?)` | a page of a dataset's accepted contributions in the order its root chains them: a version's content is the prefix that chains to its root |
//! | `datasets_submitContribution(extrinsic)` | checks a signed `submit_contribution` extrinsic with the runtime, then submits it: its hash, or the exact error |
//!
//! JSON conventions and error codes: see `openledger_rpc_support`.

#![deny(missing_docs)]

use std::{marker::PhantomData, sync::Arc};

use codec::Decode;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use openledger_primitives::{AccountId, BlockNumber, ContributionId, DatasetId, DatasetStatus};
use openledger_rpc_support::{
	address, block_at, internal, invalid_params, invalid_transaction, not_found, not_in_runtime,
	page_limit, parse_account, refused, text_or_hex, u256_string, Amount, AnswerCache, JsonPage,
	PageRequest,
};
use pallet_datasets_runtime_api::{
	AcceptedContribution, ContributionInfo, ContributionState, DatasetInfo, DatasetsApi,
	SubmissionRejection,
};
use sc_transaction_pool_api::{TransactionPool, TransactionSource};
use serde::{Deserialize, Serialize};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{Bytes, H256};
use sp_runtime::traits::Block as BlockT;

/// A dataset, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Dataset {
	/// Its id.
	pub id: DatasetId,
	/// Its owner (SS58).
	pub owner: String,
	/// The account it was offered to.
	pub pending_owner: Option<String>,
	/// Its curators.
	pub curators: Vec<String>,
	/// Its metadata: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub metadata: String,
	/// Its license: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub license: String,
	/// The bond each submission holds.
	pub min_bond: Amount,
	/// Whether anyone may contribute.
	pub open: bool,
	/// `active`, `frozen` or `retired`.
	pub status: &'static str,
	/// The deposit held from its owner.
	pub deposit: Amount,
	/// The latest version (0: none).
	pub version: u32,
	/// The root of the content accepted so far.
	pub version_root: H256,
	/// Accepted contributions.
	pub accepted: u32,
	/// Pending contributions.
	pub pending: u32,
	/// Total shares of its reward pool.
	pub total_shares: Amount,
	/// Its pool's reward per share, scaled by 10^18 (decimal string).
	pub reward_per_share: String,
	/// What its pool holds.
	pub pool_balance: Amount,
	/// The block it was created in.
	pub created_at: BlockNumber,
	/// Its published versions.
	pub versions: Vec<Version>,
}

/// A published version, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Version {
	/// Its number.
	pub version: u32,
	/// The content root it pins.
	pub root: H256,
	/// Accepted contributions at publication.
	pub contributions: u32,
	/// The block it was published in.
	pub published_at: BlockNumber,
}

/// A contribution, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution {
	/// Its id.
	pub id: ContributionId,
	/// Its dataset.
	pub dataset: DatasetId,
	/// Its contributor (SS58).
	pub contributor: String,
	/// The hash of its content.
	pub content_hash: H256,
	/// Its metadata: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub metadata: String,
	/// The bond it holds while pending.
	pub bond: Amount,
	/// `pending`, `accepted`, `rejected` or `removed`.
	pub status: &'static str,
	/// Its shares.
	pub shares: Amount,
	/// What it may claim now.
	pub pending_reward: Amount,
	/// What it has been paid.
	pub claimed: Amount,
	/// The part of its bond taken when rejected.
	pub slashed: Amount,
	/// The block it was submitted in.
	pub submitted_at: BlockNumber,
}

/// A page of contributions, as JSON.
pub type ContributionPage = JsonPage<Contribution>;

/// A page of datasets, as JSON.
pub type DatasetPage = JsonPage<Dataset>;

/// A contribution in the order a dataset's root chains them.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Accepted {
	/// Its place in the order, from 0.
	pub position: u32,
	/// The contribution.
	pub contribution: ContributionId,
	/// The hash of its content.
	pub content_hash: H256,
}

/// A page of a dataset's accepted contributions, in order.
pub type AcceptedPage = JsonPage<Accepted>;

/// A contribution status, as a filter.
#[derive(Clone, Copy, Debug, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
	/// Awaiting review.
	Pending,
	/// In the reward pool.
	Accepted,
	/// Refused.
	Rejected,
	/// Taken down.
	Removed,
}

fn status_name(state: ContributionState) -> &'static str {
	match state {
		ContributionState::Pending => "pending",
		ContributionState::Accepted => "accepted",
		ContributionState::Rejected => "rejected",
		ContributionState::Removed => "removed",
	}
}

fn dataset_json(info: DatasetInfo<AccountId, BlockNumber>) -> Dataset {
	Dataset {
		id: info.id,
		owner: address(&info.owner),
		pending_owner: info.pending_owner.as_ref().map(address),
		curators: info.curators.iter().map(address).collect(),
		metadata: text_or_hex(&info.metadata),
		license: text_or_hex(&info.license),
		min_bond: Amount(info.min_bond),
		open: info.open,
		status: match info.status {
			DatasetStatus::Active => "active",
			DatasetStatus::Frozen => "frozen",
			DatasetStatus::Retired => "retired",
		},
		deposit: Amount(info.deposit),
		version: info.version,
		version_root: info.version_root,
		accepted: info.accepted,
		pending: info.pending,
		total_shares: Amount(info.total_shares),
		reward_per_share: u256_string(info.reward_per_share),
		pool_balance: Amount(info.pool_balance),
		created_at: info.created_at,
		versions: info
			.versions
			.into_iter()
			.map(|(version, root, contributions, published_at)| Version {
				version,
				root,
				contributions,
				published_at,
			})
			.collect(),
	}
}

/// A contribution as JSON.
pub fn contribution_json(info: ContributionInfo<AccountId, BlockNumber>) -> Contribution {
	Contribution {
		id: info.id,
		dataset: info.dataset,
		contributor: address(&info.contributor),
		content_hash: info.content_hash,
		metadata: text_or_hex(&info.metadata),
		bond: Amount(info.bond),
		status: status_name(info.state),
		shares: Amount(u128::from(info.shares)),
		pending_reward: Amount(info.pending_reward),
		claimed: Amount(info.claimed),
		slashed: Amount(info.slashed),
		submitted_at: info.submitted_at,
	}
}

/// The `datasets_*` methods.
#[rpc(server, namespace = "datasets")]
pub trait DatasetsRpc<BlockHash> {
	/// A dataset with its versions.
	#[method(name = "get")]
	fn get(&self, id: DatasetId, at: Option<BlockHash>) -> RpcResult<Dataset>;

	/// A page of every dataset, or of `owner`'s, in id order (each with its latest version
	/// only: `get` has them all).
	#[method(name = "list")]
	fn list(
		&self,
		owner: Option<String>,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<DatasetPage>;

	/// A contribution.
	#[method(name = "contribution")]
	fn contribution(&self, id: ContributionId, at: Option<BlockHash>) -> RpcResult<Contribution>;

	/// A page of a dataset's contributions, optionally only those with `status`.
	#[method(name = "contributions")]
	fn contributions(
		&self,
		id: DatasetId,
		status: Option<Status>,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<ContributionPage>;

	/// A page of an account's pending and accepted contributions.
	#[method(name = "contributionsOf")]
	fn contributions_of(
		&self,
		account: String,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<ContributionPage>;

	/// A page of a dataset's accepted contributions, in the order its root chains them.
	#[method(name = "acceptedContributions")]
	fn accepted_contributions(
		&self,
		id: DatasetId,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<AcceptedPage>;

	/// Checks a signed `datasets.submit_contribution` extrinsic (hex) against the best
	/// block's state, then submits it; returns its hash. The contribution's id is in the
	/// `ContributionSubmitted` event of the block that includes it.
	#[method(name = "submitContribution")]
	async fn submit_contribution(&self, extrinsic: Bytes) -> RpcResult<H256>;
}

/// The `datasets_*` methods, served from a client and a transaction pool.
pub struct Datasets<C, P, Block> {
	client: Arc<C>,
	pool: Arc<P>,
	cache: Arc<AnswerCache>,
	_block: PhantomData<Block>,
}

impl<C, P, Block> Datasets<C, P, Block> {
	/// Serves the methods from `client`, keeping answers in `cache`, and submits through
	/// `pool`.
	pub fn new(client: Arc<C>, pool: Arc<P>, cache: Arc<AnswerCache>) -> Self {
		Self { client, pool, cache, _block: PhantomData }
	}
}

#[jsonrpsee::core::async_trait]
impl<Block, C, P> DatasetsRpcServer<Block::Hash> for Datasets<C, P, Block>
where
	Block: BlockT<Hash = H256>,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: DatasetsApi<Block, AccountId, BlockNumber>,
	P: TransactionPool<Block = Block, Hash = H256> + 'static,
{
	fn get(&self, id: DatasetId, at: Option<Block::Hash>) -> RpcResult<Dataset> {
		let at = block_at(&self.client, at);
		self.cache.answer("datasets_get", &id, at, || {
			self.client
				.runtime_api()
				.dataset(at, id)
				.map_err(internal)?
				.map(dataset_json)
				.ok_or_else(|| not_found(format!("dataset {id}")))
		})
	}

	fn list(
		&self,
		owner: Option<String>,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<DatasetPage> {
		let owner = owner.as_deref().map(parse_account).transpose()?;
		let limit = page_limit(&page)?;
		let at = block_at(&self.client, at);
		// One key per answer: the page as it is read (start, limit), not as it was written.
		let key = (owner.as_ref().map(address), page.and_then(|p| p.start), limit);
		self.cache.answer("datasets_list", &key, at, || {
			let api = self.client.runtime_api();
			let version = api
				.api_version::<dyn DatasetsApi<Block, AccountId, BlockNumber>>(at)
				.map_err(internal)?
				.unwrap_or(1);
			if version < 4 {
				return Err(not_in_runtime("datasets_list", "DatasetsApi", 4));
			}
			let found = api
				.datasets(at, owner.clone(), page.and_then(|p| p.start), limit)
				.map_err(internal)?;
			Ok(JsonPage::from(found, dataset_json))
		})
	}

	fn contribution(&self, id: ContributionId, at: Option<Block::Hash>) -> RpcResult<Contribution> {
		let at = block_at(&self.client, at);
		self.cache.answer("datasets_contribution", &id, at, || {
			self.client
				.runtime_api()
				.contribution(at, id)
				.map_err(internal)?
				.map(contribution_json)
				.ok_or_else(|| not_found(format!("contribution {id}")))
		})
	}

	fn contributions(
		&self,
		id: DatasetId,
		status: Option<Status>,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<ContributionPage> {
		let at = block_at(&self.client, at);
		self.cache.answer("datasets_contributions", &(id, status, page), at, || {
			let state = status.map(|s| match s {
				Status::Pending => ContributionState::Pending,
				Status::Accepted => ContributionState::Accepted,
				Status::Rejected => ContributionState::Rejected,
				Status::Removed => ContributionState::Removed,
			});
			let found = self
				.client
				.runtime_api()
				.contributions(at, id, state, page.and_then(|p| p.start), page_limit(&page)?)
				.map_err(internal)?
				.ok_or_else(|| not_found(format!("dataset {id}")))?;
			Ok(JsonPage::from(found, contribution_json))
		})
	}

	fn accepted_contributions(
		&self,
		id: DatasetId,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<AcceptedPage> {
		let at = block_at(&self.client, at);
		self.cache.answer("datasets_acceptedContributions", &(id, page), at, || {
			let start = page.and_then(|p| p.start).unwrap_or(0);
			let start = u32::try_from(start).map_err(|_| {
				invalid_params(format!("page.start {start} is beyond any position"))
			})?;
			let found = self
				.client
				.runtime_api()
				.accepted_contributions(at, id, start, page_limit(&page)?)
				.map_err(internal)?
				.ok_or_else(|| not_found(format!("dataset {id}")))?;
			Ok(JsonPage::from(
				found,
				|AcceptedContribution { position, contribution, content_hash }| Accepted {
					position,
					contribution,
					content_hash,
				},
			))
		})
	}

	fn contributions_of(
		&self,
		account: String,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<ContributionPage> {
		let account = parse_account(&account)?;
		let at = block_at(&self.client, at);
		self.cache.answer("datasets_contributionsOf", &(address(&account), page), at, || {
			let found = self
				.client
				.runtime_api()
				.contributions_of(at, account, page.and_then(|p| p.start), page_limit(&page)?)
				.map_err(internal)?;
			Ok(JsonPage::from(found, contribution_json))
		})
	}

	async fn submit_contribution(&self, extrinsic: Bytes) -> RpcResult<H256> {
		let xt = Block::Extrinsic::decode(&mut &extrinsic[..])
			.map_err(|e| invalid_params(format!("not an extrinsic: {e}")))?;
		let best = self.client.info().best_hash;
		let checked =
			self.client.runtime_api().check_submission(best, xt.clone(), best).map_err(|e| {
				invalid_params(format!("the runtime could not decode the extrinsic: {e}"))
			})?;
		match checked {
			Ok(_) => {},
			Err(SubmissionRejection::NotASubmission) => {
				return Err(invalid_params("not a signed datasets.submit_contribution extrinsic"))
			},
			Err(SubmissionRejection::Invalid(reason)) => return Err(invalid_transaction(reason)),
			Err(SubmissionRejection::Failed { pallet, error }) => {
				return Err(refused(&pallet, &error))
			},
		}
		self.pool
			.submit_one(best, TransactionSource::External, xt)
			.await
			.map_err(|e| -> ErrorObjectOwned { invalid_transaction(format!("{e}")) })
	}
}
