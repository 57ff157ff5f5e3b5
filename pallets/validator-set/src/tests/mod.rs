//! Tests of the validator set: governance changes, applied at session boundaries, never below
//! the minimum. One file per topic; every test runs through [`crate::mock::test`], which checks
//! the pallet's invariants at its end.

mod candidacy;
mod income;
mod migrations;
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
