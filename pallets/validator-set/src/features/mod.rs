//! The pallet's logic, one topic per file, each named like its tests in `tests/`. Calls in
//! `lib.rs` check the origin and call the `do_*` functions here.

mod candidacy;
pub(crate) mod income;
mod offences;
mod validators;
