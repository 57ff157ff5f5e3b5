//! A filter of the token sequences of [`GRAM`] tokens that occur in an index: a blocked Bloom
//! filter (each sequence sets a few bits of one 512-bit block, one cache line),
//! with no false negatives. A position of the answer whose next [`GRAM`] tokens are not in
//! the filter has a match shorter than [`GRAM`] tokens, so when the method's `minSpan` is at
//! least [`GRAM`] nothing there can count, and the suffix array is not searched from it: a
//! segment that holds none of an answer's sequences costs one cache line a position instead of
//! dozens of binary-search probes.
//!
//! Sequences are keyed by their tokens' text ([`token_hash`]), not by an index's token ids:
//! an answer's keys are computed once, whatever the index, and an index looks up the ids
//! (a few cache misses a token in a large vocabulary) only of the tokens the filter lets
//! through.

/// The length of the filtered sequences, in tokens: the method's default `minSpan`.
pub const GRAM: usize = 8;
/// Bits set per sequence, all in one block.
const BITS_PER_GRAM: u32 = 6;
/// Filter bits per sequence of the index: about 1% false positives.
const BITS_PER_KEY: u64 = 12;
/// Words of a block: 512 bits, one cache line.
const BLOCK_WORDS: usize = 8;

/// A token's key: FNV-1a of its UTF-8 bytes (fixed, as the filter is saved with the index).
pub fn token_hash(token: &str) -> u64 {
	token.bytes().fold(0xcbf2_9ce4_8422_2325, |h, byte| {
		(h ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
	})
}

/// The key of a sequence of `GRAM` tokens, from their [`token_hash`]es.
pub fn hash(tokens: &[u64]) -> u64 {
	let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
	for &token in tokens {
		h = (h ^ token).wrapping_mul(0xff51_afd7_ed55_8ccd);
		h ^= h >> 32;
	}
	// splitmix64's finaliser.
	h = (h ^ (h >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
	h = (h ^ (h >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
	h ^ (h >> 31)
}

/// How many 64-bit words a filter of `keys` sequences takes (whole blocks, at least one).
pub fn words_for(keys: u64) -> usize {
	let bits = keys.saturating_mul(BITS_PER_KEY).max(512);
	let blocks = bits.div_ceil(512) as usize;
	blocks * BLOCK_WORDS
}

/// The block and the bits of a hash, in a filter of `words` words.
fn positions(hash: u64, words: usize) -> (usize, impl Iterator<Item = (usize, u64)>) {
	let blocks = (words / BLOCK_WORDS).max(1);
	let block = ((hash as u128 * blocks as u128) >> 64) as usize * BLOCK_WORDS;
	let mut bits = hash.rotate_left(17) | 1;
	let iter = (0..BITS_PER_GRAM).map(move |_| {
		bits = bits.wrapping_mul(0x2545_f491_4f6c_dd1d);
		let bit = (bits >> 55) as usize; // 9 bits: 0..512
		(bit / 64, 1u64 << (bit % 64))
	});
	(block, iter)
}

/// Adds a sequence's hash to `filter`.
pub fn insert(filter: &mut [u64], hash: u64) {
	let (block, bits) = positions(hash, filter.len());
	for (word, mask) in bits {
		if let Some(slot) = filter.get_mut(block + word) {
			*slot |= mask;
		}
	}
}

/// Whether a sequence with this hash may be in `filter` (`false`: it is certainly not).
pub fn may_contain(filter: &[u64], hash: u64) -> bool {
	if filter.is_empty() {
		return true;
	}
	let (block, mut bits) = positions(hash, filter.len());
	bits.all(|(word, mask)| filter.get(block + word).is_some_and(|w| w & mask != 0))
}

/// The filter of every run of [`GRAM`] tokens of `text` that crosses no separator (`0`), sized
/// for `tokens` (the stream's tokens, separators not counted); `keys[id - 1]` is the
/// [`token_hash`] of token `id`.
pub fn build(text: &[i32], keys: &[u64], tokens: u64) -> Vec<u64> {
	let mut filter = vec![0u64; words_for(tokens)];
	let key = |id: i32| usize::try_from(id).ok()?.checked_sub(1).and_then(|at| keys.get(at));
	let mut window = [0u64; GRAM];
	// How many tokens (no separator) end at the current position, at most GRAM.
	let mut run = 0usize;
	for (at, &id) in text.iter().enumerate() {
		match key(id) {
			Some(&k) => {
				window[at % GRAM] = k;
				run = (run + 1).min(GRAM);
			},
			None => run = 0,
		}
		if run == GRAM {
			// The window in stream order: it starts at the slot after this one.
			let start = (at + 1) % GRAM;
			let mut ordered = [0u64; GRAM];
			for (slot, value) in ordered.iter_mut().enumerate() {
				*value = window[(start + slot) % GRAM];
			}
			insert(&mut filter, hash(&ordered));
		}
	}
	filter
}
