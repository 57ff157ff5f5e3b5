//! Storage migrations of this pallet, one module per storage version they move to.
//!
//! When the pallet's layout changes, bump `STORAGE_VERSION` in `lib.rs`, add a `vN` module
//! here with a `VersionedMigration` (old items through `storage_alias`,
//! `pre_upgrade`/`post_upgrade` checks), list it in the runtime's `Migrations`, and rehearse
//! it as docs/upgrades.md says.

pub mod v1;
pub mod v2;
