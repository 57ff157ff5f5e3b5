//! Pallet configurations, one file per pallet family.

pub mod consensus;
pub mod monetary;
pub mod openledger;
pub mod system;
