//! The proxy types in the real runtime (development preset): each is an allow-list. For every
//! type, calls of its job pass its filter and calls that move or lock the account's funds (or
//! hand something over, or escape the filter) do not, also inside a batch; dispatched through
//! `proxy.proxy`, a refused call fails with `CallFiltered` and leaves the funds alone.

use crate::common::chain_from_preset;
use frame_support::{assert_ok, traits::InstanceFilter, BoundedVec};
use openledger_primitives::token::UNIT;
use openledger_runtime::{
	configs::governance::ProxyType, Balances, Proxy, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, System,
};
use sp_core::H256;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{DispatchError, DispatchResult, Perbill};

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn transfer() -> RuntimeCall {
	RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
		dest: Bob.to_account_id().into(),
		value: UNIT,
	})
}

fn create_dataset() -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::create_dataset {
		metadata: BoundedVec::truncate_from(b"d".to_vec()),
		license: BoundedVec::truncate_from(b"MIT".to_vec()),
		policy: pallet_datasets::Policy { min_bond: UNIT, open: true },
	})
}

fn submit(dataset: u64) -> RuntimeCall {
	submit_content(dataset, 7)
}

fn submit_content(dataset: u64, content: u8) -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::submit_contribution {
		dataset,
		content_hash: H256::repeat_byte(content),
		metadata: Default::default(),
		max_bond: 10 * UNIT,
	})
}

fn review(contribution: u64) -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::review_contribution {
		contribution,
		verdict: pallet_datasets::Verdict::Accept { shares: 1 },
	})
}

fn publish(dataset: u64) -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::publish_version { dataset })
}

fn remark() -> RuntimeCall {
	RuntimeCall::System(frame_system::Call::remark { remark: b"hot key".to_vec() })
}

fn claim_all() -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::claim_all { contributions: 10 })
}

fn transfer_dataset() -> RuntimeCall {
	RuntimeCall::Datasets(pallet_datasets::Call::transfer_ownership {
		dataset: 0,
		new_owner: Some(Bob.to_account_id()),
	})
}

fn record() -> RuntimeCall {
	RuntimeCall::Attribution(pallet_attribution::Call::record_inference {
		model: 0,
		model_version: 1,
		agent: None,
		fee: UNIT,
		inference_hash: H256::repeat_byte(1),
		method: Default::default(),
		evidence_hash: H256::repeat_byte(2),
		scores: Default::default(),
		max_operator_share: Perbill::zero(),
	})
}

fn bond_attestor() -> RuntimeCall {
	RuntimeCall::Attribution(pallet_attribution::Call::bond_attestor { amount: 1_000 * UNIT })
}

fn challenge() -> RuntimeCall {
	RuntimeCall::Attribution(pallet_attribution::Call::challenge { record: 0, bond: 10 * UNIT })
}

fn pause_agent() -> RuntimeCall {
	RuntimeCall::Agents(pallet_agents::Call::pause { agent: 0 })
}

fn council_vote() -> RuntimeCall {
	RuntimeCall::Council(pallet_collective::Call::vote {
		proposal: H256::zero(),
		index: 0,
		approve: true,
	})
}

fn set_keys() -> RuntimeCall {
	RuntimeCall::Session(pallet_session::Call::set_keys {
		keys: openledger_runtime::opaque::SessionKeys {
			aura: sp_consensus_aura::sr25519::AuthorityId::from(
				sp_core::sr25519::Public::from_raw([1; 32]),
			),
			grandpa: sp_consensus_grandpa::AuthorityId::from(sp_core::ed25519::Public::from_raw(
				[1; 32],
			)),
		},
		proof: Vec::new(),
	})
}

fn purge_keys() -> RuntimeCall {
	RuntimeCall::Session(pallet_session::Call::purge_keys {})
}

fn sudo(call: RuntimeCall) -> RuntimeCall {
	RuntimeCall::Sudo(pallet_sudo::Call::sudo { call: Box::new(call) })
}

fn batch_all(calls: Vec<RuntimeCall>) -> RuntimeCall {
	RuntimeCall::Utility(pallet_utility::Call::batch_all { calls })
}

/// Every type's verdict on each call: `(call, [Any, NonTransfer, Governance, Contributor,
/// Curator, Attestor, AgentOperator, Validator])`.
#[test]
fn each_type_allows_its_job_and_nothing_that_moves_locks_or_hands_over_funds() {
	use ProxyType::*;
	let types =
		[Any, NonTransfer, Governance, Contributor, Curator, Attestor, AgentOperator, Validator];
	let table: Vec<(&str, RuntimeCall, [bool; 8])> = vec![
		("transfer", transfer(), [true, false, false, false, false, false, false, false]),
		(
			"create a dataset (a deposit)",
			create_dataset(),
			[true, false, false, false, false, false, false, false],
		),
		("submit (a bond)", submit(0), [true, false, false, true, false, false, false, false]),
		("review", review(0), [true, true, false, false, true, false, false, false]),
		("publish a version", publish(0), [true, true, false, false, true, false, false, false]),
		(
			"claim to the account",
			claim_all(),
			[true, true, false, true, false, false, false, false],
		),
		(
			"hand a dataset over",
			transfer_dataset(),
			[true, false, false, false, false, false, false, false],
		),
		("record (pays a fee)", record(), [true, false, false, false, false, true, false, false]),
		(
			"bond as attestor",
			bond_attestor(),
			[true, false, false, false, false, false, false, false],
		),
		(
			"challenge (a bond)",
			challenge(),
			[true, false, false, false, false, false, false, false],
		),
		("pause an agent", pause_agent(), [true, true, false, false, false, false, true, false]),
		(
			"vote in the Council",
			council_vote(),
			[true, true, true, false, false, false, false, false],
		),
		(
			"sudo (escapes the filter)",
			sudo(council_vote()),
			[true, false, false, false, false, false, false, false],
		),
		(
			"set session keys (a key deposit)",
			set_keys(),
			[true, false, false, false, false, false, false, true],
		),
		("purge session keys", purge_keys(), [true, true, false, false, false, false, false, true]),
	];
	for (what, call, verdicts) in &table {
		for (ty, allowed) in types.iter().zip(verdicts) {
			assert_eq!(ty.filter(call), *allowed, "{ty:?} on {what}");
		}
	}
	// A batch passes every filter: its calls are each filtered when dispatched (below).
	for ty in types {
		assert!(ty.filter(&batch_all(vec![transfer()])), "{ty:?} on a batch");
	}
	// A type covers another only where its list holds the other's whole.
	assert!(NonTransfer.is_superset(&Governance));
	assert!(NonTransfer.is_superset(&Curator) && NonTransfer.is_superset(&AgentOperator));
	for other in [Any, Contributor, Attestor, Validator] {
		assert!(!NonTransfer.is_superset(&other), "NonTransfer over {other:?}");
	}
	for ty in types {
		assert!(Any.is_superset(&ty) && ty.is_superset(&ty));
	}
}

/// What `proxy.proxy` made of the call: the `ProxyExecuted` result.
fn through_proxy(
	delegate: Sr25519Keyring,
	real: Sr25519Keyring,
	call: RuntimeCall,
) -> DispatchResult {
	System::reset_events();
	assert_ok!(Proxy::proxy(signed(delegate), real.to_account_id().into(), None, Box::new(call)));
	System::events()
		.into_iter()
		.find_map(|record| match record.event {
			RuntimeEvent::Proxy(pallet_proxy::Event::ProxyExecuted { result }) => Some(result),
			_ => None,
		})
		.expect("the proxy call ran")
		.map(|_| ())
}

fn filtered() -> DispatchResult {
	Err(DispatchError::from(frame_system::Error::<Runtime>::CallFiltered))
}

fn new_dataset(owner: Sr25519Keyring) {
	assert_ok!(pallet_datasets::Pallet::<Runtime>::create_dataset(
		signed(owner),
		BoundedVec::truncate_from(b"d".to_vec()),
		BoundedVec::truncate_from(b"MIT".to_vec()),
		pallet_datasets::Policy { min_bond: UNIT, open: true },
	));
}

fn contribute(who: Sr25519Keyring, content: u8) {
	assert_ok!(pallet_datasets::Pallet::<Runtime>::submit_contribution(
		signed(who),
		0,
		H256::repeat_byte(content),
		Default::default(),
		10 * UNIT,
	));
}

/// Alice gives Dave a proxy of type `ty`.
fn delegate(ty: ProxyType) {
	assert_ok!(Proxy::add_proxy(signed(Alice), Dave.to_account_id().into(), ty, 0));
}

fn alice_funds() -> (u128, u128) {
	let alice = Alice.to_account_id();
	(Balances::free_balance(&alice), Balances::reserved_balance(&alice))
}

fn is_pending(contribution: u64) -> bool {
	matches!(
		pallet_datasets::Contributions::<Runtime>::get(contribution).map(|c| c.status),
		Some(pallet_datasets::ContributionStatus::Pending)
	)
}

#[test]
fn a_contributor_key_submits_and_claims_but_cannot_move_the_funds_even_in_a_batch() {
	chain_from_preset("development").execute_with(|| {
		System::set_block_number(1);
		new_dataset(Charlie);
		delegate(ProxyType::Contributor);

		// Its job, for Alice: the contribution is Alice's, its bond held on her account.
		assert_ok!(through_proxy(Dave, Alice, submit(0)));
		let contribution = pallet_datasets::Contributions::<Runtime>::get(0).unwrap();
		assert_eq!(contribution.contributor, Alice.to_account_id());
		// Claiming passes the filter (and finds nothing to claim yet).
		assert_ne!(through_proxy(Dave, Alice, claim_all()), filtered());

		// Not a transfer: alone, after its job in a batch (the batch is undone whole), or
		// through sudo. Alice's funds are untouched.
		let before = alice_funds();
		assert_eq!(through_proxy(Dave, Alice, transfer()), filtered());
		let batch = batch_all(vec![submit_content(0, 8), transfer()]);
		assert_eq!(through_proxy(Dave, Alice, batch), filtered());
		assert!(pallet_datasets::Contributions::<Runtime>::get(1).is_none(), "undone");
		assert_eq!(through_proxy(Dave, Alice, sudo(transfer())), filtered());
		assert_eq!(alice_funds(), before);
	});
}

#[test]
fn a_curator_key_reviews_and_publishes_but_cannot_create_or_hand_over() {
	chain_from_preset("development").execute_with(|| {
		System::set_block_number(1);
		new_dataset(Alice);
		contribute(Charlie, 9);
		delegate(ProxyType::Curator);

		assert_ok!(through_proxy(Dave, Alice, batch_all(vec![review(0), publish(0)])));
		assert_eq!(pallet_datasets::Datasets::<Runtime>::get(0).unwrap().version, 1);

		assert_eq!(through_proxy(Dave, Alice, create_dataset()), filtered());
		assert_eq!(through_proxy(Dave, Alice, transfer_dataset()), filtered());
		// A transfer after its job in a batch: the batch is refused whole.
		contribute(Charlie, 10);
		assert_eq!(through_proxy(Dave, Alice, batch_all(vec![review(1), transfer()])), filtered());
		assert!(is_pending(1), "the review was undone");
	});
}

#[test]
fn a_non_transfer_key_neither_moves_nor_locks_the_funds() {
	chain_from_preset("development").execute_with(|| {
		System::set_block_number(1);
		delegate(ProxyType::NonTransfer);
		let before = alice_funds();
		for (what, call) in [
			("transfer", transfer()),
			("create a dataset", create_dataset()),
			("bond as attestor", bond_attestor()),
			("record", record()),
			("sudo", sudo(council_vote())),
			("a batch with a transfer", batch_all(vec![remark(), transfer()])),
		] {
			assert_eq!(through_proxy(Dave, Alice, call), filtered(), "{what}");
		}
		assert_eq!(alice_funds(), before);
		// Its calls go through.
		assert_ok!(through_proxy(Dave, Alice, remark()));
		assert_ne!(through_proxy(Dave, Alice, claim_all()), filtered());
	});
}

#[test]
fn an_attestor_key_only_records() {
	chain_from_preset("development").execute_with(|| {
		System::set_block_number(1);
		delegate(ProxyType::Attestor);
		// Recording passes the filter (and fails on the chain's own rules: no model 0 here).
		assert_ne!(through_proxy(Dave, Alice, record()), filtered());
		let before = alice_funds();
		for call in
			[transfer(), bond_attestor(), challenge(), claim_all(), batch_all(vec![transfer()])]
		{
			assert_eq!(through_proxy(Dave, Alice, call), filtered());
		}
		assert_eq!(alice_funds(), before);
	});
}
