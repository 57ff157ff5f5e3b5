//! The runtime APIs: what the node, tools and clients (`state_call`, polkadot.js `api.call`)
//! may ask the runtime. OpenLedger's own are answered by each pallet's `api_*` functions, or by
//! [`crate::queries`] where an answer needs more than one pallet.

use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata, H256};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

use openledger_primitives::{AgentId, ContributionId, DatasetId, ModelId, ModelVersion, RecordId};
use pallet_agents_runtime_api::AgentInfo;
use pallet_attribution_runtime_api::{
	ContributionEarnings, QueryError, RecordFilter, RecordInfo, SplitInfo,
};
use pallet_datasets_runtime_api::{
	AcceptedContribution, ContributionInfo, ContributionState, DatasetInfo, Page, PendingRewards,
	PendingRewardsPage, SubmissionCheck, SubmissionRejection,
};
use pallet_models_runtime_api::{Lineage, ListedModel, ModelInfo};
use sp_runtime::Perbill;

use crate::{
	genesis_config_presets, opaque::SessionKeys, queries, AccountId, Agents, Attribution, Aura,
	Balance, Block, BlockNumber, Datasets, Executive, Grandpa, InherentDataExt, Models, Nonce,
	Runtime, RuntimeCall, RuntimeGenesisConfig, System, TransactionPayment, VERSION,
};

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_aura::AuraApi<Block, AuraId> for Runtime {
		fn slot_duration() -> sp_consensus_aura::SlotDuration {
			sp_consensus_aura::SlotDuration::from_millis(Aura::slot_duration())
		}

		fn authorities() -> Vec<AuraId> {
			pallet_aura::Authorities::<Runtime>::get().into_inner()
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			set_id: sp_consensus_grandpa::SetId,
			authority_id: sp_consensus_grandpa::AuthorityId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use codec::Encode;
			use frame_support::traits::KeyOwnerProofSystem;
			// The proof is of the current session's keys: only for the current set, and only
			// while that set's voters are the session's GRANDPA keys, in order (a set that
			// spans sessions whose keys changed is not proven).
			let session_keys: Vec<_> = crate::configs::key_ownership::SessionKeysNow::get()?
				.into_iter()
				.map(|(_, keys)| keys.grandpa)
				.collect();
			let voters: Vec<_> =
				Grandpa::grandpa_authorities().into_iter().map(|(key, _)| key).collect();
			if set_id != Grandpa::current_set_id() || session_keys != voters {
				return None;
			}
			crate::configs::key_ownership::KeyOwnership::prove((
				sp_consensus_grandpa::KEY_TYPE,
				authority_id,
			))
				.map(|proof| proof.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	#[api_version(4)]
	impl pallet_datasets_runtime_api::DatasetsApi<Block, AccountId, BlockNumber> for Runtime {
		fn datasets(
			owner: Option<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<DatasetInfo<AccountId, BlockNumber>> {
			Datasets::api_datasets(owner, start, limit)
		}

		fn accepted_contributions(
			dataset: DatasetId,
			start: u32,
			limit: u32,
		) -> Option<Page<AcceptedContribution>> {
			Datasets::api_accepted_contributions(dataset, start, limit)
		}

		fn dataset(id: DatasetId) -> Option<DatasetInfo<AccountId, BlockNumber>> {
			Datasets::api_dataset(id)
		}

		fn contribution(id: ContributionId) -> Option<ContributionInfo<AccountId, BlockNumber>> {
			Datasets::api_contribution(id)
		}

		fn contributions(
			dataset: DatasetId,
			state: Option<ContributionState>,
			start: Option<u64>,
			limit: u32,
		) -> Option<Page<ContributionInfo<AccountId, BlockNumber>>> {
			Datasets::api_contributions(dataset, state, start, limit)
		}

		fn contributions_of(
			account: AccountId,
			start: Option<u64>,
			limit: u32,
		) -> Page<ContributionInfo<AccountId, BlockNumber>> {
			Datasets::api_contributions_of(account, start, limit)
		}

		fn pending_rewards(account: AccountId) -> PendingRewards {
			Datasets::api_pending_rewards(account)
		}

		fn pending_rewards_page(
			account: AccountId,
			start: Option<u64>,
			limit: u32,
		) -> PendingRewardsPage {
			Datasets::api_pending_rewards_page(account, start, limit)
		}

		fn check_submission(
			extrinsic: <Block as BlockT>::Extrinsic,
			parent: <Block as BlockT>::Hash,
		) -> Result<SubmissionCheck, SubmissionRejection> {
			queries::datasets::check_submission(extrinsic, parent)
		}
	}

	#[api_version(4)]
	impl pallet_models_runtime_api::ModelsApi<Block, AccountId, BlockNumber> for Runtime {
		fn models(
			owner: Option<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<ListedModel<AccountId, BlockNumber>> {
			Models::api_models(owner, start, limit)
		}

		fn model(id: ModelId) -> Option<ModelInfo<AccountId, BlockNumber>> {
			Models::api_model(id)
		}

		fn attribution_methods(id: ModelId) -> Option<Vec<Vec<u8>>> {
			Models::api_attribution_methods(id)
		}

		fn allowed_methods(id: ModelId) -> Option<Vec<(Vec<u8>, H256)>> {
			Models::api_allowed_methods(id)
		}

		fn lineage(id: ModelId, start: u32, limit: u32) -> Option<Lineage<AccountId>> {
			Models::api_lineage(id, start, limit)
		}
	}

	#[api_version(2)]
	impl pallet_agents_runtime_api::AgentsApi<Block, AccountId, BlockNumber> for Runtime {
		fn agent(id: AgentId) -> Option<AgentInfo<AccountId, BlockNumber>> {
			Agents::api_agent(id)
		}

		fn agents(
			operator: Option<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<AgentInfo<AccountId, BlockNumber>> {
			Agents::api_agents(operator, start, limit)
		}
	}

	#[api_version(3)]
	impl pallet_attribution_runtime_api::AttributionApi<Block, AccountId, BlockNumber> for Runtime {
		fn records(
			filter: RecordFilter<AccountId>,
			start: Option<u64>,
			limit: u32,
		) -> Page<RecordInfo<AccountId, BlockNumber>> {
			Attribution::api_records(filter, start, limit)
		}

		fn reward_split(record: RecordId) -> Option<RecordInfo<AccountId, BlockNumber>> {
			Attribution::api_reward_split(record)
		}

		fn contribution_earnings(
			record: RecordId,
			contribution: ContributionId,
		) -> Result<ContributionEarnings, QueryError> {
			queries::attribution::contribution_earnings(record, contribution)
		}

		fn preview_split(
			model: ModelId,
			model_version: ModelVersion,
			agent: Option<AgentId>,
			fee: Balance,
			scores: Vec<(DatasetId, Perbill)>,
		) -> Result<SplitInfo<AccountId>, QueryError> {
			queries::attribution::preview_split(model, model_version, agent, fee, scores)
		}

		fn next_record_id() -> RecordId {
			Attribution::api_next_record_id()
		}

		fn earnings_from(
			record: RecordInfo<AccountId, BlockNumber>,
			contribution: ContributionId,
		) -> Result<ContributionEarnings, QueryError> {
			queries::attribution::earnings_from(record.id, &record.split.datasets, contribution)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			genesis_config_presets::preset_names()
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			crate::benchmarks::benchmark_metadata(extra)
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			crate::benchmarks::dispatch_benchmark(config)
		}
	}

	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(checks: frame_try_runtime::UpgradeCheckSelect) -> (Weight, Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.unwrap_or_else(|e| panic!("try_runtime_upgrade failed: {e:?}"));
			(weight, crate::configs::system::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.unwrap_or_else(|e| panic!("try_execute_block failed: {e:?}"))
		}
	}
}
