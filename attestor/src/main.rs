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
mod http;
mod indexer;
mod served;
mod server;
mod spending;
mod store;
mod verify;
mod watch;

use std::{
	net::SocketAddr, num::NonZeroU32, path::PathBuf, process::ExitCode, sync::Arc, time::Duration,
};

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
	Serve(Box<ServeArgs>),
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
	/// The most content one index segment is built from, in bytes (at least one contribution):
	/// what bounds the memory an index build takes.
	#[arg(long, default_value_t = 256 * 1024 * 1024)]
	segment_bytes: u64,
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

/// How long a request to the recording listener may take: a record waits until it is final.
const RECORD_TIMEOUT: Duration = Duration::from_secs(600);

/// One OPEN in the smallest unit.
const OPEN: u128 = 1_000_000_000_000_000_000;

#[derive(Args)]
struct ServeArgs {
	#[command(flatten)]
	common: Common,
	#[command(flatten)]
	key: Key,
	/// Where to serve the public API: content, attribution previews, status.
	#[arg(long, default_value = "127.0.0.1:8700")]
	listen: SocketAddr,
	/// Where to serve recording, which spends the attestor's money and needs the token. Keep
	/// it on loopback, or behind TLS.
	#[arg(long, default_value = "127.0.0.1:8701")]
	record_listen: SocketAddr,
	/// A file holding the recording token. Default: `record-token` in the base path, created
	/// with a random token (readable by its owner only) when missing.
	#[arg(long)]
	record_token_file: Option<PathBuf>,
	/// The largest fee one record may pay, in the smallest unit (default 10 OPEN).
	#[arg(long, default_value_t = 10 * OPEN)]
	max_fee: u128,
	/// The most the records of one UTC day may pay in fees, in the smallest unit (default
	/// 1,000 OPEN).
	#[arg(long, default_value_t = 1_000 * OPEN)]
	max_fee_per_day: u128,
	/// An agent records may name (repeat for several); without one, records name no agent.
	#[arg(long = "agent")]
	agents: Vec<u64>,
	/// A model to serve besides those that name this attestor's key among their attestors
	/// (repeat for several).
	#[arg(long = "model")]
	models: Vec<u64>,
	/// Serve only the models given with `--model`, not every model that names this attestor's
	/// key (anyone may name it in a model of theirs).
	#[arg(long)]
	only_listed_models: bool,
	/// A datanet whose contributions' content to store besides the served models' (repeat).
	#[arg(long = "dataset")]
	datasets: Vec<u64>,
	/// The most the content store holds before it refuses uploads, in bytes (default 10 GiB).
	#[arg(long, default_value_t = 10 << 30)]
	store_quota: u64,
	/// Connections open at once on the public listener.
	#[arg(long, default_value_t = 256)]
	max_connections: usize,
	/// Connections open at once from one client (an IPv6 client counts by its /64).
	#[arg(long, default_value_t = 32)]
	max_connections_per_client: usize,
	/// Seconds a request's headers may take to arrive (and a connection may idle).
	#[arg(long, default_value_t = 10)]
	header_timeout: u64,
	/// Seconds a whole request, its body included, may take.
	#[arg(long, default_value_t = 120)]
	request_timeout: u64,
	/// Requests a second from one client on the public listener; 0: no limit.
	#[arg(long, default_value_t = 20)]
	rate_limit: u32,
	/// The largest burst of requests from one client.
	#[arg(long, default_value_t = 100)]
	burst: u32,
	/// Attributions that may run at once (each takes a core); default: the cores.
	#[arg(long)]
	max_attributions: Option<usize>,
	/// The bonded attestor account (SS58 or `0x` hex) the key is an `Attestor` proxy of:
	/// records are made as that account through `proxy.proxy`, and the key can do nothing
	/// else on chain (docs/governance.md). Without it, the key is the attestor's own account.
	#[arg(long, value_name = "ACCOUNT")]
	proxy_for: Option<String>,
	/// Lock index segments in memory (mlock) as they are opened or built, up to BYTES in all:
	/// answers over them never wait for the disk, however much else the machine reads. Needs
	/// the memory, and a locked-memory limit above BYTES (`ulimit -l`, systemd's
	/// LimitMEMLOCK); a segment that does not fit is served from the page cache, and the log
	/// says so once. The indexes already built are read (and locked) before serving starts.
	#[arg(long, value_name = "BYTES", default_value_t = 0)]
	lock_indexes: u64,
	/// The shortest span that counts, in tokens (at least 1).
	#[arg(long, default_value_t = Params::default().min_span,
		value_parser = clap::value_parser!(u32).range(1..))]
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
	/// The most challenges a UTC day (each holds `--bond`, lost if the challenge is rejected);
	/// beyond, records wait for the next day while they can still be challenged.
	#[arg(long, default_value_t = 10)]
	max_challenges_per_day: u32,
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

async fn open_store(common: &Common, quota: u64) -> Result<Arc<store::ContentStore>, String> {
	store::ContentStore::open(&common.base_path.join("content"), common.max_content_bytes, quota)
		.await
		.map(Arc::new)
		.map_err(|e| {
			format!("cannot open the content store in {}: {e}", common.base_path.display())
		})
}

/// The recording token: read from `file`, or created there with 32 random bytes.
fn record_token(file: &std::path::Path) -> Result<String, String> {
	use std::io::{Read, Write};
	#[cfg(unix)]
	if let Ok(metadata) = std::fs::metadata(file) {
		use std::os::unix::fs::PermissionsExt;
		if metadata.permissions().mode() & 0o077 != 0 {
			return Err(format!(
				"the token file {} may be read or written by others: `chmod 600` it",
				file.display()
			));
		}
	}
	match std::fs::read_to_string(file) {
		Ok(token) if !token.trim().is_empty() => return Ok(token.trim().to_string()),
		Ok(_) => return Err(format!("the token file {} is empty", file.display())),
		Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
			return Err(format!("cannot read the token file {}: {error}", file.display()))
		},
		Err(_) => {},
	}
	let mut bytes = [0u8; 32];
	std::fs::File::open("/dev/urandom")
		.and_then(|mut random| random.read_exact(&mut bytes))
		.map_err(|e| format!("cannot read /dev/urandom for a token: {e}"))?;
	let token = hex::encode(bytes);
	let mut options = std::fs::OpenOptions::new();
	options.write(true).create_new(true);
	#[cfg(unix)]
	std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
	options
		.open(file)
		.and_then(|mut out| out.write_all(token.as_bytes()))
		.map_err(|e| format!("cannot write the token file {}: {e}", file.display()))?;
	tracing::info!("wrote a new recording token to {}", file.display());
	Ok(token)
}

async fn serve(args: ServeArgs) -> Result<(), String> {
	let signer = args.key.keypair()?;
	let proxy_for = args
		.proxy_for
		.as_deref()
		.map(chain::account_id)
		.transpose()
		.map_err(|e| format!("--proxy-for: {e}"))?;
	if proxy_for.is_some() && signer.is_none() {
		return Err("--proxy-for needs a key (--suri or --key-file): the proxy's".into());
	}
	std::fs::create_dir_all(&args.common.base_path)
		.map_err(|e| format!("cannot create {}: {e}", args.common.base_path.display()))?;
	let store = open_store(&args.common, args.store_quota).await?;
	let indexes = Arc::new(indexer::Indexes::new(
		&args.common.base_path.join("indexes"),
		args.common.segment_bytes,
		args.lock_indexes,
	));
	let served = Arc::new(served::Served::new(args.models.clone(), args.datasets.clone()));
	// The attestor's account: the one models name, and records are made as.
	let account = signer
		.as_ref()
		.filter(|_| !args.only_listed_models)
		.map(|key| proxy_for.unwrap_or(key.public_key().0));
	tokio::spawn(indexer::run(
		indexer::IndexerConfig {
			node_url: args.common.node.clone(),
			state_file: args.common.base_path.join("indexer.json"),
			account,
			served: served.clone(),
		},
		store.clone(),
		indexes.clone(),
	));
	let recording = match signer {
		Some(signer) => {
			let token_file = args
				.record_token_file
				.clone()
				.unwrap_or_else(|| args.common.base_path.join("record-token"));
			Some((
				server::Recording {
					signer: tokio::sync::Mutex::new(signer),
					proxy_for,
					token: record_token(&token_file)?,
					spending: spending::Spending::open(
						args.max_fee,
						args.max_fee_per_day,
						args.common.base_path.join("spending.json"),
					)?,
					agents: args.agents.clone(),
				},
				token_file,
			))
		},
		None => None,
	};
	let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
	let token_file = recording.as_ref().map(|(_, file)| file.clone());
	let state = Arc::new(server::AppState {
		store,
		indexes,
		node_url: args.common.node.clone(),
		node: tokio::sync::Mutex::new(None),
		recording: recording.map(|(recording, _)| recording),
		served,
		attributions: Arc::new(tokio::sync::Semaphore::new(
			args.max_attributions.unwrap_or(cores).max(1),
		)),
		params: Params { min_span: args.min_span },
		targets: Default::default(),
	});
	let listener = tokio::net::TcpListener::bind(args.listen)
		.await
		.map_err(|e| format!("cannot listen on {}: {e}", args.listen))?;
	let limits = http::Limits {
		max_connections: args.max_connections.max(1),
		max_connections_per_ip: args.max_connections_per_client.max(1),
		header_timeout: Duration::from_secs(args.header_timeout.max(1)),
		request_timeout: Duration::from_secs(args.request_timeout.max(1)),
		rate_per_second: NonZeroU32::new(args.rate_limit),
		burst: NonZeroU32::new(args.burst).unwrap_or(NonZeroU32::MIN),
	};
	let (stop, stopped) = tokio::sync::watch::channel(false);
	let mut servers = tokio::task::JoinSet::new();
	tracing::info!(
		"serving the public API on http://{} (base path {}, node {})",
		listener.local_addr().map_err(|e| e.to_string())?,
		args.common.base_path.display(),
		args.common.node
	);
	servers.spawn(http::serve(
		listener,
		server::public_router(state.clone()),
		limits,
		stopped.clone(),
	));
	if let Some(token_file) = token_file {
		let listener = tokio::net::TcpListener::bind(args.record_listen)
			.await
			.map_err(|e| format!("cannot listen on {}: {e}", args.record_listen))?;
		if !args.record_listen.ip().is_loopback() {
			tracing::warn!(
				"recording is served on {}, not on loopback: anyone who reaches it and has the \
				 token spends this attestor's money; put TLS in front of it",
				args.record_listen
			);
		}
		tracing::info!(
			"serving recording on http://{} (token in {})",
			listener.local_addr().map_err(|e| e.to_string())?,
			token_file.display()
		);
		// Its clients are the operator's own, all on loopback (one client to the caps): room of
		// their own apart from the public's, no rate limit, and a record waits for finality.
		let limits = http::Limits {
			max_connections: 1024,
			max_connections_per_ip: 1024,
			rate_per_second: None,
			request_timeout: RECORD_TIMEOUT,
			..limits
		};
		servers.spawn(http::serve(listener, server::record_router(state), limits, stopped));
	} else {
		tracing::info!("no key (--suri, --key-file): this attestor does not record");
	}
	let _ = tokio::signal::ctrl_c().await;
	let _ = stop.send(true);
	while servers.join_next().await.is_some() {}
	Ok(())
}

async fn verify(args: VerifyArgs) -> Result<bool, String> {
	let store = open_store(&args.common, u64::MAX).await?;
	let indexes = Arc::new(indexer::Indexes::new(
		&args.common.base_path.join("indexes"),
		args.common.segment_bytes,
		0,
	));
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
		verify::Verdict::ContentUnavailable { reason }
		| verify::Verdict::TooCostly { reason }
		| verify::Verdict::CannotVerify { reason } => {
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
	let store = open_store(&args.common, u64::MAX).await?;
	let indexes = Arc::new(indexer::Indexes::new(
		&args.common.base_path.join("indexes"),
		args.common.segment_bytes,
		0,
	));
	let config = watch::WatchConfig {
		node_url: args.common.node.clone(),
		sources: args.content,
		challenge,
		grace: args.grace,
		max_challenges_per_day: args.max_challenges_per_day,
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
			Command::Serve(args) => serve(*args).await.map(|()| true),
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
