//! The pallet's logic, one topic per file, each named like its tests in `tests/`. Calls in
//! `lib.rs` check the origin and call the `do_*` functions here.

mod bonds;
mod deposits;
mod disputes;
mod pruning;
mod recording;
