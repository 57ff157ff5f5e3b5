//! Storage migrations of this pallet, one module per storage version they move to. Each is a
//! `VersionedMigration` (the validator-set pallet's `migrations::v2` is the template), listed
//! in the runtime's `Migrations`.
//!
//! - [`v1`]: the enactment delay gets a floor on chains that existed before it had one (the
//!   delay the chain has at the upgrade).

pub mod v1;
