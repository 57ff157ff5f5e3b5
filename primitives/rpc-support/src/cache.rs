//! A node-wide cache of answers: what a read-only method answers at a given block never
//! changes, so it is computed once per (method, parameters, block) and then served from
//! memory.
//!
//! - **Keyed by the block the answer was read at**, after `at` is resolved (`block_at`): a
//!   query of the best block is a new key, and so computed afresh, as soon as there is a new
//!   best block. Nothing is invalidated by hand, and an answer at an explicit block hash stays
//!   right for as long as it is kept.
//! - **Bounded in bytes**: each entry weighs the length of its JSON answer and its key; the
//!   least recently useful entries are evicted (quick_cache's CLOCK-Pro) when the bound is
//!   reached. A bound of 0 turns the cache off.
//! - **One computation per key**: concurrent requests for the same missing key wait for the
//!   one that computes it instead of each making the runtime call.
//! - **Only answers**: errors (not found, refused, a failed runtime call) are not kept.

use std::{
	any::Any,
	hash::{Hash, Hasher},
	sync::Arc,
};

use jsonrpsee::{core::RpcResult, types::ErrorObjectOwned};
use quick_cache::{sync::Cache, Weighter};
use serde::Serialize;
use sp_core::H256;

use crate::internal;

/// The default bound of a node's answer cache: 64 MiB of JSON.
pub const DEFAULT_BYTES: u64 = 64 * 1024 * 1024;

/// What an entry is looked up by.
#[derive(Clone, Debug, Eq, PartialEq)]
struct Key {
	method: &'static str,
	/// The method's parameters other than `at`, as JSON.
	params: Vec<u8>,
	block: H256,
}

impl Hash for Key {
	fn hash<H: Hasher>(&self, state: &mut H) {
		self.method.hash(state);
		self.params.hash(state);
		self.block.hash(state);
	}
}

/// A kept answer and what it weighs.
#[derive(Clone)]
struct Entry {
	answer: Arc<dyn Any + Send + Sync>,
	bytes: u64,
}

/// Weighs an entry by its answer's JSON and its key.
#[derive(Clone)]
struct ByBytes;

impl Weighter<Key, Entry> for ByBytes {
	fn weight(&self, key: &Key, entry: &Entry) -> u64 {
		// The key's own size and a fixed allowance for the entry's bookkeeping.
		const OVERHEAD: u64 = 96;
		entry.bytes.saturating_add(key.params.len() as u64).saturating_add(OVERHEAD)
	}
}

/// A node-wide cache of answers at given blocks (see the [module](self)). Cheap to share:
/// every RPC module of the node holds an `Arc` of the same one.
pub struct AnswerCache {
	cache: Option<Cache<Key, Entry, ByBytes>>,
	capacity: u64,
}

impl AnswerCache {
	/// A cache of at most `bytes` of answers; `0` keeps nothing (every request is computed).
	pub fn new(bytes: u64) -> Self {
		let cache = (bytes > 0).then(|| {
			// quick_cache sizes its tables for this many entries; answers are ~1–40 KB.
			let estimated = usize::try_from(bytes / 2048).unwrap_or(usize::MAX).max(16);
			Cache::with_weighter(estimated, bytes, ByBytes)
		});
		Self { cache, capacity: bytes }
	}

	/// A cache that keeps nothing.
	pub fn disabled() -> Self {
		Self::new(0)
	}

	/// What `method(params)` answers at `block`: the kept answer, or `compute`'s, which is
	/// then kept (unless it is an error).
	pub fn answer<T, P>(
		&self,
		method: &'static str,
		params: &P,
		block: H256,
		compute: impl FnOnce() -> RpcResult<T>,
	) -> RpcResult<T>
	where
		T: Clone + Serialize + Send + Sync + 'static,
		P: Serialize + ?Sized,
	{
		let Some(cache) = &self.cache else { return compute() };
		let params = serde_json::to_vec(params).map_err(internal)?;
		let key = Key { method, params, block };
		let entry = cache.get_or_insert_with(&key, || -> Result<Entry, ErrorObjectOwned> {
			let answer = compute()?;
			let bytes = serde_json::to_vec(&answer).map_err(internal)?.len() as u64;
			Ok(Entry { answer: Arc::new(answer), bytes })
		})?;
		entry
			.answer
			.downcast_ref::<T>()
			.cloned()
			.ok_or_else(|| internal(format!("the answer cache holds another type for {method}")))
	}

	/// How many answers are kept.
	pub fn len(&self) -> usize {
		self.cache.as_ref().map_or(0, Cache::len)
	}

	/// Whether nothing is kept.
	pub fn is_empty(&self) -> bool {
		self.len() == 0
	}

	/// What the kept answers weigh, in bytes (never more than [`Self::capacity`]).
	pub fn weight(&self) -> u64 {
		self.cache.as_ref().map_or(0, Cache::weight)
	}

	/// The bound, in bytes.
	pub fn capacity(&self) -> u64 {
		self.capacity
	}
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
	use super::*;
	use std::cell::Cell;

	fn block(n: u8) -> H256 {
		H256::repeat_byte(n)
	}

	/// Answers `"<method> <param> at <block>"` and counts the computations.
	fn ask(cache: &AnswerCache, calls: &Cell<u32>, param: u32, at: u8) -> RpcResult<String> {
		cache.answer("test_get", &param, block(at), || {
			calls.set(calls.get() + 1);
			Ok(format!("get {param} at {at}"))
		})
	}

	#[test]
	fn an_answer_is_computed_once_per_parameters_and_block_and_is_the_uncached_answer() {
		let cache = AnswerCache::new(1 << 20);
		let calls = Cell::new(0);
		let uncached = ask(&AnswerCache::disabled(), &calls, 1, 1).unwrap();
		assert_eq!(calls.get(), 1);
		for _ in 0..3 {
			assert_eq!(ask(&cache, &calls, 1, 1).unwrap(), uncached);
		}
		assert_eq!(calls.get(), 2, "computed once for the three requests");
		assert_eq!(ask(&cache, &calls, 2, 1).unwrap(), "get 2 at 1");
		assert_eq!(calls.get(), 3, "other parameters: another answer");
		assert_eq!(cache.len(), 2);
	}

	#[test]
	fn a_new_block_is_a_new_answer_and_the_old_block_keeps_its_own() {
		let cache = AnswerCache::new(1 << 20);
		let calls = Cell::new(0);
		assert_eq!(ask(&cache, &calls, 1, 1).unwrap(), "get 1 at 1");
		assert_eq!(ask(&cache, &calls, 1, 2).unwrap(), "get 1 at 2");
		assert_eq!(calls.get(), 2, "the best block moved on: computed again");
		assert_eq!(ask(&cache, &calls, 1, 1).unwrap(), "get 1 at 1");
		assert_eq!(calls.get(), 2, "the older block's answer is still right");
	}

	#[test]
	fn errors_are_not_kept() {
		let cache = AnswerCache::new(1 << 20);
		let calls = Cell::new(0);
		for _ in 0..2 {
			let error = cache.answer("test_get", &7, block(1), || -> RpcResult<String> {
				calls.set(calls.get() + 1);
				Err(crate::not_found("thing 7"))
			});
			assert_eq!(error.unwrap_err().message(), "thing 7 not found");
		}
		assert_eq!(calls.get(), 2);
		assert!(cache.is_empty());
	}

	#[test]
	fn what_is_kept_never_weighs_more_than_the_bound() {
		let bound = 64 * 1024;
		let cache = AnswerCache::new(bound);
		let big = "x".repeat(4000);
		for n in 0..1000u32 {
			let answer = cache.answer("test_big", &n, block(1), || Ok(big.clone())).unwrap();
			assert_eq!(answer.len(), 4000);
			assert!(cache.weight() <= bound, "{} > {bound} after {n}", cache.weight());
		}
		assert!(cache.len() < 1000 && cache.len() >= 8, "{} kept", cache.len());
	}

	#[test]
	fn a_disabled_cache_computes_every_time() {
		let cache = AnswerCache::disabled();
		let calls = Cell::new(0);
		for _ in 0..3 {
			ask(&cache, &calls, 1, 1).unwrap();
		}
		assert_eq!(calls.get(), 3);
		assert_eq!((cache.len(), cache.capacity()), (0, 0));
	}
}
