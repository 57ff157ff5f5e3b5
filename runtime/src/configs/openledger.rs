//! OpenLedger's own pallets: datasets, models, agents and attribution.
//!
//! Their governed calls check Root, which the Council reaches through `pallet-governance`;
//! disputes are the Arbiters' (`configs/governance.rs`).

use frame_support::{
	parameter_types,
	traits::{fungible::HoldConsideration, ConstU128, ConstU32, ConstU64, LinearStoragePrice},
	PalletId,
};
use pallet_datasets::SlashBeneficiary;
use sp_runtime::Perbill;

use crate::{
	configs::{
		governance::{deposit, ArbitrationOrigin, GovernanceOrigin},
		monetary::TreasuryAccount,
	},
	AccountId, Agents, Attribution, Balance, Balances, Datasets, Models, Runtime,
	RuntimeHoldReason, DAYS, UNIT,
};

/// The most ancestors a model may have; bounds the royalty walk of every record.
pub const MAX_LINEAGE_DEPTH: u32 = 8;
/// The most dataset versions a model version may cite.
pub const MAX_TRAINING_SETS: u32 = 8;
/// The most datasets one record may score.
pub const MAX_SCORED_DATASETS: u32 = 16;

parameter_types! {
	/// The account that holds the datasets' reward pools.
	pub const DatasetsPalletId: PalletId = PalletId(*b"ol/datas");
	/// Slashed contribution bonds go to the treasury, never to the dataset's owner: the
	/// curators who decide a slash must not be paid by it (docs/datanets.md).
	pub const RejectionSlashTo: SlashBeneficiary = SlashBeneficiary::Treasury;
	/// The hold reason of a contribution's storage deposit.
	pub const ContributionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Datasets(pallet_datasets::HoldReason::ContributionDeposit);
	/// A storage deposit, as every item's on this chain: one `OPEN`…
	pub const StorageItemDeposit: Balance = deposit(1, 0);
	/// …plus a thousandth of one per byte of its footprint: a contribution's is 1.229 OPEN
	/// for 5 bytes of metadata, 1.736 OPEN for the most, 512; a model's versions' is 1 OPEN
	/// plus 0.165 OPEN per version (165 bytes: a hash, 8 training sets, a block number).
	pub const StorageByteDeposit: Balance = deposit(0, 1);
	/// The hold reason of an allow-list entry's storage deposit.
	pub const AllowListDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Datasets(pallet_datasets::HoldReason::AllowListDeposit);
	/// The hold reason of an attestor's records' storage deposit.
	pub const RecordDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Attribution(pallet_attribution::HoldReason::RecordDeposit);
	/// The hold reason of a model's versions' storage deposit.
	pub const VersionDepositReason: RuntimeHoldReason =
		RuntimeHoldReason::Models(pallet_models::HoldReason::VersionDeposit);
}

/// How this chain prices a storage deposit: [`StorageItemDeposit`] plus
/// [`StorageByteDeposit`] per byte of the footprint.
pub type StoragePrice = LinearStoragePrice<StorageItemDeposit, StorageByteDeposit, Balance>;

/// What a contribution's storage deposit is and how it is held.
pub type ContributionDeposit =
	HoldConsideration<AccountId, Balances, ContributionDepositReason, StoragePrice>;

/// What an allow-list entry's storage deposit is (1.081 OPEN: 81 bytes, the allowed account
/// and the entry with its payer) and how it is held.
pub type AllowListDeposit =
	HoldConsideration<AccountId, Balances, AllowListDepositReason, StoragePrice>;

/// What a model's versions' storage deposit is and how it is held.
pub type VersionDeposit =
	HoldConsideration<AccountId, Balances, VersionDepositReason, StoragePrice>;

/// What an attestor's storage deposit for its records in state is (1 OPEN, plus 0.001 OPEN
/// per byte of each record: its encoding and its inference-hash entry) and how it is held.
pub type RecordDeposit = HoldConsideration<AccountId, Balances, RecordDepositReason, StoragePrice>;

impl pallet_datasets::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type GovernanceOrigin = GovernanceOrigin;
	type Treasury = TreasuryAccount;
	type RejectionSlashTo = RejectionSlashTo;
	type PalletId = DatasetsPalletId;
	/// 10 OPEN, returned when the dataset is retired.
	type DatasetDeposit = ConstU128<{ 10 * UNIT }>;
	type ContributionDeposit = ContributionDeposit;
	type AllowListDeposit = AllowListDeposit;
	type MaxMetadataLen = ConstU32<512>;
	type MaxLicenseLen = ConstU32<64>;
	type MaxCurators = ConstU32<16>;
	type MaxContributionsPerAccount = ConstU32<512>;
	type MaxClaimBatch = ConstU32<64>;
	type MaxSharesPerContribution = ConstU64<1_000_000_000>;
	type WeightInfo = pallet_datasets::weights::SubstrateWeight<Runtime>;
}

impl pallet_models::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = Datasets;
	type SplitBounds = Attribution;
	/// 100 OPEN, held for as long as the model exists.
	type ModelDeposit = ConstU128<{ 100 * UNIT }>;
	type VersionDeposit = VersionDeposit;
	type MaxLineageDepth = ConstU32<MAX_LINEAGE_DEPTH>;
	type MaxTrainingSets = ConstU32<MAX_TRAINING_SETS>;
	type MaxAttestors = ConstU32<16>;
	type MaxMetadataLen = ConstU32<512>;
	type MaxLicenseLen = ConstU32<64>;
	type MaxAttributionMethods = ConstU32<8>;
	type WeightInfo = pallet_models::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Datasets;
}

impl pallet_agents::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Models = Models;
	type SplitBounds = Attribution;
	/// The Arbiters (a majority, at once) or Root: a misbehaving agent must be slashable
	/// before its operator can unregister and withdraw (7 days), which a Council motion and
	/// its enactment delay could not promise.
	type GovernanceOrigin = ArbitrationOrigin;
	type Treasury = TreasuryAccount;
	/// 1,000 OPEN.
	type MinAgentStake = ConstU128<{ 1_000 * UNIT }>;
	type UnbondingPeriod = ConstU32<{ 7 * DAYS }>;
	type MaxMetadataLen = ConstU32<512>;
	type MaxModelsPerAgent = ConstU32<16>;
	type WeightInfo = pallet_agents::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = pallet_agents::ModelsFrom<Models>;
}

parameter_types! {
	/// A day to challenge a record; after it, an unchallenged record leaves state. A storage
	/// parameter (at `twox128(":ChallengePeriod:")`, a `u32` of blocks) that only Root, i.e.
	/// the Council after its delay, can change with `system.set_storage`; the tests shorten it.
	pub storage ChallengePeriod: crate::BlockNumber = DAYS;
	/// An upheld challenge takes half of the attestor's bond…
	pub const UpheldSlash: Perbill = Perbill::from_percent(50);
	/// …and half of that goes to the challenger.
	pub const ChallengerReward: Perbill = Perbill::from_percent(50);
}

impl pallet_attribution::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Datasets = Datasets;
	type Models = Models;
	type Agents = Agents;
	type GovernanceOrigin = GovernanceOrigin;
	type ArbitrationOrigin = ArbitrationOrigin;
	type Treasury = TreasuryAccount;
	type RecordDeposit = RecordDeposit;
	/// 1,000 OPEN.
	type MinAttestorBond = ConstU128<{ 1_000 * UNIT }>;
	type UnbondingPeriod = ConstU32<{ 7 * DAYS }>;
	type ChallengePeriod = ChallengePeriod;
	/// 10 OPEN.
	type MinChallengeBond = ConstU128<{ 10 * UNIT }>;
	type UpheldSlash = UpheldSlash;
	type ChallengerReward = ChallengerReward;
	type MaxScoredDatasets = ConstU32<MAX_SCORED_DATASETS>;
	type MaxLineageDepth = ConstU32<MAX_LINEAGE_DEPTH>;
	type MaxDatasetPayouts = ConstU32<{ MAX_SCORED_DATASETS + MAX_TRAINING_SETS }>;
	type WeightInfo = pallet_attribution::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = (Datasets, Models, Agents);
}
