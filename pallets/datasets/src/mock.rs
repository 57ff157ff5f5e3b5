//! A test runtime: frame-system, balances and this pallet.

use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, LinearStoragePrice},
	PalletId,
};
use openledger_primitives::Balance;
use sp_runtime::BuildStorage;

use crate::{self as pallet_datasets, SlashBeneficiary};

type Block = frame_system::mocking::MockBlock<Test>;

/// An account id.
pub type AccountId = u64;

/// The dataset owner in most tests.
pub const OWNER: AccountId = 1;
/// A curator.
pub const CURATOR: AccountId = 2;
/// Contributors.
pub const ALICE: AccountId = 3;
/// Contributors.
pub const BOB: AccountId = 4;
/// Contributors.
pub const CAROL: AccountId = 5;
/// Someone with no funds and no role.
pub const STRANGER: AccountId = 6;
/// Pays rewards into datasets, as the attribution pallet would.
pub const PAYER: AccountId = 7;
/// The treasury.
pub const TREASURY: AccountId = 99;

/// What each funded account starts with.
pub const ENDOWMENT: Balance = 1_000_000_000;
/// The existential deposit.
pub const ED: Balance = 10;
/// The dataset deposit.
pub const DEPOSIT: Balance = 1_000;
/// A contribution's storage deposit: this much…
pub const CONTRIBUTION_BASE_DEPOSIT: Balance = 100;
/// …plus this much per byte of its footprint.
pub const CONTRIBUTION_BYTE_DEPOSIT: Balance = 1;

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
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountId = AccountId;
	type Lookup = sp_runtime::traits::IdentityLookup<AccountId>;
	type AccountData = pallet_balances::AccountData<Balance>;
	// Real database weights, so that the migration test sees what it reads and writes.
	type DbWeight = frame_support::weights::constants::ParityDbWeight;
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
	pub static SlashTo: SlashBeneficiary = SlashBeneficiary::DatasetOwner;
	pub const ContributionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Datasets(pallet_datasets::HoldReason::ContributionDeposit);
	pub const AllowListDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Datasets(pallet_datasets::HoldReason::AllowListDeposit);
}

/// Allow-list entries' storage deposits, at the contributions' price (133 here: 100 and one
/// per byte of an 8-byte account and its 25-byte entry).
pub type AllowListDeposit = HoldConsideration<
	AccountId,
	Balances,
	AllowListDepositReason,
	LinearStoragePrice<
		ConstU128<CONTRIBUTION_BASE_DEPOSIT>,
		ConstU128<CONTRIBUTION_BYTE_DEPOSIT>,
		Balance,
	>,
>;

/// Contributions' storage deposits, as the runtime takes them.
pub type ContributionDeposit = HoldConsideration<
	AccountId,
	Balances,
	ContributionDepositReason,
	LinearStoragePrice<
		ConstU128<CONTRIBUTION_BASE_DEPOSIT>,
		ConstU128<CONTRIBUTION_BYTE_DEPOSIT>,
		Balance,
	>,
>;

impl pallet_datasets::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type Treasury = Treasury;
	type RejectionSlashTo = SlashTo;
	type PalletId = DatasetsPalletId;
	type DatasetDeposit = ConstU128<DEPOSIT>;
	type ContributionDeposit = ContributionDeposit;
	type AllowListDeposit = AllowListDeposit;
	type MaxMetadataLen = ConstU32<64>;
	type MaxLicenseLen = ConstU32<16>;
	type MaxCurators = ConstU32<3>;
	type MaxContributionsPerAccount = ConstU32<8>;
	type MaxClaimBatch = ConstU32<4>;
	type MaxSharesPerContribution = ConstU64<1_000_000>;
	type WeightInfo = ();
}

/// A fresh chain at block 1: funded accounts, an empty treasury account with its existential
/// deposit, and the pallet's pot.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: [OWNER, CURATOR, ALICE, BOB, CAROL, PAYER]
			.into_iter()
			.map(|account| (account, ENDOWMENT))
			.chain([(TREASURY, ED)])
			.collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_datasets::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs a test and checks the pallet's invariants after it.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		Datasets::do_try_state().unwrap();
	});
}
