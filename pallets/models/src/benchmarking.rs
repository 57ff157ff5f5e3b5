//! Benchmarks of every call, each in its worst case.

// Benchmarks run only in the benchmarking build; a failed set-up must abort the run loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use openledger_primitives::{
	Balance, DatasetBenchmarkHelper, ModelId, SplitBounds, SplitPolicy, TrainingSet,
};
use sp_core::H256;
use sp_runtime::Perbill;

const FUNDS: Balance = u128::MAX / 1_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = T::Currency::set_balance(&who, FUNDS);
	who
}

fn max_metadata<T: Config>() -> MetadataOf<T> {
	BoundedVec::truncate_from(vec![b'm'; T::MaxMetadataLen::get() as usize])
}

fn max_license<T: Config>() -> LicenseOf<T> {
	BoundedVec::truncate_from(vec![b'l'; T::MaxLicenseLen::get() as usize])
}

fn max_split<T: Config>() -> SplitPolicy {
	SplitPolicy { model_share: T::SplitBounds::max_model_share() }
}

/// A chain of `depth + 1` models owned by `owner`; returns the last.
fn lineage<T: Config>(owner: &T::AccountId, depth: u32) -> ModelId {
	let mut base = None;
	let mut model = 0;
	for _ in 0..=depth {
		model = Pallet::<T>::do_register_model(
			owner.clone(),
			max_metadata::<T>(),
			max_license::<T>(),
			base,
			Perbill::from_percent(10),
			1,
			max_split::<T>(),
		)
		.expect("the owner is funded");
		base = Some(model);
	}
	model
}

/// `count` published dataset versions to train on, with equal weights.
fn training<T: Config>(count: u32) -> TrainingOf<T> {
	let curator = funded::<T>("curator", 0);
	let sets: Vec<TrainingSet> = (0..count)
		.map(|_| {
			let (dataset, version) =
				T::BenchmarkHelper::dataset_with_version(&curator).expect("a dataset version");
			(dataset, version, Perbill::from_rational(1, count.max(1)))
		})
		.collect();
	BoundedVec::truncate_from(sets)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	// Derived from a model at the deepest allowed level but one.
	#[benchmark]
	fn register_model() {
		let owner = funded::<T>("owner", 0);
		let base = lineage::<T>(&owner, T::MaxLineageDepth::get() - 1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			max_metadata::<T>(),
			max_license::<T>(),
			Some(base),
			Perbill::from_percent(5),
			1,
			max_split::<T>(),
		);
		assert_eq!(Models::<T>::get(base + 1).map(|m| m.depth), Some(T::MaxLineageDepth::get()));
	}

	// A derived model whose base has a version: the new version names it (one more read).
	#[benchmark]
	fn publish_version(t: Linear<0, { T::MaxTrainingSets::get() }>) {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 1);
		let base = Models::<T>::get(model).and_then(|m| m.base_model).expect("a derived model");
		Pallet::<T>::do_publish_version(&owner, base, H256::repeat_byte(2), training::<T>(0), None)
			.expect("owner publishes");
		let training = training::<T>(t);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, H256::repeat_byte(1), training, Some(1));
		assert_eq!(Versions::<T>::get(model, 1).and_then(|v| v.base_version), Some(1));
	}

	#[benchmark]
	fn set_attestors(a: Linear<0, { T::MaxAttestors::get() }>) {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		let attestors: Vec<T::AccountId> = (0..a).map(|i| account("attestor", i, 0)).collect();
		let attestors = AttestorsOf::<T>::truncate_from(attestors);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, attestors);
	}

	#[benchmark]
	fn set_price() {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, 42);
	}

	#[benchmark]
	fn set_split_policy() {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, max_split::<T>());
	}

	#[benchmark]
	fn update_metadata() {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, max_metadata::<T>(), max_license::<T>());
	}

	#[benchmark]
	fn transfer_ownership() {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		let next: T::AccountId = account("next", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, Some(next));
	}

	#[benchmark]
	fn accept_ownership() {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		// With a version, so that its storage deposit moves too (the costlier case).
		Pallet::<T>::do_publish_version(
			&owner,
			model,
			H256::repeat_byte(1),
			training::<T>(0),
			None,
		)
		.expect("owner publishes");
		let next = funded::<T>("next", 0);
		Pallet::<T>::do_transfer_ownership(&owner, model, Some(next.clone()))
			.expect("owner offers");
		#[extrinsic_call]
		_(RawOrigin::Signed(next.clone()), model, Balance::MAX);
		assert_eq!(Models::<T>::get(model).map(|m| m.owner), Some(next));
	}

	#[benchmark]
	fn deprecate() {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model);
	}

	// `m` methods of the longest id, the same for all, with different parameters: the
	// costliest to compare.
	#[benchmark]
	fn set_attribution_methods(m: Linear<0, { T::MaxAttributionMethods::get() }>) {
		let owner = funded::<T>("owner", 0);
		let model = lineage::<T>(&owner, 0);
		let id = vec![b'm'; openledger_primitives::MAX_METHOD_ID_LEN as usize];
		let methods: Vec<openledger_primitives::Method> = (0..m)
			.map(|i| openledger_primitives::Method {
				id: BoundedVec::truncate_from(id.clone()),
				params_hash: H256::repeat_byte(i as u8),
			})
			.collect();
		let methods = MethodsOf::<T>::truncate_from(methods);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), model, methods);
		assert_eq!(AttributionMethods::<T>::get(model).len() as u32, m);
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
