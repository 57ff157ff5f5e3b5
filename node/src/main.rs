//! `openledger-node`: the OpenLedger Chain node.
//!
//! Runs a validator or full node (Aura authoring, GRANDPA finality, ParityDB storage), or a
//! development node that seals a block per transaction (`--sealing instant`) or on request
//! (`--sealing manual`). See `docs/development.md`.

#![deny(missing_docs)]
// `sc_cli::Error`, the error type of every CLI runner, is large by design.
#![allow(clippy::result_large_err)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
