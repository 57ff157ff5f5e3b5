//! `openledger-upgrade-check`: what the Council runs before it votes on a runtime upgrade.
//!
//! It downloads the state of a live chain (at its finalised head, or at `--at`), puts the
//! proposed wasm in place of the chain's code, and calls the wasm's
//! `TryRuntime_on_runtime_upgrade`: the storage migrations run with their `pre_upgrade` and
//! `post_upgrade` checks, then every pallet's storage version is compared with its code's,
//! the whole state is decoded, and every pallet's invariants (`try_state`) are checked. It
//! runs the very wasm it is given, in the executor the node uses; the state it changes is
//! thrown away.
//!
//! The wasm must be built with the `try-runtime` feature (the release wasm is not: check the
//! try-runtime build of the same commit, then propose the release build; docs/upgrades.md).
//!
//! Exit status 0: the upgrade would apply cleanly; 1: a check failed (printed); 2: it could
//! not run (bad arguments, the node unreachable, a wasm without the checks).

use clap::Parser;
use codec::Decode;
use frame_remote_externalities::{Builder, Mode, OnlineConfig, SnapshotConfig};
use openledger_primitives::{Hash, OpaqueBlock};
use sc_executor::{HeapAllocStrategy, WasmExecutor};
use sp_core::traits::{CallContext, ReadRuntimeVersion, ReadRuntimeVersionExt};
use sp_state_machine::{
	backend::{BackendRuntimeCode, TryPendingCode},
	StateMachine,
};
use sp_version::RuntimeVersion;
use sp_weights::Weight;
use std::{path::PathBuf, process::ExitCode, str::FromStr};

/// Checks a runtime upgrade against a live chain's state.
#[derive(Parser)]
#[command(name = "openledger-upgrade-check", version)]
struct Args {
	/// The proposed runtime: a wasm built with `--features try-runtime`
	/// (`.compact.compressed.wasm` or plain).
	#[arg(long)]
	wasm: PathBuf,
	/// Only print the wasm's runtime version and its blake2-256 hash (what a motion's
	/// `system.authorizeUpgrade` names), without reading any chain.
	#[arg(long)]
	info: bool,
	/// The node to read the state from (WebSocket or HTTP).
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	uri: String,
	/// The block whose state is checked (default: the finalised head).
	#[arg(long)]
	at: Option<String>,
	/// Also write the downloaded state to this file.
	#[arg(long)]
	snapshot: Option<PathBuf>,
}

/// Why the check did not pass.
enum Failure {
	/// A check failed: the upgrade must not be enacted.
	Check(String),
	/// The check could not run.
	Cannot(String),
}

type Executor = WasmExecutor<sp_io::SubstrateHostFunctions>;

/// `UpgradeCheckSelect::All` as SCALE: pre- and post-upgrade checks, and `try_state`.
const ALL_CHECKS: [u8; 1] = [1];

fn main() -> ExitCode {
	let args = Args::parse();
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| "info,remote-ext=warn".into()),
		)
		.with_writer(std::io::stderr)
		.init();
	let outcome = tokio::runtime::Runtime::new()
		.map_err(|e| Failure::Cannot(e.to_string()))
		.and_then(|runtime| runtime.block_on(check(args)));
	match outcome {
		Ok(()) => ExitCode::SUCCESS,
		Err(Failure::Check(why)) => {
			eprintln!("upgrade check FAILED: {why}");
			ExitCode::from(1)
		},
		Err(Failure::Cannot(why)) => {
			eprintln!("openledger-upgrade-check: {why}");
			ExitCode::from(2)
		},
	}
}

async fn check(args: Args) -> Result<(), Failure> {
	let code = std::fs::read(&args.wasm)
		.map_err(|e| Failure::Cannot(format!("{}: {e}", args.wasm.display())))?;
	let executor = Executor::builder()
		.with_onchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
		.with_offchain_heap_alloc_strategy(HeapAllocStrategy::Dynamic { maximum_pages: None })
		.with_max_runtime_instances(1)
		.with_runtime_cache_size(2)
		.build();
	let new = version(&executor, &code)?;
	let name = |v: &RuntimeVersion| format!("{} {}", v.spec_name, v.spec_version);
	let hash = format!("0x{}", hex::encode(sp_crypto_hashing::blake2_256(&code)));
	if args.info {
		println!("{} {}", name(&new), hash);
		return Ok(());
	}

	let at = args
		.at
		.as_deref()
		.map(|hash| {
			Hash::from_str(hash).map_err(|e| Failure::Cannot(format!("--at {hash}: {e:?}")))
		})
		.transpose()?;
	let config = OnlineConfig {
		transport_uris: vec![args.uri.clone()],
		at,
		state_snapshot: args.snapshot.map(SnapshotConfig::new),
		..Default::default()
	};
	let mut ext =
		Builder::<OpaqueBlock>::new().mode(Mode::Online(config)).build().await.map_err(|e| {
			Failure::Cannot(format!("cannot read the state from {}: {e}", args.uri))
		})?;

	let old_code = ext
		.execute_with(|| sp_io::storage::get(sp_core::storage::well_known_keys::CODE))
		.ok_or_else(|| Failure::Cannot("the chain's state holds no :code".into()))?;
	let old = version(&executor, &old_code)?;
	println!("checking {} ({hash}) against the chain's state (it runs {})", name(&new), name(&old));
	if new.spec_name != old.spec_name {
		return Err(Failure::Check(format!(
			"the chain runs {}, a different runtime (system.InvalidSpecName)",
			name(&old)
		)));
	}
	if new.spec_version <= old.spec_version {
		return Err(Failure::Check(format!(
			"the chain runs {} already: {} is not an upgrade (system.SpecVersionNeedsToIncrease)",
			name(&old),
			name(&new)
		)));
	}

	ext.insert(sp_core::storage::well_known_keys::CODE.to_vec(), code);
	let mut changes = Default::default();
	let mut extensions = sp_externalities_extensions(&executor);
	let backend_code = BackendRuntimeCode::new(&ext.backend, TryPendingCode::No);
	let runtime_code = backend_code.runtime_code().map_err(|e| Failure::Cannot(e.to_string()))?;
	let result = StateMachine::new(
		&ext.backend,
		&mut changes,
		&executor,
		"TryRuntime_on_runtime_upgrade",
		&ALL_CHECKS,
		&mut extensions,
		&runtime_code,
		CallContext::Offchain,
	)
	.execute();
	let encoded = result.map_err(|e| {
		let error = format!("{e}");
		if error.contains("TryRuntime_on_runtime_upgrade") && error.contains("not found") {
			Failure::Cannot(format!(
				"{} has no try-runtime checks: build it with --features try-runtime",
				args.wasm.display()
			))
		} else {
			Failure::Check(error)
		}
	})?;
	let (weight, limit) = <(Weight, Weight)>::decode(&mut &encoded[..])
		.map_err(|e| Failure::Cannot(format!("the answer does not decode: {e}")))?;
	println!(
		"ok: every migration ran with its checks, every storage version matches its code, the \
		 whole state decodes and every invariant holds; the migrations weigh {:.3}% of a block",
		weight.ref_time() as f64 * 100.0 / limit.ref_time().max(1) as f64
	);
	Ok(())
}

/// The runtime version `code` declares.
fn version(executor: &Executor, code: &[u8]) -> Result<RuntimeVersion, Failure> {
	let mut ext = sp_io::TestExternalities::default();
	let mut ext = ext.ext();
	let encoded = executor
		.read_runtime_version(code, &mut ext)
		.map_err(|e| Failure::Cannot(format!("not a runtime: {e}")))?;
	RuntimeVersion::decode(&mut &encoded[..])
		.map_err(|e| Failure::Cannot(format!("its version does not decode: {e}")))
}

/// The host extensions the runtime may use while it migrates.
fn sp_externalities_extensions(executor: &Executor) -> sp_externalities::Extensions {
	let mut extensions = sp_externalities::Extensions::default();
	extensions.register(ReadRuntimeVersionExt::new(executor.clone()));
	extensions
}
