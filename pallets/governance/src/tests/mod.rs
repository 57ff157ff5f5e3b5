//! Tests of the governance bridge, through real Council motions where the motion is the
//! point. Every test runs through [`crate::mock::test`], which checks the pallet's
//! invariants at its end.

mod enactment;

use crate::{
	mock::*, EnactmentCount, EnactmentDelay, EnactmentDelayFloor, Enactments, Error, Event,
};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, dispatch::GetDispatchInfo, weights::Weight};
use sp_runtime::{
	traits::{BlakeTwo256, Hash},
	BuildStorage, DispatchError, DispatchResult,
};

type CouncilOrigin = pallet_collective::RawOrigin<AccountId, CouncilInstance>;

/// `m` of the Council's three members agreed.
fn council(m: u32) -> RuntimeOrigin {
	CouncilOrigin::Members(m, COUNCIL.len() as u32).into()
}

/// The events of this pallet, in order.
fn events() -> Vec<Event<Test>> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Governance(e) => Some(e),
			_ => None,
		})
		.collect()
}

/// What the scheduler reported when it dispatched tasks.
fn dispatched() -> Vec<(Option<[u8; 32]>, DispatchResult)> {
	System::events()
		.into_iter()
		.filter_map(|r| match r.event {
			RuntimeEvent::Scheduler(pallet_scheduler::Event::Dispatched { id, result, .. }) => {
				Some((id, result))
			},
			_ => None,
		})
		.collect()
}

/// A Council motion for `call` that exactly `ayes` vote for (the first proposes it: proposing
/// is not voting), closed as soon as it passes; what the motion's call returned.
fn motion(call: RuntimeCall, ayes: &[AccountId]) -> DispatchResult {
	let length = call.encoded_size() as u32;
	let weight = call.get_dispatch_info().call_weight;
	let hash = BlakeTwo256::hash_of(&call);
	let threshold = ayes.len() as u32;
	assert_ok!(Council::propose(RuntimeOrigin::signed(ayes[0]), threshold, Box::new(call), length));
	if threshold >= 2 {
		let index = pallet_collective::ProposalCount::<Test, CouncilInstance>::get() - 1;
		for who in ayes {
			assert_ok!(Council::vote(RuntimeOrigin::signed(*who), hash, index, true));
		}
		assert_ok!(Council::close(RuntimeOrigin::signed(ayes[0]), hash, index, weight, length));
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

/// A root-only call with a visible effect: the enactment delay set to `blocks`.
fn set_delay(blocks: u64) -> RuntimeCall {
	crate::Call::<Test>::set_enactment_delay { blocks }.into()
}

fn enact(call: RuntimeCall) -> RuntimeCall {
	crate::Call::<Test>::enact { call: Box::new(call) }.into()
}

fn enact_now(call: RuntimeCall) -> RuntimeCall {
	crate::Call::<Test>::enact_now { call: Box::new(call) }.into()
}
