//! Proofs that a session key was a validator's in a session: what an equivocation report
//! carries (pallet-grandpa's `KeyOwnerProof`), checked against pallet-session's historical
//! sessions.
//!
//! pallet-session's historical pallet commits to the keys each session runs with (a trie root
//! per session, stored when the session is planned), but it proves and checks the **current**
//! session against the keys validators registered for later sessions (`session.nextKeys`).
//! A validator that calls `session.setKeys` would so make its own votes of the current and
//! the next session unprovable, and, rotating every session, never be slashed. This proof
//! system instead
//! - keeps the keys the current session runs with ([`SessionKeysNow`], taken when it starts:
//!   at most `MaxAuthorities` pairs, replaced each session), and proves against them;
//! - checks every proof, of the current session or an earlier one, against the root the
//!   historical pallet stored for that session.
//!
//! The trie is the historical pallet's own layout (each key `(key type, key)` maps to the
//! validator's index, each index to `(account, ())`), so its roots are the roots this checks
//! against; the code follows `pallet_session::historical` (Apache-2.0), whose trie type is
//! private.

use alloc::vec::Vec;
use codec::{Decode, Encode};
use frame_support::traits::KeyOwnerProofSystem;
use sp_core::crypto::KeyTypeId;
use sp_runtime::traits::{BlakeTwo256, OpaqueKeys};
use sp_session::MembershipProof;
use sp_trie::{
	accessed_nodes_tracker::AccessedNodesTracker,
	recorder_ext::RecorderExt,
	trie_types::{TrieDBBuilder, TrieDBMutBuilderV0},
	LayoutV0, MemoryDB, RandomState, Recorder, StorageProof, Trie, TrieMut, TrieRecorder,
};

use crate::{opaque::SessionKeys, AccountId, Historical, Runtime, Session, ValidatorSet};

/// The runtime's hash (`BlakeTwo256`'s output).
type Hash = sp_core::H256;

/// The keys the current session runs with, in the session's validator order: pallet-session's
/// queued keys as the session starts. (A value of the `Historical` pallet's prefix, which
/// pallet-session's historical pallet does not use.)
#[frame_support::storage_alias(pallet_name)]
pub type SessionKeysNow = StorageValue<Historical, Vec<(AccountId, SessionKeys)>>;

/// The runtime's session manager: the validator set's, with the historical sessions' roots
/// noted (`NoteHistoricalRoot`), and the keys of each session kept as it starts.
pub struct SessionManager;

type Inner = pallet_session::historical::NoteHistoricalRoot<Runtime, ValidatorSet>;

impl pallet_session::SessionManager<AccountId> for SessionManager {
	fn new_session(new_index: u32) -> Option<Vec<AccountId>> {
		<Inner as pallet_session::SessionManager<_>>::new_session(new_index)
	}

	fn new_session_genesis(new_index: u32) -> Option<Vec<AccountId>> {
		<Inner as pallet_session::SessionManager<_>>::new_session_genesis(new_index)
	}

	fn start_session(start_index: u32) {
		// Called before the session pallet queues the next session's keys: its queued keys
		// are still the ones the starting session runs with.
		SessionKeysNow::put(pallet_session::QueuedKeys::<Runtime>::get());
		<Inner as pallet_session::SessionManager<_>>::start_session(start_index)
	}

	fn end_session(end_index: u32) {
		<Inner as pallet_session::SessionManager<_>>::end_session(end_index)
	}
}

/// The key-ownership proof system of equivocation reports (see the module's documentation).
pub struct KeyOwnership;

type Layout = LayoutV0<BlakeTwo256>;

/// The historical pallet's trie of `keys`: its root and its nodes.
fn trie_of(keys: &[(AccountId, SessionKeys)]) -> Option<(Hash, MemoryDB<BlakeTwo256>)> {
	let mut db = MemoryDB::with_hasher(RandomState::default());
	let mut root = Hash::default();
	{
		let mut trie = TrieDBMutBuilderV0::new(&mut db, &mut root).build();
		for (index, (validator, session_keys)) in keys.iter().enumerate() {
			let index = u32::try_from(index).ok()?;
			for key_id in <SessionKeys as OpaqueKeys>::key_ids() {
				let key = session_keys.get_raw(*key_id);
				(key_id, key).using_encoded(|k| index.using_encoded(|v| trie.insert(k, v))).ok()?;
			}
			index.using_encoded(|k| (validator, ()).using_encoded(|v| trie.insert(k, v))).ok()?;
		}
	}
	Some((root, db))
}

/// The owner of `key` in the trie of `root` in `db`, recording the nodes it reads.
fn query(
	db: &MemoryDB<BlakeTwo256>,
	root: &Hash,
	key: (KeyTypeId, &[u8]),
	recorder: Option<&mut dyn TrieRecorder<Hash>>,
) -> Option<(AccountId, ())> {
	let trie = TrieDBBuilder::<BlakeTwo256>::new(db, root).with_optional_recorder(recorder).build();
	let index =
		key.using_encoded(|k| trie.get(k)).ok()?.and_then(|raw| u32::decode(&mut &*raw).ok())?;
	index
		.using_encoded(|k| trie.get(k))
		.ok()?
		.and_then(|raw| <(AccountId, ())>::decode(&mut &*raw).ok())
}

impl<D: AsRef<[u8]>> KeyOwnerProofSystem<(KeyTypeId, D)> for KeyOwnership {
	type Proof = MembershipProof;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Runtime>;

	fn prove((key_type, key): (KeyTypeId, D)) -> Option<MembershipProof> {
		let session = Session::current_index();
		let keys = SessionKeysNow::get()?;
		let (stored_root, count) =
			pallet_session::historical::HistoricalSessions::<Runtime>::get(session)?;
		let (root, db) = trie_of(&keys)?;
		if root != stored_root {
			frame_support::defensive!("the session's keys differ from its historical root");
			return None;
		}
		let mut recorder = Recorder::<Layout>::new();
		query(&db, &root, (key_type, key.as_ref()), Some(&mut recorder))?;
		Some(MembershipProof {
			session,
			trie_nodes: recorder.into_raw_storage_proof(),
			validator_count: count,
		})
	}

	fn check_proof(
		(key_type, key): (KeyTypeId, D),
		proof: MembershipProof,
	) -> Option<Self::IdentificationTuple> {
		let (root, count) =
			pallet_session::historical::HistoricalSessions::<Runtime>::get(proof.session)?;
		if count != proof.validator_count {
			return None;
		}
		let nodes = StorageProof::new_with_duplicate_nodes_check(proof.trie_nodes).ok()?;
		let mut tracker = AccessedNodesTracker::<Hash>::new(nodes.len());
		let owner =
			query(&nodes.into_memory_db(), &root, (key_type, key.as_ref()), Some(&mut tracker))?;
		// A proof carries the nodes it needs and no others.
		tracker.ensure_no_unused_nodes().ok()?;
		Some(owner)
	}
}
