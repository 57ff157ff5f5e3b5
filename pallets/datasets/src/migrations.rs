//! Storage migrations of this pallet, one module per storage version they move to. Each is a
//! `VersionedMigration` (the validator-set pallet's `migrations::v2` is the template): it runs
//! only when the chain is at the version it starts from, sets the new version when done, and
//! checks itself under `try-runtime`. The runtime lists them in its `Migrations`;
//! docs/upgrades.md says how to write, check and enact one.
//!
//! - [`v1`]: contributions pay storage deposits. Each contribution gains a `deposit` (none for
//!   those already in state), and rejected contributions, and pending ones governance took
//!   down, leave state with their index entries.
//! - [`v2`]: allow-list entries pay storage deposits. Each entry, `()` before, becomes an
//!   `Allowance` with no deposit (none was paid for those already in state).

pub mod v1;
pub mod v2;
