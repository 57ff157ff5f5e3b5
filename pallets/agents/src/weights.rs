//! Weights for pallet_agents.
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

/// Weight functions needed for pallet_agents.
pub trait WeightInfo {
	fn register_agent() -> Weight;
	fn update_agent() -> Weight;
	fn set_models() -> Weight;
	fn pause() -> Weight;
	fn resume() -> Weight;
	fn unregister() -> Weight;
	fn withdraw_stake() -> Weight;
	fn slash_agent() -> Weight;
}

/// Weights for pallet_agents using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_agent() -> Weight {
		Weight::from_parts(80_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(18, 3))
	}
	fn update_agent() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_models() -> Weight {
		Weight::from_parts(60_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(17, 1))
	}
	fn pause() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn resume() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn unregister() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn withdraw_stake() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn slash_agent() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
}

impl WeightInfo for () {
	fn register_agent() -> Weight {
		Weight::from_parts(80_000_000, 8000)
	}
	fn update_agent() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn set_models() -> Weight {
		Weight::from_parts(60_000_000, 8000)
	}
	fn pause() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn resume() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn unregister() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn withdraw_stake() -> Weight {
		Weight::from_parts(50_000_000, 4000)
	}
	fn slash_agent() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
}
