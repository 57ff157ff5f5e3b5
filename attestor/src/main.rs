//! # `openledger-attestor`
//!
//! The reference attestor of OpenLedger Chain, and the verifiers that check it. An inference
//! provider runs `serve` beside its model: a content store (contributions' bytes, evidence
//! documents), an indexer of every published dataset version, and attribution with the method
//! `span-match/1` (`openledger-span-match`) that it records on chain. Anyone runs `verify` on a
//! record, or `watch` to verify every record as it comes and challenge the ones that do not
//! verify. See `docs/attestor.md`.

mod attribution;
mod chain;
mod indexer;
mod server;
mod store;
mod verify;
mod watch;

use std::{net::SocketAddr, path::PathBuf, process::ExitCode, sync::Arc};

use clap::{Args, Parser, Subcommand};
use openledger_span_match::Params;

/// The reference attestor of OpenLedger Chain.
#[derive(Parser)]
#[command(name = "openledger-attestor", version, about)]
struct Cli {
	#[command(subcommand)]
	command: Command,
}

#[derive(Subcommand)]
enum Command {
	/// Serve the content store, index published dataset versions, attribute and record.
	Serve(ServeArgs),
	/// Re-run a record's attribution; print `valid` or what differs. Exit code 0 or 1.
	Verify(VerifyArgs),
	/// Verify every new record; with `--challenge`, challenge those that do not verify.
	Watch(WatchArgs),
}

#[derive(Args)]
struct Common {
	/// The node's WebSocket RPC.
	#[arg(long, default_value = "ws://127.0.0.1:9944")]
	node: String,
	/// Where the content store, the indexes and the progress files live.
	#[arg(long, default_value_os_t = default_base_path())]
	base_path: PathBuf,
	/// The largest content item stored, in bytes.
	#[arg(long, default_value_t = 64 * 1024 * 1024)]
	max_content_bytes: u64,
}

#[derive(Args)]
struct Key {
	/// The secret URI of the key to sign with (`//Alice`, a mnemonic, a `0x` seed). Prefer
	/// `--key-file` or the environment variable `OPENLEDGER_ATTESTOR_SURI`: a command line is
	/// visible to other users of the machine.
	#[arg(long)]
	suri: Option<String>,
	/// A file holding the secret URI.
	#[arg(long, conflicts_with = "suri")]
	key_file: Option<PathBuf>,
}

impl Key {
	fn keypair(&self) -> Result<Option<subxt_signer::sr25519::Keypair>, String> {
		let from_env = std::env::var("OPENLEDGER_ATTESTOR_SURI").ok().filter(|s| !s.is_empty());
		let suri = match (self.suri.clone().or(from_env), &self.key_file) {
			(Some(suri), _) => suri,
			(None, Some(path)) => std::fs::read_to_string(path)
				.map_err(|e| format!("cannot read the key file {}: {e}", path.display()))?
				.trim()
				.to_string(),
			(None, None) => return Ok(None),
		};
		chain::signer(&suri).map(Some).map_err(|e| e.to_string())
	}
}

#[derive(Args)]
struct ServeArgs {
	#[command(flatten)]
	common: Common,
	#[command(flatten)]
	key: Key,
	/// Where to serve HTTP.
	#[arg(long, default_value = "127.0.0.1:8700")]
	listen: SocketAddr,
	/// The shortest span that counts, in tokens.
	#[arg(long, default_value_t = Params::default().min_span)]
	min_span: u32,
}

#[derive(Args)]
struct VerifyArgs {
	/// The record's id.
	record: u64,
	#[command(flatten)]
	common: Common,
	/// Content stores to fetch evidence and dataset content from (`http://host:port`); repeat
	/// for several.
	#[arg(long = "content")]
	content: Vec<String>,
}

#[derive(Args)]
struct WatchArgs {
	#[command(flatten)]
	common: Common,
	#[command(flatten)]
	key: Key,
	/// Content stores to fetch evidence and dataset content from.
	#[arg(long = "content")]
	content: Vec<String>,
	/// Challenge records that do not verify (needs a key).
	#[arg(long)]
	challenge: bool,
	/// The bond each challenge holds, in the smallest unit.
	#[arg(long, default_value = "10000000000000000000")]
	bond: u128,
	/// Blocks to wait for a record's evidence before challenging it as unavailable.
	#[arg(long, default_value_t = 10)]
	grace: u32,
}

/// `$XDG_DATA_HOME/openledger-attestor`, or `~/.local/share/openledger-attestor`: where the
/// node keeps its own base path too.
fn default_base_path() -> PathBuf {
	let data = std::env::var_os("XDG_DATA_HOME").map(PathBuf::from).unwrap_or_else(|| {
		let home =
			std::env::var_os("HOME").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
		home.join(".local/share")
	});
	data.join("openledger-attestor")
}

async fn open_store(common: &Common) -> Result<Arc<store::ContentStore>, String> {
	store::ContentStore::open(&common.base_path.join("content"), common.max_content_bytes)
		.await
		.map(Arc::new)
		.map_err(|e| {
			format!("cannot open the content store in {}: {e}", common.base_path.display())
		})
}

async fn serve(args: ServeArgs) -> Result<(), String> {
	let signer = args.key.keypair()?;
	let store = open_store(&args.common).await?;
	let indexes = Arc::new(indexer::Indexes::new(&args.common.base_path.join("indexes")));
	tokio::spawn(indexer::run(
		args.common.node.clone(),
		store.clone(),
		indexes.clone(),
		args.common.base_path.join("indexer.json"),
	));
	let state = Arc::new(server::AppState {
		store,
		indexes,
		node_url: args.common.node.clone(),
		node: tokio::sync::Mutex::new(None),
		signer: signer.map(tokio::sync::Mutex::new),
		params: Params { min_span: args.min_span.max(1) },
	});
	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
	tracing::info!(
		"serving on http://{} (base path {}, node {})",
		listener.local_addr().map_err(|e| e.to_string())?,
		args.common.base_path.display(),
		args.common.node
	);
	axum::serve(listener, server::router(state))
		.with_graceful_shutdown(async {
			let _ = tokio::signal::ctrl_c().await;
		})
		.await
		.map_err(|e| e.to_string())
}

async fn verify(args: VerifyArgs) -> Result<bool, String> {
	let store = open_store(&args.common).await?;
	let indexes = Arc::new(indexer::Indexes::new(&args.common.base_path.join("indexes")));
	let node = chain::Node::connect(&args.common.node).await.map_err(|e| e.to_string())?;
	let report =
		verify::Verifier::new(node, store, indexes, args.content).verify(args.record).await?;
	match &report.verdict {
		verify::Verdict::Valid => {
			println!("valid");
			Ok(true)
		},
		verify::Verdict::Invalid { differences } => {
			println!("invalid: record {} does not verify:", report.record);
			for difference in differences {
				println!("- {difference}");
			}
			Ok(false)
		},
		verify::Verdict::EvidenceUnavailable => {
			println!("invalid: no content store has the evidence {}", report.evidence_hash);
			Ok(false)
		},
		verify::Verdict::OtherMethod { method } => Err(format!(
			"record {} uses the method {method}, which this verifier does not know",
			report.record
		)),
		verify::Verdict::CannotVerify { reason } => {
			Err(format!("cannot verify record {}: {reason}", report.record))
		},
	}
}

async fn watch(args: WatchArgs) -> Result<(), String> {
	let challenge = match (args.challenge, args.key.keypair()?) {
		(true, Some(key)) => Some((key, args.bond)),
		(true, None) => return Err("--challenge needs a key: --suri or --key-file".into()),
		(false, _) => None,
	};
	let store = open_store(&args.common).await?;
	let indexes = Arc::new(indexer::Indexes::new(&args.common.base_path.join("indexes")));
	let config = watch::WatchConfig {
		node_url: args.common.node.clone(),
		sources: args.content,
		challenge,
		grace: args.grace,
		state_file: args.common.base_path.join("watch.json"),
	};
	tracing::info!("watching {} for records", args.common.node);
	tokio::select! {
		() = watch::run(config, store, indexes) => Ok(()),
		_ = tokio::signal::ctrl_c() => Ok(()),
	}
}

fn main() -> ExitCode {
	tracing_subscriber::fmt()
		.with_env_filter(
			tracing_subscriber::EnvFilter::try_from_default_env()
				.unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
		)
		.with_writer(std::io::stderr)
		.with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
		.init();
	let cli = Cli::parse();
	let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
		Ok(runtime) => runtime,
		Err(error) => {
			eprintln!("error: cannot start the async runtime: {error}");
			return ExitCode::from(2);
		},
	};
	let outcome = runtime.block_on(async {
		match cli.command {
			Command::Serve(args) => serve(args).await.map(|()| true),
			Command::Verify(args) => verify(args).await,
			Command::Watch(args) => watch(args).await.map(|()| true),
		}
	});
	match outcome {
		Ok(true) => ExitCode::SUCCESS,
		Ok(false) => ExitCode::from(1),
		Err(error) => {
			eprintln!("error: {error}");
			ExitCode::from(2)
		},
	}
}
