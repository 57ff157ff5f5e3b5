//! Pallet configurations, one file per pallet family.

pub mod consensus;
pub mod governance;
pub mod key_ownership;
pub mod monetary;
pub mod openledger;
pub mod system;
