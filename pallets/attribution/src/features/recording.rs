//! Recording inferences: checking a record, splitting its fee and paying every party; and the
//! split parameters governance sets.

use frame_support::{
	dispatch::DispatchErrorWithPostInfo,
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate},
		tokens::{DepositConsequence, Fortitude, Preservation, Provenance},
	},
};
use openledger_primitives::{
	checks::{has_duplicates_by, sum_of_parts},
	AgentId, AgentInspect, Balance, DatasetId, DatasetInspect, DatasetRewards, ModelId,
	ModelInspect, ModelStatus, ModelVersion,
};
use sp_core::H256;
use sp_runtime::{
	traits::{EnsureAdd, EnsureAddAssign, EnsureSub},
	BoundedSlice, Perbill,
};

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
		// Bound first: the scores of a preview come from a caller, not from a decoded call.
		let scores = BoundedSlice::<_, T::MaxScoredDatasets>::try_from(scores)
			.map_err(|_| Error::<T>::BoundsExceeded)?;
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
		for (dataset, _) in scores.iter() {
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
			scores: &scores,
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

	/// Whether inference `inference_hash` of `model` has a record in state: in the index by
	/// model, or, for a record from before it, in the one by hash alone.
	pub fn recorded(model: ModelId, inference_hash: H256) -> bool {
		RecordOfModelInference::<T>::contains_key(model, inference_hash)
			|| RecordOfInference::<T>::get(inference_hash)
				.and_then(Records::<T>::get)
				.is_some_and(|record| record.model == model)
	}

	/// The most dataset payouts a record can have beyond its scored datasets: those of the
	/// training sets a model version cites (`MaxDatasetPayouts − MaxScoredDatasets`).
	pub fn max_training_payouts() -> u32 {
		T::MaxDatasetPayouts::get().saturating_sub(T::MaxScoredDatasets::get())
	}

	/// Records an inference: pays its fee from the attestor, split party by party, holds the
	/// record's storage deposit from it (see the `deposits` feature) and keeps the record;
	/// returns its id and the weight the call actually used. When it fails before paying
	/// anything (every check comes first), the error carries the weight of a record with
	/// its scores and no lineage or training sets: more than the checks cost.
	pub(crate) fn do_record_inference(
		attestor: T::AccountId,
		terms: RecordTerms<T>,
	) -> Result<(RecordId, Weight), DispatchErrorWithPostInfo> {
		let scored = terms.scores.len() as u32;
		let checked = T::WeightInfo::record_inference(scored, 0, 0);
		let (mut split, terms) = Self::check_record(&attestor, terms).map_err(|error| {
			DispatchErrorWithPostInfo { post_info: Some(checked).into(), error }
		})?;
		let weight = T::WeightInfo::record_inference(
			scored,
			split.ancestors.len() as u32,
			(split.datasets.len() as u32).saturating_sub(scored),
		);
		let with_weight =
			|error| DispatchErrorWithPostInfo { post_info: Some(weight).into(), error };

		Self::pay(&attestor, &mut split).map_err(with_weight)?;
		debug_assert_eq!(split.total(), Some(terms.fee), "the split pays out exactly the fee");
		let id = NextRecordId::<T>::get();
		let next = id.ensure_add(1).map_err(|e| with_weight(e.into()))?;
		let RecordTerms { model, model_version, agent, fee, inference_hash, .. } = terms;
		let record = AttributionRecord {
			model,
			model_version,
			agent,
			attestor: attestor.clone(),
			fee,
			inference_hash,
			method: terms.method,
			evidence_hash: terms.evidence_hash,
			scores: terms.scores,
			split: split.clone(),
			block: frame_system::Pallet::<T>::block_number(),
			status: RecordStatus::Unchallenged,
		};
		Self::hold_record_deposit(&attestor, Self::record_bytes(&record)).map_err(with_weight)?;
		Records::<T>::insert(id, record);
		RecordOfModelInference::<T>::insert(model, inference_hash, id);
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

	/// Every check of a would-be record by `attestor`, in the order a caller can fix them
	/// (its bond, its authorisation, the terms, the inference, its balance); the split the
	/// record would pay, and the terms back.
	fn check_record(
		attestor: &T::AccountId,
		terms: RecordTerms<T>,
	) -> Result<(Split<T>, RecordTerms<T>), DispatchError> {
		let info = Attestors::<T>::get(attestor).ok_or(Error::<T>::AttestorNotBonded)?;
		ensure!(info.status == AttestorStatus::Bonded, Error::<T>::AttestorUnbonding);
		ensure!(info.bond >= T::MinAttestorBond::get(), Error::<T>::AttestorNotBonded);
		let model = terms.model;
		ensure!(T::Models::exists(model), Error::<T>::ModelNotFound);
		ensure!(T::Models::is_attestor(model, attestor), Error::<T>::UnauthorisedAttestor);
		ensure!(T::Models::allows_method(model, &terms.method), Error::<T>::MethodNotAllowed);
		let split =
			Self::plan_record(model, terms.model_version, terms.agent, terms.fee, &terms.scores)?;
		if let Some((_, amount)) = &split.agent_operator {
			let share = terms.max_operator_share;
			// What `max_operator_share` would have paid the operator, rounded as the split is.
			ensure!(*amount <= share.mul_floor(terms.fee), Error::<T>::OperatorShareAboveMax);
		}
		ensure!(!Self::recorded(model, terms.inference_hash), Error::<T>::DuplicateInference);
		ensure!(
			T::Currency::reducible_balance(attestor, Preservation::Preserve, Fortitude::Polite)
				>= terms.fee,
			Error::<T>::InsufficientBalance
		);
		Ok((split, terms))
	}

	/// Moves `amount` from `from` to `to`, keeping `from` alive; nothing when there is nothing
	/// to move. Returns what `to` received: nothing when `to` cannot receive it, its balance
	/// staying below the existential deposit (an account that is gone, and `amount` too small
	/// to create it), for the caller to pay the treasury instead: a record never fails
	/// because one of its parties' accounts is gone.
	fn transfer(
		from: &T::AccountId,
		to: &T::AccountId,
		amount: Balance,
	) -> Result<Balance, DispatchError> {
		if amount == 0 || from == to {
			return Ok(amount);
		}
		if T::Currency::can_deposit(to, amount, Provenance::Extant)
			== DepositConsequence::BelowMinimum
		{
			return Ok(0);
		}
		T::Currency::transfer(from, to, amount, Preservation::Preserve)?;
		Ok(amount)
	}

	/// Pays every party of `split` from `payer`, noting each dataset's pool as it was paid. A
	/// part its party's account cannot receive (see [`Self::transfer`]) goes to the treasury
	/// with the dust, and the split says so: each party's amount is what it received.
	fn pay(payer: &T::AccountId, split: &mut Split<T>) -> DispatchResult {
		let mut unpayable: Balance = 0;
		if let Some((operator, amount)) = &mut split.agent_operator {
			let received = Self::transfer(payer, operator, *amount)?;
			unpayable.ensure_add_assign(amount.ensure_sub(received)?)?;
			*amount = received;
		}
		for ancestor in split.ancestors.iter_mut() {
			let received = Self::transfer(payer, &ancestor.owner, ancestor.amount)?;
			unpayable.ensure_add_assign(ancestor.amount.ensure_sub(received)?)?;
			ancestor.amount = received;
		}
		let received = Self::transfer(payer, &split.model_owner, split.model_owner_amount)?;
		unpayable.ensure_add_assign(split.model_owner_amount.ensure_sub(received)?)?;
		split.model_owner_amount = received;
		for payout in split.datasets.iter_mut() {
			let amount = payout.scored.ensure_add(payout.from_training)?;
			payout.set_pool(T::Datasets::reward(payout.dataset, amount, payer)?);
		}
		split.dust.ensure_add_assign(unpayable)?;
		// The treasury always exists (the runtime keeps it alive), so any amount reaches it.
		let treasury = T::Treasury::get();
		if split.treasury() > 0 && payer != &treasury {
			T::Currency::transfer(payer, &treasury, split.treasury(), Preservation::Preserve)?;
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
