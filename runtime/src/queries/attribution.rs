//! Answers of the attribution runtime API.

use alloc::vec::Vec;
use openledger_primitives::{
	reward_pool, AgentId, Balance, ContributionId, DatasetId, ModelId, ModelVersion,
};
use pallet_attribution::{split::PlannedSplit, RecordStatus, Records, Split};
use pallet_attribution_runtime_api::{
	ContributionEarnings, DatasetPayoutInfo, QueryError, RecordId, RecordInfo, RecordState,
	SplitInfo,
};
use pallet_datasets::ContributionStatus;
use sp_core::U256;
use sp_runtime::Perbill;

use crate::{AccountId, BlockNumber, Runtime};

type AttributionPallet = pallet_attribution::Pallet<Runtime>;

fn split_info(split: Split<Runtime>) -> SplitInfo<AccountId> {
	let treasury_total = split.treasury();
	SplitInfo {
		protocol: split.protocol,
		agent_operator: split.agent_operator,
		model_owner: split.model_owner,
		model_owner_amount: split.model_owner_amount,
		ancestors: split.ancestors.into_iter().map(|a| (a.model, a.owner, a.amount)).collect(),
		datasets: split
			.datasets
			.into_iter()
			.map(|d| DatasetPayoutInfo {
				dataset: d.dataset,
				scored: d.scored,
				from_training: d.from_training,
				total_shares: d.total_shares,
				reward_per_share_before: d.reward_per_share_before,
			})
			.collect(),
		unattributed_to_treasury: split.unattributed_to_treasury,
		dust: split.dust,
		treasury_total,
	}
}

/// A record and its split.
pub fn reward_split(id: RecordId) -> Option<RecordInfo<AccountId, BlockNumber>> {
	let record = Records::<Runtime>::get(id)?;
	let challenge_deadline = AttributionPallet::challenge_deadline(&record);
	let split = split_info(record.split);
	Some(RecordInfo {
		id,
		model: record.model,
		model_version: record.model_version,
		agent: record.agent,
		attestor: record.attestor,
		fee: record.fee,
		inference_hash: record.inference_hash,
		method: record.method.id.into_inner(),
		method_params_hash: record.method.params_hash,
		evidence_hash: record.evidence_hash,
		scores: record.scores.into_inner(),
		split,
		block: record.block,
		challenge_deadline,
		state: match record.status {
			RecordStatus::Unchallenged => RecordState::Unchallenged,
			RecordStatus::Challenged { challenger, bond } => {
				RecordState::Challenged { challenger, bond }
			},
			RecordStatus::Confirmed => RecordState::Confirmed,
			RecordStatus::Invalidated => RecordState::Invalidated,
		},
	})
}

/// What one contribution earned from one record, exactly: its share of the payment to its
/// dataset, from the pool snapshot the record keeps (see `reward_pool::earned_from_payment`).
pub fn contribution_earnings(
	id: RecordId,
	contribution: ContributionId,
) -> Result<ContributionEarnings, QueryError> {
	let record = Records::<Runtime>::get(id).ok_or(QueryError::RecordNotFound)?;
	let info = pallet_datasets::Contributions::<Runtime>::get(contribution)
		.ok_or(QueryError::ContributionNotFound)?;
	let payout = record
		.split
		.datasets
		.iter()
		.find(|p| p.dataset == info.dataset)
		.ok_or(QueryError::DatasetNotPaid)?;
	let amount = payout.amount();
	let (shares, earned) = match info.status {
		ContributionStatus::Accepted { shares, joined_at, .. } => (
			shares,
			earned(
				shares,
				joined_at,
				None,
				payout.reward_per_share_before,
				amount,
				payout.total_shares,
			),
		),
		ContributionStatus::Removed { shares, joined_at, left_at, .. } => (
			shares,
			earned(
				shares,
				joined_at,
				Some(left_at),
				payout.reward_per_share_before,
				amount,
				payout.total_shares,
			),
		),
		ContributionStatus::Pending | ContributionStatus::Rejected { .. } => (0, 0),
	};
	Ok(ContributionEarnings {
		record: id,
		contribution,
		dataset: info.dataset,
		shares,
		dataset_amount: amount,
		earned,
	})
}

fn earned(
	shares: u64,
	joined_at: U256,
	left_at: Option<U256>,
	before: U256,
	amount: Balance,
	total_shares: u128,
) -> Balance {
	// A payment made once the contribution had left its pool is not its business.
	if left_at.is_some_and(|left| before >= left) {
		return 0;
	}
	reward_pool::earned_from_payment(u128::from(shares), joined_at, before, amount, total_shares)
		.unwrap_or(0)
}

/// The split a record would produce now.
pub fn preview_split(
	model: ModelId,
	model_version: ModelVersion,
	agent: Option<AgentId>,
	fee: Balance,
	scores: Vec<(DatasetId, Perbill)>,
) -> Result<SplitInfo<AccountId>, QueryError> {
	let PlannedSplit {
		protocol,
		operator,
		model_owner,
		model_owner_amount,
		ancestors,
		datasets,
		unattributed_to_treasury,
		dust,
	} = AttributionPallet::preview(model, model_version, agent, fee, &scores).map_err(|error| {
		let (pallet, error) = super::error_names(error);
		QueryError::Refused { pallet, error }
	})?;
	let datasets = datasets
		.into_iter()
		.map(|(dataset, scored, from_training)| {
			let pool = pallet_datasets::Datasets::<Runtime>::get(dataset);
			DatasetPayoutInfo {
				dataset,
				scored,
				from_training,
				total_shares: pool.as_ref().map_or(0, |p| p.total_shares),
				reward_per_share_before: pool.map_or(U256::zero(), |p| p.reward_per_share),
			}
		})
		.collect();
	Ok(SplitInfo {
		protocol,
		agent_operator: operator,
		model_owner,
		model_owner_amount,
		ancestors,
		datasets,
		unattributed_to_treasury,
		dust,
		treasury_total: protocol.saturating_add(unattributed_to_treasury).saturating_add(dust),
	})
}
