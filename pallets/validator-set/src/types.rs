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

/// The slash of an account's current span: the largest fraction taken so far (of its offences,
/// or of a governance removal), the bond it was taken of (everything it held as candidacy bond
/// when the span began), and whether an offence was proven in it.
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
	/// Whether an offence was proven (not only a removal): an offender is disabled again in a
	/// session it was already queued for.
	pub offence: bool,
}
