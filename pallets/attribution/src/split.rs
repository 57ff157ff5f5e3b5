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
use openledger_primitives::{Ancestor, Balance, DatasetId, ModelId, TrainingSet};
use sp_runtime::{ArithmeticError, Perbill};

use crate::SplitParams;

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

/// A split, party by party, before anyone is paid.
#[derive(Clone, Debug, Eq, PartialEq)]
pub struct PlannedSplit<AccountId> {
	/// The protocol's part.
	pub protocol: Balance,
	/// The agent operator and its part.
	pub operator: Option<(AccountId, Balance)>,
	/// The model's owner.
	pub model_owner: AccountId,
	/// What the owner keeps of the model part.
	pub model_owner_amount: Balance,
	/// Each ancestor's royalty: (model, owner, amount), direct base first.
	pub ancestors: Vec<(ModelId, AccountId, Balance)>,
	/// Each dataset's parts: (dataset, for its score, for its training weight), scored
	/// datasets first in score order, then the other training datasets in training order.
	pub datasets: Vec<(DatasetId, Balance, Balance)>,
	/// The unattributed part no training weight covers.
	pub unattributed_to_treasury: Balance,
	/// Rounding dust.
	pub dust: Balance,
}

fn sub(a: Balance, b: Balance) -> Result<Balance, ArithmeticError> {
	a.checked_sub(b).ok_or(ArithmeticError::Underflow)
}

fn add(a: Balance, b: Balance) -> Result<Balance, ArithmeticError> {
	a.checked_add(b).ok_or(ArithmeticError::Overflow)
}

/// `100% − Σ parts`, or `None` if the parts exceed 100%.
pub fn complement(parts: impl IntoIterator<Item = Perbill>) -> Option<Perbill> {
	let total = parts.into_iter().try_fold(0u32, |sum, part| {
		sum.checked_add(part.deconstruct()).filter(|s| *s <= Perbill::one().deconstruct())
	})?;
	Some(Perbill::from_parts(Perbill::one().deconstruct() - total))
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

/// Splits a fee. Fails only on arithmetic overflow, which the bounds make impossible.
pub fn plan<AccountId: Clone>(
	inputs: SplitInputs<'_, AccountId>,
) -> Result<PlannedSplit<AccountId>, ArithmeticError> {
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
		let cut = ancestor.royalty.mul_floor(remaining);
		remaining = sub(remaining, cut)?;
		ancestors.push((ancestor.model, ancestor.owner.clone(), cut));
	}

	let data_part = sub(sub(sub(fee, protocol)?, operator_amount)?, model_part)?;
	let mut datasets: Vec<(DatasetId, Balance, Balance)> = inputs
		.scores
		.iter()
		.map(|(dataset, score)| (*dataset, score.mul_floor(data_part), 0))
		.collect();
	let unattributed_share =
		complement(inputs.scores.iter().map(|(_, score)| *score)).unwrap_or_else(Perbill::zero);
	let unattributed = unattributed_share.mul_floor(data_part);
	for (dataset, _version, weight) in inputs.training {
		let part = weight.mul_floor(unattributed);
		match datasets.iter_mut().find(|(d, _, _)| d == dataset) {
			Some(entry) => entry.2 = add(entry.2, part)?,
			None => datasets.push((*dataset, 0, part)),
		}
	}
	let undeclared_share = complement(inputs.training.iter().map(|(_, _, weight)| *weight))
		.unwrap_or_else(Perbill::zero);
	let unattributed_to_treasury = undeclared_share.mul_floor(unattributed);

	let mut paid =
		add(add(protocol, operator_amount)?, add(model_part, unattributed_to_treasury)?)?;
	for (_, scored, from_training) in &datasets {
		paid = add(paid, add(*scored, *from_training)?)?;
	}
	let dust = sub(fee, paid)?;

	Ok(PlannedSplit {
		protocol,
		operator: inputs.operator.map(|(account, _)| (account, operator_amount)),
		model_owner: inputs.model_owner,
		model_owner_amount: remaining,
		ancestors,
		datasets,
		unattributed_to_treasury,
		dust,
	})
}
