//! The runtime's own base weights, measured on the reference machine by
//! `openledger-node benchmark overhead` (see `scripts/bench-weights.sh`): what executing an
//! empty block and a no-op extrinsic costs. The pallets' weights live in each pallet's
//! `weights.rs`.

pub mod block_weights;
pub mod extrinsic_weights;

pub use block_weights::BlockExecutionWeight;
pub use extrinsic_weights::ExtrinsicBaseWeight;
