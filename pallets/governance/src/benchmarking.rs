//! Benchmarks: each call with what makes it most expensive (a call as large as a Council
//! motion may carry, stored as a preimage).

// Benchmarks run only in the benchmarking build; a failed set-up must abort the run loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;

/// The largest call `enact` is benchmarked with, in bytes.
const MAX_CALL_LEN: u32 = 1024 * 1024;

fn remark<T: Config>(len: u32) -> <T as Config>::RuntimeCall {
	frame_system::Call::<T>::remark { remark: vec![1; len as usize] }.into()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn enact(l: Linear<0, MAX_CALL_LEN>) -> Result<(), BenchmarkError> {
		let origin =
			T::EnactOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let call = remark::<T>(l);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));
		assert_eq!(EnactmentCount::<T>::get(), 1);
		Ok(())
	}

	#[benchmark]
	fn enact_now() -> Result<(), BenchmarkError> {
		let origin =
			T::FastTrackOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		// The call's own weight is added to this one: measure the bridge with a call that
		// does nothing.
		let call = remark::<T>(0);
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Box::new(call));
		Ok(())
	}

	#[benchmark]
	fn cancel() -> Result<(), BenchmarkError> {
		Pallet::<T>::do_enact(remark::<T>(MAX_CALL_LEN))?;
		let origin =
			T::CancelOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, 0);
		assert!(Enactments::<T>::get(0).is_none());
		Ok(())
	}

	#[benchmark]
	fn run(l: Linear<0, MAX_CALL_LEN>) -> Result<(), BenchmarkError> {
		// The call's own weight is added to this one: measure what running the enactment
		// costs around a call that does nothing but take `l` bytes (its preimage realised
		// and dropped).
		Pallet::<T>::do_enact(remark::<T>(l))?;
		let due = Enactments::<T>::get(0).map(|e| e.at).ok_or(BenchmarkError::Weightless)?;
		frame_system::Pallet::<T>::set_block_number(due);
		#[extrinsic_call]
		_(frame_system::RawOrigin::Root, 0, Weight::MAX);
		assert!(Enactments::<T>::get(0).is_none());
		Ok(())
	}

	#[benchmark]
	fn set_enactment_delay() {
		let blocks = EnactmentDelayFloor::<T>::get().max(T::MinEnactmentDelay::get());
		#[extrinsic_call]
		_(frame_system::RawOrigin::Root, blocks);
		assert_eq!(EnactmentDelay::<T>::get(), blocks);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
