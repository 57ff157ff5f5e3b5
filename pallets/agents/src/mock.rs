//! A test runtime: frame-system, balances and this pallet, with a stand-in for models.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
};
use openledger_primitives::{
	Ancestor, Balance, FixedSplitBounds, ModelId, ModelInspect, ModelStatus, ModelTerms,
	ModelVersion, SplitPolicy, TrainingSet,
};
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_agents;

type Block = frame_system::mocking::MockBlock<Test>;

/// An account id.
pub type AccountId = u64;

/// Operates agents in most tests.
pub const OPERATOR: AccountId = 1;
/// Another operator.
pub const BOB: AccountId = 2;
/// Someone with no funds.
pub const STRANGER: AccountId = 4;
/// The treasury.
pub const TREASURY: AccountId = 99;

/// What each funded account starts with.
pub const ENDOWMENT: Balance = 1_000_000_000;
/// The existential deposit.
pub const ED: Balance = 10;
/// The stake an agent holds.
pub const STAKE: Balance = 10_000;
/// Blocks between unregistering and withdrawing.
pub const UNBONDING: u64 = 5;

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
	pub type Agents = pallet_agents;
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

/// Models 0 to 9 exist.
pub struct MockModels;
impl ModelInspect<AccountId, Balance> for MockModels {
	fn terms(model: ModelId) -> Option<ModelTerms<AccountId, Balance>> {
		(model < 10).then(|| ModelTerms {
			owner: 100 + model,
			status: ModelStatus::Active,
			price: 0,
			split: SplitPolicy::default(),
		})
	}
	fn training(_: ModelId, _: ModelVersion) -> Option<Vec<TrainingSet>> {
		None
	}
	fn is_attestor(_: ModelId, _: &AccountId) -> bool {
		false
	}
	fn allows_method(_: ModelId, _: &openledger_primitives::Method) -> bool {
		true
	}
	fn lineage(_: ModelId) -> Vec<Ancestor<AccountId>> {
		vec![]
	}
	fn derivatives(_: ModelId, _: u32, _: u32) -> Vec<ModelId> {
		vec![]
	}
}

parameter_types! {
	pub const MaxModelShare: Perbill = Perbill::from_percent(50);
	pub const MaxOperatorShare: Perbill = Perbill::from_percent(20);
	pub const Treasury: AccountId = TREASURY;
}

impl pallet_agents::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = MockModels;
	type SplitBounds = FixedSplitBounds<MaxModelShare, MaxOperatorShare>;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type MinAgentStake = ConstU128<STAKE>;
	type UnbondingPeriod = ConstU64<UNBONDING>;
	type MaxMetadataLen = ConstU32<64>;
	type MaxModelsPerAgent = ConstU32<3>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Hands out the existing models 0 to 9 in turn.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
std::thread_local! {
	static NEXT_MODEL: core::cell::Cell<ModelId> = const { core::cell::Cell::new(0) };
}
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Test> for BenchHelper {
	fn model(_owner: &AccountId) -> Result<ModelId, sp_runtime::DispatchError> {
		Ok(NEXT_MODEL.with(|next| {
			let model = next.get();
			next.set((model + 1) % 10);
			model
		}))
	}
}

/// A fresh chain at block 1 with funded accounts and a treasury.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [(OPERATOR, ENDOWMENT), (BOB, ENDOWMENT), (TREASURY, ED)].into(),
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
		Agents::do_try_state().unwrap();
	});
}
