//! GRANDPA equivocations in the real runtime, through FRAME's own machinery: a report proves
//! the two signed votes and, against pallet-session's historical sessions, the offender's key;
//! pallet-offences rates it (`(3k/n)²`); the validator set disables the offender, takes it off
//! the candidate list and slashes its bond to the treasury, once per span. Four invulnerables
//! (Alice to Dave, the local preset's) and Eve, a bonded candidate, make a set of five.

use frame_support::{
	assert_noop, assert_ok,
	traits::{fungible::Inspect, Hooks, KeyOwnerProofSystem},
};
use openledger_runtime::{
	configs::{
		consensus::MIN_CANDIDACY_BOND, key_ownership::KeyOwnership, monetary::TreasuryAccount,
	},
	genesis_config_presets::{dev_governance, endowed_dev_accounts, testnet_genesis},
	Balances, Grandpa, Historical, Runtime, RuntimeCall, RuntimeEvent, RuntimeOrigin, Session,
	System, ValidatorSet,
};
use pallet_validator_set::Event as SetEvent;
use sp_consensus_grandpa::{AuthorityId as GrandpaId, EquivocationProof, SetId, KEY_TYPE};
use sp_core::H256;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};
use sp_runtime::{
	transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
	Perbill,
};
use sp_session::MembershipProof;

use crate::common::chain_from_genesis;

/// Blocks per session in the local preset.
const SESSION: u32 = openledger_runtime::MINUTES;

/// The local preset's four validators and Eve's keys registered at genesis (not a validator).
fn chain(test: impl FnOnce()) {
	use Ed25519Keyring as E;
	use Sr25519Keyring as S;
	let validators = [(S::Alice, E::Alice), (S::Bob, E::Bob), (S::Charlie, E::Charlie)]
		.into_iter()
		.chain([(S::Dave, E::Dave), (S::Eve, E::Eve)])
		.map(|(s, e)| (s.to_account_id(), s.public().into(), e.public().into()))
		.collect();
	let mut patch =
		testnet_genesis(validators, endowed_dev_accounts(), dev_governance(10), SESSION, None);
	let invulnerables: Vec<_> =
		[S::Alice, S::Bob, S::Charlie, S::Dave].iter().map(|k| k.to_account_id()).collect();
	patch["validatorSet"]["validators"] = serde_json::to_value(invulnerables).unwrap();
	chain_from_genesis(patch).execute_with(|| {
		System::set_block_number(1);
		test();
	});
}

/// Runs blocks to `n` as far as sessions and GRANDPA's set changes are concerned.
fn run_to(n: u32) {
	crate::common::run_blocks_to(n, |block| {
		Session::on_initialize(block);
		Grandpa::on_finalize(block);
	});
}

fn eve() -> openledger_runtime::AccountId {
	Sr25519Keyring::Eve.to_account_id()
}

/// Two prevotes for different blocks in `round` of `set_id`, both signed by `signer`, claimed
/// to be `offender`'s.
fn equivocation(
	set_id: SetId,
	round: u64,
	signer: Ed25519Keyring,
	offender: Ed25519Keyring,
) -> EquivocationProof<H256, u32> {
	let vote = |target: u8| {
		let prevote =
			finality_grandpa::Prevote { target_hash: H256::repeat_byte(target), target_number: 5 };
		let message = finality_grandpa::Message::Prevote(prevote.clone());
		let payload = sp_consensus_grandpa::localized_payload(round, set_id, &message);
		(prevote, signer.sign(&payload).into())
	};
	EquivocationProof::new(
		set_id,
		sp_consensus_grandpa::Equivocation::Prevote(finality_grandpa::Equivocation {
			round_number: round,
			identity: GrandpaId::from(offender.public()),
			first: vote(1),
			second: vote(2),
		}),
	)
}

/// The proof the node asks its runtime for (`GrandpaApi_generate_key_ownership_proof`).
fn membership(of: Ed25519Keyring) -> MembershipProof {
	KeyOwnership::prove((KEY_TYPE, GrandpaId::from(of.public()))).expect("in the session")
}

fn report(proof: EquivocationProof<H256, u32>, key: MembershipProof) -> RuntimeCall {
	RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation_unsigned {
		equivocation_proof: Box::new(proof),
		key_owner_proof: key,
	})
}

fn validate(call: &RuntimeCall, source: TransactionSource) -> Result<(), TransactionValidityError> {
	let RuntimeCall::Grandpa(call) = call else { unreachable!() };
	Grandpa::validate_unsigned(source, call).map(|_| ())
}

/// Dispatches `call` as a block would include it: unsigned.
fn dispatch(call: RuntimeCall) -> sp_runtime::DispatchResult {
	use sp_runtime::traits::Dispatchable;
	call.dispatch(RuntimeOrigin::none()).map(|_| ()).map_err(|e| e.error)
}

fn disabled(who: &openledger_runtime::AccountId) -> bool {
	let index = Session::validators().iter().position(|v| v == who).expect("in the set") as u32;
	pallet_session::DisabledValidators::<Runtime>::get().iter().any(|(i, _)| *i == index)
}

#[test]
fn a_bonded_validators_equivocation_is_proven_slashed_and_it_leaves_the_set() {
	chain(|| {
		let bond = 10 * MIN_CANDIDACY_BOND;
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(eve()), bond));
		run_to(2 * SESSION + 1);
		assert!(Session::validators().contains(&eve()), "Eve validates");
		// The set is handed over at every boundary: each session is a GRANDPA set.
		let set_id = Grandpa::current_set_id();
		assert_eq!(pallet_grandpa::SetIdSession::<Runtime>::get(set_id), Some(2));
		assert_eq!(pallet_grandpa::SetIdSession::<Runtime>::get(set_id - 1), Some(1));
		// A signed report is refused whatever it proves: reports are free, and come unsigned
		// from the nodes that saw them.
		let signed = RuntimeCall::Grandpa(pallet_grandpa::Call::report_equivocation {
			equivocation_proof: Box::new(equivocation(
				set_id,
				1,
				Ed25519Keyring::Eve,
				Ed25519Keyring::Eve,
			)),
			key_owner_proof: membership(Ed25519Keyring::Eve),
		});
		{
			use sp_runtime::traits::Dispatchable;
			let refused = signed.dispatch(RuntimeOrigin::signed(eve())).map_err(|e| e.error);
			assert_eq!(refused, Err(frame_system::Error::<Runtime>::CallFiltered.into()));
		}
		let treasury = Balances::balance(&TreasuryAccount::get());
		let issuance = Balances::total_issuance();

		let call = report(
			equivocation(set_id, 1, Ed25519Keyring::Eve, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Eve),
		);
		// Only the node that saw it may put it in its pool: no one can flood others' pools.
		assert_eq!(
			validate(&call, TransactionSource::External),
			Err(InvalidTransaction::Call.into())
		);
		assert_ok!(validate(&call, TransactionSource::Local));
		assert_ok!(dispatch(call.clone()));

		// One offender in a set of five: (3/5)² = 36 % of Eve's bond, to the treasury.
		let fraction = Perbill::from_percent(36);
		let slashed = fraction.mul_floor(bond);
		let session = Session::current_index();
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::ValidatorSet(SetEvent::Slashed { who, session: s, fraction: f, amount, .. })
				if *who == eve() && *s == session && *f == fraction && *amount == slashed
		)));
		assert!(System::events().iter().any(|r| matches!(r.event, RuntimeEvent::Offences(_))));
		assert_eq!(Balances::balance(&TreasuryAccount::get()), treasury + slashed);
		assert_eq!(Balances::total_issuance(), issuance);
		assert_eq!(ValidatorSet::held_bond(&eve()), bond - slashed);
		assert!(pallet_validator_set::Candidates::<Runtime>::get().is_empty());
		assert!(disabled(&eve()), "disabled at once");

		// The same report again is stale, in the pool and in a block.
		assert_eq!(
			validate(&call, TransactionSource::Local),
			Err(InvalidTransaction::Stale.into())
		);
		assert_noop!(dispatch(call), pallet_grandpa::Error::<Runtime>::DuplicateOffenceReport);
		// Another round of the same key run twice: reported, but its span is slashed already.
		let again = report(
			equivocation(set_id, 2, Ed25519Keyring::Eve, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Eve),
		);
		assert_ok!(dispatch(again));
		assert_eq!(ValidatorSet::held_bond(&eve()), bond - slashed);

		// Out of the set at the second boundary, as any change; the four go on.
		run_to(4 * SESSION + 1);
		assert!(!Session::validators().contains(&eve()));
		assert_eq!(Session::validators().len(), 4);
		pallet_validator_set::Pallet::<Runtime>::do_try_state().unwrap();
	});
}

#[test]
fn forged_and_misattributed_reports_are_refused() {
	chain(|| {
		assert_ok!(ValidatorSet::register_candidate(
			RuntimeOrigin::signed(eve()),
			MIN_CANDIDACY_BOND
		));
		run_to(2 * SESSION + 1);
		let set_id = Grandpa::current_set_id();
		// Ferdie signs two votes in Eve's name: the signatures are not Eve's.
		let forged = report(
			equivocation(set_id, 1, Ed25519Keyring::Ferdie, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Eve),
		);
		assert_noop!(dispatch(forged), pallet_grandpa::Error::<Runtime>::InvalidEquivocationProof);
		// Eve's real equivocation with Bob's membership proof: the key is not the one proven.
		let misattributed = report(
			equivocation(set_id, 1, Ed25519Keyring::Eve, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Bob),
		);
		assert_eq!(
			validate(&misattributed, TransactionSource::Local),
			Err(InvalidTransaction::BadProof.into())
		);
		assert_noop!(
			dispatch(misattributed),
			pallet_grandpa::Error::<Runtime>::InvalidKeyOwnershipProof
		);
		// A set that never was.
		let future = report(
			equivocation(set_id + 5, 1, Ed25519Keyring::Eve, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Eve),
		);
		assert_noop!(dispatch(future), pallet_grandpa::Error::<Runtime>::InvalidEquivocationProof);
		assert_eq!(ValidatorSet::held_bond(&eve()), MIN_CANDIDACY_BOND);
	});
}

#[test]
fn an_invulnerables_equivocation_is_reported_to_governance_not_slashed() {
	chain(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		let before = Balances::balance(&alice);
		let call = report(
			equivocation(
				Grandpa::current_set_id(),
				1,
				Ed25519Keyring::Alice,
				Ed25519Keyring::Alice,
			),
			membership(Ed25519Keyring::Alice),
		);
		assert_ok!(dispatch(call));
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::ValidatorSet(SetEvent::InvulnerableOffended { who, .. }) if *who == alice
		)));
		assert!(disabled(&alice));
		assert_eq!(Balances::balance(&alice), before);
		assert!(pallet_validator_set::Validators::<Runtime>::get().contains(&alice));
	});
}

#[test]
fn a_validator_that_rotates_its_keys_still_answers_for_the_old_ones() {
	chain(|| {
		use codec::Encode;
		use sp_core::{proof_of_possession::ProofOfPossessionGenerator, Pair};
		let bond = MIN_CANDIDACY_BOND;
		assert_ok!(ValidatorSet::register_candidate(RuntimeOrigin::signed(eve()), bond));
		run_to(2 * SESSION + 1);
		assert!(Session::validators().contains(&eve()));
		let set_id = Grandpa::current_set_id();
		// Eve registers new keys (Ferdie's, for the test): they take over two sessions later,
		// and meanwhile her old GRANDPA key still votes.
		let owner = eve().encode();
		let mut aura = Sr25519Keyring::Ferdie.pair();
		let mut grandpa = Ed25519Keyring::Ferdie.pair();
		let proof = (
			aura.generate_proof_of_possession(&owner),
			grandpa.generate_proof_of_possession(&owner),
		)
			.encode();
		let keys = openledger_runtime::opaque::SessionKeys {
			aura: aura.public().into(),
			grandpa: grandpa.public().into(),
		};
		assert_ok!(Session::set_keys(RuntimeOrigin::signed(eve()), keys, proof));
		// pallet-session's historical proof looks the old key up among the new keys: what it
		// proves is that the key is nobody's.
		let old = GrandpaId::from(Ed25519Keyring::Eve.public());
		let upstream = Historical::prove((KEY_TYPE, old.clone())).unwrap();
		assert!(Historical::check_proof((KEY_TYPE, old), upstream).is_none());
		// This runtime proves it against the keys the session runs with.
		let call = report(
			equivocation(Grandpa::current_set_id(), 1, Ed25519Keyring::Eve, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Eve),
		);
		assert_ok!(validate(&call, TransactionSource::Local));
		assert_ok!(dispatch(call));
		assert!(pallet_validator_set::Slashes::<Runtime>::contains_key(eve()));
		// In the next session her old key still votes (the new one takes over the one after),
		// and is still proven hers.
		run_to(3 * SESSION + 1);
		assert_eq!(Grandpa::current_set_id(), set_id + 1, "a set per session");
		assert_eq!(
			KeyOwnership::check_proof(
				(KEY_TYPE, GrandpaId::from(Ed25519Keyring::Eve.public())),
				membership(Ed25519Keyring::Eve)
			),
			Some((eve(), ()))
		);
		// A proof of a past session is checked against that session's stored root: one made
		// now still holds in the next session, when the new key has taken over.
		let later = report(
			equivocation(Grandpa::current_set_id(), 2, Ed25519Keyring::Eve, Ed25519Keyring::Eve),
			membership(Ed25519Keyring::Eve),
		);
		run_to(4 * SESSION + 1);
		assert_ok!(dispatch(later));
	});
}

#[test]
fn a_tampered_membership_proof_proves_nothing() {
	chain(|| {
		run_to(SESSION + 1);
		let key = || (KEY_TYPE, GrandpaId::from(Ed25519Keyring::Bob.public()));
		let proof = membership(Ed25519Keyring::Bob);
		let bob = Sr25519Keyring::Bob.to_account_id();
		assert_eq!(KeyOwnership::check_proof(key(), proof.clone()), Some((bob, ())));
		// Another set size (it rates the offence).
		let mut counted = proof.clone();
		counted.validator_count += 1;
		assert_eq!(KeyOwnership::check_proof(key(), counted), None);
		// Another session's root.
		let mut moved = proof.clone();
		moved.session += 5;
		assert_eq!(KeyOwnership::check_proof(key(), moved), None);
		// A node more than it needs, or one twice.
		let mut padded = proof.clone();
		padded.trie_nodes.push(vec![0; 40]);
		assert_eq!(KeyOwnership::check_proof(key(), padded), None);
		let mut doubled = proof.clone();
		doubled.trie_nodes.push(proof.trie_nodes[0].clone());
		assert_eq!(KeyOwnership::check_proof(key(), doubled), None);
		// Another key with Bob's proof.
		let ferdie = (KEY_TYPE, GrandpaId::from(Ed25519Keyring::Ferdie.public()));
		assert_eq!(KeyOwnership::check_proof(ferdie, proof), None);
	});
}
