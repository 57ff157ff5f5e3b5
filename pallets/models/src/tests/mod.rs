//! Tests of the models pallet, one file per topic, each named like its `features/` file. Every
//! test runs through [`crate::mock::test`], which checks the pallet's invariants at its end.

mod lineage;
mod registry;
mod runtime_api;

use crate::{
	mock::*, Derivatives, Error, Event, HoldReason, ModelOf, Models as ModelStore, NextModelId,
	Versions,
};
use frame_support::{assert_ok, traits::fungible::InspectHold};
use openledger_primitives::{Balance, ModelId, SplitPolicy};
use sp_runtime::Perbill;

fn split(percent: u32) -> SplitPolicy {
	SplitPolicy { model_share: Perbill::from_percent(percent) }
}

/// `who` registers a model on `base` with a 10% royalty; returns its id.
fn register(who: AccountId, base: Option<ModelId>) -> ModelId {
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(who),
		b"hf://model".to_vec(),
		b"Apache-2.0".to_vec(),
		base,
		Perbill::from_percent(10),
		1_000,
		split(30)
	));
	NextModelId::<Test>::get() - 1
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
