//! The pallet's logic, one topic per file. Calls in `lib.rs` check the origin and call the
//! `do_*` functions here; other pallets reach the same functions through the traits in
//! `impls.rs`.

mod contributions;
mod datasets;
mod rewards;
mod transfers;
