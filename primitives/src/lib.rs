//! # OpenLedger primitives
//!
//! The types every OpenLedger crate agrees on: the chain's basic types (accounts, balances,
//! block numbers), the native token `OPEN` and its denominations, the ids of the objects the
//! pallets keep (datasets, contributions, models, agents, attribution records), and the traits
//! through which the pallets talk to each other.
//!
//! Pallets never reach into each other's storage; they depend on the traits defined here, so
//! each pallet can be tested against a small mock of its neighbours.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub mod agents;
pub mod attribution;
pub mod chain;
pub mod checks;
pub mod datasets;
pub mod models;
pub mod paging;
pub mod reward_pool;
pub mod token;

pub use agents::*;
pub use attribution::*;
pub use chain::*;
pub use datasets::*;
pub use models::*;
pub use paging::{page_of_ids, Page, MAX_PAGE, MAX_SCAN};
