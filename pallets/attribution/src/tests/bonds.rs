//! Attestor bonds: bonding, unbonding, withdrawing.

use super::*;
use crate::{AttestorStatus, Attestors, Error, Event, HoldReason};
use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};

fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::AttestorBond.into(), &who)
}

#[test]
fn bonding_holds_the_bond_and_can_add_to_it() {
	test(|| {
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), MIN_BOND - 1),
			Error::<Test>::BondTooLow
		);
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), MIN_BOND));
		assert_eq!(
			last_event(),
			Event::AttestorBonded { who: ATTESTOR, amount: MIN_BOND, bond: MIN_BOND }.into()
		);
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), 1));
		assert_eq!(held(ATTESTOR), MIN_BOND + 1);
		assert_eq!(Attestors::<Test>::get(ATTESTOR).unwrap().bond, MIN_BOND + 1);
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(STRANGER), MIN_BOND),
			sp_runtime::TokenError::FundsUnavailable
		);
	});
}

#[test]
fn unbonding_waits_out_the_period_then_releases_the_bond() {
	test(|| {
		assert_noop!(
			Attribution::unbond_attestor(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::AttestorNotBonded
		);
		assert_ok!(Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), MIN_BOND));
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::AttestorNotUnbonding
		);
		assert_ok!(Attribution::unbond_attestor(RuntimeOrigin::signed(ATTESTOR)));
		let until = 1 + UNBONDING;
		assert_eq!(last_event(), Event::AttestorUnbonding { who: ATTESTOR, until }.into());
		assert_eq!(
			Attestors::<Test>::get(ATTESTOR).unwrap().status,
			AttestorStatus::Unbonding { until }
		);
		assert_noop!(
			Attribution::unbond_attestor(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::AttestorUnbonding
		);
		assert_noop!(
			Attribution::bond_attestor(RuntimeOrigin::signed(ATTESTOR), 1),
			Error::<Test>::AttestorUnbonding
		);
		System::set_block_number(until - 1);
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::StillUnbonding
		);
		System::set_block_number(until);
		assert_ok!(Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)));
		assert_eq!(
			last_event(),
			Event::AttestorBondWithdrawn { who: ATTESTOR, amount: MIN_BOND }.into()
		);
		assert_eq!(held(ATTESTOR), 0);
		assert!(Attestors::<Test>::get(ATTESTOR).is_none());
		assert_noop!(
			Attribution::withdraw_attestor_bond(RuntimeOrigin::signed(ATTESTOR)),
			Error::<Test>::AttestorNotBonded
		);
	});
}
