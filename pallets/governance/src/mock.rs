//! A test runtime: frame-system, balances, preimage, scheduler, a three-member Council
//! (pallet-collective) and this pallet, configured as the runtime configures them.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, EqualPrivilegeOnly, Get, Hooks},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, Perbill};

use crate as pallet_governance;

type Block = frame_system::mocking::MockBlock<Test>;

/// An account id.
pub type AccountId = u64;

/// The enactment delay of the test chain.
pub const DELAY: u64 = 10;

/// The Council's members.
pub const COUNCIL: [AccountId; 3] = [1, 2, 3];

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
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(3)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(4)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(5)]
	pub type Governance = pallet_governance;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<u128>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ConstU128<1>;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_preimage::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type Currency = Balances;
	type ManagerOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

parameter_types! {
	/// What the scheduler may use of a block.
	pub SchedulerWeight: Weight = Perbill::from_percent(80) * max_block();
	/// The heaviest call a motion may carry.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * max_block();
	/// The heaviest enactment (tests lower it).
	pub static MaxCallWeight: Weight = Perbill::from_percent(70) * max_block();
}

fn max_block() -> Weight {
	<<Test as frame_system::Config>::BlockWeights as Get<frame_system::limits::BlockWeights>>::get()
		.max_block
}

impl pallet_scheduler::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = SchedulerWeight;
	type ScheduleOrigin = EnsureRoot<AccountId>;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<10>;
	type WeightInfo = ();
	type Preimages = Preimage;
	type BlockNumberProvider = System;
}

/// The Council's collective.
pub type CouncilInstance = pallet_collective::Instance1;

impl pallet_collective::Config<CouncilInstance> for Test {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = ConstU64<100>;
	type MaxProposals = ConstU32<10>;
	type MaxMembers = ConstU32<10>;
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = ();
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureRoot<AccountId>;
	type KillOrigin = EnsureRoot<AccountId>;
	type Consideration = ();
}

impl pallet_governance::Config for Test {
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type Scheduler = Scheduler;
	type Preimages = Preimage;
	type EnactOrigin = pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 2, 3>;
	type FastTrackOrigin =
		pallet_collective::EnsureProportionAtLeast<AccountId, CouncilInstance, 1, 1>;
	type CancelOrigin =
		pallet_collective::EnsureProportionMoreThan<AccountId, CouncilInstance, 1, 2>;
	type MinEnactmentDelay = ConstU64<2>;
	type MaxEnactmentDelay = ConstU64<1_000>;
	type EnactableCalls = NotForbidden;
	type MaxCallWeight = MaxCallWeight;
	type WeightInfo = ();
}

/// The remark the mock's Council may not enact: the one call [`NotForbidden`] refuses.
pub const FORBIDDEN: &[u8] = b"forbidden";

/// Every call but `system.remark(FORBIDDEN)`.
pub struct NotForbidden;

impl frame_support::traits::Contains<RuntimeCall> for NotForbidden {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::System(frame_system::Call::remark { remark }) if remark == FORBIDDEN)
	}
}

/// The Council (1, 2, 3), funded accounts 1 to 5, an enactment delay of [`DELAY`] blocks.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=5).map(|a| (a, 1_000)).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_collective::GenesisConfig::<Test, CouncilInstance> {
		members: COUNCIL.to_vec(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_governance::GenesisConfig::<Test> { enactment_delay: DELAY, enactment_delay_floor: 0 }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs blocks until block `n`, with the scheduler's hook as the chain runs it.
pub fn run_to(n: u64) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		System::set_block_number(next);
		Scheduler::on_initialize(next);
	}
}

/// Runs a test and checks the pallet's invariants after it.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
