//! The fee split, as a pure function: no storage, no transfers. The pallet pays what it
//! returns; previews and the runtime API show it without paying.
//!
//! Given a `fee`:
//! 1. `protocol = fee × protocol_share` goes to the treasury.
//! 2. `operator = fee × operator_share` goes to the agent's operator (0 without an agent).
//! 3. `model_part = fee × model_share`. Walking the lineage upward, direct base first, each
//!    ancestor takes its royalty of what remains of the model part; the owner keeps the rest.
//! 4. `data_part = fee − protocol − operator − model_part`. Each scored dataset receives
//!    `data_part × score`. The unattributed part, `data_part × (100% − Σ scores)`, follows
//!    the model version's training weights: each training dataset receives
//!    `unattributed × weight`; what the weights do not cover (all of it, without training
//!    sets) goes to the treasury.
//! 5. Every multiplication floors. The dust, `fee − Σ parts`, goes to the treasury, so the
//!    parts always sum to the fee exactly.
//!
//! Shares are clamped to the governance bounds in force at the time of the record: the
//! operator share to `max_operator_share`, the model share to `max_model_share` and to what
//! leaves the data at least `min_data_share`.

use alloc::vec::Vec;
use openledger_primitives::{checks::complement, Ancestor, Balance, DatasetId, TrainingSet};
use sp_runtime::{
	traits::{EnsureAdd, EnsureAddAssign, EnsureSub},
	DispatchError, Perbill,
};

use crate::{AncestorPayout, Config, DatasetPayout, Error, Split, SplitParams};

/// What the split of one fee depends on.
pub struct SplitInputs<'a, AccountId> {
	/// The fee.
	pub fee: Balance,
	/// The governance parameters in force.
	pub params: SplitParams,
	/// The agent's operator and its share, if the inference went through an agent.
	pub operator: Option<(AccountId, Perbill)>,
	/// The model's owner.
	pub model_owner: AccountId,
	/// The model's share, as its split policy says.
	pub model_share: Perbill,
	/// The model's ancestors, direct base first.
	pub lineage: &'a [Ancestor<AccountId>],
	/// The record's scores.
	pub scores: &'a [(DatasetId, Perbill)],
	/// The model version's training sets.
	pub training: &'a [TrainingSet],
}

/// The shares actually applied: the operator's and the model's, clamped to the bounds.
pub fn effective_shares(
	params: &SplitParams,
	operator_share: Perbill,
	model_share: Perbill,
) -> (Perbill, Perbill) {
	let operator = operator_share.min(params.max_operator_share);
	let room = complement([params.protocol_share, operator, params.min_data_share])
		.unwrap_or_else(Perbill::zero);
	(operator, model_share.min(params.max_model_share).min(room))
}

/// Splits a fee, party by party. Each dataset's pool snapshot is left empty: it is what the
/// pool stood at when paid, which the pallet fills in as it pays (or, for a preview, with
/// what the pool stands at now). Fails on arithmetic overflow, which the bounds make
/// impossible, or when the lineage or the datasets exceed the pallet's bounds.
pub fn plan<T: Config>(inputs: SplitInputs<'_, T::AccountId>) -> Result<Split<T>, DispatchError> {
	let fee = inputs.fee;
	let operator_share = inputs.operator.as_ref().map_or(Perbill::zero(), |(_, share)| *share);
	let (operator_share, model_share) =
		effective_shares(&inputs.params, operator_share, inputs.model_share);

	let protocol = inputs.params.protocol_share.mul_floor(fee);
	let operator_amount = operator_share.mul_floor(fee);
	let model_part = model_share.mul_floor(fee);

	let mut remaining = model_part;
	let mut ancestors = Vec::with_capacity(inputs.lineage.len());
	for ancestor in inputs.lineage {
		let amount = ancestor.royalty.mul_floor(remaining);
		remaining = remaining.ensure_sub(amount)?;
		ancestors.push(AncestorPayout {
			model: ancestor.model,
			owner: ancestor.owner.clone(),
			amount,
		});
	}

	let data_part =
		fee.ensure_sub(protocol)?.ensure_sub(operator_amount)?.ensure_sub(model_part)?;
	let mut datasets: Vec<DatasetPayout> = inputs
		.scores
		.iter()
		.map(|(dataset, score)| DatasetPayout::new(*dataset, score.mul_floor(data_part), 0))
		.collect();
	let unattributed_share =
		complement(inputs.scores.iter().map(|(_, score)| *score)).unwrap_or_else(Perbill::zero);
	let unattributed = unattributed_share.mul_floor(data_part);
	for (dataset, _version, weight) in inputs.training {
		let part = weight.mul_floor(unattributed);
		match datasets.iter_mut().find(|payout| payout.dataset == *dataset) {
			Some(payout) => payout.from_training.ensure_add_assign(part)?,
			None => datasets.push(DatasetPayout::new(*dataset, 0, part)),
		}
	}
	let undeclared_share = complement(inputs.training.iter().map(|(_, _, weight)| *weight))
		.unwrap_or_else(Perbill::zero);
	let unattributed_to_treasury = undeclared_share.mul_floor(unattributed);

	let mut paid = protocol
		.ensure_add(operator_amount)?
		.ensure_add(model_part)?
		.ensure_add(unattributed_to_treasury)?;
	for payout in &datasets {
		paid.ensure_add_assign(payout.scored.ensure_add(payout.from_training)?)?;
	}
	let dust = fee.ensure_sub(paid)?;

	Ok(Split {
		protocol,
		agent_operator: inputs.operator.map(|(account, _)| (account, operator_amount)),
		model_owner: inputs.model_owner,
		model_owner_amount: remaining,
		ancestors: ancestors.try_into().map_err(|_| Error::<T>::BoundsExceeded)?,
		datasets: datasets.try_into().map_err(|_| Error::<T>::BoundsExceeded)?,
		unattributed_to_treasury,
		dust,
	})
}
