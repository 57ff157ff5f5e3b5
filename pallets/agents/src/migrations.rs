//! Storage migrations of this pallet, one module per storage version they move to.
//!
//! None yet: the pallet is at storage version 0, the layout it was launched with. When its
//! layout changes, bump `STORAGE_VERSION` in `lib.rs`, add a `vN` module here with a
//! `VersionedMigration` (the validator-set pallet's `migrations::v2` is the template: old
//! items through `storage_alias`, `pre_upgrade`/`post_upgrade` checks), list it in the
//! runtime's `Migrations`, and rehearse it as docs/upgrades.md says.
