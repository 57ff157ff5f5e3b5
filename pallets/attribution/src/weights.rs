//! Weights for pallet_attribution.
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

/// Weight functions needed for pallet_attribution.
pub trait WeightInfo {
	fn bond_attestor() -> Weight;
	fn unbond_attestor() -> Weight;
	fn withdraw_attestor_bond() -> Weight;
	fn record_inference(s: u32, l: u32, t: u32) -> Weight;
	fn challenge() -> Weight;
	fn resolve_upheld() -> Weight;
	fn resolve_rejected() -> Weight;
	fn set_params() -> Weight;
}

/// Weights for pallet_attribution using the Substrate node and recommended hardware.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn bond_attestor() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn unbond_attestor() -> Weight {
		Weight::from_parts(30_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(1, 1))
	}
	fn withdraw_attestor_bond() -> Weight {
		Weight::from_parts(50_000_000, 4000).saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn record_inference(s: u32, l: u32, t: u32) -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(Weight::from_parts(60_000_000, 4000).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(60_000_000, 4000).saturating_mul(t.into()))
			.saturating_add(T::DbWeight::get().reads_writes(12, 8))
			.saturating_add(
				T::DbWeight::get().reads_writes(3, 2).saturating_mul((s + l + t).into()),
			)
	}
	fn challenge() -> Weight {
		Weight::from_parts(50_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(3, 3))
	}
	fn resolve_upheld() -> Weight {
		Weight::from_parts(80_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(5, 5))
	}
	fn resolve_rejected() -> Weight {
		Weight::from_parts(60_000_000, 8000).saturating_add(T::DbWeight::get().reads_writes(4, 4))
	}
	fn set_params() -> Weight {
		Weight::from_parts(10_000_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
}

impl WeightInfo for () {
	fn bond_attestor() -> Weight {
		Weight::from_parts(50_000_000, 4000)
	}
	fn unbond_attestor() -> Weight {
		Weight::from_parts(30_000_000, 4000)
	}
	fn withdraw_attestor_bond() -> Weight {
		Weight::from_parts(50_000_000, 4000)
	}
	fn record_inference(s: u32, l: u32, t: u32) -> Weight {
		Weight::from_parts(200_000_000, 20000)
			.saturating_add(Weight::from_parts(60_000_000, 4000).saturating_mul(s.into()))
			.saturating_add(Weight::from_parts(40_000_000, 4000).saturating_mul(l.into()))
			.saturating_add(Weight::from_parts(60_000_000, 4000).saturating_mul(t.into()))
	}
	fn challenge() -> Weight {
		Weight::from_parts(50_000_000, 8000)
	}
	fn resolve_upheld() -> Weight {
		Weight::from_parts(80_000_000, 8000)
	}
	fn resolve_rejected() -> Weight {
		Weight::from_parts(60_000_000, 8000)
	}
	fn set_params() -> Weight {
		Weight::from_parts(10_000_000, 0)
	}
}
