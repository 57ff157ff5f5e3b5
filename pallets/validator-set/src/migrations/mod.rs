//! Storage migrations of this pallet, one module per storage version they move to. Each is a
//! `VersionedMigration`: it runs only when the chain is at the version it starts from, sets
//! the new version when done, and checks itself under `try-runtime` (`pre_upgrade` notes
//! what must survive, `post_upgrade` checks it did). The runtime lists them in its
//! `Migrations`; docs/upgrades.md says how to write, check and enact one.
//!
//! - [`v1`]: from the unversioned layout (0) to version 1. Nothing moves: the layout was
//!   already version 1's; the chain now records it.
//! - [`v2`]: version 1's two session values become one [`crate::SessionTiming`]. Run by the
//!   `upgrade-rehearsal` build (the template of a migration that changes a layout).

pub mod v1;
pub mod v2;
