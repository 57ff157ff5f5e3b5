//! A test runtime: frame-system, balances and this pallet, with a stand-in for datasets.

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, LinearStoragePrice},
};
use openledger_primitives::{
	Balance, DatasetId, DatasetInspect, DatasetStatus, DatasetVersion, FixedSplitBounds,
};
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_models;

type Block = frame_system::mocking::MockBlock<Test>;

/// An account id.
pub type AccountId = u64;

/// Owns models in most tests.
pub const OWNER: AccountId = 1;
/// Another model owner.
pub const BOB: AccountId = 2;
/// An attestor.
pub const ATTESTOR: AccountId = 3;
/// Someone with no funds.
pub const STRANGER: AccountId = 4;

/// What each funded account starts with.
pub const ENDOWMENT: Balance = 1_000_000_000;
/// The existential deposit.
pub const ED: Balance = 10;
/// The model deposit.
pub const DEPOSIT: Balance = 500;
/// The versions' storage deposit: this much per model with versions…
pub const VERSION_BASE_DEPOSIT: Balance = 100;
/// …plus this much per byte of each version's largest encoding (105 bytes here: an artifact
/// hash, 4 training sets and a block number).
pub const VERSION_BYTE_DEPOSIT: Balance = 1;
/// The most ancestors a model may have here.
pub const MAX_DEPTH: u32 = 3;

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
	pub type Models = pallet_models;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = Balance;
	type ExistentialDeposit = ConstU128<ED>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

/// Datasets 0 to 9 exist, each with versions 1 to 3.
pub struct MockDatasets;
impl DatasetInspect<AccountId> for MockDatasets {
	fn owner(dataset: DatasetId) -> Option<AccountId> {
		(dataset < 10).then_some(100 + dataset)
	}
	fn status(dataset: DatasetId) -> Option<DatasetStatus> {
		(dataset < 10).then_some(DatasetStatus::Active)
	}
	fn version_exists(dataset: DatasetId, version: DatasetVersion) -> bool {
		dataset < 10 && (1..=3).contains(&version)
	}
	fn pool(dataset: DatasetId) -> Option<openledger_primitives::PoolPayment> {
		(dataset < 10).then(Default::default)
	}
}

parameter_types! {
	pub const VersionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Models(pallet_models::HoldReason::VersionDeposit);
}

/// Versions' storage deposits, as the runtime takes them.
pub type VersionDeposit = HoldConsideration<
	AccountId,
	Balances,
	VersionDepositReason,
	LinearStoragePrice<ConstU128<VERSION_BASE_DEPOSIT>, ConstU128<VERSION_BYTE_DEPOSIT>, Balance>,
>;

parameter_types! {
	pub const MaxModelShare: Perbill = Perbill::from_percent(50);
	pub const MaxOperatorShare: Perbill = Perbill::from_percent(20);
}

impl pallet_models::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = MockDatasets;
	type SplitBounds = FixedSplitBounds<MaxModelShare, MaxOperatorShare>;
	type ModelDeposit = ConstU128<DEPOSIT>;
	type VersionDeposit = VersionDeposit;
	type MaxLineageDepth = ConstU32<MAX_DEPTH>;
	type MaxTrainingSets = ConstU32<4>;
	type MaxAttestors = ConstU32<3>;
	type MaxMetadataLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<16>;
	type MaxAttributionMethods = ConstU32<4>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockDatasetVersions;
}

/// Benchmarks cite the stand-in's datasets 0 to 9 in turn, version 1.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockDatasetVersions;
#[cfg(feature = "runtime-benchmarks")]
std::thread_local! {
	static NEXT_DATASET: core::cell::Cell<DatasetId> = const { core::cell::Cell::new(0) };
}
#[cfg(feature = "runtime-benchmarks")]
impl openledger_primitives::DatasetBenchmarkHelper<AccountId> for MockDatasetVersions {
	fn dataset_with_version(
		_owner: &AccountId,
	) -> Result<(DatasetId, DatasetVersion), sp_runtime::DispatchError> {
		Ok(NEXT_DATASET.with(|next| {
			let dataset = next.get();
			next.set((dataset + 1) % 10);
			(dataset, 1)
		}))
	}
}

/// A fresh chain at block 1 with funded accounts.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OWNER, BOB, ATTESTOR].into_iter().map(|a| (a, ENDOWMENT)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and checks the pallet's invariants after it.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		Models::do_try_state().unwrap();
	});
}
