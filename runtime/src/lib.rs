//! # The OpenLedger Chain runtime
//!
//! The state-transition function of OpenLedger Chain, compiled both natively (for tests and
//! tools) and to wasm (the code the chain actually runs and can upgrade on chain).
//!
//! - `configs/`: one file per pallet family, where each pallet is configured;
//! - [`apis`]: the runtime APIs the node and clients call (`impl_runtime_apis!`);
//! - [`genesis_config_presets`]: the `development` and `local_testnet` genesis states.

#![cfg_attr(not(feature = "std"), no_std)]
// `construct_runtime`'s expansion is large.
#![recursion_limit = "256"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;
pub mod queries;
pub mod weights;

use alloc::vec::Vec;
use sp_runtime::{generic, impl_opaque_keys, MultiAddress};
use sp_version::{runtime_version, RuntimeVersion};

pub use openledger_primitives::{
	token::*, AccountId, Balance, BlockNumber, Hash, Header, Nonce, Signature,
};

pub use frame_system::Call as SystemCall;
pub use pallet_balances::Call as BalancesCall;

/// Types the node uses without decoding extrinsics.
pub mod opaque {
	use super::*;

	pub use openledger_primitives::OpaqueBlock as Block;
	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	impl_opaque_keys! {
		/// The keys a validator registers for its session: one for authoring (Aura) and one
		/// for finality (GRANDPA).
		pub struct SessionKeys {
			/// Block authoring key.
			pub aura: Aura,
			/// Finality voting key.
			pub grandpa: Grandpa,
		}
	}
}

/// The runtime's version. Bump `spec_version` with every change of on-chain logic, and
/// `transaction_version` whenever the encoding of calls or transaction extensions changes
/// (103 / 2: candidacy, author income and `CheckMetadataHash`; 104 / 2: attribution records
/// leave state after their challenge period; 105 / 2: contributions' storage deposits; 106 / 2:
/// model versions' storage deposits; 107 / 2: attribution records' storage deposits; 109 / 4:
/// models pin their methods' parameters and their base model's version; 110 / 4: the slot
/// duration is genesis state, so that test networks run short slots on this very runtime; 111 / 4:
/// every proxy type but `Any` is an allow-list, with a type per delegated job; 112 / 4: a full
/// candidate list takes a larger bond, governance removes candidates with a bounded slash, and
/// GRANDPA equivocations are reported and slashed; 113 / 4: runtime APIs list datasets, models,
/// agents and records, all or by owner, operator or attestor; 114 / 4: accepted contributions are
/// listed, bought and given, settling what they earned).
#[cfg(not(feature = "upgrade-rehearsal"))]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("openledger"),
	impl_name: alloc::borrow::Cow::Borrowed("openledger-node"),
	authoring_version: 1,
	spec_version: 114,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// The version of the `upgrade-rehearsal` build: the same runtime one `spec_version` later,
/// with the next storage migration (docs/upgrades.md). Never a release.
#[cfg(feature = "upgrade-rehearsal")]
#[runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("openledger"),
	impl_name: alloc::borrow::Cow::Borrowed("openledger-node"),
	authoring_version: 1,
	spec_version: 115,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 4,
	system_version: 1,
};

/// Target block time: a block every 6 seconds under Aura.
pub const MILLISECS_PER_BLOCK: u64 = 6000;

/// The Aura slot duration of a chain whose genesis sets none: every public chain. A chain
/// cannot change its slot once started; test networks set a shorter one at genesis
/// ([`pallet_validator_set::SlotDuration`]), on this same runtime. [`MINUTES`], [`HOURS`] and
/// [`DAYS`] count blocks of this slot.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// The address format: an account id or one of its aliases.
pub type Address = MultiAddress<AccountId, ()>;

/// The block type as the runtime sees it.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;

/// The checks and charges every signed transaction goes through, in order.
/// `CheckMetadataHash` lets a hardware wallet or offline signer prove to the chain which
/// metadata it decoded the transaction with (mode 1 and the hash, `docs/clients.md`); mode 0
/// signs as before.
pub type TxExtension = (
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_metadata_hash_extension::CheckMetadataHash<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// An extrinsic as it travels on the wire.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;

/// The payload a transaction's signer signs.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// The storage migrations the next runtime upgrade runs, in order, before any block's
/// extrinsics. Each runs only from the storage version it starts at, so one that already ran
/// does nothing; remove it a release after every chain has run it (docs/upgrades.md).
#[cfg(not(feature = "upgrade-rehearsal"))]
pub type Migrations = (
	pallet_validator_set::migrations::v1::MigrateToV1<Runtime>,
	pallet_datasets::migrations::v1::MigrateToV1<Runtime>,
	pallet_datasets::migrations::v2::MigrateToV2<Runtime>,
	pallet_attribution::migrations::v1::MigrateToV1<Runtime>,
	pallet_attribution::migrations::v2::MigrateToV2<Runtime>,
	pallet_governance::migrations::v1::MigrateToV1<Runtime>,
	pallet_models::migrations::v1::MigrateToV1<Runtime>,
);

/// The rehearsal's migrations: the release's, and the next layout of the validator set.
#[cfg(feature = "upgrade-rehearsal")]
pub type Migrations = (
	pallet_validator_set::migrations::v1::MigrateToV1<Runtime>,
	pallet_datasets::migrations::v1::MigrateToV1<Runtime>,
	pallet_datasets::migrations::v2::MigrateToV2<Runtime>,
	pallet_attribution::migrations::v1::MigrateToV1<Runtime>,
	pallet_attribution::migrations::v2::MigrateToV2<Runtime>,
	pallet_governance::migrations::v1::MigrateToV1<Runtime>,
	pallet_models::migrations::v1::MigrateToV1<Runtime>,
	pallet_validator_set::migrations::v2::MigrateToV2<Runtime>,
);

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

/// The pallets of the runtime. Indices are part of the encoding of calls and events: never
/// reuse or renumber one.
#[frame_support::runtime]
mod runtime {
	/// The runtime.
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
	pub struct Runtime;

	/// Accounts, blocks, events.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;

	/// The block timestamp.
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;

	/// Block authoring in slots.
	#[runtime::pallet_index(2)]
	pub type Aura = pallet_aura;

	/// Finality.
	#[runtime::pallet_index(3)]
	pub type Grandpa = pallet_grandpa;

	/// The native token.
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;

	/// Transaction fees.
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	/// The superuser of development and local chains; a chain whose genesis names no key
	/// (staging, and any public network) has none.
	#[runtime::pallet_index(6)]
	pub type Sudo = pallet_sudo;

	/// Batches of calls.
	#[runtime::pallet_index(7)]
	pub type Utility = pallet_utility;

	/// The validator set governance keeps (before `Session`: its genesis feeds the session's).
	#[runtime::pallet_index(8)]
	pub type ValidatorSet = pallet_validator_set;

	/// Sessions: each session's validators and their keys, handed to Aura and GRANDPA.
	#[runtime::pallet_index(9)]
	pub type Session = pallet_session;

	/// Who authored the current block (for the author's income and the validator set's
	/// activity). After `Session`, so a session's first block counts in that session.
	#[runtime::pallet_index(24)]
	pub type Authorship = pallet_authorship;

	/// Calls stored by their hash until they are dispatched (large enactments, for instance).
	#[runtime::pallet_index(10)]
	pub type Preimage = pallet_preimage;

	/// Calls dispatched at a later block (the Council's enactments).
	#[runtime::pallet_index(11)]
	pub type Scheduler = pallet_scheduler;

	/// The Council: decides upgrades, validators, parameters and spends, by motions.
	#[runtime::pallet_index(12)]
	pub type Council = pallet_collective<Instance1>;

	/// Who sits on the Council.
	#[runtime::pallet_index(13)]
	pub type CouncilMembership = pallet_membership<Instance1>;

	/// The Arbiters: resolve disputes over attribution records, by motions.
	#[runtime::pallet_index(14)]
	pub type Arbiters = pallet_collective<Instance2>;

	/// Who sits with the Arbiters.
	#[runtime::pallet_index(15)]
	pub type ArbitersMembership = pallet_membership<Instance2>;

	/// How the Council's decisions become Root: after a delay, or at once if unanimous.
	#[runtime::pallet_index(16)]
	pub type Governance = pallet_governance;

	/// The treasury: fees, the protocol part, dust and slashes; spent by the Council.
	#[runtime::pallet_index(17)]
	pub type Treasury = pallet_treasury;

	/// Accounts of several signatories.
	#[runtime::pallet_index(18)]
	pub type Multisig = pallet_multisig;

	/// Accounts acting for others, within limits (a Council member's voting key).
	#[runtime::pallet_index(19)]
	pub type Proxy = pallet_proxy;

	/// Datanets: curated contributions and their reward pools.
	#[runtime::pallet_index(20)]
	pub type Datasets = pallet_datasets;

	/// Models: lineage, versions, prices, attestors.
	#[runtime::pallet_index(21)]
	pub type Models = pallet_models;

	/// Agents: staked services that call models.
	#[runtime::pallet_index(22)]
	pub type Agents = pallet_agents;

	/// Attribution records: every inference fee, split exactly.
	#[runtime::pallet_index(23)]
	pub type Attribution = pallet_attribution;

	/// Each past session's validators, kept `HistoryDepth` sessions: what an equivocation
	/// report proves the offender's membership against.
	#[runtime::pallet_index(25)]
	pub type Historical = pallet_session::historical;

	/// Proven offences, deduplicated, handed to the validator set to slash.
	#[runtime::pallet_index(26)]
	pub type Offences = pallet_offences;
}
