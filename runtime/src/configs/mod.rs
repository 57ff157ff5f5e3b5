//! Pallet configurations, one file per pallet family.

pub mod consensus;
pub mod governance;
pub mod monetary;
pub mod openledger;
pub mod system;
