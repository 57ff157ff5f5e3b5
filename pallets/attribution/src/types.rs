//! The records this pallet keeps: attribution records, their splits, attestors, parameters.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::*, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use openledger_primitives::{AgentId, Balance, DatasetId, ModelId, ModelVersion, PoolPayment};
use scale_info::TypeInfo;
use sp_core::{H256, U256};
use sp_runtime::Perbill;

use crate::Config;

pub use openledger_primitives::RecordId;

pub use openledger_primitives::{Method, MAX_METHOD_ID_LEN};

/// The scores of a record: how much each dataset influenced the answer.
pub type ScoresOf<T> = BoundedVec<(DatasetId, Perbill), <T as Config>::MaxScoredDatasets>;

/// What an attestor records about one paid inference: `record_inference`'s parameters, in
/// one value (the pallet's helpers take this, not nine arguments).
#[derive(CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound)]
pub struct RecordTerms<T: Config> {
	/// The model that answered.
	pub model: ModelId,
	/// Its version.
	pub model_version: ModelVersion,
	/// The agent the inference went through, if any.
	pub agent: Option<AgentId>,
	/// The fee the attestor pays, at least the model's price.
	pub fee: Balance,
	/// The hash of the inference (recorded once per model while its record is in state).
	pub inference_hash: H256,
	/// How the scores were computed.
	pub method: Method,
	/// The hash of the evidence behind the scores.
	pub evidence_hash: H256,
	/// The influence of each dataset.
	pub scores: ScoresOf<T>,
	/// The largest operator share the attestor agrees to pay.
	pub max_operator_share: Perbill,
}

/// The global parameters of fee splitting, set by governance.
#[derive(Clone, Copy, Debug, Eq, PartialEq, serde::Serialize, serde::Deserialize)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
#[serde(rename_all = "camelCase")]
pub struct SplitParams {
	/// The protocol's part of every fee, paid to the treasury.
	pub protocol_share: Perbill,
	/// The least part of every fee that goes to data (datasets and the unattributed rest).
	pub min_data_share: Perbill,
	/// The largest part of a fee a model may take.
	pub max_model_share: Perbill,
	/// The largest part of a fee an agent operator may take.
	pub max_operator_share: Perbill,
}

impl SplitParams {
	/// Whether the parts can always be honoured together:
	/// `protocol + max_operator + max_model + min_data <= 100%`.
	pub fn is_consistent(&self) -> bool {
		let parts = [
			self.protocol_share,
			self.max_operator_share,
			self.max_model_share,
			self.min_data_share,
		];
		openledger_primitives::checks::sum_of_parts(parts).is_some()
	}
}

impl Default for SplitParams {
	fn default() -> Self {
		Self {
			protocol_share: Perbill::from_percent(5),
			min_data_share: Perbill::from_percent(30),
			max_model_share: Perbill::from_percent(50),
			max_operator_share: Perbill::from_percent(15),
		}
	}
}

/// What one ancestor model's owner received: its royalty of what remained of the model part.
#[derive(CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct AncestorPayout<T: Config> {
	/// The ancestor model.
	pub model: ModelId,
	/// Its owner at the time.
	pub owner: T::AccountId,
	/// The amount paid.
	pub amount: Balance,
}

/// What one dataset received, and its pool when it was paid: enough to tell exactly what
/// each of its contributions earned from this record.
#[derive(Clone, Debug, Eq, PartialEq)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub struct DatasetPayout {
	/// The dataset.
	pub dataset: DatasetId,
	/// The part paid for its score in the record.
	pub scored: Balance,
	/// The part paid for its weight in the model version's training (the unattributed rest).
	pub from_training: Balance,
	/// Its pool's total shares when paid; zero means its owner was paid directly.
	pub total_shares: u128,
	/// Its pool's reward per share just before.
	pub reward_per_share_before: U256,
}

impl DatasetPayout {
	/// A payment of `scored + from_training` to `dataset`, before its pool is known.
	pub fn new(dataset: DatasetId, scored: Balance, from_training: Balance) -> Self {
		Self {
			dataset,
			scored,
			from_training,
			total_shares: 0,
			reward_per_share_before: U256::zero(),
		}
	}

	/// Notes the pool the payment went into (or would go into now).
	pub fn set_pool(&mut self, pool: PoolPayment) {
		self.total_shares = pool.total_shares;
		self.reward_per_share_before = pool.reward_per_share_before;
	}

	/// The whole amount paid to the dataset.
	pub fn amount(&self) -> Balance {
		self.scored.saturating_add(self.from_training)
	}
}

/// How a record's fee was split, party by party. The parts sum to the fee exactly.
#[derive(CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct Split<T: Config> {
	/// The protocol's part, paid to the treasury.
	pub protocol: Balance,
	/// The agent operator and its part, if the inference went through an agent.
	pub agent_operator: Option<(T::AccountId, Balance)>,
	/// The model's owner.
	pub model_owner: T::AccountId,
	/// What the model's owner kept of the model part after its ancestors' royalties.
	pub model_owner_amount: Balance,
	/// The ancestors' royalties, direct base first.
	pub ancestors: BoundedVec<AncestorPayout<T>, T::MaxLineageDepth>,
	/// What each dataset received.
	pub datasets: BoundedVec<DatasetPayout, T::MaxDatasetPayouts>,
	/// The part of the unattributed data part that no declared training weight covered,
	/// paid to the treasury.
	pub unattributed_to_treasury: Balance,
	/// Rounding dust (every multiplication floors), paid to the treasury.
	pub dust: Balance,
}

impl<T: Config> Split<T> {
	/// The sum of all parts; `None` on overflow (which would mean a bug).
	pub fn total(&self) -> Option<Balance> {
		let mut total = self
			.protocol
			.checked_add(self.model_owner_amount)?
			.checked_add(self.unattributed_to_treasury)?
			.checked_add(self.dust)?;
		if let Some((_, amount)) = &self.agent_operator {
			total = total.checked_add(*amount)?;
		}
		for ancestor in self.ancestors.iter() {
			total = total.checked_add(ancestor.amount)?;
		}
		for dataset in self.datasets.iter() {
			total = total.checked_add(dataset.scored)?.checked_add(dataset.from_training)?;
		}
		Some(total)
	}

	/// What the treasury received: the protocol part, the undeclared unattributed part and
	/// the dust.
	pub fn treasury(&self) -> Balance {
		self.protocol.saturating_add(self.unattributed_to_treasury).saturating_add(self.dust)
	}
}

/// Where a record stands with respect to disputes.
#[derive(CloneNoBound, EqNoBound, PartialEqNoBound, DebugNoBound)]
#[derive(Decode, Encode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub enum RecordStatus<T: Config> {
	/// Nobody has challenged it.
	Unchallenged,
	/// Challenged; governance has not decided yet.
	Challenged {
		/// Who challenged it.
		challenger: T::AccountId,
		/// The bond the challenger holds.
		bond: Balance,
	},
	/// A challenge was rejected: the record stands (it may be challenged again within its
	/// period, by another bond).
	Confirmed,
	/// A challenge was upheld: the record is invalid (its payments are not clawed back; the
	/// attestor's bond was slashed).
	Invalidated,
}

/// An attribution record: the economic trace of one paid inference.
#[derive(CloneNoBound, EqNoBound, PartialEqNoBound, DebugNoBound)]
#[derive(Decode, Encode, MaxEncodedLen, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct AttributionRecord<T: Config> {
	/// The model that answered.
	pub model: ModelId,
	/// Its version.
	pub model_version: ModelVersion,
	/// The agent that called it, if any.
	pub agent: Option<AgentId>,
	/// The attestor that recorded it and paid the fee.
	pub attestor: T::AccountId,
	/// The fee paid.
	pub fee: Balance,
	/// The hash of the inference (request and response).
	pub inference_hash: H256,
	/// How the attribution was computed.
	pub method: Method,
	/// The hash of the evidence behind the scores.
	pub evidence_hash: H256,
	/// The influence of each dataset (summing to at most 100%).
	pub scores: ScoresOf<T>,
	/// How the fee was split.
	pub split: Split<T>,
	/// The block it was recorded in.
	pub block: frame_system::pallet_prelude::BlockNumberFor<T>,
	/// Its dispute status.
	pub status: RecordStatus<T>,
}

/// Whether an attestor may record.
#[derive(Clone, Copy, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub enum AttestorStatus<BlockNumber> {
	/// Bonded: may record while the bond is at least `MinAttestorBond`.
	Bonded,
	/// Unbonding: may not record; the bond can be withdrawn from `until` on once no
	/// challenge of its records is open.
	Unbonding {
		/// The first block in which the bond can be withdrawn.
		until: BlockNumber,
	},
}

/// An attestor's bond.
#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct AttestorInfo<BlockNumber> {
	/// The bond held (less any slashes).
	pub bond: Balance,
	/// Whether it may record.
	pub status: AttestorStatus<BlockNumber>,
	/// How many of its records are challenged and not yet resolved.
	pub open_challenges: u32,
}
