//! The command line.

use sc_cli::RunCmd;

/// How the node produces blocks.
#[derive(Debug, Copy, Clone, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Sealing {
	/// Aura authoring in 6-second slots and GRANDPA finality: what a real network runs.
	#[default]
	Aura,
	/// A block as soon as a transaction enters the pool, finalised at once. For
	/// development and tests: a transaction is final as soon as it is submitted.
	Instant,
	/// A block only when asked for with the `engine_createBlock` RPC method (and finalised
	/// with `engine_finalizeBlock`). For tests that need full control over blocks.
	Manual,
}

/// The node's command line.
#[derive(Debug, clap::Parser)]
#[command(
	propagate_version = true,
	args_conflicts_with_subcommands = true,
	subcommand_negates_reqs = true
)]
pub struct Cli {
	/// A maintenance subcommand; without one, the node runs.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Options of a running node.
	#[clap(flatten)]
	pub run: RunCmd,

	/// How blocks are produced: `aura` (default; a real network), `instant` (a block per
	/// transaction, final at once) or `manual` (a block per `engine_createBlock` call).
	/// Instant and manual sealing use the single-state transaction pool unless `--pool-type`
	/// says otherwise.
	#[arg(long, value_enum, default_value_t = Sealing::Aura)]
	pub sealing: Sealing,

	/// The most memory, in MiB, that the node keeps of answers to OpenLedger's RPC methods
	/// (`datasets_*`, `models_*`, `agents_*`, `attribution_*`): an answer at a block never
	/// changes, so each is computed once per method, parameters and block. `0` keeps none.
	#[arg(long, value_name = "MIB", default_value_t = 64)]
	pub rpc_answer_cache: u64,
}

/// Maintenance subcommands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management: generate, inspect and insert keys.
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Write a chain spec (JSON) to stdout; `--raw` for the form nodes boot from.
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Check that a block, given by hash or number, imports.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state at a block as a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Print information about the database: best, finalised and genesis blocks.
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Benchmark the runtime: `benchmark pallet` and `benchmark overhead`. Only in a node
	/// built with `--features runtime-benchmarks` (see `scripts/bench-weights.sh`).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
