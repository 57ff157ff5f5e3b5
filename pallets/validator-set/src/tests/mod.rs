//! Tests of the validator set: governance changes, applied at session boundaries, never below
//! the minimum. One file per topic; every test runs through [`crate::mock::test`], which checks
//! the pallet's invariants at its end.

mod candidacy;
mod income;
mod migrations;
mod offences;
mod sessions;
mod validators;

use crate::{
	mock::*, AuthorFeeShare, AuthoredThisSession, Candidates, Changed, Error, Event, Unbonding,
	Unbonds, Validators,
};
use frame_support::{assert_noop, assert_ok};
use sp_runtime::{testing::UintAuthorityId, DispatchError};

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event").event
}

/// Registers session keys for `who`.
fn keys(who: AccountId) {
	assert_ok!(Session::set_keys(RuntimeOrigin::signed(who), UintAuthorityId(who), vec![]));
}

/// Makes `who` a candidate holding `bond`, keys and all.
fn register(who: AccountId, bond: u128) {
	keys(who);
	assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(who), bond));
}
