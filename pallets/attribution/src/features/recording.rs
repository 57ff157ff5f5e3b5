//! Recording inferences: checking a record, splitting its fee and paying every party; and the
//! split parameters governance sets.

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{Fortitude, Preservation},
	},
};
use openledger_primitives::{
	checks::{has_duplicates_by, sum_of_parts},
	AgentId, AgentInspect, Balance, DatasetId, DatasetInspect, DatasetRewards, ModelId,
	ModelInspect, ModelStatus, ModelVersion,
};
use sp_core::H256;
use sp_runtime::{traits::EnsureAdd, Perbill};

use crate::{
	split::{self, SplitInputs},
	*,
};

impl<T: Config> Pallet<T> {
	/// Checks a would-be record against the model, its version, the agent and the scores, and
	/// splits its fee, without writing or paying anything. The datasets' pool snapshots are
	/// left empty (see [`split::plan`]).
	fn plan_record(
		model: ModelId,
		model_version: ModelVersion,
		agent: Option<AgentId>,
		fee: Balance,
		scores: &[(DatasetId, Perbill)],
	) -> Result<Split<T>, DispatchError> {
		let terms = T::Models::terms(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(terms.status == ModelStatus::Active, Error::<T>::ModelNotActive);
		let training =
			T::Models::training(model, model_version).ok_or(Error::<T>::ModelVersionNotFound)?;
		let operator = match agent {
			None => None,
			Some(agent) => {
				let agent_terms = T::Agents::terms(agent).ok_or(Error::<T>::AgentNotFound)?;
				ensure!(agent_terms.active, Error::<T>::AgentNotActive);
				ensure!(T::Agents::may_call(agent, model), Error::<T>::AgentCannotCallModel);
				Some((agent_terms.operator, agent_terms.operator_share))
			},
		};
		ensure!(scores.len() <= T::MaxScoredDatasets::get() as usize, Error::<T>::BoundsExceeded);
		for (dataset, _) in scores {
			ensure!(T::Datasets::exists(*dataset), Error::<T>::DatasetNotFound);
		}
		ensure!(!has_duplicates_by(scores, |(dataset, _)| *dataset), Error::<T>::DuplicateScore);
		ensure!(
			sum_of_parts(scores.iter().map(|(_, score)| *score)).is_some(),
			Error::<T>::ScoresOverflow
		);
		ensure!(fee >= terms.price, Error::<T>::FeeBelowPrice);
		let lineage = T::Models::lineage(model);

		split::plan::<T>(SplitInputs {
			fee,
			params: Params::<T>::get(),
			operator,
			model_owner: terms.owner,
			model_share: terms.split.model_share,
			lineage: &lineage,
			scores,
			training: &training,
		})
	}

	/// The split a record would produce now, with each dataset's pool as it stands, or the
	/// error recording it would fail with; nothing is written or paid. (The attestor's own
	/// checks, bond and balance, are not made.)
	pub fn preview(
		model: ModelId,
		model_version: ModelVersion,
		agent: Option<AgentId>,
		fee: Balance,
		scores: &[(DatasetId, Perbill)],
	) -> Result<Split<T>, DispatchError> {
		let mut split = Self::plan_record(model, model_version, agent, fee, scores)?;
		for payout in split.datasets.iter_mut() {
			payout.set_pool(T::Datasets::pool(payout.dataset).unwrap_or_default());
		}
		Ok(split)
	}

	/// Records an inference: pays its fee from the attestor, split party by party, holds the
	/// record's storage deposit from it (see the `deposits` feature) and keeps the record;
	/// returns its id and the weight the call actually used.
	#[allow(clippy::too_many_arguments)]
	pub(crate) fn do_record_inference(
		attestor: T::AccountId,
		model: ModelId,
		model_version: ModelVersion,
		agent: Option<AgentId>,
		fee: Balance,
		inference_hash: H256,
		method: Method,
		evidence_hash: H256,
		scores: ScoresOf<T>,
	) -> Result<(RecordId, Weight), DispatchError> {
		let info = Attestors::<T>::get(&attestor).ok_or(Error::<T>::AttestorNotBonded)?;
		ensure!(info.status == AttestorStatus::Bonded, Error::<T>::AttestorUnbonding);
		ensure!(info.bond >= T::MinAttestorBond::get(), Error::<T>::AttestorNotBonded);
		ensure!(T::Models::exists(model), Error::<T>::ModelNotFound);
		ensure!(T::Models::is_attestor(model, &attestor), Error::<T>::UnauthorisedAttestor);
		ensure!(T::Models::allows_method(model, &method.id), Error::<T>::MethodNotAllowed);
		let mut split = Self::plan_record(model, model_version, agent, fee, &scores)?;
		ensure!(
			!RecordOfInference::<T>::contains_key(inference_hash),
			Error::<T>::DuplicateInference
		);
		ensure!(
			T::Currency::reducible_balance(&attestor, Preservation::Preserve, Fortitude::Polite)
				>= fee,
			Error::<T>::InsufficientBalance
		);

		Self::pay(&attestor, &mut split)?;
		debug_assert_eq!(split.total(), Some(fee), "the split pays out exactly the fee");
		let id = NextRecordId::<T>::get();
		let next = id.ensure_add(1)?;
		let weight = T::WeightInfo::record_inference(
			scores.len() as u32,
			split.ancestors.len() as u32,
			(split.datasets.len() as u32).saturating_sub(scores.len() as u32),
		);
		let record = AttributionRecord {
			model,
			model_version,
			agent,
			attestor: attestor.clone(),
			fee,
			inference_hash,
			method,
			evidence_hash,
			scores,
			split: split.clone(),
			block: frame_system::Pallet::<T>::block_number(),
			status: RecordStatus::Unchallenged,
		};
		Self::hold_record_deposit(&attestor, Self::record_bytes(&record))?;
		Records::<T>::insert(id, record);
		RecordOfInference::<T>::insert(inference_hash, id);
		NextRecordId::<T>::put(next);
		Self::deposit_event(Event::InferenceRecorded {
			record: id,
			model,
			model_version,
			agent,
			attestor,
			fee,
			split,
		});
		Ok((id, weight))
	}

	/// Moves `amount` from `from` to `to`, keeping `from` alive; nothing when there is nothing
	/// to move.
	fn transfer(from: &T::AccountId, to: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount > 0 && from != to {
			T::Currency::transfer(from, to, amount, Preservation::Preserve)?;
		}
		Ok(())
	}

	/// Pays every party of `split` from `payer`, noting each dataset's pool as it was paid.
	fn pay(payer: &T::AccountId, split: &mut Split<T>) -> DispatchResult {
		Self::transfer(payer, &T::Treasury::get(), split.treasury())?;
		if let Some((operator, amount)) = &split.agent_operator {
			Self::transfer(payer, operator, *amount)?;
		}
		for ancestor in split.ancestors.iter() {
			Self::transfer(payer, &ancestor.owner, ancestor.amount)?;
		}
		Self::transfer(payer, &split.model_owner, split.model_owner_amount)?;
		for payout in split.datasets.iter_mut() {
			let amount = payout.scored.ensure_add(payout.from_training)?;
			payout.set_pool(T::Datasets::reward(payout.dataset, amount, payer)?);
		}
		Ok(())
	}

	/// Sets the split parameters, if they are consistent.
	pub(crate) fn do_set_params(params: SplitParams) -> DispatchResult {
		ensure!(params.is_consistent(), Error::<T>::InconsistentParams);
		Params::<T>::put(params);
		Self::deposit_event(Event::ParamsSet { params });
		Ok(())
	}
}
