//! The attribution runtime API's answers that read the datasets pallet too, or name errors.

use alloc::vec::Vec;
use openledger_primitives::{
	reward_pool, AgentId, Balance, ContributionId, DatasetId, ModelId, ModelVersion, RecordId,
};
use pallet_attribution::Records;
use pallet_attribution_runtime_api::{
	ContributionEarnings, DatasetPayoutInfo, QueryError, SplitInfo,
};
use pallet_datasets::ContributionStatus;
use sp_runtime::Perbill;

use crate::{AccountId, Runtime};

/// What one contribution earned from one record, exactly: its share of the payment to its
/// dataset, from the pool snapshot the record keeps (see `reward_pool::earned_from_payment`).
pub fn contribution_earnings(
	id: RecordId,
	contribution: ContributionId,
) -> Result<ContributionEarnings, QueryError> {
	let record = Records::<Runtime>::get(id).ok_or(QueryError::RecordNotFound)?;
	let payouts: Vec<DatasetPayoutInfo> = record.split.info().datasets;
	earnings_from(id, &payouts, contribution)
}

/// What one contribution earned from record `id`, which paid its datasets `payouts` (a record
/// in state, or one that left state, as the node's offchain index keeps it).
pub fn earnings_from(
	id: RecordId,
	payouts: &[DatasetPayoutInfo],
	contribution: ContributionId,
) -> Result<ContributionEarnings, QueryError> {
	let info = pallet_datasets::Contributions::<Runtime>::get(contribution)
		.ok_or(QueryError::ContributionNotFound)?;
	let payout =
		payouts.iter().find(|p| p.dataset == info.dataset).ok_or(QueryError::DatasetNotPaid)?;
	let amount = payout.scored.saturating_add(payout.from_training);
	let (shares, joined_at, left_at) = match info.status {
		ContributionStatus::Accepted { shares, joined_at, .. } => (shares, joined_at, None),
		ContributionStatus::Removed { shares, joined_at, left_at, .. } => {
			(shares, joined_at, Some(left_at))
		},
		ContributionStatus::Pending => (0, Default::default(), None),
	};
	let earned = reward_pool::earned_from_payment(
		u128::from(shares),
		joined_at,
		left_at,
		payout.reward_per_share_before,
		amount,
		payout.total_shares,
	)
	.unwrap_or(0);
	Ok(ContributionEarnings {
		record: id,
		contribution,
		dataset: info.dataset,
		shares,
		dataset_amount: amount,
		earned,
	})
}

/// The split a record would produce now, or the refusal, by name.
pub fn preview_split(
	model: ModelId,
	model_version: ModelVersion,
	agent: Option<AgentId>,
	fee: Balance,
	scores: Vec<(DatasetId, Perbill)>,
) -> Result<SplitInfo<AccountId>, QueryError> {
	pallet_attribution::Pallet::<Runtime>::api_preview_split(
		model,
		model_version,
		agent,
		fee,
		scores,
	)
	.map_err(|error| {
		let (pallet, error) = super::error_names(error);
		QueryError::Refused { pallet, error }
	})
}
