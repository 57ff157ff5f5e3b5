//! What the datasets runtime API answers ([`pallet_datasets_runtime_api::DatasetsApi`]), read
//! from this pallet's storage: the runtime's `impl_runtime_apis!` forwards to these functions.
//!
//! Every answer is bounded: pages hold at most [`MAX_PAGE`] items (a larger `limit` is taken
//! as [`MAX_PAGE`], and 0 as 1), and a listing looks at no more than [`MAX_SCAN`] storage
//! entries per call.

use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{page_of_ids, ContributionId, DatasetId, MAX_PAGE};
use pallet_datasets_runtime_api::{
	AcceptedContribution, ContributionInfo, ContributionState, DatasetInfo, Page, PendingRewards,
	PendingRewardsPage, MAX_SCAN,
};
use sp_core::U256;

use crate::*;

/// A contribution as the API shows it.
pub type ContributionInfoOf<T> =
	ContributionInfo<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

impl<T: Config> Pallet<T> {
	/// A dataset with its latest published versions (at most [`MAX_PAGE`]).
	pub fn api_dataset(id: DatasetId) -> Option<DatasetInfo<T::AccountId, BlockNumberFor<T>>> {
		Datasets::<T>::get(id).map(|info| Self::dataset_info(id, info, MAX_PAGE))
	}

	/// A page of every dataset in state, or of `owner`'s, in id order from id `start`; each
	/// with its latest version only, so that a page reads a bounded number of versions.
	pub fn api_datasets(
		owner: Option<T::AccountId>,
		start: Option<u64>,
		limit: u32,
	) -> Page<DatasetInfo<T::AccountId, BlockNumberFor<T>>> {
		page_of_ids(start.unwrap_or(0), NextDatasetId::<T>::get(), limit, |id| {
			Datasets::<T>::get(id)
				.filter(|info| owner.as_ref().is_none_or(|owner| *owner == info.owner))
				.map(|info| Self::dataset_info(id, info, 1))
		})
	}

	/// Dataset `id` as the API shows it, with its latest `versions` published versions.
	fn dataset_info(
		id: DatasetId,
		info: DatasetOf<T>,
		versions: u32,
	) -> DatasetInfo<T::AccountId, BlockNumberFor<T>> {
		let first = info.version.saturating_sub(versions).saturating_add(1);
		let versions = (first..=info.version)
			.filter_map(|version| {
				Versions::<T>::get(id, version)
					.map(|v| (version, v.root, v.contributions, v.published_at))
			})
			.collect();
		DatasetInfo {
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
		}
	}

	/// One contribution.
	pub fn api_contribution(id: ContributionId) -> Option<ContributionInfoOf<T>> {
		Contributions::<T>::get(id).map(|contribution| Self::contribution_info(id, contribution))
	}

	/// A page of a dataset's contributions (`state` ones only, if given), walking the dataset's
	/// index in storage order from the contribution after `start`; `None` if there is no such
	/// dataset.
	pub fn api_contributions(
		dataset: DatasetId,
		state: Option<ContributionState>,
		start: Option<u64>,
		limit: u32,
	) -> Option<Page<ContributionInfoOf<T>>> {
		Datasets::<T>::get(dataset)?;
		let limit = limit.clamp(1, MAX_PAGE) as usize;
		let mut keys = match start {
			Some(after) => DatasetContributions::<T>::iter_prefix_from(
				dataset,
				DatasetContributions::<T>::hashed_key_for(dataset, after),
			),
			None => DatasetContributions::<T>::iter_prefix(dataset),
		};
		let mut items = Vec::new();
		let mut last = None;
		for _ in 0..MAX_SCAN {
			let Some((id, ())) = keys.next() else { break };
			last = Some(id);
			if let Some(contribution) = Contributions::<T>::get(id) {
				if state.is_none_or(|wanted| wanted == Self::state_of(&contribution)) {
					items.push(Self::contribution_info(id, contribution));
				}
			}
			if items.len() == limit {
				break;
			}
		}
		// More entries may follow if the scan stopped before the end of the prefix.
		let exhausted = last.is_none() || keys.next().is_none();
		Some(Page { items, next: if exhausted { None } else { last } })
	}

	/// A page of an account's pending and accepted contributions, by position in its list.
	pub fn api_contributions_of(
		account: T::AccountId,
		start: Option<u64>,
		limit: u32,
	) -> Page<ContributionInfoOf<T>> {
		let list = AccountContributions::<T>::get(&account);
		let start = start.unwrap_or(0) as usize;
		let limit = limit.clamp(1, MAX_PAGE) as usize;
		let items = list
			.iter()
			.skip(start)
			.take(limit)
			.filter_map(|id| Self::api_contribution(*id))
			.collect();
		let end = start.saturating_add(limit);
		Page { items, next: (end < list.len()).then_some(end as u64) }
	}

	/// What an account may claim, per contribution, per dataset and in total.
	pub fn api_pending_rewards(account: T::AccountId) -> PendingRewards {
		let page = Self::api_pending_rewards_page(account, None, u32::MAX);
		PendingRewards {
			contributions: page.contributions,
			datasets: page.datasets,
			total: page.total,
		}
	}

	/// What an account may claim: the contributions with something to claim among positions
	/// `start..start + limit` of its list (`limit` at most [`MAX_PAGE`] unless it is
	/// `u32::MAX`: every one), and its totals over all of them. Reading every contribution
	/// of the account (at most `MaxContributionsPerAccount`) is what the totals cost.
	pub fn api_pending_rewards_page(
		account: T::AccountId,
		start: Option<u64>,
		limit: u32,
	) -> PendingRewardsPage {
		let list = AccountContributions::<T>::get(&account);
		let start = usize::try_from(start.unwrap_or(0)).unwrap_or(usize::MAX);
		let limit = if limit == u32::MAX { usize::MAX } else { limit.clamp(1, MAX_PAGE) as usize };
		let end = start.saturating_add(limit);
		let mut contributions = Vec::new();
		let mut datasets: BTreeMap<DatasetId, u128> = BTreeMap::new();
		let mut total: u128 = 0;
		// Each dataset's pool is read once, however many of its contributions the account has.
		let mut pools: BTreeMap<DatasetId, Option<U256>> = BTreeMap::new();
		for (position, id) in list.iter().enumerate() {
			let Some(contribution) = Contributions::<T>::get(id) else { continue };
			let pool = *pools.entry(contribution.dataset).or_insert_with(|| {
				Datasets::<T>::get(contribution.dataset).map(|info| info.reward_per_share)
			});
			let amount = pool.map(|acc| Self::pending_reward_at(&contribution, acc)).unwrap_or(0);
			if amount == 0 {
				continue;
			}
			if (start..end).contains(&position) {
				contributions.push((contribution.dataset, *id, amount));
			}
			let per_dataset = datasets.entry(contribution.dataset).or_default();
			*per_dataset = per_dataset.saturating_add(amount);
			total = total.saturating_add(amount);
		}
		PendingRewardsPage {
			contributions,
			next: (end < list.len()).then_some(end as u64),
			datasets: datasets.into_iter().collect(),
			total,
		}
	}

	/// A page of a dataset's accepted contributions in the order its root chains them, from
	/// position `start`; `None` if there is no such dataset.
	pub fn api_accepted_contributions(
		dataset: DatasetId,
		start: u32,
		limit: u32,
	) -> Option<Page<AcceptedContribution>> {
		let info = Datasets::<T>::get(dataset)?;
		let end = start.saturating_add(limit.clamp(1, MAX_PAGE)).min(info.shareholders_ever);
		let items = (start..end)
			.filter_map(|position| {
				let contribution = AcceptanceOrder::<T>::get(dataset, position)?;
				let content_hash = Contributions::<T>::get(contribution)?.content_hash;
				Some(AcceptedContribution { position, contribution, content_hash })
			})
			.collect();
		Some(Page { items, next: (end < info.shareholders_ever).then_some(u64::from(end)) })
	}

	/// Where a contribution stands, as the API names it.
	fn state_of(contribution: &ContributionOf<T>) -> ContributionState {
		match contribution.status {
			ContributionStatus::Pending => ContributionState::Pending,
			ContributionStatus::Accepted { .. } => ContributionState::Accepted,
			ContributionStatus::Removed { .. } => ContributionState::Removed,
		}
	}

	/// A contribution as the API shows it.
	fn contribution_info(
		id: ContributionId,
		contribution: ContributionOf<T>,
	) -> ContributionInfoOf<T> {
		let pending_reward = Self::pending_reward(&contribution);
		let (shares, claimed) = match contribution.status {
			ContributionStatus::Accepted { shares, claimed, .. }
			| ContributionStatus::Removed { shares, claimed, .. } => (shares, claimed),
			ContributionStatus::Pending => (0, 0),
		};
		ContributionInfo {
			id,
			dataset: contribution.dataset,
			state: Self::state_of(&contribution),
			contributor: contribution.contributor,
			content_hash: contribution.content_hash,
			metadata: contribution.metadata.into_inner(),
			bond: contribution.bond,
			shares,
			pending_reward,
			claimed,
			// Rejected contributions leave state: the verdict is in their event.
			slashed: 0,
			submitted_at: contribution.submitted_at,
		}
	}
}
