//! The native token (balances), transaction fees and the treasury account.
//!
//! Fees are not burnt: each transaction's tip and a governed share of its fee (20 % until the
//! Council sets another) go to the block's author, the rest of the fee to the treasury account
//! (pallet-treasury's, spent by the Council: `configs/governance.rs`), exactly
//! (`pallet_validator_set::DealWithFees`); so the total issuance of `OPEN` only changes by
//! explicit, documented slashes.

use frame_support::{
	parameter_types,
	traits::{tokens::imbalance::ResolveTo, ConstU128, ConstU32, ConstU8, VariantCountOf},
	weights::ConstantMultiplier,
	PalletId,
};
use pallet_transaction_payment::{FungibleAdapter, Multiplier, TargetedFeeAdjustment};
use sp_runtime::{traits::AccountIdConversion, FixedPointNumber, Perquintill};

use crate::{
	AccountId, Balance, Balances, Runtime, RuntimeEvent, RuntimeFreezeReason, RuntimeHoldReason,
	System, CENTS, EXISTENTIAL_DEPOSIT, MILLI_UNIT,
};

parameter_types! {
	/// The id the treasury account is derived from.
	pub const TreasuryPalletId: PalletId = PalletId(*b"ol/trsry");
	/// The treasury: receives most of each transaction fee, the protocol share of inference
	/// fees, rounding dust and slashes.
	pub TreasuryAccount: AccountId = TreasuryPalletId::get().into_account_truncating();
}

/// The treasury account.
pub fn treasury_account() -> AccountId {
	TreasuryAccount::get()
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ConstU32<0>;
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ResolveTo<TreasuryAccount, Balances>;
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

/// The fee per unit of `ref_time` weight: a plain transfer (≈ 125 µs base + its own weight)
/// costs about one cent of `OPEN`.
pub const FEE_PER_REF_TIME: Balance = CENTS / 125_000_000;

/// The fee per byte of an extrinsic: 0.01 milli-`OPEN`.
pub const FEE_PER_BYTE: Balance = MILLI_UNIT / 100;

parameter_types! {
	/// Fees start rising once blocks are more than a quarter full.
	pub const TargetBlockFullness: Perquintill = Perquintill::from_percent(25);
	/// How fast the fee multiplier reacts to congestion (Polkadot's value).
	pub AdjustmentVariable: Multiplier = Multiplier::saturating_from_rational(75, 1_000_000);
	/// Fees never fall below the base price.
	pub MinimumMultiplier: Multiplier = Multiplier::from_u32(1);
	/// …and rise at most a thousandfold.
	pub MaximumMultiplier: Multiplier = Multiplier::from_u32(1_000);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type OnChargeTransaction =
		FungibleAdapter<Balances, pallet_validator_set::DealWithFees<Runtime>>;
	type OperationalFeeMultiplier = ConstU8<5>;
	type WeightToFee = ConstantMultiplier<Balance, ConstU128<FEE_PER_REF_TIME>>;
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<FEE_PER_BYTE>>;
	type FeeMultiplierUpdate = TargetedFeeAdjustment<
		Self,
		TargetBlockFullness,
		AdjustmentVariable,
		MinimumMultiplier,
		MaximumMultiplier,
	>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}
