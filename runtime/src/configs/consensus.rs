//! Block authoring (Aura), finality (GRANDPA), sessions and the validator set, and time.
//!
//! The validator set (`pallets/validator-set`) is governance's invulnerables plus the bonded
//! candidates with the largest bonds; the session pallet hands each session's validators and
//! their keys to Aura and GRANDPA; pallet-authorship tells who authored each block (for the
//! author's income, `configs/monetary.rs`, and for dropping inactive candidates).
//!
//! Provable misbehaviour is slashed through FRAME's own machinery: the GRANDPA voter of every
//! node reports the equivocations it sees (an unsigned `grandpa.report_equivocation_unsigned`
//! that only the reporting node's own pool accepts, so only a block author can include it);
//! pallet-grandpa checks the votes and, against pallet-session's historical sessions
//! (`Historical`), the offender's key; pallet-offences deduplicates and rates it; the validator
//! set disables, removes and slashes (`pallets/validator-set`, `features/offences.rs`). Aura
//! has no such report: two blocks in one slot are left to fork choice and GRANDPA, and a key
//! run twice is caught by its GRANDPA votes (docs/validator.md).

use frame_support::traits::{ConstBool, ConstU128, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use crate::{
	configs::monetary::TreasuryAccount, opaque::SessionKeys, AccountId, Aura, Balances, Offences,
	Runtime, RuntimeCall, RuntimeEvent, RuntimeHoldReason, Session, UncheckedExtrinsic,
	ValidatorSet, CENTS, DAYS, SLOT_DURATION, UNIT,
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

/// How many past sessions' validator sets are kept to prove offences in: a week of the
/// public chain's hour-long sessions, as long as a bond stays at risk after its candidate left
/// (`BondingPeriod`). Reports of older offences are refused.
pub const HISTORY_DEPTH: u32 = 168;

frame_support::parameter_types! {
	/// How long an equivocation report may wait in the reporting node's pool: a session.
	pub const ReportLongevity: u64 = crate::HOURS as u64;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// pallet-grandpa's own weights (`report_equivocation` grows with the set; no nominators).
	type WeightInfo = ();
	type MaxAuthorities = MaxAuthorities;
	type MaxNominators = ConstU32<0>;
	/// Which session each GRANDPA set began in, kept as long as the sessions themselves (and
	/// one more: a report checks the set before its own too).
	type MaxSetIdSessionEntries = ConstU64<{ HISTORY_DEPTH as u64 + 1 }>;
	type KeyOwnerProof = sp_session::MembershipProof;
	/// Proven against the keys each session really ran with (`configs/key_ownership.rs`).
	type EquivocationReportSystem = pallet_grandpa::EquivocationReportSystem<
		Self,
		Offences,
		crate::configs::key_ownership::KeyOwnership,
		ReportLongevity,
	>;
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// A validator is its account: a slash takes from what it holds when punished.
	type FullIdentification = ();
	type FullIdentificationOf = pallet_validator_set::AccountOnly;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = ValidatorSet;
}

/// Unsigned extrinsics the runtime makes itself: GRANDPA's equivocation reports.
impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	/// The validator set's, noting each session's validators and keys for offence proofs.
	type SessionManager = crate::configs::key_ownership::SessionManager;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// A proven offender is disabled for the rest of its session (Aura refuses its blocks),
	/// at most ⌊(n−1)/3⌋ of a set of `n` at once.
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
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
	/// The most governance may slash when it removes a candidate: a fifth of its bonds
	/// (docs/validator.md argues it). Provable misbehaviour is slashed by its offence instead.
	pub const MaxRemovalSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
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
	type MaxRemovalSlash = MaxRemovalSlash;
	type SessionInterface = Session;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
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
