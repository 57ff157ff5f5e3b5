//! Governance: the Council and the Arbiters, the way the Council's decisions become Root
//! (after a delay), the treasury, and the accounts teams share (multisig, proxy).
//!
//! | what | who decides | how |
//! |---|---|---|
//! | runtime upgrades, the validator set, the split parameters, treasury spends, who sits on the Council and the Arbiters | the Council, two thirds | a motion `governance.enact(call)`: `call` runs as Root `EnactmentDelay` blocks later |
//! | the same, at once | the whole Council | a motion `governance.enactNow(call)` |
//! | stopping a scheduled enactment | more than half of the Council | a motion `governance.cancel(index)` |
//! | disputes (`attribution.resolveChallenge`) | more than half of the Arbiters | an Arbiters motion, at once |
//!
//! Root is the origin every governed call checks; only `pallet-governance` (and sudo, which
//! only development and local chains have) dispatch as Root. docs/governance.md walks
//! through each.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	parameter_types,
	traits::{
		fungible::HoldConsideration, tokens::UnityAssetBalanceConversion, ConstU32,
		EitherOfDiverse, EqualPrivilegeOnly, InstanceFilter, LinearStoragePrice,
	},
	weights::Weight,
};
use frame_system::{EnsureNever, EnsureRoot, EnsureRootWithSuccess};
use pallet_collective::{EnsureProportionAtLeast, EnsureProportionMoreThan};
use scale_info::TypeInfo;
use sp_runtime::{traits::AccountIdLookup, Perbill};

use crate::{
	configs::{
		monetary::{TreasuryAccount, TreasuryPalletId},
		system::RuntimeBlockWeights,
	},
	AccountId, Arbiters, Balance, Balances, BlockNumber, Council, OriginCaller, Preimage, Runtime,
	RuntimeCall, RuntimeEvent, RuntimeHoldReason, RuntimeOrigin, Scheduler, CENTS, DAYS, UNIT,
};

/// The deposit for storing `items` items of `bytes` bytes in all: one `OPEN` per item and a
/// thousandth of one per byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * UNIT + bytes as Balance * (CENTS / 10)
}

/// The Council's collective (`council` in calls).
pub type CouncilCollective = pallet_collective::Instance1;
/// The Arbiters' collective (`arbiters` in calls).
pub type ArbitersCollective = pallet_collective::Instance2;
/// Who sits on the Council (`councilMembership`).
pub type CouncilMembershipInstance = pallet_membership::Instance1;
/// Who sits with the Arbiters (`arbitersMembership`).
pub type ArbitersMembershipInstance = pallet_membership::Instance2;

/// At least two thirds of the Council.
pub type CouncilTwoThirds = EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>;
/// More than half of the Council.
pub type CouncilMajority = EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>;
/// The whole Council, of at least three members: a Council shrunk to one or two members (by a
/// motion, after the delay) cannot act at once on its own.
pub type CouncilUnanimous = EnsureUnanimousOfAtLeast<CouncilCollective, 3>;

/// Every member of collective `I` agreed, and they are at least `N`.
pub struct EnsureUnanimousOfAtLeast<I, const N: u32>(core::marker::PhantomData<I>);

impl<I: 'static, const N: u32> frame_support::traits::EnsureOrigin<RuntimeOrigin>
	for EnsureUnanimousOfAtLeast<I, N>
where
	RuntimeOrigin: Into<Result<pallet_collective::RawOrigin<AccountId, I>, RuntimeOrigin>>
		+ From<pallet_collective::RawOrigin<AccountId, I>>,
{
	type Success = ();

	fn try_origin(origin: RuntimeOrigin) -> Result<(), RuntimeOrigin> {
		origin.into().and_then(|origin| match origin {
			pallet_collective::RawOrigin::Members(ayes, members)
				if ayes == members && ayes >= N =>
			{
				Ok(())
			},
			other => Err(RuntimeOrigin::from(other)),
		})
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<RuntimeOrigin, ()> {
		Ok(RuntimeOrigin::from(pallet_collective::RawOrigin::Members(N, N)))
	}
}
/// More than half of the Arbiters.
pub type ArbitersMajority = EnsureProportionMoreThan<AccountId, ArbitersCollective, 1, 2>;

/// What the governed calls check: Root, which the Council reaches through
/// `pallet-governance` (after its delay, or at once if unanimous).
pub type GovernanceOrigin = EnsureRoot<AccountId>;

/// Who resolves disputes: a majority of the Arbiters, or Root (the Council, after its delay,
/// when the Arbiters cannot decide).
pub type ArbitrationOrigin = EitherOfDiverse<EnsureRoot<AccountId>, ArbitersMajority>;

/// The most members the Council and the Arbiters may have.
pub const MAX_MEMBERS: u32 = 32;

/// How the Council and the Arbiters count a member who did not vote when a motion is closed
/// after its duration: as a no, whatever the prime voted. (FRAME's `PrimeDefaultVote` gives
/// abstainers the prime's vote, which would let the prime alone, with silence, pass even a
/// motion that needs the whole Council.)
pub struct AbstentionsCountAsNo;

impl pallet_collective::DefaultVote for AbstentionsCountAsNo {
	fn default_vote(
		_prime_vote: Option<bool>,
		_yes_votes: pallet_collective::MemberCount,
		_no_votes: pallet_collective::MemberCount,
		_len: pallet_collective::MemberCount,
	) -> bool {
		false
	}
}

parameter_types! {
	/// A motion not closed within a week lapses (closed by anyone, abstentions counting no).
	pub const MotionDuration: BlockNumber = 7 * DAYS;
	/// The heaviest call a motion may carry: half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) * RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type DefaultVote = AbstentionsCountAsNo;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	// Members change only through the membership pallet, which keeps both in step.
	type SetMembersOrigin = EnsureNever<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	// Only members propose, at most `MaxProposals` at a time: no deposit.
	type Consideration = ();
}

impl pallet_collective::Config<ArbitersCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = MotionDuration;
	type MaxProposals = ConstU32<32>;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type DefaultVote = AbstentionsCountAsNo;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	type SetMembersOrigin = EnsureNever<()>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = GovernanceOrigin;
	type KillOrigin = GovernanceOrigin;
	type Consideration = ();
}

impl pallet_membership::Config<CouncilMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

impl pallet_membership::Config<ArbitersMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = GovernanceOrigin;
	type RemoveOrigin = GovernanceOrigin;
	type SwapOrigin = GovernanceOrigin;
	type ResetOrigin = GovernanceOrigin;
	type PrimeOrigin = GovernanceOrigin;
	type MembershipInitialized = Arbiters;
	type MembershipChanged = Arbiters;
	type MaxMembers = ConstU32<MAX_MEMBERS>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// What the scheduler may use of a block.
	pub MaximumSchedulerWeight: Weight =
		Perbill::from_percent(80) * RuntimeBlockWeights::get().max_block;
	/// The heaviest call an enactment may carry: what the scheduler can run next to its own
	/// bookkeeping.
	pub MaxEnactmentWeight: Weight =
		Perbill::from_percent(70) * RuntimeBlockWeights::get().max_block;
	/// The hold reason of a preimage's deposit.
	pub const PreimageHoldReason: RuntimeHoldReason =
		RuntimeHoldReason::Preimage(pallet_preimage::HoldReason::Preimage);
	/// A preimage's deposit: one `OPEN`, plus a thousandth of one per byte.
	pub const PreimageBaseDeposit: Balance = deposit(1, 0);
	/// …per byte.
	pub const PreimageByteDeposit: Balance = deposit(0, 1);
}

impl pallet_scheduler::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeOrigin = RuntimeOrigin;
	type PalletsOrigin = OriginCaller;
	type RuntimeCall = RuntimeCall;
	type MaximumWeight = MaximumSchedulerWeight;
	type ScheduleOrigin = GovernanceOrigin;
	type OriginPrivilegeCmp = EqualPrivilegeOnly;
	type MaxScheduledPerBlock = ConstU32<50>;
	type WeightInfo = pallet_scheduler::weights::SubstrateWeight<Runtime>;
	type Preimages = Preimage;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

impl pallet_preimage::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = pallet_preimage::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type ManagerOrigin = GovernanceOrigin;
	type Consideration = HoldConsideration<
		AccountId,
		Balances,
		PreimageHoldReason,
		LinearStoragePrice<PreimageBaseDeposit, PreimageByteDeposit, Balance>,
	>;
}

/// The calls the Council may have dispatched as Root (`pallet_governance::Config::
/// EnactableCalls`), an allow-list by pallet: everything a governed call of ours or of FRAME's
/// needs, through `utility`'s batches and wrappers, but
/// - nothing of `sudo`: setting a key would let one account act as Root, without the Council
///   and without the delay, from then on;
/// - of `system`, only remarks, upgrades with their checks (`setCode`, `authorizeUpgrade`,
///   `applyAuthorizedUpgrade`) and storage writes to the runtime's storage parameters
///   ([`writable_by_council_keys`]): any other key could install a sudo key, a task for the
///   scheduler to run as Root later, a lower delay floor, another preimage for a waiting
///   enactment, or code without version checks;
/// - nothing of `scheduler`: a call scheduled by Root would later run as Root unchecked
///   (the Council schedules through `governance.enact`);
/// - of `governance`, not `run`: only an enactment's own task runs it, at its block;
/// - nothing of the pallets that have no Root calls (`proxy`, `multisig`, `timestamp`).
///
/// A new pallet is refused until it is added here (the match is exhaustive).
pub struct EnactableCalls;

impl frame_support::traits::Contains<RuntimeCall> for EnactableCalls {
	fn contains(call: &RuntimeCall) -> bool {
		enactable(call, 0)
	}
}

/// How deep `utility` wrappers may nest in an enacted call.
const MAX_ENACTED_NESTING: u32 = 4;

/// Whether `call`, nested `depth` wrappers deep, may be enacted (see [`EnactableCalls`]).
fn enactable(call: &RuntimeCall, depth: u32) -> bool {
	use pallet_utility::Call as Utility;
	let inner = |call: &RuntimeCall| depth < MAX_ENACTED_NESTING && enactable(call, depth + 1);
	match call {
		RuntimeCall::System(call) => match call {
			frame_system::Call::remark { .. }
			| frame_system::Call::remark_with_event { .. }
			| frame_system::Call::set_code { .. }
			| frame_system::Call::authorize_upgrade { .. }
			| frame_system::Call::apply_authorized_upgrade { .. } => true,
			frame_system::Call::set_storage { items } => {
				items.iter().all(|(key, _)| writable_by_council(key))
			},
			frame_system::Call::kill_storage { keys } => {
				keys.iter().all(|key| writable_by_council(key))
			},
			_ => false,
		},
		RuntimeCall::Governance(call) => !matches!(call, pallet_governance::Call::run { .. }),
		RuntimeCall::Utility(call) => match call {
			Utility::batch { calls }
			| Utility::batch_all { calls }
			| Utility::force_batch { calls } => calls.iter().all(inner),
			Utility::as_derivative { call, .. }
			| Utility::dispatch_as { call, .. }
			| Utility::dispatch_as_fallible { call, .. }
			| Utility::with_weight { call, .. } => inner(call),
			Utility::if_else { main, fallback } => inner(main) && inner(fallback),
			_ => false,
		},
		RuntimeCall::Sudo(_)
		| RuntimeCall::Scheduler(_)
		| RuntimeCall::Proxy(_)
		| RuntimeCall::Multisig(_)
		| RuntimeCall::Timestamp(_) => false,
		RuntimeCall::Grandpa(_)
		| RuntimeCall::Balances(_)
		| RuntimeCall::ValidatorSet(_)
		| RuntimeCall::Session(_)
		| RuntimeCall::Preimage(_)
		| RuntimeCall::Council(_)
		| RuntimeCall::CouncilMembership(_)
		| RuntimeCall::Arbiters(_)
		| RuntimeCall::ArbitersMembership(_)
		| RuntimeCall::Treasury(_)
		| RuntimeCall::Datasets(_)
		| RuntimeCall::Models(_)
		| RuntimeCall::Agents(_)
		| RuntimeCall::Attribution(_) => true,
	}
}

/// The storage keys a Council motion may write (or kill) with `system.setStorage`: the
/// runtime's storage parameters, each a single value meant to be set this way.
pub fn writable_by_council_keys() -> [[u8; 16]; 1] {
	[crate::configs::openledger::ChallengePeriod::key()]
}

/// Whether a Council motion may write `key` (see [`writable_by_council_keys`]).
fn writable_by_council(key: &[u8]) -> bool {
	writable_by_council_keys().iter().any(|allowed| allowed.as_slice() == key)
}

impl pallet_governance::Config for Runtime {
	type RuntimeCall = RuntimeCall;
	type PalletsOrigin = OriginCaller;
	type Scheduler = Scheduler;
	type Preimages = Preimage;
	type EnactOrigin = CouncilTwoThirds;
	type FastTrackOrigin = CouncilUnanimous;
	type CancelOrigin = CouncilMajority;
	/// One block: the least of any chain. Each chain sets its own floor at genesis (a day on
	/// `staging`), and its delay at or above it; Root can raise the delay, never below the
	/// floor.
	type MinEnactmentDelay = frame_support::traits::ConstU32<1>;
	/// Thirty days.
	type MaxEnactmentDelay = frame_support::traits::ConstU32<{ 30 * DAYS }>;
	type EnactableCalls = EnactableCalls;
	type MaxCallWeight = MaxEnactmentWeight;
	type WeightInfo = pallet_governance::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Approved `spend_local` proposals are paid every six days.
	pub const SpendPeriod: BlockNumber = 6 * DAYS;
	/// A spend must be claimed (`treasury.payout`) within thirty days of becoming valid.
	pub const PayoutPeriod: BlockNumber = 30 * DAYS;
	/// No spend is larger than what Root grants: everything.
	pub const MaxSpend: Balance = Balance::MAX;
	/// Nothing is burnt.
	pub const Burn: sp_runtime::Permill = sp_runtime::Permill::zero();
}

impl pallet_treasury::Config for Runtime {
	type Currency = Balances;
	type RejectOrigin = GovernanceOrigin;
	type RuntimeEvent = RuntimeEvent;
	type SpendPeriod = SpendPeriod;
	type Burn = Burn;
	/// The id the treasury account was always derived from: the account is unchanged.
	type PalletId = TreasuryPalletId;
	type BurnDestination = ();
	type WeightInfo = pallet_treasury::weights::SubstrateWeight<Runtime>;
	type SpendFunds = ();
	type MaxApprovals = ConstU32<64>;
	type SpendOrigin = EnsureRootWithSuccess<AccountId, MaxSpend>;
	/// Only `OPEN`.
	type AssetKind = ();
	type Beneficiary = AccountId;
	type BeneficiaryLookup = AccountIdLookup<AccountId, ()>;
	type Paymaster = PayFromTreasury;
	type BalanceConverter = UnityAssetBalanceConversion;
	type PayoutPeriod = PayoutPeriod;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = TreasuryArguments;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

/// Pays the treasury's spends from its account, never below the existential deposit.
///
/// The treasury receives every fee, slash, unattributed part and rounding dust, of any size,
/// and a payment below the existential deposit can only go to an account that exists: it
/// must never be reaped. FRAME's `PayFromAccount` pays with an expendable transfer (a spend
/// of everything would reap it); this pays with one that keeps it alive, so a spend of more
/// than it holds above the existential deposit fails (and can be claimed again).
pub struct PayFromTreasury;

impl frame_support::traits::tokens::Pay for PayFromTreasury {
	type Balance = Balance;
	type Beneficiary = AccountId;
	type AssetKind = ();
	type Id = ();
	type Error = sp_runtime::DispatchError;

	fn pay(who: &AccountId, _: (), amount: Balance) -> Result<(), Self::Error> {
		use frame_support::traits::{fungible::Mutate, tokens::Preservation};
		<Balances as Mutate<AccountId>>::transfer(
			&TreasuryAccount::get(),
			who,
			amount,
			Preservation::Preserve,
		)
		.map(|_| ())
	}

	fn check_payment(_: ()) -> frame_support::traits::tokens::PaymentStatus {
		frame_support::traits::tokens::PaymentStatus::Success
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_successful(_: &AccountId, _: (), amount: Balance) {
		use frame_support::traits::fungible::Mutate;
		let _ = <Balances as Mutate<AccountId>>::mint_into(
			&TreasuryAccount::get(),
			amount.saturating_add(crate::EXISTENTIAL_DEPOSIT),
		);
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn ensure_concluded(_: ()) {}
}

/// Builds the treasury benchmarks' arguments for a treasury that pays only `OPEN`.
#[cfg(feature = "runtime-benchmarks")]
pub struct TreasuryArguments;
#[cfg(feature = "runtime-benchmarks")]
impl pallet_treasury::ArgumentsFactory<(), AccountId> for TreasuryArguments {
	fn create_asset_kind(_seed: u32) {}
	fn create_beneficiary(seed: [u8; 32]) -> AccountId {
		AccountId::from(seed)
	}
}

impl pallet_multisig::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	/// A pending multisig operation: 1 item of 88 bytes…
	type DepositBase = frame_support::traits::ConstU128<{ deposit(1, 88) }>;
	/// …and 32 bytes per signatory.
	type DepositFactor = frame_support::traits::ConstU128<{ deposit(0, 32) }>;
	type MaxSignatories = ConstU32<20>;
	type WeightInfo = pallet_multisig::weights::SubstrateWeight<Runtime>;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}

/// What a proxy may do for the account it acts for: each type but `Any` is an allow-list of
/// calls, one type per job people run unattended. Wrapped in `utility.batch`, `batch_all`,
/// `force_batch` or `if_else`, each inner call is checked against the same list (the origin
/// keeps the filter). No type but `Any` lets through a call that hands anything over, nor one
/// that escapes the filter (`sudo`, `multisig.as_multi*`, `proxy.proxy`).
#[derive(Clone, Copy, Debug, Default, Eq, Ord, PartialEq, PartialOrd)]
#[derive(Decode, DecodeWithMemTracking, Encode, MaxEncodedLen, TypeInfo)]
pub enum ProxyType {
	/// Anything.
	#[default]
	Any,
	/// Only calls that neither move nor lock the account's funds (or give them back to it):
	/// managing its datanets, models and agents, curating, claiming, voting, unbonding.
	NonTransfer,
	/// Voting, proposing and closing motions in the Council and the Arbiters (a member's hot
	/// key).
	Governance,
	/// A contributor's key: submits contributions (holding their bonds), withdraws them and
	/// claims their rewards, to the account.
	Contributor,
	/// A curator's key: reviews contributions and publishes dataset versions.
	Curator,
	/// An attestor service's key: records inferences from the attestor's bonded account (paying
	/// their fees from it), nothing else.
	Attestor,
	/// An agent operator's key: updates an agent, sets its models, pauses and resumes it.
	AgentOperator,
	/// A validator operator's key: sets and purges the session keys (`session.set_keys` holds
	/// a 0.01 `OPEN` key deposit the first time, which `purge_keys` gives back).
	Validator,
}

/// The batches whose inner calls are each checked against the proxy's list.
fn is_batch(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Utility(
			pallet_utility::Call::batch { .. }
				| pallet_utility::Call::batch_all { .. }
				| pallet_utility::Call::force_batch { .. }
				| pallet_utility::Call::if_else { .. }
		)
	)
}

/// Council or Arbiters: voting, proposing, closing.
fn is_motion_work(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Council(
			pallet_collective::Call::vote { .. }
				| pallet_collective::Call::propose { .. }
				| pallet_collective::Call::close { .. }
		) | RuntimeCall::Arbiters(
			pallet_collective::Call::vote { .. }
				| pallet_collective::Call::propose { .. }
				| pallet_collective::Call::close { .. }
		)
	)
}

fn is_curation(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Datasets(
			pallet_datasets::Call::review_contribution { .. }
				| pallet_datasets::Call::publish_version { .. }
		)
	)
}

fn is_agent_operation(call: &RuntimeCall) -> bool {
	matches!(
		call,
		RuntimeCall::Agents(
			pallet_agents::Call::update_agent { .. }
				| pallet_agents::Call::set_models { .. }
				| pallet_agents::Call::pause { .. }
				| pallet_agents::Call::resume { .. }
		)
	)
}

/// Calls that neither move nor lock the caller's funds, or only give them back to it (see
/// docs/governance.md). Left out on purpose: every transfer and hand-over (`balances`,
/// `transfer_ownership`, `accept_ownership`, `membership.change_key`), every call that holds a
/// deposit or a bond or pays (creating, registering, submitting, bonding, challenging,
/// recording, `session.set_keys`, `preimage.note_preimage`, `proxy.add_proxy`), and every call
/// that dispatches past the filter (`sudo`, `multisig.as_multi*`, `proxy.proxy*`).
fn is_non_transfer(call: &RuntimeCall) -> bool {
	is_motion_work(call)
		|| is_curation(call)
		|| is_agent_operation(call)
		|| matches!(
			call,
			RuntimeCall::Utility(pallet_utility::Call::as_derivative { .. })
				| RuntimeCall::System(
					frame_system::Call::remark { .. }
						| frame_system::Call::remark_with_event { .. }
				) | RuntimeCall::Session(pallet_session::Call::purge_keys { .. })
				| RuntimeCall::ValidatorSet(
					pallet_validator_set::Call::leave_candidacy { .. }
						| pallet_validator_set::Call::withdraw_unbonded { .. }
				) | RuntimeCall::Council(pallet_collective::Call::release_proposal_cost { .. })
				| RuntimeCall::Arbiters(pallet_collective::Call::release_proposal_cost { .. })
				| RuntimeCall::Multisig(pallet_multisig::Call::cancel_as_multi { .. })
				| RuntimeCall::Proxy(
					pallet_proxy::Call::remove_proxy { .. }
						| pallet_proxy::Call::remove_announcement { .. }
						| pallet_proxy::Call::reject_announcement { .. }
				) | RuntimeCall::Datasets(
				pallet_datasets::Call::set_curators { .. }
					| pallet_datasets::Call::update_metadata { .. }
					| pallet_datasets::Call::set_policy { .. }
					| pallet_datasets::Call::set_allowed { allowed: false, .. }
					| pallet_datasets::Call::freeze { .. }
					| pallet_datasets::Call::unfreeze { .. }
					| pallet_datasets::Call::retire { .. }
					| pallet_datasets::Call::withdraw_contribution { .. }
					| pallet_datasets::Call::claim_rewards { .. }
					| pallet_datasets::Call::claim_all { .. }
			) | RuntimeCall::Models(
				pallet_models::Call::set_attestors { .. }
					| pallet_models::Call::set_price { .. }
					| pallet_models::Call::set_split_policy { .. }
					| pallet_models::Call::update_metadata { .. }
					| pallet_models::Call::deprecate { .. }
					| pallet_models::Call::set_attribution_methods { .. }
			) | RuntimeCall::Agents(
				pallet_agents::Call::unregister { .. } | pallet_agents::Call::withdraw_stake { .. }
			) | RuntimeCall::Attribution(
				pallet_attribution::Call::unbond_attestor { .. }
					| pallet_attribution::Call::withdraw_attestor_bond { .. }
			)
		)
}

impl InstanceFilter<RuntimeCall> for ProxyType {
	fn filter(&self, call: &RuntimeCall) -> bool {
		if *self != ProxyType::Any && is_batch(call) {
			// Each inner call is filtered when it is dispatched.
			return true;
		}
		match self {
			ProxyType::Any => true,
			ProxyType::NonTransfer => is_non_transfer(call),
			ProxyType::Governance => is_motion_work(call),
			ProxyType::Contributor => matches!(
				call,
				RuntimeCall::Datasets(
					pallet_datasets::Call::submit_contribution { .. }
						| pallet_datasets::Call::withdraw_contribution { .. }
						| pallet_datasets::Call::claim_rewards { .. }
						| pallet_datasets::Call::claim_all { .. }
				)
			),
			ProxyType::Curator => is_curation(call),
			ProxyType::Attestor => matches!(
				call,
				RuntimeCall::Attribution(pallet_attribution::Call::record_inference { .. })
			),
			ProxyType::AgentOperator => is_agent_operation(call),
			ProxyType::Validator => matches!(
				call,
				RuntimeCall::Session(
					pallet_session::Call::set_keys { .. } | pallet_session::Call::purge_keys { .. }
				)
			),
		}
	}

	fn is_superset(&self, other: &Self) -> bool {
		match (self, other) {
			(ProxyType::Any, _) => true,
			(_, ProxyType::Any) => false,
			// NonTransfer's list holds these three lists whole.
			(
				ProxyType::NonTransfer,
				ProxyType::Governance | ProxyType::Curator | ProxyType::AgentOperator,
			) => true,
			(a, b) => a == b,
		}
	}
}

impl pallet_proxy::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type Currency = Balances;
	type ProxyType = ProxyType;
	/// A proxy list: 1 item of 8 bytes…
	type ProxyDepositBase = frame_support::traits::ConstU128<{ deposit(1, 8) }>;
	/// …and 33 bytes per proxy.
	type ProxyDepositFactor = frame_support::traits::ConstU128<{ deposit(0, 33) }>;
	type MaxProxies = ConstU32<32>;
	type WeightInfo = pallet_proxy::weights::SubstrateWeight<Runtime>;
	type MaxPending = ConstU32<32>;
	type CallHasher = sp_runtime::traits::BlakeTwo256;
	/// An announcement list: 1 item of 8 bytes…
	type AnnouncementDepositBase = frame_support::traits::ConstU128<{ deposit(1, 8) }>;
	/// …and 68 bytes per announcement.
	type AnnouncementDepositFactor = frame_support::traits::ConstU128<{ deposit(0, 68) }>;
	type BlockNumberProvider = frame_system::Pallet<Runtime>;
}
