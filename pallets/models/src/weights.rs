//! Weights for pallet_models.
//!
//! PLACEHOLDER: replaced by the output of `scripts/bench-weights.sh` (frame-omni-bencher).

#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// Weight functions needed for pallet_models.
pub trait WeightInfo {
	fn register_model() -> Weight;
	fn publish_version(t: u32) -> Weight;
	fn set_attestors() -> Weight;
	fn set_price() -> Weight;
	fn set_split_policy() -> Weight;
	fn update_metadata() -> Weight;
	fn transfer_ownership() -> Weight;
	fn accept_ownership() -> Weight;
	fn deprecate() -> Weight;
}

/// Weights for pallet_models using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_model() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(3, 4))
	}
	fn publish_version(t: u32) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(10_000_000, 3000).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads_writes(1, 2))
			.saturating_add(T::DbWeight::get().reads(t.into()))
	}
	fn set_attestors() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_price() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_split_policy() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn transfer_ownership() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn accept_ownership() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn deprecate() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
}

impl WeightInfo for () {
	fn register_model() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
	fn publish_version(t: u32) -> Weight {
		Weight::from_parts(30_000_000, 4000)
			.saturating_add(Weight::from_parts(10_000_000, 3000).saturating_mul(t.into()))
	}
	fn set_attestors() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn set_price() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn set_split_policy() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn transfer_ownership() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn accept_ownership() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
	fn deprecate() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
}
