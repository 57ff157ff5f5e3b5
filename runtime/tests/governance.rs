//! Governance in the real runtime, from the development preset (Council: Alice, Bob, Charlie;
//! Arbiters: Dave, Eve, Ferdie; decisions enacted 5 blocks later): the Council's motions
//! reach Root only through `pallet-governance`, after the delay or unanimously at once; the
//! old ways (a signed account, a motion calling a governed call itself, root on a chain
//! without sudo) are refused by name.

#![allow(clippy::expect_used, clippy::unwrap_used)]

mod common;
/// Validators' offences: GRANDPA equivocations proven and slashed (a module of this test
/// binary too).
#[path = "governance/offences.rs"]
mod offences;
/// The proxy types (a module of this test binary: one link fewer).
#[path = "governance/proxies.rs"]
mod proxies;

use codec::Encode;
use common::{chain_from_genesis, chain_from_preset};
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::{EnsureOrigin, Hooks},
};
use openledger_primitives::token::UNIT;
use openledger_runtime::{
	configs::governance::{ArbitersCollective, ArbitrationOrigin, CouncilCollective},
	genesis_config_presets::{
		dev_governance, endowed_dev_accounts, testnet_genesis, GenesisGovernance,
	},
	Attribution, Balances, Council, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Scheduler,
	Sudo, System, Treasury,
};
use pallet_attribution::SplitParams;
use sp_keyring::Sr25519Keyring::{self, *};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	DispatchError, DispatchResult, Perbill,
};

/// The development preset's enactment delay.
const DELAY: u32 = 5;

fn signed(who: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(who.to_account_id())
}

fn dev_chain(test: impl FnOnce()) {
	chain_from_preset("development").execute_with(|| {
		System::set_block_number(1);
		test();
	});
}

/// Runs blocks up to `n` as far as the scheduler is concerned.
fn run_to(n: u32) {
	common::run_blocks_to(n, |block| {
		Scheduler::on_initialize(block);
	});
}

/// A Council motion for `call` that exactly `ayes` vote for (the first proposes it: proposing
/// is not voting), closed as soon as it passes; what the motion's call returned.
fn council_motion(call: RuntimeCall, ayes: &[Sr25519Keyring]) -> DispatchResult {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = BlakeTwo256::hash_of(&call);
	let threshold = ayes.len() as u32;
	assert_ok!(Council::propose(signed(ayes[0]), threshold, Box::new(call), length));
	if threshold >= 2 {
		let index = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get() - 1;
		for who in ayes {
			assert_ok!(Council::vote(signed(*who), hash, index, true));
		}
		assert_ok!(Council::close(signed(ayes[0]), hash, index, weight, length));
	}
	System::events()
		.into_iter()
		.rev()
		.find_map(|r| match r.event {
			RuntimeEvent::Council(pallet_collective::Event::Executed { proposal_hash, result })
				if proposal_hash == hash =>
			{
				Some(result)
			},
			_ => None,
		})
		.expect("the motion was executed")
}

fn enact(call: impl Into<RuntimeCall>) -> RuntimeCall {
	pallet_governance::Call::<Runtime>::enact { call: Box::new(call.into()) }.into()
}

fn enact_now(call: impl Into<RuntimeCall>) -> RuntimeCall {
	pallet_governance::Call::<Runtime>::enact_now { call: Box::new(call.into()) }.into()
}

fn new_params() -> SplitParams {
	// 4% instead of 5%: the parts still sum to at most 100%.
	SplitParams { protocol_share: Perbill::from_percent(4), ..SplitParams::default() }
}

fn set_params() -> RuntimeCall {
	pallet_attribution::Call::<Runtime>::set_params { params: new_params() }.into()
}

#[test]
fn two_thirds_of_the_council_set_the_split_parameters_after_the_delay() {
	dev_chain(|| {
		let before = pallet_attribution::Params::<Runtime>::get();
		assert_ok!(council_motion(enact(set_params()), &[Alice, Bob]));
		run_to(1 + DELAY - 1);
		assert_eq!(pallet_attribution::Params::<Runtime>::get(), before, "not yet");
		run_to(1 + DELAY);
		assert_eq!(pallet_attribution::Params::<Runtime>::get(), new_params());
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Governance(pallet_governance::Event::Enacted {
				index: 0,
				result: Ok(()),
				..
			})
		)));
	});
}

#[test]
fn the_whole_council_upgrades_at_once_and_two_thirds_cannot() {
	dev_chain(|| {
		let code_hash = BlakeTwo256::hash(b"a new runtime");
		let authorize = frame_system::Call::<Runtime>::authorize_upgrade { code_hash };
		assert_eq!(
			council_motion(enact_now(authorize.clone()), &[Alice, Bob]),
			Err(DispatchError::BadOrigin)
		);
		let authorized = || {
			System::events().iter().any(|r| {
				r.event
					== RuntimeEvent::System(frame_system::Event::UpgradeAuthorized {
						code_hash,
						check_version: true,
					})
			})
		};
		assert!(!authorized());
		assert_ok!(council_motion(enact_now(authorize), &[Alice, Bob, Charlie]));
		assert!(authorized(), "at once, in the same block");
	});
}

#[test]
fn the_old_ways_are_refused_by_name() {
	dev_chain(|| {
		// A signed account is not governance.
		assert_noop!(
			Attribution::set_params(signed(Alice), new_params()),
			DispatchError::BadOrigin
		);
		assert_noop!(
			frame_system::Pallet::<Runtime>::authorize_upgrade(signed(Alice), Default::default()),
			DispatchError::BadOrigin
		);
		// The Council is not Root: a motion calling a governed call itself fails, even a
		// unanimous one; so does one below two thirds asking for an enactment.
		assert_eq!(
			council_motion(set_params(), &[Alice, Bob, Charlie]),
			Err(DispatchError::BadOrigin)
		);
		assert_eq!(council_motion(enact(set_params()), &[Alice]), Err(DispatchError::BadOrigin));
		// Not a member: cannot propose.
		assert_noop!(
			Council::propose(signed(Dave), 1, Box::new(enact(set_params())), 100),
			pallet_collective::Error::<Runtime, CouncilCollective>::NotMember
		);
		// A call the scheduler could never fit in a block: nine set_code weigh more than
		// 70% of a block.
		let set_code: RuntimeCall = frame_system::Call::<Runtime>::set_code { code: vec![] }.into();
		let heavy = pallet_utility::Call::<Runtime>::batch_all { calls: vec![set_code; 9] };
		assert_eq!(
			council_motion(enact(heavy), &[Alice, Bob]),
			Err(pallet_governance::Error::<Runtime>::CallTooHeavy.into())
		);
		assert_eq!(pallet_attribution::Params::<Runtime>::get(), SplitParams::default());
	});
}

#[test]
fn a_chain_without_sudo_refuses_root_by_name() {
	let governance = GenesisGovernance { sudo: None, ..dev_governance(DELAY) };
	let validator = (
		Alice.to_account_id(),
		Alice.public().into(),
		sp_keyring::Ed25519Keyring::Alice.public().into(),
	);
	let genesis = testnet_genesis(vec![validator], endowed_dev_accounts(), governance, 10, None);
	chain_from_genesis(genesis).execute_with(|| {
		System::set_block_number(1);
		assert_noop!(
			Sudo::sudo(signed(Alice), Box::new(set_params())),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
		// The Council still governs.
		assert_ok!(council_motion(enact(set_params()), &[Alice, Bob]));
		run_to(1 + DELAY);
		assert_eq!(pallet_attribution::Params::<Runtime>::get(), new_params());
	});
}

#[test]
fn disputes_are_for_a_majority_of_the_arbiters() {
	dev_chain(|| {
		type Arbiters = pallet_collective::RawOrigin<sp_runtime::AccountId32, ArbitersCollective>;
		type CouncilOf = pallet_collective::RawOrigin<sp_runtime::AccountId32, CouncilCollective>;
		let ok = |o: RuntimeOrigin| ArbitrationOrigin::ensure_origin(o).is_ok();
		assert!(ok(Arbiters::Members(2, 3).into()));
		assert!(!ok(Arbiters::Members(1, 3).into()), "a third is not a majority");
		assert!(!ok(CouncilOf::Members(3, 3).into()), "the Council is not the Arbiters");
		assert!(!ok(signed(Dave)), "one arbiter alone");
		assert!(ok(RuntimeOrigin::root()), "Root: the Council, after its delay");
		assert_noop!(
			Attribution::resolve_challenge(signed(Dave), 0, true),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_treasury_pays_what_the_council_spends() {
	dev_chain(|| {
		let treasury = Treasury::account_id();
		assert_eq!(treasury, openledger_runtime::configs::monetary::treasury_account());
		assert_ok!(Balances::force_set_balance(
			RuntimeOrigin::root(),
			treasury.clone().into(),
			1_000 * UNIT
		));
		let beneficiary = Sr25519Keyring::One.to_account_id();
		let spend = pallet_treasury::Call::<Runtime>::spend {
			asset_kind: Box::new(()),
			amount: 250 * UNIT,
			beneficiary: Box::new(beneficiary.clone().into()),
			valid_from: None,
		};
		assert_noop!(
			Treasury::spend(
				signed(Alice),
				Box::new(()),
				250 * UNIT,
				Box::new(beneficiary.clone().into()),
				None
			),
			DispatchError::BadOrigin
		);
		assert_ok!(council_motion(enact(spend), &[Bob, Charlie]));
		run_to(1 + DELAY);
		let before = Balances::free_balance(&beneficiary);
		assert_ok!(Treasury::payout(signed(Dave), 0));
		assert_eq!(Balances::free_balance(&beneficiary) - before, 250 * UNIT);
		assert_eq!(Balances::free_balance(&treasury), 750 * UNIT);
	});
}

/// A chain like `staging`: no sudo key, the development Council and Arbiters.
fn chain_without_sudo(test: impl FnOnce()) {
	let governance = GenesisGovernance { sudo: None, ..dev_governance(DELAY) };
	let validator = (
		Alice.to_account_id(),
		Alice.public().into(),
		sp_keyring::Ed25519Keyring::Alice.public().into(),
	);
	let genesis = testnet_genesis(vec![validator], endowed_dev_accounts(), governance, 10, None);
	chain_from_genesis(genesis).execute_with(|| {
		System::set_block_number(1);
		test();
	});
}

fn set_sudo_key(who: Sr25519Keyring) -> RuntimeCall {
	pallet_sudo::Call::<Runtime>::set_key { new: who.to_account_id().into() }.into()
}

#[test]
fn no_motion_gives_a_chain_without_sudo_a_sudo_key() {
	chain_without_sudo(|| {
		let refused = Err(pallet_governance::Error::<Runtime>::CallNotEnactable.into());
		// The whole Council, at once: refused.
		assert_eq!(council_motion(enact_now(set_sudo_key(Dave)), &[Alice, Bob, Charlie]), refused);
		// Two thirds, after the delay: refused when the motion closes.
		assert_eq!(council_motion(enact(set_sudo_key(Dave)), &[Alice, Bob]), refused);
		// Inside a batch, or nested deeper: refused.
		let batch = |calls: Vec<RuntimeCall>| -> RuntimeCall {
			pallet_utility::Call::<Runtime>::batch_all { calls }.into()
		};
		let nested = batch(vec![set_params(), batch(vec![set_sudo_key(Dave)])]);
		assert_eq!(council_motion(enact_now(nested), &[Alice, Bob, Charlie]), refused);
		// The same key written as storage: refused; and any key but the storage parameters'
		// (a scheduler task that would run as Root, the delay's floor, the runtime's code).
		let write = |key: Vec<u8>| -> RuntimeCall {
			frame_system::Call::<Runtime>::set_storage {
				items: vec![(key, Some(Dave.to_account_id()).encode())],
			}
			.into()
		};
		for key in [
			frame_support::storage::storage_prefix(b"Sudo", b"Key").to_vec(),
			frame_support::storage::storage_prefix(b"Scheduler", b"Agenda").to_vec(),
			frame_support::storage::storage_prefix(b"Governance", b"EnactmentDelayFloor").to_vec(),
			sp_core::storage::well_known_keys::CODE.to_vec(),
		] {
			assert_eq!(council_motion(enact_now(write(key)), &[Alice, Bob, Charlie]), refused);
		}
		let without_checks: RuntimeCall =
			frame_system::Call::<Runtime>::set_code_without_checks { code: vec![] }.into();
		assert_eq!(council_motion(enact_now(without_checks), &[Alice, Bob, Charlie]), refused);
		// Running another enactment ahead of its block: refused.
		let run: RuntimeCall = pallet_governance::Call::<Runtime>::run {
			index: 0,
			weight: frame_support::weights::Weight::zero(),
		}
		.into();
		assert_eq!(council_motion(enact_now(run), &[Alice, Bob, Charlie]), refused);
		// The storage parameters may be written.
		let challenge_period = openledger_runtime::configs::openledger::ChallengePeriod::key();
		let set_period: RuntimeCall = frame_system::Call::<Runtime>::set_storage {
			items: vec![(challenge_period.to_vec(), 100u32.encode())],
		}
		.into();
		assert_ok!(council_motion(enact_now(set_period), &[Alice, Bob, Charlie]));
		assert_eq!(openledger_runtime::configs::openledger::ChallengePeriod::get(), 100);
		// Scheduling around the delay: refused.
		let schedule: RuntimeCall = pallet_scheduler::Call::<Runtime>::schedule {
			when: 100,
			maybe_periodic: None,
			priority: 0,
			call: Box::new(set_params()),
		}
		.into();
		assert_eq!(council_motion(enact_now(schedule), &[Alice, Bob, Charlie]), refused);
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_noop!(
			Sudo::sudo(signed(Dave), Box::new(set_params())),
			pallet_sudo::Error::<Runtime>::RequireSudo
		);
		// What the Council may do, it still does at once when unanimous, also in a batch.
		let other = pallet_attribution::Call::<Runtime>::set_params { params: new_params() };
		assert_ok!(council_motion(enact_now(batch(vec![other.into()])), &[Alice, Bob, Charlie]));
		assert_eq!(pallet_attribution::Params::<Runtime>::get(), new_params());
	});
}

#[test]
fn the_delay_never_goes_below_its_chains_floor() {
	chain_without_sudo(|| {
		assert_eq!(pallet_governance::EnactmentDelayFloor::<Runtime>::get(), DELAY);
		let set_delay = |blocks| -> RuntimeCall {
			pallet_governance::Call::<Runtime>::set_enactment_delay { blocks }.into()
		};
		// Every member, at once: still not below the floor.
		assert_ok!(council_motion(enact_now(set_delay(1)), &[Alice, Bob, Charlie]));
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Governance(pallet_governance::Event::EnactedNow { result: Err(e), .. })
				if *e == pallet_governance::Error::<Runtime>::DelayTooShort.into()
		)));
		assert_eq!(pallet_governance::EnactmentDelay::<Runtime>::get(), DELAY);
	});
}

#[test]
fn abstentions_count_as_no_whoever_the_prime_is() {
	dev_chain(|| {
		// Alice is the prime; she alone votes aye on a motion that needs the whole Council.
		assert_ok!(pallet_membership::Pallet::<Runtime, pallet_membership::Instance1>::set_prime(
			RuntimeOrigin::root(),
			Alice.to_account_id().into()
		));
		let call = enact_now(set_params());
		let (length, weight) = (call.encoded_size() as u32, call.get_dispatch_info().call_weight);
		let hash = BlakeTwo256::hash_of(&call);
		assert_ok!(Council::propose(signed(Alice), 3, Box::new(call), length));
		let index = pallet_collective::ProposalCount::<Runtime, CouncilCollective>::get() - 1;
		assert_ok!(Council::vote(signed(Alice), hash, index, true));
		// The motion's duration passes in silence; anyone closes it.
		System::set_block_number(
			1 + openledger_runtime::configs::governance::MotionDuration::get(),
		);
		assert_ok!(Council::close(signed(Dave), hash, index, weight, length));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Closed { yes: 1, no: 2, .. })
		)));
		assert!(System::events().iter().any(|r| matches!(
			r.event,
			RuntimeEvent::Council(pallet_collective::Event::Disapproved { .. })
		)));
		assert_ne!(pallet_attribution::Params::<Runtime>::get(), new_params(), "nothing ran");
	});
}

#[test]
fn the_treasury_is_never_reaped_by_a_spend() {
	dev_chain(|| {
		let treasury = Treasury::account_id();
		let ed = openledger_runtime::EXISTENTIAL_DEPOSIT;
		assert_ok!(Balances::force_set_balance(
			RuntimeOrigin::root(),
			treasury.clone().into(),
			100 * UNIT + ed
		));
		let beneficiary = Sr25519Keyring::One.to_account_id();
		// A spend of everything the treasury holds, its existential deposit included.
		let spend = |amount| pallet_treasury::Call::<Runtime>::spend {
			asset_kind: Box::new(()),
			amount,
			beneficiary: Box::new(beneficiary.clone().into()),
			valid_from: None,
		};
		assert_ok!(council_motion(enact_now(spend(100 * UNIT + ed)), &[Alice, Bob, Charlie]));
		assert!(Treasury::payout(signed(Dave), 0).is_err(), "it would reap the treasury");
		assert_eq!(Balances::free_balance(&treasury), 100 * UNIT + ed);
		// Everything above the existential deposit is paid.
		assert_ok!(council_motion(enact_now(spend(100 * UNIT)), &[Alice, Bob, Charlie]));
		assert_ok!(Treasury::payout(signed(Dave), 1));
		assert_eq!(Balances::free_balance(&treasury), ed);
		// And the smallest amount can still be paid into it.
		assert_ok!(Balances::transfer_keep_alive(signed(Bob), treasury.clone().into(), 1));
	});
}

#[test]
fn a_council_shrunk_to_one_member_cannot_act_at_once() {
	dev_chain(|| {
		// Two thirds reset the Council to Alice alone (after the delay, in the open)…
		let reset: RuntimeCall =
			pallet_membership::Call::<Runtime, pallet_membership::Instance1>::reset_members {
				members: vec![Alice.to_account_id()],
			}
			.into();
		assert_ok!(council_motion(enact(reset), &[Alice, Bob]));
		run_to(1 + DELAY);
		assert_eq!(
			pallet_collective::Members::<Runtime, CouncilCollective>::get(),
			vec![Alice.to_account_id()]
		);
		// …who is then the whole Council, but not enough to act at once on her own.
		assert_eq!(
			council_motion(enact_now(set_params()), &[Alice]),
			Err(DispatchError::BadOrigin)
		);
		// The delayed route stays open, in the open.
		assert_ok!(council_motion(enact(set_params()), &[Alice]));
	});
}
