//! # The runtime-upgrade rehearsal
//!
//! The OpenLedger runtime as the *next* release would be: `spec_version` one higher and the
//! next storage migration (`upgrade-rehearsal`), with the `try-runtime` checks compiled in.
//! The network test `scripts/e2e/network/40-upgrade.test.js` enacts it through a Council
//! motion on a running network, and `openledger-upgrade-check` runs its migrations' checks
//! against a chain's state first. Never a release: see docs/upgrades.md.
//!
//! The native crate is only the place the wasm is built from: [`WASM_BINARY`].

#![cfg_attr(not(feature = "std"), no_std)]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

pub use openledger_runtime::*;
