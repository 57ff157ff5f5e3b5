//! The records this pallet stores about candidates.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A validator candidate and the bond it holds.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo
)]
pub struct Candidate<AccountId, Balance> {
	/// The candidate (its session keys are those of this account).
	pub who: AccountId,
	/// What it holds: the larger, the earlier it is selected.
	pub bond: Balance,
}

/// A former candidate's bond, held until its bonding period is over.
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo
)]
pub struct Unbonding<Balance, BlockNumber> {
	/// What is held (bonds of several leavings add up).
	pub amount: Balance,
	/// The first block the bond can be withdrawn in (the latest leaving's).
	pub unlocks_at: BlockNumber,
}

/// The slash of an offender's current span: the largest fraction of its offences taken so far,
/// and the bond it was taken of (everything it held as candidacy bond at its first offence).
#[derive(
	Clone,
	PartialEq,
	Eq,
	Debug,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo
)]
pub struct SlashRecord<Balance> {
	/// The fraction taken.
	pub fraction: sp_runtime::Perbill,
	/// What it was taken of.
	pub base: Balance,
}
