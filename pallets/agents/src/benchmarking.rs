//! Benchmarks of every call, each in its worst case (the longest metadata), over the length
//! of the model list where a call takes one.

// Benchmarks run only in the benchmarking build; a failed set-up must abort the run loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use openledger_primitives::{AgentId, Balance, ModelId, SplitBounds};
use sp_runtime::{traits::Saturating, Perbill};

const FUNDS: Balance = u128::MAX / 1_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = T::Currency::set_balance(&who, FUNDS);
	who
}

fn max_metadata<T: Config>() -> MetadataOf<T> {
	BoundedVec::truncate_from(vec![b'm'; T::MaxMetadataLen::get() as usize])
}

/// `count` models for an agent to list (distinct ones, each existing).
fn models<T: Config>(count: u32) -> ModelsOf<T> {
	let owner = funded::<T>("model-owner", 0);
	let models: Vec<ModelId> =
		(0..count).map(|_| T::BenchmarkHelper::model(&owner).expect("a model")).collect();
	BoundedVec::truncate_from(models)
}

fn agent<T: Config>(operator: &T::AccountId) -> AgentId {
	Pallet::<T>::do_register_agent(
		operator.clone(),
		max_metadata::<T>(),
		models::<T>(T::MaxModelsPerAgent::get()),
		T::SplitBounds::max_operator_share(),
	)
	.expect("the operator is funded")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_agent(m: Linear<1, { T::MaxModelsPerAgent::get() }>) {
		let operator = funded::<T>("operator", 0);
		let models = models::<T>(m);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(operator),
			max_metadata::<T>(),
			models,
			T::SplitBounds::max_operator_share(),
		);
		assert!(Agents::<T>::contains_key(0));
	}

	#[benchmark]
	fn update_agent() {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id, max_metadata::<T>(), Perbill::zero());
	}

	#[benchmark]
	fn set_models(m: Linear<1, { T::MaxModelsPerAgent::get() }>) {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		let models = models::<T>(m);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id, models);
	}

	#[benchmark]
	fn pause() {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id);
	}

	#[benchmark]
	fn resume() {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		Pallet::<T>::do_pause(&operator, id).expect("active");
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id);
	}

	#[benchmark]
	fn unregister() {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id);
	}

	#[benchmark]
	fn withdraw_stake() {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		Pallet::<T>::do_unregister(&operator, id).expect("registered");
		let later =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(operator), id);
		assert!(!Agents::<T>::contains_key(id));
	}

	#[benchmark]
	fn slash_agent() -> Result<(), BenchmarkError> {
		let operator = funded::<T>("operator", 0);
		let id = agent::<T>(&operator);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, id, Perbill::from_percent(50));
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
