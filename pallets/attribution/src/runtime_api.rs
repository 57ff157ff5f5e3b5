//! What the attribution runtime API answers ([`pallet_attribution_runtime_api::AttributionApi`])
//! from this pallet alone: a record and its split, and the split a record would produce. The
//! runtime's `impl_runtime_apis!` forwards to these functions; what one contribution earned
//! from a record reads the datasets pallet too, and is answered in the runtime.

use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{
	page_of_ids, AgentId, Balance, DatasetId, ModelId, ModelVersion, Page, RecordId,
};
use pallet_attribution_runtime_api::{
	DatasetPayoutInfo, RecordFilter, RecordInfo, RecordState, SplitInfo,
};
use sp_runtime::{DispatchError, Perbill};

use crate::*;

impl<T: Config> Split<T> {
	/// The split as the API shows it.
	pub fn info(self) -> SplitInfo<T::AccountId> {
		let treasury_total = self.treasury();
		SplitInfo {
			protocol: self.protocol,
			agent_operator: self.agent_operator,
			model_owner: self.model_owner,
			model_owner_amount: self.model_owner_amount,
			ancestors: self.ancestors.into_iter().map(|a| (a.model, a.owner, a.amount)).collect(),
			datasets: self
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
			unattributed_to_treasury: self.unattributed_to_treasury,
			dust: self.dust,
			treasury_total,
		}
	}
}

impl<T: Config> Pallet<T> {
	/// A record in state and its split, party by party.
	pub fn api_reward_split(id: RecordId) -> Option<RecordInfo<T::AccountId, BlockNumberFor<T>>> {
		Records::<T>::get(id).map(|record| Self::record_info(id, record))
	}

	/// A page of the records in state that match `filter`, in id order from id `start` (by
	/// default the prune cursor: the first record still in its challenge period).
	pub fn api_records(
		filter: RecordFilter<T::AccountId>,
		start: Option<u64>,
		limit: u32,
	) -> Page<RecordInfo<T::AccountId, BlockNumberFor<T>>> {
		let start = start.unwrap_or_else(PruneCursor::<T>::get);
		page_of_ids(start, NextRecordId::<T>::get(), limit, |id| {
			Records::<T>::get(id)
				.filter(|record| {
					filter.attestor.as_ref().is_none_or(|who| *who == record.attestor)
						&& filter.model.is_none_or(|model| model == record.model)
						&& filter.agent.is_none_or(|agent| record.agent == Some(agent))
				})
				.map(|record| Self::record_info(id, record))
		})
	}

	/// The id the next record gets.
	pub fn api_next_record_id() -> RecordId {
		NextRecordId::<T>::get()
	}

	/// Record `id` as the API shows it (and the offchain index keeps it).
	pub fn record_info(
		id: RecordId,
		record: AttributionRecord<T>,
	) -> RecordInfo<T::AccountId, BlockNumberFor<T>> {
		let challenge_deadline = Self::challenge_deadline(&record);
		RecordInfo {
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
			split: record.split.info(),
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
		}
	}

	/// The split a record would produce now, or the error it would fail with (see
	/// [`Pallet::preview`]).
	pub fn api_preview_split(
		model: ModelId,
		model_version: ModelVersion,
		agent: Option<AgentId>,
		fee: Balance,
		scores: Vec<(DatasetId, Perbill)>,
	) -> Result<SplitInfo<T::AccountId>, DispatchError> {
		Self::preview(model, model_version, agent, fee, &scores).map(Split::info)
	}
}
