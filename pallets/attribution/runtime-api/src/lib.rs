//! # Attribution runtime API
//!
//! What tools and the node's JSON-RPC (`attribution_*`) ask the runtime about attribution
//! records: a record's split party by party, what one contribution earned from one record,
//! an account's pending rewards, and the split a record would produce before paying it. The
//! answers are computed by the pallet (`pallet_attribution::runtime_api`) and, for what reads
//! the datasets pallet too, by the runtime.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

use alloc::{string::String, vec::Vec};
use codec::{Codec, Decode, Encode};
pub use openledger_primitives::Page;
use openledger_primitives::{
	AgentId, Balance, ContributionId, DatasetId, ModelId, ModelVersion, RecordId, Shares,
};
use scale_info::TypeInfo;
use sp_core::{H256, U256};
use sp_runtime::Perbill;

/// What one dataset received from a record (with `total_shares == 0`, its owner was paid
/// directly: nobody held shares).
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct DatasetPayoutInfo {
	/// The dataset.
	pub dataset: DatasetId,
	/// For its score.
	pub scored: Balance,
	/// For its training weight.
	pub from_training: Balance,
	/// Its pool's total shares at that moment (zero: the owner was paid).
	pub total_shares: u128,
	/// Its pool's reward per share just before (scaled by 10^18).
	pub reward_per_share_before: U256,
}

/// A split, party by party. The parts sum to the fee.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct SplitInfo<AccountId> {
	/// The treasury: the protocol part.
	pub protocol: Balance,
	/// The agent operator and its part.
	pub agent_operator: Option<(AccountId, Balance)>,
	/// The model's owner.
	pub model_owner: AccountId,
	/// What the owner kept of the model part.
	pub model_owner_amount: Balance,
	/// Each ancestor model: (model, owner, royalty paid), direct base first.
	pub ancestors: Vec<(ModelId, AccountId, Balance)>,
	/// Each dataset paid.
	pub datasets: Vec<DatasetPayoutInfo>,
	/// The treasury: the unattributed part no training weight covered.
	pub unattributed_to_treasury: Balance,
	/// The treasury: rounding dust.
	pub dust: Balance,
	/// The treasury's total: protocol, unattributed and dust.
	pub treasury_total: Balance,
}

/// A record's dispute status.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum RecordState<AccountId> {
	/// Not challenged.
	Unchallenged,
	/// Challenged, not yet resolved.
	Challenged {
		/// The challenger.
		challenger: AccountId,
		/// Its bond.
		bond: Balance,
	},
	/// A challenge was rejected.
	Confirmed,
	/// A challenge was upheld.
	Invalidated,
}

/// An attribution record and its split.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct RecordInfo<AccountId, BlockNumber> {
	/// Its id.
	pub id: RecordId,
	/// The model.
	pub model: ModelId,
	/// Its version.
	pub model_version: ModelVersion,
	/// The agent, if any.
	pub agent: Option<AgentId>,
	/// The attestor, who paid.
	pub attestor: AccountId,
	/// The fee.
	pub fee: Balance,
	/// The inference's hash.
	pub inference_hash: H256,
	/// The attribution method's id.
	pub method: Vec<u8>,
	/// The hash of its parameters.
	pub method_params_hash: H256,
	/// The hash of the evidence.
	pub evidence_hash: H256,
	/// The scores.
	pub scores: Vec<(DatasetId, Perbill)>,
	/// The split.
	pub split: SplitInfo<AccountId>,
	/// The block it was recorded in.
	pub block: BlockNumber,
	/// The last block in which it may be challenged.
	pub challenge_deadline: BlockNumber,
	/// Its dispute status.
	pub state: RecordState<AccountId>,
}

/// What one contribution earned from one record.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct ContributionEarnings {
	/// The record.
	pub record: RecordId,
	/// The contribution.
	pub contribution: ContributionId,
	/// Its dataset.
	pub dataset: DatasetId,
	/// Its shares.
	pub shares: Shares,
	/// What the dataset received from the record.
	pub dataset_amount: Balance,
	/// What the contribution earned from it, exactly.
	pub earned: Balance,
}

/// Why a question about a record has no answer.
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub enum QueryError {
	/// No record with this id.
	RecordNotFound,
	/// No contribution with this id.
	ContributionNotFound,
	/// The record did not pay the contribution's dataset.
	DatasetNotPaid,
	/// The would-be record is refused: the pallet and error, e.g.
	/// `("Attribution", "ScoresOverflow")`.
	Refused {
		/// The pallet (or `Token`, `Arithmetic`… for system errors).
		pallet: String,
		/// The error's name.
		error: String,
	},
}

/// Which records a listing shows: those matching every field given (`None`: any).
#[derive(Clone, Debug, Decode, Encode, Eq, PartialEq, TypeInfo)]
pub struct RecordFilter<AccountId> {
	/// Only the records this attestor submitted.
	pub attestor: Option<AccountId>,
	/// Only the records of this model.
	pub model: Option<ModelId>,
	/// Only the records made through this agent.
	pub agent: Option<AgentId>,
}

impl<AccountId> Default for RecordFilter<AccountId> {
	fn default() -> Self {
		Self { attestor: None, model: None, agent: None }
	}
}

/// The key under which the runtime writes a record to the node's offchain index when the
/// record leaves state (`sp_io::offchain_index`, the `PERSISTENT` offchain storage), and where
/// the node's RPC reads it back: `openledger/attribution/record/` and the id, SCALE-encoded
/// (8 bytes, little-endian). The value is the record's final [`RecordInfo`], SCALE-encoded.
pub fn offchain_record_key(record: RecordId) -> Vec<u8> {
	let mut key = OFFCHAIN_RECORD_PREFIX.to_vec();
	key.extend_from_slice(&record.encode());
	key
}

/// The prefix of [`offchain_record_key`].
pub const OFFCHAIN_RECORD_PREFIX: &[u8] = b"openledger/attribution/record/";

sp_api::decl_runtime_apis! {
	/// Attribution records and their splits.
	///
	/// Version 2: records leave state after their challenge period (the node answers for them
	/// from its offchain index); [`next_record_id`](AttributionApi::next_record_id) tells a
	/// record that left state from one never recorded, and
	/// [`earnings_from`](AttributionApi::earnings_from) answers what a contribution earned
	/// from a record that left state. Version 3 added [`records`](AttributionApi::records).
	#[api_version(2)]
	pub trait AttributionApi<AccountId, BlockNumber>
	where
		AccountId: Codec,
		BlockNumber: Codec,
	{
		/// A record and its split, party by party.
		fn reward_split(record: RecordId) -> Option<RecordInfo<AccountId, BlockNumber>>;

		/// What one contribution earned from one record, from the pool snapshot stored with
		/// the record.
		fn contribution_earnings(
			record: RecordId,
			contribution: ContributionId,
		) -> Result<ContributionEarnings, QueryError>;

		/// The split a record would produce now, or the error it would fail with; nothing is
		/// written or paid. (The attestor's own checks, bond and balance, are not made.)
		fn preview_split(
			model: ModelId,
			model_version: ModelVersion,
			agent: Option<AgentId>,
			fee: Balance,
			scores: Vec<(DatasetId, Perbill)>,
		) -> Result<SplitInfo<AccountId>, QueryError>;

		/// The id the next record gets: every id below it was recorded (and may have left
		/// state since).
		#[api_version(2)]
		fn next_record_id() -> RecordId;

		/// What one contribution earned from `record` (a record that left state, as the
		/// node's offchain index keeps it), computed exactly as `contribution_earnings`.
		#[api_version(2)]
		fn earnings_from(
			record: RecordInfo<AccountId, BlockNumber>,
			contribution: ContributionId,
		) -> Result<ContributionEarnings, QueryError>;

		/// The records in state that match `filter`, in id order from id `start` (the `next`
		/// of the previous page; if `None`, the first record still in its challenge period:
		/// pass 0 to also walk the older ids, whose records under challenge are still in
		/// state). Records that left state are not listed. (Since version 3.)
		#[api_version(3)]
		fn records(
			filter: RecordFilter<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<RecordInfo<AccountId, BlockNumber>>;
	}
}
