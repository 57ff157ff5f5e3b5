//! A test runtime with the real datasets, models and agents pallets beside this one, so that
//! tests exercise what the chain does, end to end, inside one runtime.

use frame_support::{
	derive_impl, ord_parameter_types, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, LinearStoragePrice},
	PalletId,
};
use openledger_primitives::Balance;
use sp_runtime::{BuildStorage, Perbill};

use crate::{self as pallet_attribution, SplitParams};

type Block = frame_system::mocking::MockBlock<Test>;

/// An account id.
pub type AccountId = u64;

/// Owns datasets.
pub const CURATOR: AccountId = 1;
/// Contributors.
pub const ALICE: AccountId = 2;
/// Contributors.
pub const BOB: AccountId = 3;
/// Owns the base model.
pub const BASE_OWNER: AccountId = 4;
/// Owns the fine-tuned model.
pub const MODEL_OWNER: AccountId = 5;
/// Runs the inference service and records attribution.
pub const ATTESTOR: AccountId = 6;
/// Operates an agent.
pub const OPERATOR: AccountId = 7;
/// Challenges records.
pub const CHALLENGER: AccountId = 8;
/// Someone with no role.
pub const STRANGER: AccountId = 9;
/// The treasury.
pub const TREASURY: AccountId = 99;
/// The one account the test runtime lets resolve challenges (the runtime: the Arbiters).
pub const ARBITER: AccountId = 98;

/// What each funded account starts with.
pub const ENDOWMENT: Balance = 1_000_000_000_000_000;
/// The existential deposit.
pub const ED: Balance = 10;
/// The least attestor bond.
pub const MIN_BOND: Balance = 1_000;
/// The least challenge bond.
pub const MIN_CHALLENGE: Balance = 100;
/// Blocks in which a record may be challenged.
pub const CHALLENGE_PERIOD: u64 = 10;
/// Blocks of unbonding.
pub const UNBONDING: u64 = 5;
/// The most ancestors.
pub const MAX_DEPTH: u32 = 4;
/// The part of an attestor's record deposit paid once, whatever its number of records.
pub const RECORD_BASE_DEPOSIT: Balance = 100;
/// The part of an attestor's record deposit paid per byte of its records.
pub const RECORD_BYTE_DEPOSIT: Balance = 1;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Datasets = pallet_datasets;
	#[runtime::pallet_index(3)]
	pub type Models = pallet_models;
	#[runtime::pallet_index(4)]
	pub type Agents = pallet_agents;
	#[runtime::pallet_index(5)]
	pub type Attribution = pallet_attribution;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

parameter_types! {
	pub const DatasetsPalletId: PalletId = PalletId(*b"ol/datas");
	pub const Treasury: AccountId = TREASURY;
	pub const SlashToOwner: pallet_datasets::SlashBeneficiary =
		pallet_datasets::SlashBeneficiary::DatasetOwner;
	pub const UpheldSlash: Perbill = Perbill::from_percent(50);
	pub const ChallengerReward: Perbill = Perbill::from_percent(40);
}

parameter_types! {
	pub const RecordDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Attribution(pallet_attribution::HoldReason::RecordDeposit);
}

/// Records' storage deposits, as the runtime takes them.
pub type RecordDeposit = HoldConsideration<
	AccountId,
	Balances,
	RecordDepositReason,
	LinearStoragePrice<ConstU128<RECORD_BASE_DEPOSIT>, ConstU128<RECORD_BYTE_DEPOSIT>, Balance>,
>;

ord_parameter_types! {
	pub const Arbiter: AccountId = ARBITER;
}

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type RejectionSlashTo = SlashToOwner;
	type PalletId = DatasetsPalletId;
	type DatasetDeposit = ConstU128<1_000>;
	// The datasets pallet's own tests check contributions' storage deposits.
	type ContributionDeposit = ();
	type AllowListDeposit = ();
	type MaxMetadataLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<16>;
	type MaxCurators = ConstU32<3>;
	type MaxContributionsPerAccount = ConstU32<64>;
	type MaxClaimBatch = ConstU32<16>;
	type MaxSharesPerContribution = ConstU64<1_000_000_000>;
	type WeightInfo = ();
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = Datasets;
	type SplitBounds = Attribution;
	type ModelDeposit = ConstU128<500>;
	type VersionDeposit = ();
	type MaxLineageDepth = ConstU32<MAX_DEPTH>;
	type MaxTrainingSets = ConstU32<4>;
	type MaxAttestors = ConstU32<4>;
	type MaxMetadataLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<16>;
	type MaxAttributionMethods = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Datasets;
}

impl pallet_agents::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type SplitBounds = Attribution;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type MinAgentStake = ConstU128<10_000>;
	type UnbondingPeriod = ConstU64<5>;
	type MaxMetadataLen = ConstU32<64>;
	type MaxModelsPerAgent = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_agents::ModelsFrom<Models>;
}

impl pallet_attribution::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = Datasets;
	type Models = Models;
	type Agents = Agents;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type ArbitrationOrigin = frame_system::EnsureSignedBy<Arbiter, AccountId>;
	type Treasury = Treasury;
	type RecordDeposit = RecordDeposit;
	type MinAttestorBond = ConstU128<MIN_BOND>;
	type UnbondingPeriod = ConstU64<UNBONDING>;
	type ChallengePeriod = ConstU64<CHALLENGE_PERIOD>;
	type MinChallengeBond = ConstU128<MIN_CHALLENGE>;
	type UpheldSlash = UpheldSlash;
	type ChallengerReward = ChallengerReward;
	type MaxScoredDatasets = ConstU32<8>;
	type MaxLineageDepth = ConstU32<MAX_DEPTH>;
	type MaxDatasetPayouts = ConstU32<12>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = (Datasets, Models, Agents);
}

/// The split parameters of the tests: 5% protocol, at least 30% to data, at most 50% to a
/// model and 15% to an agent operator.
pub fn params() -> SplitParams {
	SplitParams {
		protocol_share: Perbill::from_percent(5),
		min_data_share: Perbill::from_percent(30),
		max_model_share: Perbill::from_percent(50),
		max_operator_share: Perbill::from_percent(15),
	}
}

/// A fresh chain at block 1: funded accounts, a treasury, the datasets' pot.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [CURATOR, ALICE, BOB, BASE_OWNER, MODEL_OWNER, ATTESTOR, OPERATOR, CHALLENGER]
			.into_iter()
			.map(|account| (account, ENDOWMENT))
			.chain([(TREASURY, ED)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_datasets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	pallet_attribution::GenesisConfig::<Test> { params: params(), ..Default::default() }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Checks the invariants of all four pallets.
pub fn check_all_invariants() {
	Datasets::do_try_state().unwrap();
	Models::do_try_state().unwrap();
	Agents::do_try_state().unwrap();
	Attribution::do_try_state().unwrap();
}

/// Runs a test and checks every pallet's invariants after it.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		check_all_invariants();
	});
}
