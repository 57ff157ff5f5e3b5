//! Weights for `pallet_governance`: NOT YET MEASURED. `scripts/bench-weights.sh` replaces this
//! file with the weights its benchmarks measure; until then every call is priced as a tenth
//! of a block's compute, far above what it costs.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::ParityDbWeight}};
use core::marker::PhantomData;

/// The weight of each call of `pallet_governance`.
pub trait WeightInfo {
	fn enact(l: u32, ) -> Weight;
	fn enact_now() -> Weight;
	fn cancel() -> Weight;
	fn set_enactment_delay() -> Weight;
	fn run(l: u32, ) -> Weight;
}

const UNMEASURED: Weight = Weight::from_parts(200_000_000_000, 100_000);

/// Measured weights, with the runtime's database costs.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn enact(_l: u32, ) -> Weight { UNMEASURED }
	fn enact_now() -> Weight { UNMEASURED }
	fn cancel() -> Weight { UNMEASURED }
	fn set_enactment_delay() -> Weight { UNMEASURED }
	fn run(_l: u32, ) -> Weight { UNMEASURED }
}

impl WeightInfo for () {
	fn enact(_l: u32, ) -> Weight { UNMEASURED }
	fn enact_now() -> Weight { UNMEASURED }
	fn cancel() -> Weight { UNMEASURED }
	fn set_enactment_delay() -> Weight { UNMEASURED }
	fn run(_l: u32, ) -> Weight { UNMEASURED }
}
