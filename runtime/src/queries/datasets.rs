//! Answers of the datasets runtime API.

use alloc::{collections::btree_map::BTreeMap, format, vec::Vec};
use openledger_primitives::{ContributionId, DatasetId};
use pallet_datasets::{
	AccountContributions, ContributionOf, ContributionStatus, Contributions, DatasetContributions,
	Datasets, Versions,
};
use pallet_datasets_runtime_api::{
	ContributionInfo, ContributionState, DatasetInfo, Page, PendingRewards, SubmissionCheck,
	SubmissionRejection, MAX_PAGE, MAX_SCAN,
};

use frame_support::storage::{transactional::with_transaction_opaque_err, TransactionOutcome};
use sp_runtime::traits::Header as _;

use crate::{
	AccountId, BlockNumber, Executive, Hash, Header, Runtime, RuntimeCall, UncheckedExtrinsic,
};

type DatasetsPallet = pallet_datasets::Pallet<Runtime>;

/// A dataset with its versions.
pub fn dataset(id: DatasetId) -> Option<DatasetInfo<AccountId, BlockNumber>> {
	let info = Datasets::<Runtime>::get(id)?;
	let versions = (1..=info.version)
		.filter_map(|v| {
			Versions::<Runtime>::get(id, v).map(|x| (v, x.root, x.contributions, x.published_at))
		})
		.collect();
	Some(DatasetInfo {
		id,
		owner: info.owner,
		pending_owner: info.pending_owner,
		curators: info.curators.into_inner(),
		metadata: info.metadata.into_inner(),
		license: info.license.into_inner(),
		min_bond: info.policy.min_bond,
		open: info.policy.open,
		status: info.status,
		deposit: info.deposit,
		version: info.version,
		version_root: info.version_root,
		accepted: info.accepted,
		pending: info.pending,
		total_shares: info.total_shares,
		reward_per_share: info.reward_per_share,
		pool_balance: info.pool_balance,
		created_at: info.created_at,
		versions,
	})
}

fn state_of(contribution: &ContributionOf<Runtime>) -> ContributionState {
	match contribution.status {
		ContributionStatus::Pending => ContributionState::Pending,
		ContributionStatus::Accepted { .. } => ContributionState::Accepted,
		ContributionStatus::Rejected { .. } => ContributionState::Rejected,
		ContributionStatus::Removed { .. } => ContributionState::Removed,
	}
}

fn info_of(
	id: ContributionId,
	contribution: ContributionOf<Runtime>,
) -> ContributionInfo<AccountId, BlockNumber> {
	let pending_reward = DatasetsPallet::pending_reward(&contribution);
	let (shares, claimed, slashed) = match contribution.status {
		ContributionStatus::Accepted { shares, claimed, .. } => (shares, claimed, 0),
		ContributionStatus::Removed { shares, claimed, .. } => (shares, claimed, 0),
		ContributionStatus::Rejected { slashed } => (0, 0, slashed),
		ContributionStatus::Pending => (0, 0, 0),
	};
	ContributionInfo {
		id,
		dataset: contribution.dataset,
		state: state_of(&contribution),
		contributor: contribution.contributor,
		content_hash: contribution.content_hash,
		metadata: contribution.metadata.into_inner(),
		bond: contribution.bond,
		shares,
		pending_reward,
		claimed,
		slashed,
		submitted_at: contribution.submitted_at,
	}
}

/// One contribution.
pub fn contribution(id: ContributionId) -> Option<ContributionInfo<AccountId, BlockNumber>> {
	Contributions::<Runtime>::get(id).map(|c| info_of(id, c))
}

/// A page of a dataset's contributions. The dataset's index is walked in storage order from
/// the contribution after `start`; at most `MAX_SCAN` entries are looked at per call.
pub fn contributions(
	dataset: DatasetId,
	state: Option<ContributionState>,
	start: Option<u64>,
	limit: u32,
) -> Option<Page<ContributionInfo<AccountId, BlockNumber>>> {
	Datasets::<Runtime>::get(dataset)?;
	let limit = limit.clamp(1, MAX_PAGE) as usize;
	let mut keys = match start {
		Some(after) => DatasetContributions::<Runtime>::iter_prefix_from(
			dataset,
			DatasetContributions::<Runtime>::hashed_key_for(dataset, after),
		),
		None => DatasetContributions::<Runtime>::iter_prefix(dataset),
	};
	let mut items = Vec::new();
	let mut last = None;
	let mut exhausted = true;
	for _ in 0..MAX_SCAN {
		let Some((id, ())) = keys.next() else { break };
		last = Some(id);
		if let Some(contribution) = Contributions::<Runtime>::get(id) {
			if state.is_none_or(|wanted| wanted == state_of(&contribution)) {
				items.push(info_of(id, contribution));
			}
		}
		if items.len() == limit {
			break;
		}
	}
	// More entries may follow if the scan stopped before the end of the prefix.
	if last.is_some() && keys.next().is_some() {
		exhausted = false;
	}
	Some(Page { items, next: if exhausted { None } else { last } })
}

/// A page of an account's pending and accepted contributions, by position in its list.
pub fn contributions_of(
	account: AccountId,
	start: Option<u64>,
	limit: u32,
) -> Page<ContributionInfo<AccountId, BlockNumber>> {
	let list = AccountContributions::<Runtime>::get(&account);
	let start = start.unwrap_or(0) as usize;
	let limit = limit.clamp(1, MAX_PAGE) as usize;
	let items = list
		.iter()
		.skip(start)
		.take(limit)
		.filter_map(|id| Contributions::<Runtime>::get(id).map(|c| info_of(*id, c)))
		.collect();
	let end = start.saturating_add(limit);
	Page { items, next: (end < list.len()).then_some(end as u64) }
}

/// What an account may claim.
pub fn pending_rewards(account: AccountId) -> PendingRewards {
	let mut contributions = Vec::new();
	let mut datasets: BTreeMap<DatasetId, u128> = BTreeMap::new();
	let mut total: u128 = 0;
	// Each dataset's pool is read once, however many of its contributions the account has.
	let mut pools: BTreeMap<DatasetId, Option<sp_core::U256>> = BTreeMap::new();
	for id in AccountContributions::<Runtime>::get(&account) {
		let Some(contribution) = Contributions::<Runtime>::get(id) else { continue };
		let pool = *pools.entry(contribution.dataset).or_insert_with(|| {
			pallet_datasets::Datasets::<Runtime>::get(contribution.dataset)
				.map(|info| info.reward_per_share)
		});
		let amount =
			pool.map(|acc| DatasetsPallet::pending_reward_at(&contribution, acc)).unwrap_or(0);
		if amount == 0 {
			continue;
		}
		contributions.push((contribution.dataset, id, amount));
		let per_dataset = datasets.entry(contribution.dataset).or_default();
		*per_dataset = per_dataset.saturating_add(amount);
		total = total.saturating_add(amount);
	}
	PendingRewards { contributions, datasets: datasets.into_iter().collect(), total }
}

/// Applies a submission extrinsic in a block built on `parent` and reports what it would do.
/// Everything it changed is rolled back: a runtime API call's changes are discarded anyway,
/// and this makes it true for any caller.
pub fn check_submission(
	extrinsic: UncheckedExtrinsic,
	parent: Hash,
) -> Result<SubmissionCheck, SubmissionRejection> {
	let RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution { dataset, .. }) =
		&extrinsic.function
	else {
		return Err(SubmissionRejection::NotASubmission);
	};
	let dataset = *dataset;
	if !extrinsic.is_signed() {
		return Err(SubmissionRejection::NotASubmission);
	}
	with_transaction_opaque_err(|| {
		// As block production would: the next block, on top of `parent` (mortality checks
		// look the parent's hash up).
		let number = frame_system::Pallet::<Runtime>::block_number().saturating_add(1);
		Executive::initialize_block(&Header::new(
			number,
			Default::default(),
			Default::default(),
			parent,
			Default::default(),
		));
		let contribution = pallet_datasets::NextContributionId::<Runtime>::get();
		let outcome = match Executive::apply_extrinsic(extrinsic) {
			Err(invalid) => Err(SubmissionRejection::Invalid(format!("{invalid:?}"))),
			Ok(Err(error)) => {
				let (pallet, error) = super::error_names(error);
				Err(SubmissionRejection::Failed { pallet, error })
			},
			Ok(Ok(_)) => {
				let bond = Contributions::<Runtime>::get(contribution).map_or(0, |c| c.bond);
				Ok(SubmissionCheck { contribution, dataset, bond })
			},
		};
		TransactionOutcome::Rollback(outcome)
	})
	.unwrap_or_else(|()| Err(SubmissionRejection::Invalid("storage layer limit".into())))
}
