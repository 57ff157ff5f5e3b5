//! Block authoring (Aura), finality (GRANDPA), sessions and the validator set, and time.
//!
//! The validator set (`pallets/validator-set`) is governance's invulnerables plus the bonded
//! candidates with the largest bonds; the session pallet hands each session's validators and
//! their keys to Aura and GRANDPA; pallet-authorship tells who authored each block (for the
//! author's income, `configs/monetary.rs`, and for dropping inactive candidates).

use frame_support::traits::{ConstBool, ConstU128, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use crate::{
	configs::monetary::TreasuryAccount, opaque::SessionKeys, AccountId, Aura, Balances, Runtime,
	RuntimeEvent, RuntimeHoldReason, Session, ValidatorSet, CENTS, DAYS, SLOT_DURATION, UNIT,
};

/// The largest authority set Aura and GRANDPA accept.
pub type MaxAuthorities = ConstU32<32>;

/// Half the chain's slot duration ([`pallet_validator_set::SlotDuration`], set at genesis: 6 s
/// unless a test network's genesis says shorter): the least time between two blocks'
/// timestamps, and through it (twice it) Aura's slot.
pub struct HalfSlot;

impl frame_support::traits::Get<u64> for HalfSlot {
	fn get() -> u64 {
		pallet_validator_set::SlotDuration::<Runtime>::get() / 2
	}
}

impl pallet_timestamp::Config for Runtime {
	/// Milliseconds since the unix epoch.
	type Moment = u64;
	type OnTimestampSet = Aura;
	type MinimumPeriod = HalfSlot;
	type WeightInfo = ();
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = Session;
	type MaxAuthorities = MaxAuthorities;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_aura::MinimumPeriodTimesTwo<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	// No equivocation reports yet: there is no staking to slash.
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = ValidatorSet;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	// Misbehaviour is not reported on chain yet: nobody is disabled.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Registering session keys holds one cent of OPEN.
	type KeyDeposit = ConstU128<CENTS>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Aura>;
	type EventHandler = ValidatorSet;
}

/// The smallest candidacy bond governance may set: 10 000 `OPEN`.
pub const MIN_CANDIDACY_BOND: crate::Balance = 10_000 * UNIT;

frame_support::parameter_types! {
	/// The author's share of each transaction fee until governance sets one (Polkadot's
	/// former 20 %); the treasury gets the other 80 %.
	pub const DefaultAuthorFeeShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
}

impl pallet_validator_set::Config for Runtime {
	type GovernanceOrigin = crate::configs::governance::GovernanceOrigin;
	type KeysRegistry = Session;
	/// A development chain has a single validator.
	type MinValidators = ConstU32<1>;
	type MaxValidators = MaxAuthorities;
	/// Five blocks: half a minute at the default slot.
	type MinSessionLength = ConstU32<5>;
	type DefaultSlotDuration = ConstU64<SLOT_DURATION>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ActiveSet = Session;
	type MaxCandidates = ConstU32<64>;
	type MinCandidacyBond = ConstU128<MIN_CANDIDACY_BOND>;
	/// A week.
	type BondingPeriod = ConstU32<{ 7 * DAYS }>;
	type DefaultAuthorFeeShare = DefaultAuthorFeeShare;
	type Treasury = TreasuryAccount;
	type WeightInfo = pallet_validator_set::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = SessionKeysForBenchmarks;
}

/// Registers dummy session keys for the validator-set benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct SessionKeysForBenchmarks;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_validator_set::BenchmarkHelper<Runtime> for SessionKeysForBenchmarks {
	fn register_keys(who: &AccountId) -> frame_support::dispatch::DispatchResult {
		let keys = SessionKeys {
			aura: sp_core::sr25519::Public::from_raw([7; 32]).into(),
			grandpa: sp_core::ed25519::Public::from_raw([7; 32]).into(),
		};
		pallet_session::NextKeys::<Runtime>::insert(who, keys);
		Ok(())
	}
}
