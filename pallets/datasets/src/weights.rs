//! Weights for pallet_datasets.
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

/// Weight functions needed for pallet_datasets.
pub trait WeightInfo {
	fn create_dataset() -> Weight;
	fn set_curators() -> Weight;
	fn update_metadata() -> Weight;
	fn set_policy() -> Weight;
	fn set_allowed() -> Weight;
	fn transfer_ownership() -> Weight;
	fn accept_ownership() -> Weight;
	fn freeze() -> Weight;
	fn unfreeze() -> Weight;
	fn retire() -> Weight;
	fn submit_contribution() -> Weight;
	fn withdraw_contribution() -> Weight;
	fn accept_contribution() -> Weight;
	fn reject_contribution() -> Weight;
	fn publish_version() -> Weight;
	fn claim_rewards(n: u32) -> Weight;
	fn claim_all(n: u32) -> Weight;
	fn remove_contribution() -> Weight;
	fn reward_dataset() -> Weight;
}

/// Weights for pallet_datasets using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn create_dataset() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 3))
	}
	fn set_curators() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_policy() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn set_allowed() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn transfer_ownership() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn accept_ownership() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn freeze() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn unfreeze() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn retire() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn submit_contribution() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(5, 7))
	}
	fn withdraw_contribution() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 6))
	}
	fn accept_contribution() -> Weight {
		Weight::from_parts(60_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn reject_contribution() -> Weight {
		Weight::from_parts(70_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn publish_version() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn claim_rewards(n: u32) -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(n.into()))
	}
	fn claim_all(n: u32) -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(n.into()))
			.saturating_add(T::DbWeight::get().reads_writes(2, 2).saturating_mul(n.into()))
	}
	fn remove_contribution() -> Weight {
		Weight::from_parts(70_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn reward_dataset() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
}

impl WeightInfo for () {
	fn create_dataset() -> Weight {
		Weight::from_parts(50_000_000, 4000)
	}
	fn set_curators() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn update_metadata() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn set_policy() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn set_allowed() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn transfer_ownership() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn accept_ownership() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
	fn freeze() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn unfreeze() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn retire() -> Weight {
		Weight::from_parts(50_000_000, 4000)
	}
	fn submit_contribution() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
	fn withdraw_contribution() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
	fn accept_contribution() -> Weight {
		Weight::from_parts(60_000_000, 4000)
	}
	fn reject_contribution() -> Weight {
		Weight::from_parts(70_000_000, 4000)
	}
	fn publish_version() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn claim_rewards(n: u32) -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(n.into()))
	}
	fn claim_all(n: u32) -> Weight {
		Weight::from_parts(20_000_000, 4000)
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(n.into()))
	}
	fn remove_contribution() -> Weight {
		Weight::from_parts(70_000_000, 4000)
	}
	fn reward_dataset() -> Weight {
		Weight::from_parts(50_000_000, 4000)
	}
}
