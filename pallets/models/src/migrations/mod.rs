//! Storage migrations of this pallet, one module per storage version they move to. Each is a
//! `VersionedMigration`: it runs only when the chain is at the version it starts from, sets
//! the new version when done, and checks itself under `try-runtime` (`pre_upgrade` notes
//! what must survive, `post_upgrade` checks it did). The runtime lists them in its
//! `Migrations`; docs/upgrades.md says how to write, check and enact one.
//!
//! - [`v1`]: a model names each attribution method it allows with the hash of its
//!   parameters, and each model version pins the version of its base model it derives from.

pub mod v1;
