//! Attribution records as other pallets and clients see them: their ids, and the bounds on how
//! fees are split that the attribution pallet keeps and the models and agents pallets check.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use sp_core::{ConstU32, H256};
use sp_runtime::{BoundedVec, Perbill};

/// Identifies an attribution record. Assigned by the chain, in order of recording.
pub type RecordId = u64;

/// The longest attribution method id, in bytes.
pub const MAX_METHOD_ID_LEN: u32 = 64;

/// An attribution method's name and version, e.g. `span-match/1` (at most 64 bytes).
pub type MethodId = BoundedVec<u8, ConstU32<MAX_METHOD_ID_LEN>>;

/// An attribution method with the parameters it runs with: what a record says it used, and
/// what a model allows (`models.set_attribution_methods`). Two methods are the same only if
/// both the id and the parameters hash are.
#[derive(Clone, Debug, Default, Eq, PartialEq, Ord, PartialOrd)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub struct Method {
	/// The method's name and version, e.g. `span-match/1` (at most 64 bytes).
	pub id: MethodId,
	/// The blake2-256 of its parameters, as the method's specification writes them (for
	/// `span-match/1`, of the canonical JSON `{"minSpan":8}`).
	pub params_hash: H256,
}

/// The bounds governance sets on how fees are split. The attribution pallet keeps them; the
/// models and agents pallets check their owners' choices against them.
pub trait SplitBounds {
	/// The largest part of a fee a model may take.
	fn max_model_share() -> Perbill;
	/// The largest part of a fee an agent operator may take.
	fn max_operator_share() -> Perbill;
}

/// Fixed bounds, for tests and simple runtimes.
pub struct FixedSplitBounds<Model, Operator>(core::marker::PhantomData<(Model, Operator)>);
impl<Model: sp_core::Get<Perbill>, Operator: sp_core::Get<Perbill>> SplitBounds
	for FixedSplitBounds<Model, Operator>
{
	fn max_model_share() -> Perbill {
		Model::get()
	}
	fn max_operator_share() -> Perbill {
		Operator::get()
	}
}
