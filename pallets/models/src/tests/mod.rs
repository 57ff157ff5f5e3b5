//! Tests of the models pallet, one file per topic, each named like its `features/` file. Every
//! test runs through [`crate::mock::test`], which checks the pallet's invariants at its end.

mod lineage;
mod migrations;
mod registry;
mod runtime_api;

use crate::{
	mock::*, Derivatives, Error, Event, HoldReason, ModelOf, Models as ModelStore, NextModelId,
	Versions,
};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use openledger_primitives::{Balance, ModelId, SplitPolicy};
use sp_runtime::Perbill;

/// `items` as the bounded list a call takes (within its bound: a longer one cannot even be
/// decoded, see the runtime's tests/oversized.rs).
fn bounded<T, S: frame_support::traits::Get<u32>>(
	items: Vec<T>,
) -> frame_support::BoundedVec<T, S> {
	frame_support::BoundedVec::try_from(items).unwrap_or_else(|_| panic!("over the bound"))
}

/// Method `id` with the parameters hash `params` repeated (0: the zero hash).
fn method(id: &[u8], params: u8) -> openledger_primitives::Method {
	openledger_primitives::Method {
		id: bounded(id.to_vec()),
		params_hash: sp_core::H256::repeat_byte(params),
	}
}

/// Attribution methods, as `set_attribution_methods` takes them.
fn methods(list: Vec<openledger_primitives::Method>) -> crate::MethodsOf<Test> {
	bounded(list)
}

fn split(percent: u32) -> SplitPolicy {
	SplitPolicy { model_share: Perbill::from_percent(percent) }
}

/// `who` registers a model on `base` with a 10% royalty; returns its id.
fn register(who: AccountId, base: Option<ModelId>) -> ModelId {
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(who),
		bounded(b"hf://model".to_vec()),
		bounded(b"Apache-2.0".to_vec()),
		base,
		Perbill::from_percent(10),
		1_000,
		split(30)
	));
	NextModelId::<Test>::get() - 1
}

/// `who` publishes a version of `model` trained on nothing, with `artifact` as its hash and
/// deriving from `base_version` of its base.
fn publish(
	who: AccountId,
	model: ModelId,
	artifact: sp_core::H256,
	base_version: Option<openledger_primitives::ModelVersion>,
) -> frame_support::dispatch::DispatchResult {
	Models::publish_version(
		RuntimeOrigin::signed(who),
		model,
		artifact,
		bounded(vec![]),
		base_version,
	)
}

fn model(id: ModelId) -> ModelOf<Test> {
	ModelStore::<Test>::get(id).expect("the model exists")
}

fn deposit_held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ModelDeposit.into(), &who)
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
