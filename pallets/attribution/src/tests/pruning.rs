//! Records leave state after their challenge period: the sweep, challenged records, its
//! bounds, and what the offchain index keeps.

use super::*;
use crate::{Error, Event, PruneCursor, RecordOfModelInference, Records};
use codec::Decode;
use frame_support::{assert_noop, traits::Hooks, weights::Weight};
use pallet_attribution_runtime_api::{offchain_record_key, RecordInfo, RecordState};
use sp_core::offchain::testing::TestPersistentOffchainDB;

type Info = RecordInfo<AccountId, u64>;

/// Runs `body` on a fresh chain, checks every invariant, and returns the offchain index the
/// chain wrote.
fn with_index(body: impl FnOnce()) -> TestPersistentOffchainDB {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		body();
		check_all_invariants();
	});
	ext.persist_offchain_overlay();
	ext.offchain_db()
}

/// What the offchain index keeps of record `id`.
fn kept(index: &TestPersistentOffchainDB, id: RecordId) -> Option<Info> {
	index.get(&offchain_record_key(id)).map(|bytes| Info::decode(&mut &bytes[..]).unwrap())
}

/// The sweep of block `now`, with all the weight it wants; returns the weight it used.
fn sweep_at(now: u64) -> Weight {
	System::set_block_number(now);
	Attribution::on_idle(now, Weight::MAX)
}

fn info(id: RecordId) -> Info {
	Attribution::api_reward_split(id).expect("in state")
}

#[test]
fn records_leave_state_the_block_after_their_challenge_period_and_the_index_keeps_them() {
	let mut before = Vec::new();
	let index = with_index(|| {
		let w = world();
		let first = record(&w, Some(w.agent), 1_000, &[(w.d0, 30), (w.d1, 20)], 1);
		let second = record(&w, None, 500, &[(w.d0, 10)], 2);
		before = vec![info(first), info(second)];

		// Still open to challenge in the period's last block: nothing leaves.
		assert_eq!(sweep_at(1 + CHALLENGE_PERIOD), Attribution::sweep_weight(0));
		assert!(Records::<Test>::contains_key(first));
		assert_eq!(PruneCursor::<Test>::get(), 0);

		assert_eq!(sweep_at(2 + CHALLENGE_PERIOD), Attribution::sweep_weight(2));
		assert_eq!(last_event(), Event::RecordsPruned { below: 2, count: 2 }.into());
		assert_eq!(PruneCursor::<Test>::get(), 2);
		for (id, hash) in [(first, 1u8), (second, 2)] {
			assert!(!Records::<Test>::contains_key(id));
			assert!(!RecordOfModelInference::<Test>::contains_key(
				w.model,
				H256::repeat_byte(hash)
			));
			assert!(Attribution::api_reward_split(id).is_none());
		}
		// A record that left state cannot be challenged: its period is over.
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), first, MIN_CHALLENGE),
			Error::<Test>::ChallengePeriodOver
		);
		assert_noop!(
			Attribution::resolve_challenge(arbiter(), first, true),
			Error::<Test>::NotChallenged
		);
		assert_noop!(
			Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), 2, MIN_CHALLENGE),
			Error::<Test>::RecordNotFound
		);
		// Nothing more to sweep: the next sweep reads the cursor and stops.
		assert_eq!(sweep_at(3 + CHALLENGE_PERIOD), Attribution::sweep_weight(0));
	});
	assert_eq!(kept(&index, 0).as_ref(), before.first());
	assert_eq!(kept(&index, 1).as_ref(), before.get(1));
	assert_eq!(kept(&index, 2), None);
}

#[test]
fn the_sweep_stops_at_the_first_record_still_open_to_challenge() {
	test(|| {
		let w = world();
		let early = record(&w, None, 500, &[(w.d0, 10)], 1);
		System::set_block_number(5);
		let late = record(&w, None, 500, &[(w.d0, 10)], 2);
		sweep_at(2 + CHALLENGE_PERIOD);
		assert!(!Records::<Test>::contains_key(early));
		assert!(Records::<Test>::contains_key(late));
		assert_eq!(PruneCursor::<Test>::get(), late);
		assert_eq!(last_event(), Event::RecordsPruned { below: late, count: 1 }.into());
		sweep_at(6 + CHALLENGE_PERIOD);
		assert!(!Records::<Test>::contains_key(late));
	});
}

#[test]
fn a_challenged_record_stays_until_its_challenge_is_resolved_then_leaves_with_its_outcome() {
	let mut challenged = None;
	let index = with_index(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 10)], 1);
		let other = record(&w, None, 1_000, &[(w.d0, 10)], 2);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));

		sweep_at(2 + CHALLENGE_PERIOD);
		assert!(Records::<Test>::contains_key(id), "a record under challenge never leaves");
		assert!(!Records::<Test>::contains_key(other));
		assert_eq!(PruneCursor::<Test>::get(), 2);
		assert_eq!(last_event(), Event::RecordsPruned { below: 2, count: 1 }.into());
		check_all_invariants();

		assert_ok!(Attribution::resolve_challenge(arbiter(), id, true));
		assert_eq!(last_event(), Event::RecordPruned { record: id }.into());
		assert!(!Records::<Test>::contains_key(id));
		assert!(!RecordOfModelInference::<Test>::contains_key(w.model, H256::repeat_byte(1)));
		challenged = Some(id);
	});
	let kept = kept(&index, challenged.unwrap()).expect("kept when it left");
	assert_eq!(kept.state, RecordState::Invalidated);
}

#[test]
fn a_challenge_resolved_within_the_period_leaves_the_record_to_the_sweep() {
	let index = with_index(|| {
		let w = world();
		let id = record(&w, None, 1_000, &[(w.d0, 10)], 1);
		assert_ok!(Attribution::challenge(RuntimeOrigin::signed(CHALLENGER), id, MIN_CHALLENGE));
		assert_ok!(Attribution::resolve_challenge(arbiter(), id, false));
		assert!(Records::<Test>::contains_key(id));
		assert!(System::events().iter().all(|e| {
			!matches!(e.event, RuntimeEvent::Attribution(Event::RecordPruned { .. }))
		}));
		sweep_at(2 + CHALLENGE_PERIOD);
		assert!(!Records::<Test>::contains_key(id));
	});
	assert_eq!(kept(&index, 0).expect("kept").state, RecordState::Confirmed);
}

#[test]
fn the_sweep_prunes_only_what_its_weight_allows() {
	test(|| {
		let w = world();
		for nonce in 1..=3 {
			record(&w, None, 500, &[(w.d0, 10)], nonce);
		}
		System::set_block_number(2 + CHALLENGE_PERIOD);
		let one = Attribution::sweep_weight(1);
		assert_eq!(
			Attribution::sweep(2 + CHALLENGE_PERIOD, one - Weight::from_parts(1, 0)),
			Weight::zero(),
			"less than one record's weight: nothing is even read"
		);
		assert_eq!(PruneCursor::<Test>::get(), 0);

		let two = Attribution::sweep_weight(2);
		assert_eq!(Attribution::sweep(2 + CHALLENGE_PERIOD, two), two);
		assert_eq!(PruneCursor::<Test>::get(), 2);
		assert_eq!(last_event(), Event::RecordsPruned { below: 2, count: 2 }.into());
		assert!(Records::<Test>::contains_key(2));

		assert_eq!(Attribution::sweep(2 + CHALLENGE_PERIOD, Weight::MAX), one);
		assert_eq!(PruneCursor::<Test>::get(), 3);
	});
}

#[test]
fn an_inference_may_be_recorded_again_once_its_record_left_state() {
	test(|| {
		let w = world();
		let first = record(&w, None, 500, &[(w.d0, 10)], 1);
		sweep_at(2 + CHALLENGE_PERIOD);
		let again = record(&w, None, 500, &[(w.d0, 10)], 1);
		assert_eq!(again, first + 1);
		assert_eq!(RecordOfModelInference::<Test>::get(w.model, H256::repeat_byte(1)), Some(again));
	});
}

#[test]
fn try_state_refuses_an_unchallenged_record_the_sweep_passed() {
	new_test_ext().execute_with(|| {
		let w = world();
		record(&w, None, 500, &[(w.d0, 10)], 1);
		PruneCursor::<Test>::put(1);
		assert_eq!(
			Attribution::do_try_state(),
			Err("a record the prune sweep passed is in state but not under challenge".into())
		);
		PruneCursor::<Test>::put(2);
		assert_eq!(
			Attribution::do_try_state(),
			Err("the prune cursor is beyond the next record id".into())
		);
		PruneCursor::<Test>::put(0);
		RecordOfModelInference::<Test>::insert(w.model, H256::repeat_byte(9), 0);
		assert_eq!(
			Attribution::do_try_state(),
			Err("an inference hash names a record not in state".into())
		);
	});
}

#[test]
fn records_from_before_the_index_by_model_keep_their_old_entries_until_they_leave() {
	use frame_support::traits::OnRuntimeUpgrade;
	test(|| {
		let w = world();
		// A record as spec_version 107 left it: indexed by its hash alone; then the upgrade.
		let old = record(&w, None, 500, &[(w.d0, 10)], 1);
		RecordOfModelInference::<Test>::remove(w.model, H256::repeat_byte(1));
		crate::RecordOfInference::<Test>::insert(H256::repeat_byte(1), old);
		frame_support::traits::StorageVersion::new(1).put::<crate::Pallet<Test>>();
		crate::migrations::v2::MigrateToV2::<Test>::on_runtime_upgrade();
		assert_eq!(crate::IndexedByModelFrom::<Test>::get(), old + 1);
		check_all_invariants();
		// The same inference of the same model is still a duplicate…
		assert!(Attribution::recorded(w.model, H256::repeat_byte(1)));
		assert!(!Attribution::recorded(w.base, H256::repeat_byte(1)), "…of another model not");
		// …and a new record goes into the index by model.
		let new = record(&w, None, 500, &[(w.d0, 10)], 2);
		assert_eq!(RecordOfModelInference::<Test>::get(w.model, H256::repeat_byte(2)), Some(new));
		// Leaving state, each takes its own entry with it.
		sweep_at(2 + CHALLENGE_PERIOD);
		assert!(crate::RecordOfInference::<Test>::get(H256::repeat_byte(1)).is_none());
		assert!(RecordOfModelInference::<Test>::get(w.model, H256::repeat_byte(2)).is_none());
	});
}
