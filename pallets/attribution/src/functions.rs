//! The pallet's logic. Calls in `lib.rs` check the origin and call the `do_*` functions here.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{Inspect, Mutate, MutateHold},
		tokens::{Fortitude, Precision, Preservation, Restriction},
	},
};
use openledger_primitives::{
	AgentId, AgentInspect, Balance, DatasetInspect, DatasetRewards, ModelId, ModelInspect,
	ModelStatus, ModelVersion,
};
use sp_core::H256;
use sp_runtime::{traits::Saturating, Perbill};

use crate::{
	split::{self, PlannedSplit, SplitInputs},
	*,
};

impl<T: Config> Pallet<T> {
	pub(crate) fn do_bond(who: T::AccountId, amount: Balance) -> DispatchResult {
		let mut info = Attestors::<T>::get(&who).unwrap_or(AttestorInfo {
			bond: 0,
			status: AttestorStatus::Bonded,
			open_challenges: 0,
		});
		ensure!(info.status == AttestorStatus::Bonded, Error::<T>::AttestorUnbonding);
		let bond = info.bond.checked_add(amount).ok_or(Error::<T>::Overflow)?;
		ensure!(bond >= T::MinAttestorBond::get(), Error::<T>::BondTooLow);
		T::Currency::hold(&HoldReason::AttestorBond.into(), &who, amount)?;
		info.bond = bond;
		Attestors::<T>::insert(&who, info);
		Self::deposit_event(Event::AttestorBonded { who, amount, bond });
		Ok(())
	}

	pub(crate) fn do_unbond(who: T::AccountId) -> DispatchResult {
		let mut info = Attestors::<T>::get(&who).ok_or(Error::<T>::AttestorNotBonded)?;
		ensure!(info.status == AttestorStatus::Bonded, Error::<T>::AttestorUnbonding);
		let until =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		info.status = AttestorStatus::Unbonding { until };
		Attestors::<T>::insert(&who, info);
		Self::deposit_event(Event::AttestorUnbonding { who, until });
		Ok(())
	}

	pub(crate) fn do_withdraw_bond(who: T::AccountId) -> DispatchResult {
		let info = Attestors::<T>::get(&who).ok_or(Error::<T>::AttestorNotBonded)?;
		let AttestorStatus::Unbonding { until } = info.status else {
			return Err(Error::<T>::AttestorNotUnbonding.into());
		};
		ensure!(frame_system::Pallet::<T>::block_number() >= until, Error::<T>::StillUnbonding);
		ensure!(info.open_challenges == 0, Error::<T>::ChallengesOpen);
		let amount = T::Currency::release(
			&HoldReason::AttestorBond.into(),
			&who,
			info.bond,
			Precision::Exact,
		)?;
		Attestors::<T>::remove(&who);
		Self::deposit_event(Event::AttestorBondWithdrawn { who, amount });
		Ok(())
	}

	/// Checks a would-be record and computes its split, without writing or paying anything.
	/// Returns the split and the model version's training sets count (for the weight).
	pub fn preview(
		model: ModelId,
		model_version: ModelVersion,
		agent: Option<AgentId>,
		fee: Balance,
		scores: &[(openledger_primitives::DatasetId, Perbill)],
	) -> Result<PlannedSplit<T::AccountId>, DispatchError> {
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
		for (i, (dataset, _)) in scores.iter().enumerate() {
			ensure!(T::Datasets::exists(*dataset), Error::<T>::DatasetNotFound);
			ensure!(!scores[..i].iter().any(|(d, _)| d == dataset), Error::<T>::DuplicateScore);
		}
		ensure!(
			split::complement(scores.iter().map(|(_, score)| *score)).is_some(),
			Error::<T>::ScoresOverflow
		);
		ensure!(fee >= terms.price, Error::<T>::FeeBelowPrice);
		let lineage = T::Models::lineage(model);
		ensure!(lineage.len() <= T::MaxLineageDepth::get() as usize, Error::<T>::BoundsExceeded);

		let planned = split::plan(SplitInputs {
			fee,
			params: Params::<T>::get(),
			operator,
			model_owner: terms.owner,
			model_share: terms.split.model_share,
			lineage: &lineage,
			scores,
			training: &training,
		})
		.map_err(|_| Error::<T>::Overflow)?;
		ensure!(
			planned.datasets.len() <= T::MaxDatasetPayouts::get() as usize,
			Error::<T>::BoundsExceeded
		);
		Ok(planned)
	}

	/// Records an inference; returns its id and the weight it actually used.
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
		let planned = Self::preview(model, model_version, agent, fee, &scores)?;
		ensure!(
			!RecordOfInference::<T>::contains_key(inference_hash),
			Error::<T>::DuplicateInference
		);
		ensure!(
			T::Currency::reducible_balance(&attestor, Preservation::Preserve, Fortitude::Polite)
				>= fee,
			Error::<T>::InsufficientBalance
		);

		let split = Self::pay(&attestor, planned)?;
		debug_assert_eq!(split.total(), Some(fee), "the split pays out exactly the fee");
		let id = NextRecordId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let weight = T::WeightInfo::record_inference(
			scores.len() as u32,
			split.ancestors.len() as u32,
			(split.datasets.len() as u32).saturating_sub(scores.len() as u32),
		);
		Records::<T>::insert(
			id,
			AttributionRecord {
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
			},
		);
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

	fn transfer(from: &T::AccountId, to: &T::AccountId, amount: Balance) -> DispatchResult {
		if amount > 0 && from != to {
			T::Currency::transfer(from, to, amount, Preservation::Preserve)?;
		}
		Ok(())
	}

	/// Pays every party of a planned split from `payer`; returns the split as recorded.
	fn pay(
		payer: &T::AccountId,
		planned: PlannedSplit<T::AccountId>,
	) -> Result<Split<T>, DispatchError> {
		let treasury = T::Treasury::get();
		Self::transfer(
			payer,
			&treasury,
			planned
				.protocol
				.saturating_add(planned.unattributed_to_treasury)
				.saturating_add(planned.dust),
		)?;
		if let Some((operator, amount)) = &planned.operator {
			Self::transfer(payer, operator, *amount)?;
		}
		let mut ancestors = Vec::with_capacity(planned.ancestors.len());
		for (model, owner, amount) in planned.ancestors {
			Self::transfer(payer, &owner, amount)?;
			ancestors.push(AncestorPayout { model, owner, amount });
		}
		Self::transfer(payer, &planned.model_owner, planned.model_owner_amount)?;
		let mut datasets = Vec::with_capacity(planned.datasets.len());
		for (dataset, scored, from_training) in planned.datasets {
			let amount = scored.checked_add(from_training).ok_or(Error::<T>::Overflow)?;
			let pool = T::Datasets::reward(dataset, amount, payer)?;
			datasets.push(DatasetPayout {
				dataset,
				scored,
				from_training,
				total_shares: pool.total_shares,
				reward_per_share_before: pool.reward_per_share_before,
			});
		}
		Ok(Split {
			protocol: planned.protocol,
			agent_operator: planned.operator,
			model_owner: planned.model_owner,
			model_owner_amount: planned.model_owner_amount,
			ancestors: ancestors.try_into().map_err(|_| Error::<T>::BoundsExceeded)?,
			datasets: datasets.try_into().map_err(|_| Error::<T>::BoundsExceeded)?,
			unattributed_to_treasury: planned.unattributed_to_treasury,
			dust: planned.dust,
		})
	}

	pub(crate) fn do_challenge(
		challenger: T::AccountId,
		id: RecordId,
		bond: Balance,
	) -> DispatchResult {
		let mut record = Records::<T>::get(id).ok_or(Error::<T>::RecordNotFound)?;
		ensure!(
			frame_system::Pallet::<T>::block_number() <= Self::challenge_deadline(&record),
			Error::<T>::ChallengePeriodOver
		);
		ensure!(record.status == RecordStatus::Unchallenged, Error::<T>::AlreadyChallenged);
		ensure!(bond >= T::MinChallengeBond::get(), Error::<T>::BondTooLow);
		T::Currency::hold(&HoldReason::ChallengeBond.into(), &challenger, bond)?;
		Attestors::<T>::mutate(&record.attestor, |info| {
			if let Some(info) = info {
				info.open_challenges = info.open_challenges.saturating_add(1);
			}
		});
		record.status = RecordStatus::Challenged { challenger: challenger.clone(), bond };
		Records::<T>::insert(id, record);
		Self::deposit_event(Event::RecordChallenged { record: id, challenger, bond });
		Ok(())
	}

	pub(crate) fn do_resolve(id: RecordId, upheld: bool) -> DispatchResult {
		let mut record = Records::<T>::get(id).ok_or(Error::<T>::RecordNotFound)?;
		let RecordStatus::Challenged { challenger, bond } = record.status.clone() else {
			return Err(Error::<T>::NotChallenged.into());
		};
		let treasury = T::Treasury::get();
		let mut attestor = Attestors::<T>::get(&record.attestor);
		let (slashed, to_challenger) = if upheld {
			T::Currency::release(
				&HoldReason::ChallengeBond.into(),
				&challenger,
				bond,
				Precision::Exact,
			)?;
			let bond_now = attestor.as_ref().map_or(0, |info| info.bond);
			let slashed = T::UpheldSlash::get().mul_floor(bond_now);
			let to_challenger = T::ChallengerReward::get().mul_floor(slashed);
			let reason = HoldReason::AttestorBond.into();
			for (to, amount) in
				[(&challenger, to_challenger), (&treasury, slashed.saturating_sub(to_challenger))]
			{
				if amount > 0 {
					T::Currency::transfer_on_hold(
						&reason,
						&record.attestor,
						to,
						amount,
						Precision::Exact,
						Restriction::Free,
						Fortitude::Force,
					)?;
				}
			}
			if let Some(info) = attestor.as_mut() {
				info.bond = info.bond.saturating_sub(slashed);
			}
			record.status = RecordStatus::Invalidated;
			(slashed, to_challenger)
		} else {
			if bond > 0 {
				T::Currency::transfer_on_hold(
					&HoldReason::ChallengeBond.into(),
					&challenger,
					&treasury,
					bond,
					Precision::Exact,
					Restriction::Free,
					Fortitude::Force,
				)?;
			}
			record.status = RecordStatus::Confirmed;
			(bond, 0)
		};
		if let Some(mut info) = attestor {
			info.open_challenges = info.open_challenges.saturating_sub(1);
			Attestors::<T>::insert(&record.attestor, info);
		}
		Records::<T>::insert(id, record);
		Self::deposit_event(Event::ChallengeResolved {
			record: id,
			upheld,
			slashed,
			to_challenger,
		});
		Ok(())
	}
}
