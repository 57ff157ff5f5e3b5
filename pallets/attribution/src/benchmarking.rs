//! Benchmarks of every call, each in its worst case. `record_inference` is measured over its
//! three parameters: scored datasets, lineage depth and training sets.

// Benchmarks run only in the benchmarking build; a failed set-up must abort the run loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, Get};
use frame_support::{traits::EnsureOrigin, weights::Weight};
use frame_system::RawOrigin;
use openledger_primitives::{
	AgentBenchmarkHelper, Balance, DatasetBenchmarkHelper, DatasetId, ModelBenchmarkHelper, ModelId,
};
use sp_core::H256;
use sp_runtime::{traits::Saturating, Perbill};

const FUNDS: Balance = u128::MAX / 1_000_000;

/// The method the benchmarks record with: the last of the most methods a model may name.
const METHOD: &[u8] = b"span-match/1";

fn method() -> Method {
	Method { id: METHOD.to_vec().try_into().expect("a short id"), params_hash: H256::zero() }
}

type HelperDatasets<T> = <<T as Config>::BenchmarkHelper as BenchmarkHelper<T>>::Datasets;
type HelperModels<T> = <<T as Config>::BenchmarkHelper as BenchmarkHelper<T>>::Models;
type HelperAgents<T> = <<T as Config>::BenchmarkHelper as BenchmarkHelper<T>>::Agents;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = T::Currency::set_balance(&who, FUNDS);
	who
}

fn bonded_attestor<T: Config>() -> T::AccountId {
	let attestor = funded::<T>("attestor", 0);
	Pallet::<T>::do_bond_attestor(attestor.clone(), T::MinAttestorBond::get()).expect("funded");
	attestor
}

/// `count` datasets, each with a shareholder and a published version.
fn datasets<T: Config>(count: u32) -> Vec<DatasetId> {
	let curator = funded::<T>("curator", 0);
	(0..count)
		.map(|_| HelperDatasets::<T>::dataset_with_version(&curator).expect("a dataset").0)
		.collect()
}

struct Setup<T: Config> {
	attestor: T::AccountId,
	model: ModelId,
	agent: openledger_primitives::AgentId,
	scores: ScoresOf<T>,
}

fn setup<T: Config>(s: u32, l: u32, t: u32) -> Setup<T> {
	let attestor = bonded_attestor::<T>();
	let training: Vec<_> = datasets::<T>(t)
		.into_iter()
		.map(|dataset| (dataset, 1, Perbill::from_rational(1, t.max(1))))
		.collect();
	let owner = funded::<T>("owner", 0);
	let (model, _version) =
		HelperModels::<T>::model_with_lineage(&owner, &attestor, l, training, &method())
			.expect("a model with its lineage");
	let operator = funded::<T>("operator", 0);
	let agent = HelperAgents::<T>::agent_for(&operator, model).expect("an agent");
	let scores: Vec<_> = datasets::<T>(s)
		.into_iter()
		.map(|dataset| (dataset, Perbill::from_rational(1, s.max(1))))
		.collect();
	Setup { attestor, model, agent, scores: scores.try_into().expect("within the bound") }
}

fn record<T: Config>(setup: &Setup<T>, nonce: u8) -> RecordId {
	Pallet::<T>::do_record_inference(
		setup.attestor.clone(),
		RecordTerms {
			model: setup.model,
			model_version: 1,
			agent: Some(setup.agent),
			fee: 1_000_000_000_000,
			inference_hash: H256::repeat_byte(nonce),
			method: method(),
			evidence_hash: H256::zero(),
			scores: setup.scores.clone(),
			max_operator_share: Perbill::one(),
		},
	)
	.expect("a valid record")
	.0
}

/// The largest record there can be: every scored dataset, the longest lineage, every
/// training set.
fn largest_setup<T: Config>() -> Setup<T> {
	setup::<T>(
		T::MaxScoredDatasets::get(),
		T::MaxLineageDepth::get(),
		T::MaxDatasetPayouts::get() - T::MaxScoredDatasets::get(),
	)
}

/// Moves to the first block after `record`'s challenge period.
fn past_challenge_period<T: Config>(record: RecordId) {
	let deadline = Records::<T>::get(record).map(|r| Pallet::<T>::challenge_deadline(&r));
	frame_system::Pallet::<T>::set_block_number(
		deadline.expect("a record in state").saturating_add(1u32.into()),
	);
}

/// A challenge of `record`, resolved after its period, which the sweep has passed: the record
/// leaves state when the challenge is resolved (the costliest resolution).
fn challenged_after_sweep<T: Config>(record: RecordId) {
	let challenger = funded::<T>("challenger", 0);
	Pallet::<T>::do_challenge(challenger, record, T::MinChallengeBond::get()).expect("in time");
	past_challenge_period::<T>(record);
	PruneCursor::<T>::put(record.saturating_add(1));
}

/// Makes `attestor` (funded) the attestor of `record`, moving the record's deposit to it, as
/// if it had recorded it.
fn move_to_attestor<T: Config>(record: RecordId, attestor: T::AccountId) {
	let mut stored = Records::<T>::get(record).expect("a record in state");
	let bytes = Pallet::<T>::record_bytes(&stored);
	Pallet::<T>::release_record_deposit(record, &stored.attestor, bytes);
	Pallet::<T>::hold_record_deposit(&attestor, bytes).expect("funded");
	stored.attestor = attestor;
	Records::<T>::insert(record, stored);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn bond_attestor() {
		let attestor = funded::<T>("attestor", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(attestor.clone()), T::MinAttestorBond::get());
		assert!(Attestors::<T>::contains_key(attestor));
	}

	#[benchmark]
	fn unbond_attestor() {
		let attestor = bonded_attestor::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(attestor));
	}

	#[benchmark]
	fn withdraw_attestor_bond() {
		let attestor = bonded_attestor::<T>();
		Pallet::<T>::do_unbond_attestor(attestor.clone()).expect("bonded");
		let later =
			frame_system::Pallet::<T>::block_number().saturating_add(T::UnbondingPeriod::get());
		frame_system::Pallet::<T>::set_block_number(later);
		#[extrinsic_call]
		_(RawOrigin::Signed(attestor.clone()));
		assert!(!Attestors::<T>::contains_key(attestor));
	}

	// Through an agent, every dataset with shareholders: the costliest record.
	#[benchmark]
	fn record_inference(
		s: Linear<0, { T::MaxScoredDatasets::get() }>,
		l: Linear<0, { T::MaxLineageDepth::get() }>,
		t: Linear<0, { T::MaxDatasetPayouts::get() - T::MaxScoredDatasets::get() }>,
	) {
		let setup = setup::<T>(s, l, t);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(setup.attestor.clone()),
			setup.model,
			1,
			Some(setup.agent),
			1_000_000_000_000,
			H256::repeat_byte(1),
			method(),
			H256::zero(),
			setup.scores.clone(),
			Perbill::one(),
		);
		assert_eq!(NextRecordId::<T>::get(), 1);
	}

	#[benchmark]
	fn challenge() {
		let setup = setup::<T>(1, 0, 0);
		let id = record::<T>(&setup, 1);
		let challenger = funded::<T>("challenger", 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(challenger), id, T::MinChallengeBond::get());
	}

	#[benchmark]
	fn resolve_upheld() -> Result<(), BenchmarkError> {
		let setup = largest_setup::<T>();
		let id = record::<T>(&setup, 1);
		challenged_after_sweep::<T>(id);
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		resolve_challenge(origin as T::RuntimeOrigin, id, true);
		assert!(!Records::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn resolve_rejected() -> Result<(), BenchmarkError> {
		let setup = largest_setup::<T>();
		let id = record::<T>(&setup, 1);
		challenged_after_sweep::<T>(id);
		let origin = T::ArbitrationOrigin::try_successful_origin()
			.map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		resolve_challenge(origin as T::RuntimeOrigin, id, false);
		assert!(!Records::<T>::contains_key(id));
		Ok(())
	}

	#[benchmark]
	fn set_params() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, SplitParams::default());
		Ok(())
	}

	// `n` of the largest records leave state, each of a different attestor (so each releases
	// a deposit of its own, the costliest case), and the sweep stops at one still open to
	// challenge.
	#[benchmark]
	fn prune_records(n: Linear<0, 50>) {
		let setup = largest_setup::<T>();
		for nonce in 0..n {
			let id = record::<T>(&setup, nonce as u8);
			move_to_attestor::<T>(id, funded::<T>("pruned attestor", nonce));
		}
		let after = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::ChallengePeriod::get())
			.saturating_add(1u32.into());
		frame_system::Pallet::<T>::set_block_number(after);
		let open = record::<T>(&setup, 255);
		#[block]
		{
			Pallet::<T>::sweep(after, Weight::MAX);
		}
		assert_eq!(PruneCursor::<T>::get(), open);
		assert!(Records::<T>::contains_key(open));
		for nonce in 0..n {
			let attestor = account::<T::AccountId>("pruned attestor", nonce, 0);
			assert!(!RecordDeposits::<T>::contains_key(attestor));
		}
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
