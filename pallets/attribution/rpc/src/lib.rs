//! # `attribution_*` JSON-RPC methods
//!
//! | method | answers |
//! |---|---|
//! | `attribution_rewardSplit(recordId, at?)` | the record and its split, party by party |
//! | `attribution_records(filter?, page?, at?)` | a page of the records in state, all or an attestor's, a model's or an agent's, in id order |
//! | `attribution_contributionEarnings(recordId, contributionId, at?)` | what one contribution earned from one record, exactly |
//! | `attribution_pendingRewards(account, page?, at?)` | what an account may claim: a page of its contributions, per dataset, in total |
//! | `attribution_previewSplit(model, version, agent, fee, scores, at?)` | the split a record would produce, or the error it would fail with |
//!
//! JSON conventions and error codes: see `openledger_rpc_support`.
//!
//! ## Records that left state
//! A record leaves the chain's state after its challenge period (the attribution pallet's
//! pruning). The runtime writes its final form to the node's offchain index as it leaves,
//! and `rewardSplit` and `contributionEarnings` answer from there, with the same JSON as
//! before — on a node started with `--enable-offchain-indexing true` that imported (executed)
//! the block in which the record left. Elsewhere they fail with `-32004` and say why.

#![deny(missing_docs)]

use std::{marker::PhantomData, sync::Arc};

use codec::Decode;
use jsonrpsee::{core::RpcResult, proc_macros::rpc, types::ErrorObjectOwned};
use openledger_primitives::{
	AccountId, AgentId, BlockNumber, ContributionId, DatasetId, ModelId, ModelVersion, RecordId,
};
use openledger_rpc_support::{
	address, block_at, internal, invalid_params, not_found, not_in_runtime, page_limit,
	parse_account, refused, text_or_hex, u256_string, unavailable, Amount, AnswerCache, JsonPage,
	PageRequest,
};
use pallet_attribution_runtime_api::{
	offchain_record_key, AttributionApi, ContributionEarnings, QueryError, RecordFilter,
	RecordInfo, RecordState, SplitInfo,
};
use pallet_datasets_runtime_api::{DatasetsApi, PendingRewardsPage};
use serde::{Deserialize, Serialize};
use sp_api::{ApiExt, ProvideRuntimeApi};
use sp_blockchain::HeaderBackend;
use sp_core::{
	offchain::{OffchainStorage, STORAGE_PREFIX},
	H256,
};
use sp_runtime::{traits::Block as BlockT, Perbill};

/// An amount paid to an account.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payee {
	/// The account (SS58).
	pub account: String,
	/// The amount.
	pub amount: Amount,
}

/// An ancestor's royalty.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AncestorPayout {
	/// The ancestor model.
	pub model: ModelId,
	/// Its owner (SS58).
	pub owner: String,
	/// The royalty paid.
	pub amount: Amount,
}

/// A dataset's part.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetPayout {
	/// The dataset.
	pub dataset: DatasetId,
	/// Everything it received.
	pub amount: Amount,
	/// For its score.
	pub scored: Amount,
	/// For its training weight.
	pub from_training: Amount,
	/// `true`: paid into its reward pool; `false`: nobody held shares, its owner was paid.
	pub into_pool: bool,
	/// Its pool's total shares at that moment.
	pub total_shares: Amount,
	/// Its pool's reward per share just before (scaled by 10^18, decimal string).
	pub reward_per_share_before: String,
}

/// The treasury's parts.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TreasuryPart {
	/// The protocol's share.
	pub protocol: Amount,
	/// The unattributed data value no training weight covered.
	pub unattributed: Amount,
	/// Rounding dust.
	pub dust: Amount,
	/// Their sum.
	pub total: Amount,
}

/// A split, party by party: the parts sum to the fee.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Split {
	/// The treasury.
	pub treasury: TreasuryPart,
	/// The agent operator, if any.
	pub agent_operator: Option<Payee>,
	/// The model's owner.
	pub model_owner: Payee,
	/// Each ancestor model, direct base first.
	pub ancestors: Vec<AncestorPayout>,
	/// Each dataset.
	pub datasets: Vec<DatasetPayout>,
}

/// A dataset's score.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Score {
	/// The dataset.
	pub dataset: DatasetId,
	/// Its influence, in parts per billion (500000000 = 50%).
	pub perbill: u32,
}

/// An attribution record, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Record {
	/// Its id.
	pub id: RecordId,
	/// The model.
	pub model: ModelId,
	/// Its version.
	pub model_version: ModelVersion,
	/// The agent, if any.
	pub agent: Option<AgentId>,
	/// The attestor, who paid (SS58).
	pub attestor: String,
	/// The fee.
	pub fee: Amount,
	/// The inference's hash.
	pub inference_hash: H256,
	/// The attribution method's id: text, or `0x`-hex when it is not UTF-8 text (`text_or_hex`).
	pub method: String,
	/// The hash of its parameters.
	pub method_params_hash: H256,
	/// The hash of the evidence.
	pub evidence_hash: H256,
	/// The scores.
	pub scores: Vec<Score>,
	/// The split.
	pub split: Split,
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The last block in which it may be challenged.
	pub challenge_deadline: BlockNumber,
	/// `unchallenged`, `challenged`, `confirmed` or `invalidated`.
	pub status: &'static str,
	/// The challenger and its bond, while challenged.
	pub challenge: Option<Payee>,
}

/// What one contribution earned from one record.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Earnings {
	/// The record.
	pub record: RecordId,
	/// The contribution.
	pub contribution: ContributionId,
	/// Its dataset.
	pub dataset: DatasetId,
	/// Its shares.
	pub shares: Amount,
	/// What the dataset received from the record.
	pub dataset_amount: Amount,
	/// What the contribution earned from it.
	pub earned: Amount,
}

/// A contribution's claimable reward.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionReward {
	/// The dataset.
	pub dataset: DatasetId,
	/// The contribution.
	pub contribution: ContributionId,
	/// What it may claim.
	pub amount: Amount,
}

/// A dataset's claimable rewards for one account.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DatasetReward {
	/// The dataset.
	pub dataset: DatasetId,
	/// What the account may claim from it.
	pub amount: Amount,
}

/// What an account may claim: a page of its contributions, and its totals over all of them.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingRewards {
	/// The account (SS58).
	pub account: String,
	/// Per contribution: those of the page with something to claim.
	pub contributions: Vec<ContributionReward>,
	/// Where the next page starts (`page.start`), or `null` after the last.
	pub next: Option<u64>,
	/// Per dataset.
	pub datasets: Vec<DatasetReward>,
	/// In total.
	pub total: Amount,
}

fn split_json(split: SplitInfo<AccountId>) -> Split {
	Split {
		treasury: TreasuryPart {
			protocol: Amount(split.protocol),
			unattributed: Amount(split.unattributed_to_treasury),
			dust: Amount(split.dust),
			total: Amount(split.treasury_total),
		},
		agent_operator: split
			.agent_operator
			.map(|(account, amount)| Payee { account: address(&account), amount: Amount(amount) }),
		model_owner: Payee {
			account: address(&split.model_owner),
			amount: Amount(split.model_owner_amount),
		},
		ancestors: split
			.ancestors
			.into_iter()
			.map(|(model, owner, amount)| AncestorPayout {
				model,
				owner: address(&owner),
				amount: Amount(amount),
			})
			.collect(),
		datasets: split
			.datasets
			.into_iter()
			.map(|d| DatasetPayout {
				dataset: d.dataset,
				amount: Amount(d.scored.saturating_add(d.from_training)),
				scored: Amount(d.scored),
				from_training: Amount(d.from_training),
				into_pool: d.total_shares > 0,
				total_shares: Amount(d.total_shares),
				reward_per_share_before: u256_string(d.reward_per_share_before),
			})
			.collect(),
	}
}

fn record_json(record: RecordInfo<AccountId, BlockNumber>) -> Record {
	let (status, challenge) = match record.state {
		RecordState::Unchallenged => ("unchallenged", None),
		RecordState::Challenged { challenger, bond } => {
			("challenged", Some(Payee { account: address(&challenger), amount: Amount(bond) }))
		},
		RecordState::Confirmed => ("confirmed", None),
		RecordState::Invalidated => ("invalidated", None),
	};
	Record {
		id: record.id,
		model: record.model,
		model_version: record.model_version,
		agent: record.agent,
		attestor: address(&record.attestor),
		fee: Amount(record.fee),
		inference_hash: record.inference_hash,
		method: text_or_hex(&record.method),
		method_params_hash: record.method_params_hash,
		evidence_hash: record.evidence_hash,
		scores: record
			.scores
			.into_iter()
			.map(|(dataset, score)| Score { dataset, perbill: score.deconstruct() })
			.collect(),
		split: split_json(record.split),
		block: record.block,
		challenge_deadline: record.challenge_deadline,
		status,
		challenge,
	}
}

fn query_error(
	error: QueryError,
	record: RecordId,
	contribution: ContributionId,
) -> ErrorObjectOwned {
	match error {
		QueryError::RecordNotFound => not_found(format!("record {record}")),
		QueryError::ContributionNotFound => not_found(format!("contribution {contribution}")),
		QueryError::DatasetNotPaid => not_found(format!(
			"a payment of record {record} to the dataset of contribution {contribution}"
		)),
		QueryError::Refused { pallet, error } => refused(&pallet, &error),
	}
}

/// Which records `attribution_records` lists: those matching every field given.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RecordsFilter {
	/// Only this attestor's records (SS58 or `0x`-hex).
	pub attestor: Option<String>,
	/// Only this model's records.
	pub model: Option<ModelId>,
	/// Only the records made through this agent.
	pub agent: Option<AgentId>,
}

/// The `attribution_*` methods.
#[rpc(server, namespace = "attribution")]
pub trait AttributionRpc<BlockHash> {
	/// A record and its split, party by party.
	#[method(name = "rewardSplit")]
	fn reward_split(&self, record: RecordId, at: Option<BlockHash>) -> RpcResult<Record>;

	/// A page of the records in state that match `filter`, in id order: from `page.start`,
	/// by default the first record still in its challenge period (pass 0 to walk older ids,
	/// whose records under challenge are still in state). Records that left state are not
	/// listed: `rewardSplit` answers for them by id (every id below the chain's next one).
	#[method(name = "records")]
	fn records(
		&self,
		filter: Option<RecordsFilter>,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<JsonPage<Record>>;

	/// What one contribution earned from one record.
	#[method(name = "contributionEarnings")]
	fn contribution_earnings(
		&self,
		record: RecordId,
		contribution: ContributionId,
		at: Option<BlockHash>,
	) -> RpcResult<Earnings>;

	/// What an account may claim: a page of its contributions (`page.start` is the previous
	/// page's `next`; at most 100), and its totals per dataset and overall.
	#[method(name = "pendingRewards")]
	fn pending_rewards(
		&self,
		account: String,
		page: Option<PageRequest>,
		at: Option<BlockHash>,
	) -> RpcResult<PendingRewards>;

	/// The split a record would produce now, or the error it would fail with.
	#[method(name = "previewSplit")]
	fn preview_split(
		&self,
		model: ModelId,
		version: ModelVersion,
		agent: Option<AgentId>,
		fee: Amount,
		scores: Vec<Score>,
		at: Option<BlockHash>,
	) -> RpcResult<Split>;
}

/// The `attribution_*` methods, served from a client and, for records that left state, from
/// the node's offchain storage.
pub struct Attribution<C, Block, S> {
	client: Arc<C>,
	offchain_index: Option<S>,
	cache: Arc<AnswerCache>,
	_block: PhantomData<Block>,
}

impl<C, Block, S> Attribution<C, Block, S> {
	/// Serves the methods from `client`, keeping answers in `cache`, and records that left
	/// state from `offchain_index`: the node's offchain storage when it runs with offchain
	/// indexing, `None` when not.
	pub fn new(client: Arc<C>, offchain_index: Option<S>, cache: Arc<AnswerCache>) -> Self {
		Self { client, offchain_index, cache, _block: PhantomData }
	}
}

/// The error of a record that left state and that this node does not have.
fn record_not_kept(record: RecordId, indexing: bool) -> ErrorObjectOwned {
	unavailable(if indexing {
		format!(
			"record {record} left state after its challenge period, and this node's offchain \
			 index does not have it: the node did not execute the block it left state in with \
			 --enable-offchain-indexing true (it ran without it then, or synced without \
			 executing blocks); ask a node that did"
		)
	} else {
		format!(
			"record {record} left state after its challenge period; this node keeps such \
			 records only when started with --enable-offchain-indexing true"
		)
	})
}

/// The most scores a preview takes (the runtime's bound is lower; this only caps the work
/// of decoding a request).
const MAX_SCORES: usize = 64;

impl<Block, C, S> Attribution<C, Block, S>
where
	Block: BlockT<Hash = H256>,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: AttributionApi<Block, AccountId, BlockNumber>,
	S: OffchainStorage + 'static,
{
	/// Record `id`, not in state at `at`, from the offchain index if it left state: not found
	/// when it was never recorded (before `at`), unavailable when this node does not keep it.
	fn record_that_left(
		&self,
		at: Block::Hash,
		id: RecordId,
	) -> RpcResult<RecordInfo<AccountId, BlockNumber>> {
		let api = self.client.runtime_api();
		// Runtimes before version 2 of the API keep every record in state.
		let prunes = api
			.api_version::<dyn AttributionApi<Block, AccountId, BlockNumber>>(at)
			.map_err(internal)?
			.is_some_and(|version| version >= 2);
		if !prunes || id >= api.next_record_id(at).map_err(internal)? {
			return Err(not_found(format!("record {id}")));
		}
		let Some(index) = &self.offchain_index else {
			return Err(record_not_kept(id, false));
		};
		index
			.get(STORAGE_PREFIX, &offchain_record_key(id))
			.and_then(|bytes| RecordInfo::decode(&mut &bytes[..]).ok())
			.ok_or_else(|| record_not_kept(id, true))
	}
}

impl<Block, C, S> AttributionRpcServer<Block::Hash> for Attribution<C, Block, S>
where
	Block: BlockT<Hash = H256>,
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api:
		AttributionApi<Block, AccountId, BlockNumber> + DatasetsApi<Block, AccountId, BlockNumber>,
	S: OffchainStorage + 'static,
{
	fn reward_split(&self, record: RecordId, at: Option<Block::Hash>) -> RpcResult<Record> {
		let at = block_at(&self.client, at);
		self.cache.answer("attribution_rewardSplit", &record, at, || {
			let info = match self.client.runtime_api().reward_split(at, record).map_err(internal)? {
				Some(info) => info,
				None => self.record_that_left(at, record)?,
			};
			Ok(record_json(info))
		})
	}

	fn contribution_earnings(
		&self,
		record: RecordId,
		contribution: ContributionId,
		at: Option<Block::Hash>,
	) -> RpcResult<Earnings> {
		let at = block_at(&self.client, at);
		self.cache.answer("attribution_contributionEarnings", &(record, contribution), at, || {
			let api = self.client.runtime_api();
			let earnings: Result<ContributionEarnings, QueryError> =
				match api.contribution_earnings(at, record, contribution).map_err(internal)? {
					Err(QueryError::RecordNotFound) => {
						let info = self.record_that_left(at, record)?;
						api.earnings_from(at, info, contribution).map_err(internal)?
					},
					answer => answer,
				};
			let earnings = earnings.map_err(|e| query_error(e, record, contribution))?;
			Ok(Earnings {
				record: earnings.record,
				contribution: earnings.contribution,
				dataset: earnings.dataset,
				shares: Amount(u128::from(earnings.shares)),
				dataset_amount: Amount(earnings.dataset_amount),
				earned: Amount(earnings.earned),
			})
		})
	}

	fn records(
		&self,
		filter: Option<RecordsFilter>,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<JsonPage<Record>> {
		let filter = filter.unwrap_or_default();
		let wanted = RecordFilter {
			attestor: filter.attestor.as_deref().map(parse_account).transpose()?,
			model: filter.model,
			agent: filter.agent,
		};
		let limit = page_limit(&page)?;
		let at = block_at(&self.client, at);
		// One key per answer: the page as it is read (start, limit), not as it was written.
		let key = (
			wanted.attestor.as_ref().map(address),
			wanted.model,
			wanted.agent,
			page.and_then(|p| p.start),
			limit,
		);
		self.cache.answer("attribution_records", &key, at, || {
			let api = self.client.runtime_api();
			let version = api
				.api_version::<dyn AttributionApi<Block, AccountId, BlockNumber>>(at)
				.map_err(internal)?
				.unwrap_or(1);
			if version < 3 {
				return Err(not_in_runtime("attribution_records", "AttributionApi", 3));
			}
			let found = api
				.records(at, wanted.clone(), page.and_then(|p| p.start), limit)
				.map_err(internal)?;
			Ok(JsonPage::from(found, record_json))
		})
	}

	fn pending_rewards(
		&self,
		account: String,
		page: Option<PageRequest>,
		at: Option<Block::Hash>,
	) -> RpcResult<PendingRewards> {
		let who = parse_account(&account)?;
		let limit = page_limit(&page)?;
		let at = block_at(&self.client, at);
		self.cache.answer("attribution_pendingRewards", &(address(&who), page), at, || {
			let api = self.client.runtime_api();
			let start = page.and_then(|p| p.start);
			// Runtimes before version 3 of the datasets API answer every contribution at once.
			let paged = api
				.api_version::<dyn DatasetsApi<Block, AccountId, BlockNumber>>(at)
				.map_err(internal)?
				.is_some_and(|version| version >= 3);
			let pending = if paged {
				api.pending_rewards_page(at, who.clone(), start, limit).map_err(internal)?
			} else {
				let all = api.pending_rewards(at, who.clone()).map_err(internal)?;
				PendingRewardsPage {
					contributions: all.contributions,
					next: None,
					datasets: all.datasets,
					total: all.total,
				}
			};
			Ok(PendingRewards {
				account: address(&who),
				contributions: pending
					.contributions
					.into_iter()
					.map(|(dataset, contribution, amount)| ContributionReward {
						dataset,
						contribution,
						amount: Amount(amount),
					})
					.collect(),
				next: pending.next,
				datasets: pending
					.datasets
					.into_iter()
					.map(|(dataset, amount)| DatasetReward { dataset, amount: Amount(amount) })
					.collect(),
				total: Amount(pending.total),
			})
		})
	}

	fn preview_split(
		&self,
		model: ModelId,
		version: ModelVersion,
		agent: Option<AgentId>,
		fee: Amount,
		scores: Vec<Score>,
		at: Option<Block::Hash>,
	) -> RpcResult<Split> {
		if scores.len() > MAX_SCORES {
			return Err(invalid_params(format!("at most {MAX_SCORES} scores")));
		}
		if let Some(score) = scores.iter().find(|s| s.perbill > 1_000_000_000) {
			return Err(invalid_params(format!(
				"score {} of dataset {} is above 1000000000 (100%)",
				score.perbill, score.dataset
			)));
		}
		let scores =
			scores.into_iter().map(|s| (s.dataset, Perbill::from_parts(s.perbill))).collect();
		let at = block_at(&self.client, at);
		let split = self
			.client
			.runtime_api()
			.preview_split(at, model, version, agent, fee.0, scores)
			.map_err(internal)?
			.map_err(|e| query_error(e, 0, 0))?;
		Ok(split_json(split))
	}
}
