//! The node's service: client, database, transaction pool, networking, block production and
//! finality, wired together.
//!
//! Blocks are produced in one of three ways (see [`Sealing`]): Aura with GRANDPA finality (a
//! real network), or, for development and tests, instant or manual sealing, where blocks are
//! created on demand and finalised by the sealing task itself.

use std::{sync::Arc, time::Duration};

use futures::{channel::mpsc, FutureExt, StreamExt};
use openledger_primitives::OpaqueBlock as Block;
use openledger_runtime::apis::RuntimeApi;
use sc_client_api::{Backend, BlockBackend};
use sc_consensus_aura::{ImportQueueParams, SlotProportion, StartAuraParams};
use sc_consensus_grandpa::SharedVoterState;
use sc_consensus_manual_seal::consensus::{
	aura::AuraConsensusDataProvider, timestamp::SlotTimestampProvider,
};
use sc_service::{error::Error as ServiceError, Configuration, TaskManager, WarpSyncConfig};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_aura::sr25519::{AuthorityId as AuraId, AuthorityPair as AuraPair};

use crate::cli::Sealing;

/// The client: blocks, state and the wasm runtime executor.
pub type FullClient = sc_service::TFullClient<
	Block,
	RuntimeApi,
	sc_executor::WasmExecutor<sp_io::SubstrateHostFunctions>,
>;
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
type FullGrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;

/// GRANDPA justifications are kept for at least every this many blocks, so that warp sync and
/// light clients can prove finality.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The parts of consensus that the import queue and the block producer share.
// Built once when the node starts: the size difference of the variants does not matter.
#[allow(clippy::large_enum_variant)]
pub enum ConsensusParts {
	/// Aura authoring, imported through GRANDPA.
	Aura {
		/// Imports blocks and tracks GRANDPA authority set changes.
		block_import: FullGrandpaBlockImport,
		/// What the GRANDPA voter needs from the import side.
		link: sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
	},
	/// Instant or manual sealing: blocks go straight into the client.
	Sealing,
}

/// The node's components before networking and block production are started.
pub type Service = sc_service::PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	FullPool,
	(ConsensusParts, Option<Telemetry>),
>;

/// Builds the client, database, transaction pool and import queue.
pub fn new_partial(config: &Configuration, sealing: Sealing) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|endpoints| !endpoints.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<sp_io::SubstrateHostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	let (import_queue, consensus) = match sealing {
		Sealing::Aura => {
			let (block_import, link) = sc_consensus_grandpa::block_import(
				client.clone(),
				GRANDPA_JUSTIFICATION_PERIOD,
				&client,
				select_chain.clone(),
				telemetry.as_ref().map(|x| x.handle()),
			)?;

			let cidp_client = client.clone();
			let import_queue =
				sc_consensus_aura::import_queue::<AuraPair, _, _, _, _, _>(ImportQueueParams {
					block_import: block_import.clone(),
					justification_import: Some(Box::new(block_import.clone())),
					client: client.clone(),
					create_inherent_data_providers: move |parent_hash, _| {
						let cidp_client = cidp_client.clone();
						async move {
							let slot_duration = sc_consensus_aura::standalone::slot_duration_at(
								&*cidp_client,
								parent_hash,
							)?;
							Ok(slot_and_timestamp(slot_duration))
						}
					},
					spawner: &task_manager.spawn_essential_handle(),
					registry: config.prometheus_registry(),
					check_for_equivocation: Default::default(),
					telemetry: telemetry.as_ref().map(|x| x.handle()),
					compatibility_mode: Default::default(),
				})?;
			(import_queue, ConsensusParts::Aura { block_import, link })
		},
		Sealing::Instant | Sealing::Manual => {
			let import_queue = sc_consensus_manual_seal::import_queue(
				Box::new(client.clone()),
				&task_manager.spawn_essential_handle(),
				config.prometheus_registry(),
			);
			(import_queue, ConsensusParts::Sealing)
		},
	};

	Ok(sc_service::PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (consensus, telemetry),
	})
}

/// The transaction pool of a full node.
type FullPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;

/// Builds the blocks a node authors.
type Proposer = sc_basic_authorship::ProposerFactory<FullPool, FullClient>;

/// The notification protocol GRANDPA gossips over, on a node that follows GRANDPA.
struct GrandpaNetwork {
	protocol_name: sc_network::ProtocolName,
	notification_service: Box<dyn sc_network::NotificationService>,
}

/// Builds and starts a full node: networking, RPC, block production and finality.
pub fn new_full<
	N: sc_network::NetworkBackend<Block, <Block as sp_runtime::traits::Block>::Hash>,
>(
	config: Configuration,
	sealing: Sealing,
	answer_cache_bytes: u64,
) -> Result<TaskManager, ServiceError> {
	let sc_service::PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: (consensus, mut telemetry),
	} = new_partial(&config, sealing)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as sp_runtime::traits::Block>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());

	// GRANDPA gossips over its own notification protocol, and serves warp-sync proofs.
	let mut grandpa_network = None;
	let mut warp_sync_config = None;
	if let ConsensusParts::Aura { link, .. } = &consensus {
		let genesis_hash = client
			.block_hash(0)
			.ok()
			.flatten()
			.ok_or_else(|| ServiceError::Other("the genesis block is missing".into()))?;
		let protocol_name =
			sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
		let (protocol_config, notification_service) =
			sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
				protocol_name.clone(),
				metrics.clone(),
				net_config.peer_store_handle(),
			);
		net_config.add_notification_protocol(protocol_config);
		grandpa_network = Some(GrandpaNetwork { protocol_name, notification_service });
		let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
			backend.clone(),
			link.shared_authority_set().clone(),
			Vec::default(),
		));
		warp_sync_config = Some(WarpSyncConfig::WithProvider(warp_sync));
	}

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: false,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let prometheus_registry = config.prometheus_registry().cloned();

	// Manual sealing takes its commands from the `engine_*` RPC methods.
	let (manual_seal_sink, manual_seal_commands) = match sealing {
		Sealing::Manual => {
			let (sink, commands) = mpsc::channel(1024);
			(Some(sink), Some(commands))
		},
		Sealing::Aura | Sealing::Instant => (None, None),
	};

	let rpc_extensions_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		// Attribution records that left state are in the offchain storage only when the
		// runtime's offchain indexing is on.
		let offchain_index =
			config.offchain_worker.indexing_enabled.then(|| backend.offchain_storage()).flatten();
		// One cache of answers for every RPC module, whatever the connection.
		let answer_cache = Arc::new(openledger_rpc_support::AnswerCache::new(answer_cache_bytes));
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				manual_seal: manual_seal_sink.clone(),
				offchain_index: offchain_index.clone(),
				answer_cache: answer_cache.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder: rpc_extensions_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	let proposer_factory = sc_basic_authorship::ProposerFactory::new(
		task_manager.spawn_handle(),
		client.clone(),
		transaction_pool.clone(),
		prometheus_registry.as_ref(),
		telemetry.as_ref().map(|x| x.handle()),
	);

	match consensus {
		ConsensusParts::Sealing => {
			// Manual sealing seals on `engine_*` commands, instant sealing on the pool's.
			let commands = match manual_seal_commands {
				Some(commands) => commands.boxed(),
				None => instant_seal_commands(transaction_pool.clone(), client.clone()),
			};
			start_sealing(
				&task_manager,
				&client,
				transaction_pool,
				select_chain,
				proposer_factory,
				commands,
			);
		},
		ConsensusParts::Aura { block_import, link } => {
			if role.is_authority() {
				start_aura(
					&task_manager,
					&client,
					select_chain,
					block_import,
					proposer_factory,
					&keystore_container,
					sync_service.clone(),
					force_authoring,
					&telemetry,
				)?;
			}
			if let (true, Some(grandpa_network)) = (enable_grandpa, grandpa_network) {
				// Only an authority votes; others follow the votes they hear.
				let keystore = role.is_authority().then(|| keystore_container.keystore());
				let config = sc_consensus_grandpa::Config {
					gossip_duration: Duration::from_millis(333),
					justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
					name: Some(name),
					observer_enabled: false,
					keystore,
					local_role: role,
					telemetry: telemetry.as_ref().map(|x| x.handle()),
					protocol_name: grandpa_network.protocol_name,
				};
				let voter =
					sc_consensus_grandpa::run_grandpa_voter(sc_consensus_grandpa::GrandpaParams {
						config,
						link,
						network,
						sync: sync_service,
						notification_service: grandpa_network.notification_service,
						voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
						prometheus_registry,
						shared_voter_state: SharedVoterState::empty(),
						telemetry: telemetry.as_ref().map(|x| x.handle()),
						offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(
							transaction_pool,
						),
					})?;
				// Finality is essential: if the voter fails, the node stops.
				task_manager.spawn_essential_handle().spawn_blocking("grandpa-voter", None, voter);
			}
		},
	}

	Ok(task_manager)
}

/// Starts Aura authoring on an authority: a block in each of its slots.
#[allow(clippy::too_many_arguments)]
fn start_aura(
	task_manager: &TaskManager,
	client: &Arc<FullClient>,
	select_chain: FullSelectChain,
	block_import: FullGrandpaBlockImport,
	proposer_factory: Proposer,
	keystore: &sc_service::KeystoreContainer,
	sync_service: Arc<sc_network_sync::SyncingService<Block>>,
	force_authoring: bool,
	telemetry: &Option<Telemetry>,
) -> Result<(), ServiceError> {
	let slot_duration = sc_consensus_aura::slot_duration::<AuraId, _, _>(&**client)?;
	let aura =
		sc_consensus_aura::start_aura::<AuraPair, _, _, _, _, _, _, _, _, _, _>(StartAuraParams {
			slot_duration,
			client: client.clone(),
			select_chain,
			block_import,
			proposer_factory,
			create_inherent_data_providers: move |_, ()| async move {
				Ok(slot_and_timestamp(slot_duration))
			},
			force_authoring,
			backoff_authoring_blocks: Option::<()>::None,
			keystore: keystore.keystore(),
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service,
			block_proposal_slot_portion: SlotProportion::new(2f32 / 3f32),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			compatibility_mode: Default::default(),
		})?;
	// Block authoring is essential: if it fails, the node stops.
	task_manager.spawn_essential_handle().spawn_blocking("aura", Some("block-authoring"), aura);
	Ok(())
}

/// The inherent data of a block at the wall clock's time: its timestamp and the Aura slot it
/// falls in. What an Aura author proposes, and what an importer checks a block against.
fn slot_and_timestamp(
	slot_duration: sp_consensus_aura::SlotDuration,
) -> (sp_consensus_aura::inherents::InherentDataProvider, sp_timestamp::InherentDataProvider) {
	let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
	let slot = sp_consensus_aura::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
		*timestamp,
		slot_duration,
	);
	(slot, timestamp)
}

/// Starts instant or manual sealing: a block, finalised at once, for every command.
fn start_sealing(
	task_manager: &TaskManager,
	client: &Arc<FullClient>,
	pool: Arc<FullPool>,
	select_chain: FullSelectChain,
	proposer_factory: Proposer,
	commands_stream: futures::stream::BoxStream<
		'static,
		sc_consensus_manual_seal::EngineCommand<sp_core::H256>,
	>,
) {
	let cidp_client = client.clone();
	let create_inherent_data_providers = move |_, ()| {
		let client = cidp_client.clone();
		async move {
			// Each sealed block takes the next Aura slot, whatever the wall clock says. Only
			// the timestamp: the Aura digest is derived from it, and manual seal counts one
			// inherent extrinsic per provider to tell empty blocks.
			let timestamp = SlotTimestampProvider::new_aura(client)
				.map_err(|e| format!("cannot derive the next slot: {e}"))?;
			Ok(timestamp)
		}
	};
	let sealing_task =
		sc_consensus_manual_seal::run_manual_seal(sc_consensus_manual_seal::ManualSealParams {
			block_import: client.clone(),
			env: proposer_factory,
			client: client.clone(),
			pool,
			commands_stream,
			select_chain,
			consensus_data_provider: Some(Box::new(AuraConsensusDataProvider::new(client.clone()))),
			create_inherent_data_providers,
		});
	task_manager.spawn_essential_handle().spawn_blocking(
		"sealing",
		Some("block-authoring"),
		sealing_task,
	);
}

/// What `--sealing instant` seals: a finalised block whenever a transaction enters the pool,
/// and an empty one when ready transactions have waited a whole heartbeat (half a second)
/// with no block sealed.
///
/// Sealing on imports alone (`run_instant_seal_and_finalize`) stalls: a session-change block
/// is full (pallet-session takes the whole block weight when it rotates), so it includes no
/// transaction, and a seal that may not create an empty block then fails on every attempt;
/// the chain stopped at its first session boundary with transactions waiting. The heartbeat
/// seals such a block empty, and the transactions follow in the next one.
///
/// The heartbeat fires only when the chain stalled: transactions ready at two beats in a row
/// and the best block the same at both. A beat that fired whenever transactions were ready
/// raced the seal of a transaction that had just arrived (ready until the pool prunes it
/// after its block) and added an empty block now and then; tests that count blocks (an
/// enactment delay, a challenge period) then saw one block too many.
fn instant_seal_commands(
	pool: Arc<FullPool>,
	client: Arc<FullClient>,
) -> futures::stream::BoxStream<'static, sc_consensus_manual_seal::EngineCommand<sp_core::H256>> {
	use sc_transaction_pool_api::TransactionPool;
	let seal = |create_empty| sc_consensus_manual_seal::EngineCommand::SealNewBlock {
		create_empty,
		finalize: true,
		parent_hash: None,
		sender: None,
	};
	let beat_pool = pool.clone();
	// `false`: a block sealed on an import must include a transaction.
	let imports = pool
		.import_notification_stream()
		.filter(move |_| futures::future::ready(pool.status().ready > 0))
		.map(move |_| seal(false));
	// The state of the last beat: the best block then, if transactions were ready.
	let heartbeat = futures::stream::unfold(None, move |waiting_at| {
		let (pool, client) = (beat_pool.clone(), client.clone());
		async move {
			futures_timer::Delay::new(Duration::from_millis(500)).await;
			let best = sp_blockchain::HeaderBackend::info(&*client).best_hash;
			let now_waiting = (pool.status().ready > 0).then_some(best);
			let stalled = now_waiting.is_some() && now_waiting == waiting_at;
			Some((stalled, now_waiting))
		}
	})
	// `true`: the seal may create a block without transactions.
	.filter_map(move |stalled| futures::future::ready(stalled.then(|| seal(true))));
	futures::stream::select(imports, heartbeat).boxed()
}
