//! Tests of the attribution pallet, in a runtime with the real datasets, models and agents
//! pallets. Every test runs through [`crate::mock::test`], which checks all four pallets'
//! invariants at its end.

mod bonds;
mod deposits;
mod disputes;
mod properties;
mod pruning;
mod recording;
mod runtime_api;

use crate::{mock::*, Method, RecordId, ScoresOf};
use frame_support::{assert_ok, traits::fungible::Inspect};
use openledger_primitives::{AgentId, Balance, DatasetId, ModelId, SplitPolicy};
use sp_core::H256;
use sp_runtime::Perbill;

/// The world most tests start from.
pub struct World {
	/// Alice holds 1 share, Bob 3.
	pub d0: DatasetId,
	/// Bob holds 2 shares.
	pub d1: DatasetId,
	/// A dataset with no shareholders (it pays its owner) and no version.
	pub d2: DatasetId,
	/// The base model (royalty 10%).
	pub base: ModelId,
	/// The fine-tuned model (royalty 20%, model share 40%, price 100), version 1 trained on
	/// d0 v1 (60%) and d1 v1 (20%); the attestor may record for it.
	pub model: ModelId,
	/// An agent for the fine-tuned model, operator share 10%.
	pub agent: AgentId,
}

/// The origin that resolves challenges in the test runtime.
fn arbiter() -> RuntimeOrigin {
	RuntimeOrigin::signed(ARBITER)
}

fn p(percent: u32) -> Perbill {
	Perbill::from_percent(percent)
}

fn dataset_with(shares: &[(AccountId, u64)], first_content: u8) -> DatasetId {
	assert_ok!(Datasets::create_dataset(
		RuntimeOrigin::signed(CURATOR),
		bounded(vec![]),
		bounded(vec![]),
		pallet_datasets::Policy { min_bond: 0, open: true }
	));
	let dataset = pallet_datasets::NextDatasetId::<Test>::get() - 1;
	for (i, (who, count)) in shares.iter().enumerate() {
		assert_ok!(Datasets::submit_contribution(
			RuntimeOrigin::signed(*who),
			dataset,
			H256::repeat_byte(first_content + i as u8),
			bounded(vec![]),
			Balance::MAX
		));
		let contribution = pallet_datasets::NextContributionId::<Test>::get() - 1;
		assert_ok!(Datasets::review_contribution(
			RuntimeOrigin::signed(CURATOR),
			contribution,
			pallet_datasets::Verdict::Accept { shares: *count }
		));
	}
	if !shares.is_empty() {
		assert_ok!(Datasets::publish_version(RuntimeOrigin::signed(CURATOR), dataset));
	}
	dataset
}

fn register_model(owner: AccountId, base: Option<ModelId>, royalty: u32) -> ModelId {
	assert_ok!(Models::register_model(
		RuntimeOrigin::signed(owner),
		bounded(vec![]),
		bounded(vec![]),
		base,
		p(royalty),
		100,
		SplitPolicy { model_share: p(40) }
	));
	pallet_models::NextModelId::<Test>::get() - 1
}

/// Builds [`World`] and bonds the attestor.
pub fn world() -> World {
	let d0 = dataset_with(&[(ALICE, 1), (BOB, 3)], 1);
	let d1 = dataset_with(&[(BOB, 2)], 10);
	let d2 = dataset_with(&[], 20);
	let base = register_model(BASE_OWNER, None, 10);
	let model = register_model(MODEL_OWNER, Some(base), 20);
	assert_ok!(Models::publish_version(
		RuntimeOrigin::signed(MODEL_OWNER),
		model,
		H256::repeat_byte(7),
		bounded(vec![(d0, 1, p(60)), (d1, 1, p(20))]),
		None
	));
	assert_ok!(Models::set_attestors(
		RuntimeOrigin::signed(MODEL_OWNER),
		model,
		bounded(vec![ATTESTOR])
	));
	assert_ok!(Agents::register_agent(
		RuntimeOrigin::signed(OPERATOR),
		bounded(vec![]),
		bounded(vec![model]),
		p(10)
	));
	let agent = pallet_agents::NextAgentId::<Test>::get() - 1;
	assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), MIN_BOND));
	World { d0, d1, d2, base, model, agent }
}

/// `items` as the bounded list a call takes (within its bound: a longer one cannot even be
/// decoded, see the runtime's tests/oversized.rs).
fn bounded<T, S: frame_support::traits::Get<u32>>(
	items: Vec<T>,
) -> frame_support::BoundedVec<T, S> {
	frame_support::BoundedVec::try_from(items).unwrap_or_else(|_| panic!("over the bound"))
}

/// What a call that reports its weight also when it fails returned, without that weight: for
/// `assert_noop!` on its error (which compares errors without post-dispatch information).
fn without_weight(
	result: frame_support::dispatch::DispatchResultWithPostInfo,
) -> sp_runtime::DispatchResult {
	result.map(|_| ()).map_err(|e| e.error)
}

fn scores(list: &[(DatasetId, u32)]) -> ScoresOf<Test> {
	list.iter().map(|(d, s)| (*d, p(*s))).collect::<Vec<_>>().try_into().expect("few scores")
}

fn method() -> Method {
	Method {
		id: b"influence-functions/1".to_vec().try_into().expect("short"),
		params_hash: H256::zero(),
	}
}

/// The attestor records an inference of `world.model` v1; returns the record id.
fn record(
	world: &World,
	agent: Option<AgentId>,
	fee: Balance,
	list: &[(DatasetId, u32)],
	nonce: u8,
) -> RecordId {
	assert_ok!(Attribution::record_inference(
		RuntimeOrigin::signed(ATTESTOR),
		world.model,
		1,
		agent,
		fee,
		H256::repeat_byte(nonce),
		method(),
		H256::zero(),
		scores(list),
		Perbill::one()
	));
	crate::NextRecordId::<Test>::get() - 1
}

fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}

/// What `who` holds as its records' storage deposit.
fn record_deposit_held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	Balances::balance_on_hold(&crate::HoldReason::RecordDeposit.into(), &who)
}

/// The deposit the record `id` alone costs its attestor (as if it held no other).
fn one_record_deposit(id: RecordId) -> Balance {
	let record = crate::Records::<Test>::get(id).expect("in state");
	RECORD_BASE_DEPOSIT + RECORD_BYTE_DEPOSIT * Attribution::record_bytes(&record) as u128
}

fn total_issuance() -> Balance {
	<Balances as Inspect<AccountId>>::total_issuance()
}

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}
