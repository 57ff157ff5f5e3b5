//! A test runtime: frame-system, balances, session (driven by this pallet, with its historical
//! sessions), authorship (whose author the tests choose with [`set_author`]) and this pallet.

use frame_support::{
	derive_impl, parameter_types,
	traits::{ConstU128, ConstU32, ConstU64},
};
use sp_core::crypto::KeyTypeId;
use sp_runtime::{
	testing::UintAuthorityId,
	traits::{ConvertInto, OpaqueKeys},
	BuildStorage,
};

use crate as pallet_validator_set;

type Block = frame_system::mocking::MockBlock<Test>;

/// An account id.
pub type AccountId = u64;

/// Blocks per session in the tests.
pub const SESSION: u64 = 5;

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
	pub type ValidatorSet = pallet_validator_set;
	#[runtime::pallet_index(3)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(4)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(5)]
	pub type Historical = pallet_session::historical;
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

/// Records nothing: the tests look at the session pallet's storage.
pub struct Handler;
impl pallet_session::SessionHandler<AccountId> for Handler {
	const KEY_TYPE_IDS: &'static [KeyTypeId] = &[sp_runtime::key_types::DUMMY];
	fn on_genesis_session<Ks: OpaqueKeys>(_: &[(AccountId, Ks)]) {}
	fn on_new_session<Ks: OpaqueKeys>(_: bool, _: &[(AccountId, Ks)], _: &[(AccountId, Ks)]) {}
	fn on_disabled(_: u32) {}
}

impl pallet_session::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = ValidatorSet;
	type NextSessionRotation = ValidatorSet;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Test, ValidatorSet>;
	type SessionHandler = Handler;
	type Keys = UintAuthorityId;
	type DisablingStrategy = pallet_session::disabling::UpToLimitDisablingStrategy;
	type WeightInfo = ();
	type Currency = Balances;
	type KeyDeposit = ConstU128<0>;
}

impl pallet_session::historical::Config for Test {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = crate::AccountOnly;
}

/// Sessions of history kept in the tests.
pub const HISTORY_DEPTH: u32 = 3;

parameter_types! {
	pub const MinValidators: u32 = 2;
	/// Who authors the current block (`set_author`); none when 0.
	pub static Author: AccountId = 0;
	pub const TreasuryAccount: AccountId = TREASURY;
	pub const DefaultShare: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(20);
	pub const MaxRemovalSlash: sp_runtime::Perbill = sp_runtime::Perbill::from_percent(50);
}

/// The treasury's account.
pub const TREASURY: AccountId = 99;
/// The smallest candidacy bond.
pub const BOND: u128 = 100;
/// Blocks a bond stays held after its candidate left.
pub const BONDING_PERIOD: u64 = 20;

/// The block author pallet-authorship finds.
pub struct TestAuthor;
impl frame_support::traits::FindAuthor<AccountId> for TestAuthor {
	fn find_author<'a, I>(_digests: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (frame_support::ConsensusEngineId, &'a [u8])>,
	{
		Some(Author::get()).filter(|a| *a != 0)
	}
}

impl pallet_authorship::Config for Test {
	type FindAuthor = TestAuthor;
	type EventHandler = ValidatorSet;
}

/// Makes `who` the author of the blocks from now on (0: no author), as pallet-authorship
/// would find it in the next block's digest.
pub fn set_author(who: AccountId) {
	Author::set(who);
}

impl pallet_validator_set::Config for Test {
	type GovernanceOrigin = frame_system::EnsureRoot<AccountId>;
	type KeysRegistry = Session;
	type MinValidators = MinValidators;
	type MaxValidators = ConstU32<5>;
	type MinSessionLength = ConstU64<2>;
	type DefaultSlotDuration = ConstU64<6000>;
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type ActiveSet = Session;
	type MaxCandidates = ConstU32<4>;
	type MinCandidacyBond = ConstU128<BOND>;
	type BondingPeriod = ConstU64<BONDING_PERIOD>;
	type MaxRemovalSlash = MaxRemovalSlash;
	type SessionInterface = Session;
	type HistoryDepth = ConstU32<HISTORY_DEPTH>;
	type DefaultAuthorFeeShare = DefaultShare;
	type Treasury = TreasuryAccount;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = BenchHelper;
}

/// Registers keys straight into the session pallet.
#[cfg(feature = "runtime-benchmarks")]
pub struct BenchHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<Test> for BenchHelper {
	fn register_keys(who: &AccountId) -> frame_support::dispatch::DispatchResult {
		use frame_support::traits::fungible::{Inspect, Mutate};
		// An account to hold the keys' consumer reference; a funded one keeps its funds.
		if Balances::balance(who) == 0 {
			Balances::set_balance(who, 1_000);
		}
		Session::set_keys(RuntimeOrigin::signed(*who), UintAuthorityId(*who), vec![])
	}
}

/// Validators 1, 2, 3 with keys; 4 to 9 funded, without keys; the treasury endowed;
/// sessions of `SESSION` blocks.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: (1..=9).map(|a| (a, 1_000)).chain([(TREASURY, 1)]).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_validator_set::GenesisConfig::<Test> {
		validators: vec![1, 2, 3],
		session_length: SESSION,
		slot_duration: None,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_session::GenesisConfig::<Test> {
		keys: (1..=3).map(|a| (a, a, UintAuthorityId(a))).collect(),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs blocks until block `n`, as the chain would: session changes, then the author noted,
/// on initialize.
pub fn run_to(n: u64) {
	use frame_support::traits::Hooks;
	while System::block_number() < n {
		let next = System::block_number() + 1;
		<Authorship as Hooks<u64>>::on_finalize(next - 1);
		System::set_block_number(next);
		<Session as Hooks<u64>>::on_initialize(next);
		<Authorship as Hooks<u64>>::on_initialize(next);
	}
}

/// Runs blocks until block `n`, each authored by the next of `authors` in turn (as Aura's
/// round robin would).
pub fn run_to_authored_by(n: u64, authors: &[AccountId]) {
	while System::block_number() < n {
		let next = System::block_number() + 1;
		set_author(authors[(next as usize) % authors.len()]);
		run_to(next);
	}
}

/// The validators of the current session, as the session pallet has them.
pub fn active() -> Vec<AccountId> {
	pallet_session::Validators::<Test>::get()
}

/// Runs a test and checks the pallet's invariants after it.
pub fn test(body: impl FnOnce()) {
	new_test_ext().execute_with(|| {
		body();
		crate::Pallet::<Test>::do_try_state().unwrap();
	});
}
