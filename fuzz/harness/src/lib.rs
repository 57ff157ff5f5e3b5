//! # The OpenLedger runtime fuzzer's harness
//!
//! Feeds the real runtime (native build) arbitrary sequences of calls and checks, after every
//! block, what must always hold:
//! - the pallets' `integrity_test` (once: it checks configuration, not state);
//! - no panic, and every pallet's invariants (`try_state` checks: datasets, models, agents,
//!   attribution, validator set);
//! - total issuance never rises, and falls only by `balances.Burned` amounts;
//! - each account's held balance is exactly what the pallets say they hold for it;
//! - the sum of all pending rewards never exceeds what the reward pools hold (the datasets
//!   invariants);
//! - a block's measured execution time stays within its weight limit (2 s of compute), and
//!   the weight of the calls in a block within the block's limit;
//! - every applied call's measured execution (the thread's CPU time) stays within
//!   [`WORK_PER_WEIGHT`] times the weight it is charged before it runs, plus
//!   [`WORK_SLACK`]: no call does work its weight does not pay for;
//! - a list beyond its bound is refused when the transaction is decoded, the decoder reading
//!   no more than the bytes before the list and its length prefix (see [`structured`]);
//! - a contributor never has more held, nor slashed, than the `max_bond` it signed for;
//! - donations (transfers of any amount to the pallets' accounts and to the other accounts)
//!   break no invariant.
//!
//! The state checks (all but the first and the last) are pure functions of the storage of our
//! pallets, balances, session and `System::Account`: they run after every block that wrote any
//! of it (and once on the world), and a block that wrote none leaves their answer as it was.
//! The runtime runs on [`host::FuzzHost`], the test externalities without the state-root
//! computation, which nothing in the runtime reads.
//!
//! ## Input format
//! A sequence of `op`s until the bytes run out or fail to decode:
//! `op = origin: u8, advance: u8, action`, where the action is
//! - `call: RuntimeCall` (SCALE, nesting depth ≤ 8) when `advance < 128`;
//! - otherwise `kind: u8, which: u8, n: u32` (little-endian): for an even `kind`, list `which`
//!   of [`structured::LISTS`] at `n` items (an oversized list, up to a block's length), for an
//!   odd one a donation of `n` to account `which` ([`structured::donation_target`]): `n` units
//!   when `n` is even, `n` thousandths of an `OPEN` when odd.
//!
//! `origin` picks one of eight funded accounts (or root, for governance calls); `advance % 4`
//! blocks are finished after the action. Only calls to balances and OpenLedger's pallets are
//! applied (root may not call balances). Calls are dispatched the way the executive applies a
//! block's extrinsics, without signatures or fees: the fuzzer explores what calls do, not
//! signing.
//!
//! The world it starts from (built once, restored after each input): the `development`
//! genesis, a datanet with two accepted contributions and a version, a base model and a
//! fine-tune trained on it with an attestor, an agent, a bonded attestor and one record.

#![allow(clippy::expect_used, clippy::unwrap_used)]

pub mod host;
pub mod structured;

use std::{
	cell::RefCell,
	collections::BTreeMap,
	sync::Mutex,
	time::{Duration, Instant},
};

use codec::{DecodeLimit, Encode};
use frame_support::{
	dispatch::GetDispatchInfo,
	traits::fungible::{Inspect, InspectHold},
	weights::Weight,
};
use openledger_primitives::{token::UNIT, Balance, SplitPolicy};
use openledger_runtime::{
	AccountId, Agents, Attribution, Balances, Datasets, Executive, Header, Models, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, System, ValidatorSet,
	SLOT_DURATION,
};
use sp_consensus_aura::{Slot, AURA_ENGINE_ID};
use sp_core::H256;
use sp_keyring::Sr25519Keyring;
use sp_runtime::{
	traits::{Dispatchable, Header as _},
	Digest, DigestItem, Perbill,
};

/// Calls nest at most this deep (batches, sudo…); deeper ones end the input.
pub const MAX_DECODE_DEPTH: u32 = 8;
/// The most ops one input runs.
pub const MAX_OPS: usize = 64;
/// The compute a block may take: the runtime's 2 s of ref-time.
pub const BLOCK_TIME_LIMIT: Duration = Duration::from_secs(2);

/// `items` as a bounded list, which they must fit.
fn bounded<T, S: frame_support::traits::Get<u32>>(
	items: Vec<T>,
) -> frame_support::BoundedVec<T, S> {
	frame_support::BoundedVec::try_from(items).unwrap_or_else(|_| panic!("over the bound"))
}

/// The accounts the fuzzer signs as.
pub fn accounts() -> [Sr25519Keyring; 8] {
	use Sr25519Keyring::*;
	[Alice, Bob, Charlie, Dave, Eve, Ferdie, One, Two]
}

/// What an op does.
#[derive(Clone, Debug)]
pub enum Action {
	/// Applies a call.
	Call(RuntimeCall),
	/// Builds a call with list `which` of [`structured::LISTS`] at `length` items, decodes it
	/// as a transaction, and applies it if it decodes (at or under its bound).
	Oversized {
		/// The list, modulo the number of lists.
		which: u8,
		/// Its length.
		length: u32,
	},
	/// Sends `amount` (see the input format) from the [`donor`] to account `to`.
	Donate {
		/// The account ([`structured::donation_target`]).
		to: u8,
		/// The amount.
		amount: u32,
	},
}

/// One decoded op of an input.
#[derive(Clone, Debug)]
pub struct Op {
	/// An index into [`accounts`], or root.
	pub origin: u8,
	/// Blocks to finish after the action (`% 4`).
	pub advance: u8,
	/// What it does.
	pub action: Action,
}

impl Op {
	/// An op that applies `call` from `origin`, then finishes `advance` blocks.
	pub fn call(origin: u8, advance: u8, call: RuntimeCall) -> Self {
		Self { origin, advance, action: Action::Call(call) }
	}

	/// Its bytes in an input.
	pub fn encode(&self) -> Vec<u8> {
		let advance = self.advance % 4;
		match &self.action {
			Action::Call(call) => [vec![self.origin, advance], call.encode()].concat(),
			Action::Oversized { which, length } => {
				[vec![self.origin, advance | 0x80, 0, *which], length.to_le_bytes().to_vec()]
					.concat()
			},
			Action::Donate { to, amount } => {
				[vec![self.origin, advance | 0x80, 1, *to], amount.to_le_bytes().to_vec()].concat()
			},
		}
	}
}

/// The value of `origin` that means root.
pub const ROOT: u8 = 8;

/// Decodes an input into ops; stops at the first that does not decode.
pub fn decode_ops(mut data: &[u8]) -> Vec<Op> {
	let mut ops = Vec::new();
	while data.len() >= 2 && ops.len() < MAX_OPS {
		let (origin, advance) = (data[0] % 9, data[1]);
		data = &data[2..];
		let action = if advance & 0x80 == 0 {
			let Ok(call) = RuntimeCall::decode_with_depth_limit(MAX_DECODE_DEPTH, &mut data) else {
				break;
			};
			Action::Call(call)
		} else {
			let Some((head, rest)) = data.split_first_chunk::<6>() else { break };
			data = rest;
			let [kind, which, n @ ..] = *head;
			let n = u32::from_le_bytes(n);
			if kind % 2 == 0 {
				Action::Oversized { which, length: n }
			} else {
				Action::Donate { to: which, amount: n }
			}
		};
		ops.push(Op { origin, advance: advance % 4, action });
	}
	ops
}

/// Encodes ops back into an input (for seed corpora and regression tests).
pub fn encode_ops(ops: &[Op]) -> Vec<u8> {
	ops.iter().flat_map(Op::encode).collect()
}

fn allowed(origin: u8, call: &RuntimeCall) -> bool {
	match call {
		RuntimeCall::Balances(_) => origin != ROOT,
		RuntimeCall::Datasets(_)
		| RuntimeCall::Models(_)
		| RuntimeCall::Agents(_)
		| RuntimeCall::Attribution(_) => true,
		// Candidacy (the fuzzing accounts have no session keys: registering mostly fails,
		// which the checks must survive too); governance's calls are not fuzzed.
		RuntimeCall::ValidatorSet(call) => matches!(
			call,
			pallet_validator_set::Call::register_candidate { .. }
				| pallet_validator_set::Call::bond_extra { .. }
				| pallet_validator_set::Call::leave_candidacy { .. }
				| pallet_validator_set::Call::withdraw_unbonded { .. }
		),
		_ => false,
	}
}

struct Chain {
	ext: sp_io::TestExternalities,
	parent: H256,
	number: u32,
	slot: u64,
	issuance: Balance,
}

thread_local! {
	/// Each thread's own world, built on its first input: inputs on several threads at once
	/// (the smoke test runs one thread a core) never wait for each other.
	static CHAIN: RefCell<Option<Chain>> = const { RefCell::new(None) };
}

fn origin_of(origin: u8) -> RuntimeOrigin {
	if origin == ROOT {
		RuntimeOrigin::root()
	} else {
		RuntimeOrigin::signed(accounts()[usize::from(origin)].to_account_id())
	}
}

/// The account donations come from (no fuzzing account: it only donates), funded with far
/// more than any donation.
pub fn donor() -> AccountId {
	AccountId::new([0xd0; 32])
}

/// How much more than its charged weight a call may take to run here (natively, on an
/// in-memory state: far faster than the weights' wasm on a database, so a call that takes
/// even this much more is doing work its weight does not count).
pub const WORK_PER_WEIGHT: u64 = 4;
/// What a call may take beyond [`WORK_PER_WEIGHT`] times its weight: the clock's and the
/// allocator's noise on a short call.
pub const WORK_SLACK: Duration = Duration::from_millis(2);

fn start_block(parent: H256, number: u32, slot: u64) {
	let digest =
		Digest { logs: vec![DigestItem::PreRuntime(AURA_ENGINE_ID, Slot::from(slot).encode())] };
	Executive::initialize_block(&Header::new(number, H256::zero(), H256::zero(), parent, digest));
	let now = slot * SLOT_DURATION;
	RuntimeCall::Timestamp(pallet_timestamp::Call::set { now })
		.dispatch(RuntimeOrigin::none())
		.expect("the timestamp inherent applies");
}

fn ok<E: core::fmt::Debug>(what: &str, result: Result<impl Sized, E>) {
	if let Err(e) = result {
		panic!("setting up the fuzzing world: {what}: {e:?}");
	}
}

/// The world every input starts from (see the crate docs).
fn build_world() -> Chain {
	use Sr25519Keyring::*;
	let mut ext = genesis();
	let mut chain_state = (H256::zero(), 0u32, 1_000u64);
	ext.execute_with(|| {
		// The pallets' static checks of their configuration: they do not depend on the state,
		// so once per process covers every block.
		<openledger_runtime::AllPalletsWithSystem as frame_support::traits::IntegrityTest>::integrity_test();
		let (parent, number, slot) = (H256::repeat_byte(0x99), 1, 1_000);
		start_block(parent, number, slot);
		let signed = |who: Sr25519Keyring| RuntimeOrigin::signed(who.to_account_id());
		ok(
			"dataset",
			Datasets::create_dataset(
				signed(Alice),
				bounded(b"d".to_vec()),
				bounded(b"MIT".to_vec()),
				pallet_datasets::Policy { min_bond: UNIT, open: true }),
		);
		for (i, who) in [Bob, Charlie].into_iter().enumerate() {
			ok(
				"submit",
				Datasets::submit_contribution(
					signed(who),
					0,
					H256::repeat_byte(i as u8 + 1),
					bounded(vec![]), Balance::MAX),
			);
			ok(
				"accept",
				Datasets::review_contribution(
					signed(Alice),
					i as u64,
					pallet_datasets::Verdict::Accept { shares: (i as u64) + 1 },
				),
			);
		}
		ok("version", Datasets::publish_version(signed(Alice), 0));
		let split = SplitPolicy { model_share: Perbill::from_percent(40) };
		ok(
			"base",
			Models::register_model(
				signed(Dave),
				bounded(vec![]),
				bounded(vec![]),
				None,
				Perbill::from_percent(10),
				0,
				split),
		);
		ok(
			"tune",
			Models::register_model(
				signed(Eve),
				bounded(vec![]),
				bounded(vec![]),
				Some(0),
				Perbill::from_percent(5),
				UNIT,
				split),
		);
		ok(
			"version",
			Models::publish_version(
				signed(Eve),
				1,
				H256::zero(),
				bounded(vec![(0, 1, Perbill::from_percent(60))]), None),
		);
		ok(
			"attestors",
			Models::set_attestors(
				signed(Eve),
				1,
				bounded(vec![Ferdie.to_account_id(), Eve.to_account_id()])),
		);
		ok(
			"agent",
			Agents::register_agent(signed(Dave), bounded(vec![]), bounded(vec![1]), Perbill::from_percent(10)),
		);
		ok("bond", Attribution::bond_attestor(signed(Ferdie), 1_000 * UNIT));
		ok(
			"record",
			Attribution::record_inference(
				signed(Ferdie),
				1,
				1,
				Some(0),
				10 * UNIT,
				H256::repeat_byte(7),
				Default::default(),
				H256::zero(),
				vec![(0, Perbill::from_percent(50))].try_into().unwrap(), Perbill::one()),
		);
		let header = Executive::finalize_block();
		// A second, empty block: the treasury takes what the first one paid it into its
		// bookkeeping (the inactive issuance) when the next block starts. Let that happen in
		// the world, not in the first block of every input.
		start_block(header.hash(), number + 1, slot + 1);
		let header = Executive::finalize_block();
		chain_state = (header.hash(), number + 1, slot + 1);
	});
	ext.commit_all().expect("the world commits");
	with_trie_cache(&mut ext);
	let issuance = ext.execute_with(<Balances as Inspect<AccountId>>::total_issuance);
	// The harness checks after a block only if it wrote what the checks read: check the world
	// itself once, so that the first block's checks may be skipped.
	ext.execute_with(|| check_invariants(issuance, 0));
	let (parent, number, slot) = chain_state;
	Chain { ext, parent, number, slot, issuance }
}

/// Gives the externalities' backend (the committed world) a trie cache. Every input reads the
/// world from it, and the checks after each block iterate every map of our pallets: without a
/// cache each read and each step of an iteration decodes the same trie nodes again.
fn with_trie_cache(ext: &mut sp_io::TestExternalities) {
	use sp_trie::cache::{CacheSize, SharedTrieCache};
	let shared = SharedTrieCache::<sp_core::Blake2Hasher>::new(CacheSize::new(256 << 20), None);
	let storage = ext.backend.backend_storage().clone();
	let root = *ext.backend.root();
	ext.backend = sp_state_machine::TrieBackendBuilder::new(storage, root)
		.with_cache(shared.local_cache_trusted())
		.build();
}

/// The `development` genesis, with the fuzzing accounts funded.
fn genesis() -> sp_io::TestExternalities {
	use sp_runtime::BuildStorage;
	let patch = openledger_runtime::genesis_config_presets::get_preset(&"development".into())
		.expect("the development preset");
	let mut config =
		serde_json::to_value(openledger_runtime::RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, serde_json::from_slice(&patch).unwrap());
	let config: openledger_runtime::RuntimeGenesisConfig = serde_json::from_value(config).unwrap();
	let mut storage = config.build_storage().expect("genesis builds");
	// One and Two are not development accounts: fund them as the others; and the donor.
	let mut ext = sp_io::TestExternalities::new(std::mem::take(&mut storage));
	ext.execute_with(|| {
		let mint = |who: &AccountId, amount| {
			let _ =
				<Balances as frame_support::traits::fungible::Mutate<_>>::mint_into(who, amount);
		};
		for who in [Sr25519Keyring::One, Sr25519Keyring::Two] {
			mint(&who.to_account_id(), 1_000_000 * UNIT);
		}
		mint(&donor(), 1_000_000_000_000 * UNIT);
	});
	ext
}

fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// What the pallets say each account holds, per hold reason (keyed by the reason's encoding).
/// The runtime's price of a storage deposit's footprint, worked out here rather than with the
/// runtime's `StoragePrice`: one OPEN per deposit and a thousandth of one per byte.
fn storage_price(footprint: frame_support::traits::Footprint) -> Balance {
	use openledger_runtime::configs::openledger::{StorageByteDeposit, StorageItemDeposit};
	StorageItemDeposit::get()
		+ Balance::from(footprint.count * footprint.size) * StorageByteDeposit::get()
}

fn recorded_holds() -> BTreeMap<(AccountId, Vec<u8>), (RuntimeHoldReason, Balance)> {
	let mut holds: BTreeMap<(AccountId, Vec<u8>), (RuntimeHoldReason, Balance)> = BTreeMap::new();
	let mut add = |who: &AccountId, reason: RuntimeHoldReason, amount: Balance| {
		holds.entry((who.clone(), reason.encode())).or_insert((reason, 0)).1 += amount;
	};
	for (_, dataset) in pallet_datasets::Datasets::<Runtime>::iter() {
		add(&dataset.owner, pallet_datasets::HoldReason::DatasetDeposit.into(), dataset.deposit);
	}
	for (_, contribution) in pallet_datasets::Contributions::<Runtime>::iter() {
		if contribution.status == pallet_datasets::ContributionStatus::Pending {
			add(
				&contribution.contributor,
				pallet_datasets::HoldReason::ContributionBond.into(),
				contribution.bond,
			);
		}
		if contribution.deposit.is_some() {
			let price = storage_price(Datasets::contribution_footprint(&contribution));
			add(
				&contribution.contributor,
				pallet_datasets::HoldReason::ContributionDeposit.into(),
				price,
			);
		}
	}
	for allowance in pallet_datasets::AllowList::<Runtime>::iter_values() {
		if let Some((payer, _)) = allowance.deposit {
			let price = storage_price(Datasets::allowance_footprint());
			add(&payer, pallet_datasets::HoldReason::AllowListDeposit.into(), price);
		}
	}
	for (id, model) in pallet_models::Models::<Runtime>::iter() {
		add(&model.owner, pallet_models::HoldReason::ModelDeposit.into(), model.deposit);
		if pallet_models::VersionDeposits::<Runtime>::contains_key(id) {
			let price = storage_price(Models::versions_footprint(model.versions));
			add(&model.owner, pallet_models::HoldReason::VersionDeposit.into(), price);
		}
	}
	for (_, agent) in pallet_agents::Agents::<Runtime>::iter() {
		add(&agent.operator, pallet_agents::HoldReason::AgentStake.into(), agent.stake);
	}
	for (attestor, info) in pallet_attribution::Attestors::<Runtime>::iter() {
		add(&attestor, pallet_attribution::HoldReason::AttestorBond.into(), info.bond);
	}
	for (attestor, (records, _)) in pallet_attribution::RecordDeposits::<Runtime>::iter() {
		// One item of all its records' bytes (see pallet_attribution's deposits).
		let price =
			storage_price(frame_support::traits::Footprint { count: 1, size: records.size });
		add(&attestor, pallet_attribution::HoldReason::RecordDeposit.into(), price);
	}
	let bond = pallet_validator_set::HoldReason::CandidacyBond;
	for candidate in pallet_validator_set::Candidates::<Runtime>::get() {
		add(&candidate.who, bond.into(), candidate.bond);
	}
	for (who, unbonding) in pallet_validator_set::Unbonds::<Runtime>::iter() {
		add(&who, bond.into(), unbonding.amount);
	}
	for (_, record) in pallet_attribution::Records::<Runtime>::iter() {
		if let pallet_attribution::RecordStatus::Challenged { challenger, bond } = record.status {
			add(&challenger, pallet_attribution::HoldReason::ChallengeBond.into(), bond);
		}
	}
	holds
}

/// Every check of the crate docs; panics with the broken one.
pub fn check_invariants(genesis_issuance: Balance, burned: Balance) {
	Datasets::do_try_state().expect("datasets invariants");
	Models::do_try_state().expect("models invariants");
	Agents::do_try_state().expect("agents invariants");
	Attribution::do_try_state().expect("attribution invariants");
	ValidatorSet::do_try_state().expect("validator set invariants");

	let issuance = <Balances as Inspect<AccountId>>::total_issuance();
	assert!(issuance <= genesis_issuance, "total issuance rose: {issuance} > {genesis_issuance}");
	assert_eq!(
		issuance + burned,
		genesis_issuance,
		"issuance changed by more than what was burned"
	);

	let recorded = recorded_holds();
	for ((who, _), (reason, amount)) in &recorded {
		assert_eq!(
			Balances::balance_on_hold(reason, who),
			*amount,
			"{who:?} holds the wrong amount for {reason:?}"
		);
	}
	// No hold of our pallets that they do not know of, for the accounts that act.
	for who in accounts().map(|k| k.to_account_id()) {
		let ours: Balance =
			recorded.iter().filter(|((w, _), _)| *w == who).map(|(_, (_, a))| *a).sum();
		let session: Balance =
			Balances::balance_on_hold(&pallet_session::HoldReason::Keys.into(), &who);
		assert_eq!(
			Balances::total_balance_on_hold(&who),
			ours + session,
			"{who:?}: a hold nobody records"
		);
	}
}

/// What one input did (for measuring the harness: `openledger-fuzz-replay --stats`).
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
	/// Ops applied (decoded and allowed).
	pub ops: usize,
	/// Blocks finished.
	pub blocks: usize,
	/// Blocks after which the checks ran (the others wrote nothing the checks read).
	pub checked_blocks: usize,
	/// Time spent in the checks after the blocks.
	pub checks: Duration,
	/// Oversized lists refused at decode.
	pub refused_at_decode: usize,
	/// Donations made.
	pub donations: usize,
	/// The applied call that took the most time for its charged weight.
	pub slowest: Option<Slowest>,
}

/// A call's measured execution against the weight it was charged before it ran.
#[derive(Clone, Copy, Debug)]
pub struct Slowest {
	/// `pallet.call`.
	pub pallet: &'static str,
	/// The call.
	pub call: &'static str,
	/// The thread's CPU time it took.
	pub took: Duration,
	/// Its charged weight, as time (its `ref_time`).
	pub charged: Duration,
}

impl Slowest {
	/// `took / charged`.
	pub fn ratio(&self) -> f64 {
		self.took.as_secs_f64() / self.charged.as_secs_f64().max(1e-12)
	}
}

/// The slowest call (for its weight) this process has seen: printed when it changes, so a
/// campaign's log ends with its figure.
static SLOWEST: Mutex<Option<Slowest>> = Mutex::new(None);

/// Checks that `call`, charged `weight` before it ran, took at most [`WORK_PER_WEIGHT`] times
/// that (plus [`WORK_SLACK`]); notes it if it is the slowest yet.
/// The most time a call of `weight` may take.
fn within_weight(weight: Weight) -> Duration {
	Duration::from_nanos(weight.ref_time() / 1_000)
		.saturating_mul(WORK_PER_WEIGHT as u32)
		.saturating_add(WORK_SLACK)
}

fn check_work(call: &RuntimeCall, weight: Weight, took: Duration, stats: &mut Stats) {
	use frame_support::traits::GetCallMetadata;
	let metadata = call.get_call_metadata();
	let charged = Duration::from_nanos(weight.ref_time() / 1_000);
	let seen =
		Slowest { pallet: metadata.pallet_name, call: metadata.function_name, took, charged };
	assert!(
		took <= within_weight(weight),
		"{}.{} took {took:?} for a charged weight of {charged:?}",
		seen.pallet,
		seen.call,
	);
	if stats.slowest.is_none_or(|s| seen.ratio() > s.ratio()) {
		stats.slowest = Some(seen);
	}
	let mut slowest = SLOWEST.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
	if slowest.is_none_or(|s| seen.ratio() > s.ratio()) {
		*slowest = Some(seen);
		eprintln!(
			"#SLOWEST {:.4} of its weight: {}.{} took {took:?}, charged {charged:?}",
			seen.ratio(),
			seen.pallet,
			seen.call
		);
	}
}

/// The contributions submitted in this input, with the `max_bond` their submissions signed.
type SignedBonds = BTreeMap<u64, Balance>;

/// Checks the events since `since`: a submission signed for `max_bond` holds no more than
/// that, and a rejection never takes more than the bond its submission signed for.
fn check_bonds(since: usize, max_bond: Option<Balance>, signed: &mut SignedBonds) {
	for record in System::events().into_iter().skip(since) {
		match record.event {
			RuntimeEvent::Datasets(pallet_datasets::Event::ContributionSubmitted {
				contribution,
				bond,
				..
			}) => {
				let max = max_bond.expect("only a submission submits");
				assert!(bond <= max, "contribution {contribution} held {bond}, signed for {max}");
				signed.insert(contribution, max);
			},
			RuntimeEvent::Datasets(pallet_datasets::Event::ContributionRejected {
				contribution,
				slashed,
				released,
				..
			}) => {
				if let Some(max) = signed.get(&contribution) {
					assert!(
						slashed.saturating_add(released) <= *max,
						"contribution {contribution} settled {slashed} + {released}, signed for {max}"
					);
				}
			},
			_ => {},
		}
	}
}

/// Runs one input on a fresh copy of the world. Panics if any check fails.
pub fn run(data: &[u8]) -> Stats {
	let ops = decode_ops(data);
	if ops.is_empty() {
		return Stats::default();
	}
	CHAIN.with(|chain| {
		let mut chain = chain.borrow_mut();
		let Chain { ref mut ext, parent, number, slot, issuance } =
			*chain.get_or_insert_with(build_world);
		let mut inner = ext.ext();
		let mut fuzz_host = host::FuzzHost { inner: &mut inner };
		sp_externalities::set_and_run_with_externalities(&mut fuzz_host, || {
			host::take_watched_write();
			sp_io::storage::start_transaction();
			let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
				run_ops(&ops, parent, number, slot, issuance)
			}));
			sp_io::storage::rollback_transaction();
			outcome.unwrap_or_else(|panic| std::panic::resume_unwind(panic))
		})
	})
}

fn run_ops(
	ops: &[Op],
	mut parent: H256,
	mut number: u32,
	mut slot: u64,
	issuance: Balance,
) -> Stats {
	let mut stats = Stats::default();
	let limit = <Runtime as frame_system::Config>::BlockWeights::get()
		.get(frame_support::dispatch::DispatchClass::Normal)
		.max_total
		.unwrap_or(Weight::MAX);
	let mut burned: Balance = 0;
	let mut open = false;
	let mut block_started = Instant::now();
	// The harness's own work while a block is open (building a list of megabytes to offer
	// the decoder): not the runtime's, so not the block's time.
	let mut harness_time = Duration::ZERO;
	let mut block_weight = Weight::zero();
	let finish = |parent: &mut H256,
	              open: &mut bool,
	              started: Instant,
	              burned: &mut Balance,
	              stats: &mut Stats| {
		let header = Executive::finalize_block();
		let elapsed = started.elapsed();
		assert!(elapsed <= BLOCK_TIME_LIMIT, "block {} took {elapsed:?}", header.number);
		for record in System::events() {
			if let RuntimeEvent::Balances(pallet_balances::Event::Burned { amount, .. }) =
				record.event
			{
				*burned += amount;
			}
		}
		*parent = header.hash();
		*open = false;
		stats.blocks += 1;
		if host::take_watched_write() {
			let checks = Instant::now();
			check_invariants(issuance, *burned);
			stats.checks += checks.elapsed();
			stats.checked_blocks += 1;
		}
	};

	let mut signed = SignedBonds::new();
	for op in ops {
		// The call the op applies: a donation is a transfer from the donor; an oversized list
		// that the runtime refuses at decode applies nothing (what it checks, it checked).
		let (origin, call) = match &op.action {
			Action::Call(call) => (origin_of(op.origin), call.clone()),
			Action::Oversized { which, length } => {
				let building = Instant::now();
				let call = structured::oversized(*which, *length);
				harness_time += building.elapsed();
				match call {
					Some(call) => (origin_of(op.origin), call),
					None => {
						stats.refused_at_decode += 1;
						continue;
					},
				}
			},
			Action::Donate { to, amount } => {
				let value = match amount % 2 {
					0 => Balance::from(*amount),
					_ => Balance::from(*amount) * (UNIT / 1_000),
				};
				let dest = structured::donation_target(*to).into();
				stats.donations += 1;
				let donation = pallet_balances::Call::transfer_keep_alive { dest, value };
				(RuntimeOrigin::signed(donor()), RuntimeCall::Balances(donation))
			},
		};
		if !matches!(op.action, Action::Donate { .. }) && !allowed(op.origin, &call) {
			continue;
		}
		let info = call.get_dispatch_info();
		let weight = info.total_weight();
		if open && block_weight.saturating_add(weight).any_gt(limit) {
			finish(&mut parent, &mut open, block_started + harness_time, &mut burned, &mut stats);
		}
		if !open {
			number += 1;
			slot += 1;
			start_block(parent, number, slot);
			open = true;
			block_started = Instant::now();
			harness_time = Duration::ZERO;
			block_weight = Weight::zero();
		}
		if weight.any_gt(limit) {
			// The block builder would never include it.
			continue;
		}
		block_weight = block_weight.saturating_add(weight);
		stats.ops += 1;
		let max_bond = match &call {
			RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				max_bond, ..
			}) => Some(*max_bond),
			_ => None,
		};
		let events = System::event_count() as usize;
		// The executive applies each extrinsic in its own storage layer.
		// A call that seems over its weight is measured once more from the same state (the
		// first run rolled back) before it counts: one measurement can catch the process
		// paused in the middle (a page fault, the allocator growing), twice in a row cannot.
		let allowed = within_weight(info.call_weight);
		let mut took = Duration::ZERO;
		for attempt in 0..2 {
			let started = cpu_time::ThreadTime::now();
			let keep = frame_support::storage::with_transaction(|| {
				let _ = frame_support::storage::with_storage_layer(|| {
					call.clone().dispatch(origin.clone())
				});
				took = started.elapsed();
				let keep = took <= allowed || attempt == 1;
				let outcome = if keep {
					frame_support::storage::TransactionOutcome::Commit
				} else {
					frame_support::storage::TransactionOutcome::Rollback
				};
				outcome(Ok::<bool, sp_runtime::DispatchError>(keep))
			});
			if keep.unwrap_or(true) {
				break;
			}
		}
		check_work(&call, info.call_weight, took, &mut stats);
		check_bonds(events, max_bond, &mut signed);
		for _ in 0..op.advance {
			if open {
				finish(
					&mut parent,
					&mut open,
					block_started + harness_time,
					&mut burned,
					&mut stats,
				);
			}
		}
	}
	if open {
		finish(&mut parent, &mut open, block_started + harness_time, &mut burned, &mut stats);
	}
	stats
}

/// A pseudo-random input of `ops` plausible ops (for the CI smoke and the seed corpus):
/// calls drawn from a list of templates with random arguments.
pub fn random_input(seed: u64, ops: usize) -> Vec<u8> {
	let mut rng = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
	let mut next = move || {
		rng ^= rng << 13;
		rng ^= rng >> 7;
		rng ^= rng << 17;
		rng
	};
	let mut out = Vec::new();
	for _ in 0..ops {
		let r = next();
		let small = next() % 4;
		let amount = u128::from(next() % 1_000_000) * (UNIT / 1_000);
		let hash = H256::from_low_u64_be(next() % 64);
		let who = accounts()[(next() % 8) as usize].to_account_id();
		let percent = Perbill::from_percent((next() % 101) as u32);
		let call = match r % 24 {
			0 => RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
				dataset: small,
				content_hash: hash,
				metadata: Default::default(),
				max_bond: if next() % 4 == 0 { amount } else { Balance::MAX },
			}),
			1 => RuntimeCall::Datasets(pallet_datasets::Call::review_contribution {
				contribution: next() % 8,
				verdict: pallet_datasets::Verdict::Accept { shares: 1 + next() % 10 },
			}),
			2 => RuntimeCall::Datasets(pallet_datasets::Call::review_contribution {
				contribution: next() % 8,
				verdict: pallet_datasets::Verdict::Reject { slash: percent },
			}),
			3 => RuntimeCall::Datasets(pallet_datasets::Call::claim_all {
				contributions: (next() % 8) as u32,
			}),
			4 => RuntimeCall::Datasets(pallet_datasets::Call::create_dataset {
				metadata: Default::default(),
				license: Default::default(),
				policy: pallet_datasets::Policy { min_bond: amount, open: next() % 2 == 0 },
			}),
			5 => RuntimeCall::Datasets(pallet_datasets::Call::publish_version { dataset: small }),
			6 => RuntimeCall::Datasets(pallet_datasets::Call::remove_contribution {
				contribution: next() % 8,
			}),
			7 => RuntimeCall::Attribution(pallet_attribution::Call::record_inference {
				model: 1,
				model_version: 1,
				agent: if next() % 2 == 0 { Some(0) } else { None },
				fee: UNIT + amount,
				inference_hash: H256::from_low_u64_be(next()),
				method: Default::default(),
				evidence_hash: H256::zero(),
				scores: vec![(small % 2, percent)].try_into().unwrap(),
				max_operator_share: Perbill::from_percent((next() % 20) as u32),
			}),
			8 => RuntimeCall::Attribution(pallet_attribution::Call::challenge {
				record: next() % 3,
				bond: 10 * UNIT + amount,
			}),
			9 => RuntimeCall::Attribution(pallet_attribution::Call::resolve_challenge {
				record: next() % 3,
				upheld: next() % 2 == 0,
			}),
			10 => RuntimeCall::Attribution(pallet_attribution::Call::bond_attestor {
				amount: 1_000 * UNIT + amount,
			}),
			11 => RuntimeCall::Models(pallet_models::Call::register_model {
				metadata: Default::default(),
				license: Default::default(),
				base_model: Some(next() % 3),
				royalty: percent,
				price: amount,
				split_policy: SplitPolicy {
					model_share: Perbill::from_percent((next() % 60) as u32),
				},
			}),
			12 => RuntimeCall::Agents(pallet_agents::Call::register_agent {
				metadata: Default::default(),
				models: vec![next() % 3].try_into().unwrap(),
				operator_share: Perbill::from_percent((next() % 20) as u32),
			}),
			13 => RuntimeCall::Agents(pallet_agents::Call::slash_agent {
				agent: next() % 2,
				part: percent,
			}),
			16 => RuntimeCall::Models(pallet_models::Call::publish_version {
				model: next() % 3,
				artifact_hash: hash,
				training: vec![(0, 1, percent)].try_into().unwrap(),
				base_version: match next() % 3 {
					0 => None,
					n => Some(n as u32),
				},
			}),
			17 => RuntimeCall::Datasets(pallet_datasets::Call::set_allowed {
				dataset: small,
				account: who,
				allowed: next() % 2 == 0,
			}),
			18 => RuntimeCall::Models(pallet_models::Call::transfer_ownership {
				model: next() % 3,
				new_owner: Some(who),
			}),
			19 => RuntimeCall::Models(pallet_models::Call::accept_ownership {
				model: next() % 3,
				max_deposit: if next() % 4 == 0 { amount } else { Balance::MAX },
			}),
			20 | 21 => RuntimeCall::Datasets(pallet_datasets::Call::list_contribution {
				contribution: next() % 8,
				price: amount,
				buyer: (r % 24 == 20).then_some(who),
			}),
			22 => RuntimeCall::Datasets(pallet_datasets::Call::buy_contribution {
				contribution: next() % 8,
				max_price: if next() % 4 == 0 { amount } else { Balance::MAX },
			}),
			23 => RuntimeCall::Datasets(pallet_datasets::Call::unlist_contribution {
				contribution: next() % 8,
			}),
			14 => RuntimeCall::Balances(pallet_balances::Call::transfer_allow_death {
				dest: who.into(),
				value: amount,
			}),
			_ => RuntimeCall::Balances(pallet_balances::Call::burn {
				value: amount,
				keep_alive: next() % 2 == 0,
			}),
		};
		let origin = if matches!(r % 24, 6 | 9 | 13) { ROOT } else { (next() % 8) as u8 };
		// One op in ten: a list at, around or far beyond its bound; one in ten, a donation.
		const LENGTHS: [u32; 12] = [0, 1, 8, 9, 16, 17, 64, 65, 512, 513, 100_000, u32::MAX];
		let action = match next() % 10 {
			0 => Action::Oversized {
				which: next() as u8,
				length: LENGTHS[(next() % LENGTHS.len() as u64) as usize],
			},
			1 => Action::Donate { to: next() as u8, amount: next() as u32 },
			_ => Action::Call(call),
		};
		out.extend(Op { origin, advance: (next() % 4) as u8, action }.encode());
	}
	out
}
