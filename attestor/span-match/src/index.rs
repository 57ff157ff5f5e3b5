//! The suffix-array index of one dataset version (infini-gram / OLMoTrace style).
//!
//! The version's contributions are tokenized one by one and their tokens mapped to ids (1, 2, …
//! in order of first appearance); the token stream is every contribution's ids followed by a
//! separator, 0, so that no match crosses from one contribution into the next. The suffix array
//! lists the stream's positions that start a token, sorted by the suffix starting there (built
//! with libsais in linear time). The longest match of an answer's tokens from a position is
//! found by narrowing the array's interval one token at a time (two binary searches a token,
//! but for the first: the interval of every token is kept in a table, so the searches over the
//! whole array, the costliest, as every probe misses the cache, are never made);
//! all occurrences of a match are the array's interval, mapped back to (contribution, offset)
//! through the start of each contribution in the stream.
//!
//! A filter of the runs of 8 tokens the stream holds ([`crate::grams`]) lets the search skip
//! the positions of the answer that cannot start a span when `minSpan` is 8 or more.
//!
//! On disk, one directory: `vocab.txt` (one token per line, line `i` is id `i + 1`), `text.bin`
//! and `sa.bin` (`i32` little-endian), `grams.bin` (the filter, `u64` little-endian; format 3),
//! `starts.bin` (`u64` pairs: stream position, contribution id), `meta.json`. `text.bin`,
//! `sa.bin` and `grams.bin` are memory-mapped when opened, so an index costs page cache, not
//! heap (read ahead when opened: a probe of an answer touches any page).

use std::{
	cmp::Ordering,
	collections::HashMap,
	fs,
	io::{self, BufRead, BufWriter, Write},
	path::{Path, PathBuf},
};

use serde::{Deserialize, Serialize};

use crate::{grams, tokenize, ContributionId, Source, SpanIndex};

#[cfg(not(target_endian = "little"))]
compile_error!("the index files are little-endian and memory-mapped as they are");

/// The separator between contributions in the token stream.
const SEPARATOR: i32 = 0;
/// What an answer's token that the version does not have maps to: it matches nothing.
const UNKNOWN: i32 = -1;
/// The index format written to `meta.json`: 2 added `grams.bin`, keyed by token ids; 3 keys it
/// by the tokens' text. Formats 1 and 2 are still read, without a filter (they give the same
/// evidence, more slowly).
const FORMAT: u32 = 3;

/// Why an index could not be built.
#[derive(Debug)]
pub enum BuildError {
	/// The version has more tokens than an `i32` suffix array can address.
	TooLarge(u64),
	/// The suffix-array construction failed.
	SuffixArray(String),
	/// Writing the index failed.
	Io(io::Error),
}

impl std::fmt::Display for BuildError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::TooLarge(tokens) => {
				write!(f, "{tokens} tokens: more than an index holds (2^31 - 1)")
			},
			Self::SuffixArray(error) => write!(f, "building the suffix array failed: {error}"),
			Self::Io(error) => write!(f, "writing the index failed: {error}"),
		}
	}
}

impl std::error::Error for BuildError {}

impl From<io::Error> for BuildError {
	fn from(error: io::Error) -> Self {
		Self::Io(error)
	}
}

/// Why an index could not be opened.
#[derive(Debug)]
pub enum OpenError {
	/// A file is missing or unreadable.
	Io(io::Error),
	/// A file is not what the index format says.
	Corrupt(String),
}

impl std::fmt::Display for OpenError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::Io(error) => write!(f, "reading the index failed: {error}"),
			Self::Corrupt(what) => write!(f, "the index is corrupt: {what}"),
		}
	}
}

impl std::error::Error for OpenError {}

impl From<io::Error> for OpenError {
	fn from(error: io::Error) -> Self {
		Self::Io(error)
	}
}

#[derive(Debug, Deserialize, Serialize)]
struct Meta {
	format: u32,
	tokens: u64,
	contributions: u64,
}

/// A read-only array of `T` (`i32` or `u64`), in memory or memory-mapped from a file.
enum Array<T> {
	Owned(Vec<T>),
	Mapped(memmap2::Mmap),
}

/// The token stream and the suffix array.
type Ints = Array<i32>;

impl<T: bytemuck::Pod> Array<T> {
	fn map(path: &Path) -> Result<Self, OpenError> {
		let file = fs::File::open(path)?;
		if file.metadata()?.len() == 0 {
			return Ok(Self::Owned(Vec::new()));
		}
		// SAFETY: the index files are written once, renamed into place, and never modified
		// afterwards; a file changed under the mapping is outside the index's contract.
		#[allow(unsafe_code)]
		let map = unsafe { memmap2::Mmap::map(&file)? };
		if bytemuck::try_cast_slice::<u8, T>(&map).is_err() {
			return Err(OpenError::Corrupt(format!(
				"{} is not a whole number of {}-byte values",
				path.display(),
				std::mem::size_of::<T>()
			)));
		}
		Ok(Self::Mapped(map))
	}

	/// Asks the kernel to read a mapped file into memory, in the background (advice only: it
	/// may be refused, harmlessly).
	fn prefetch(&self) {
		if let Self::Mapped(map) = self {
			let _ = map.advise(memmap2::Advice::WillNeed);
		}
	}

	/// Locks a mapped file's pages in memory (mlock): read now, never evicted while mapped.
	fn lock(&self) -> std::io::Result<()> {
		match self {
			Self::Mapped(map) => map.lock(),
			Self::Owned(_) => Ok(()),
		}
	}

	/// The memory the file's mapping takes (0 for an array in memory): its bytes rounded up
	/// to 64 KiB, since mlock locks whole pages (of at most 64 KiB on Linux's platforms).
	fn mapped_len(&self) -> u64 {
		const PAGE: u64 = 64 * 1024;
		match self {
			Self::Mapped(map) => (map.len() as u64).div_ceil(PAGE).saturating_mul(PAGE),
			Self::Owned(_) => 0,
		}
	}

	fn unlock(&self) {
		if let Self::Mapped(map) = self {
			let _ = map.unlock();
		}
	}

	fn as_slice(&self) -> &[T] {
		match self {
			Self::Owned(values) => values,
			// Checked when mapped; a page-aligned mapping is aligned for i32 and u64.
			Self::Mapped(map) => bytemuck::try_cast_slice(map).unwrap_or(&[]),
		}
	}
}

/// The suffix-array index of one dataset version. See the module documentation.
pub struct VersionIndex {
	vocab: HashMap<String, i32>,
	text: Ints,
	sa: Ints,
	/// `(stream position of its first token, contribution)`, by position.
	starts: Vec<(u64, ContributionId)>,
	/// The suffix array's interval of each token: token `s`'s suffixes are
	/// `first[s - 1]..first[s]` (`first[0] = 0`); computed from the token stream.
	first: Vec<u32>,
	/// The filter of the token stream's runs of [`grams::GRAM`] tokens (empty: none, in an
	/// index of format 1 or 2).
	grams: Array<u64>,
	/// Whether the contributions are in the stream by increasing id (as a version's
	/// contributions usually are), so that an earlier position is a smaller [`Source`].
	ascending: bool,
}

impl VersionIndex {
	/// Builds the index of `contributions` (`(id, text)`, in the version's order), in memory.
	pub fn build<'a>(
		contributions: impl IntoIterator<Item = (ContributionId, &'a str)>,
	) -> Result<Self, BuildError> {
		let mut vocab: HashMap<String, i32> = HashMap::new();
		let mut text: Vec<i32> = Vec::new();
		let mut starts = Vec::new();
		for (id, content) in contributions {
			starts.push((text.len() as u64, id));
			for token in tokenize(content) {
				let next = vocab.len() as i64 + 1;
				if next > i32::MAX as i64 {
					return Err(BuildError::TooLarge(text.len() as u64));
				}
				let symbol = *vocab.entry(token).or_insert(next as i32);
				text.push(symbol);
			}
			text.push(SEPARATOR);
		}
		if text.len() >= i32::MAX as usize {
			return Err(BuildError::TooLarge(text.len() as u64));
		}
		let sa = suffix_array(&mut text, vocab.len() + 1)?;
		// Every symbol is a vocabulary id or the separator (see `suffix_array`).
		let first = first_intervals(&text, vocab.len()).unwrap_or_default();
		let mut keys = vec![0u64; vocab.len()];
		for (token, &id) in &vocab {
			if let Some(key) =
				usize::try_from(id).ok().and_then(|id| keys.get_mut(id.checked_sub(1)?))
			{
				*key = grams::token_hash(token);
			}
		}
		let grams = Array::Owned(grams::build(&text, &keys, sa.len() as u64));
		let ascending = ascending(&starts);
		Ok(Self {
			vocab,
			text: Ints::Owned(text),
			sa: Ints::Owned(sa),
			starts,
			first,
			grams,
			ascending,
		})
	}

	/// Reads the index's files into memory in the background: an answer probes any of their
	/// pages, and one sequential read costs less than a page fault a probe. Done when the index
	/// is opened; worth doing again once a build that read much else is over.
	pub fn prefetch(&self) {
		self.text.prefetch();
		self.sa.prefetch();
		self.grams.prefetch();
	}

	/// Locks the index's files in memory (mlock): every page is read now, and none is evicted
	/// later, so no answer ever waits for the disk, whatever else the machine reads. Fails, and
	/// locks nothing, where the process may not lock that much (`RLIMIT_MEMLOCK`, unless it has
	/// `CAP_IPC_LOCK`) or the machine has not the memory. Unlocked when the index is dropped.
	pub fn lock_in_memory(&self) -> std::io::Result<()> {
		let locked =
			self.text.lock().and_then(|()| self.sa.lock()).and_then(|()| self.grams.lock());
		if locked.is_err() {
			self.text.unlock();
			self.sa.unlock();
			self.grams.unlock();
		}
		locked
	}

	/// The memory the index's mapped files take (what [`Self::lock_in_memory`] locks, at most).
	pub fn mapped_bytes(&self) -> u64 {
		self.text.mapped_len() + self.sa.mapped_len() + self.grams.mapped_len()
	}

	/// How many tokens the version has (separators not counted).
	pub fn tokens(&self) -> u64 {
		self.sa.as_slice().len() as u64
	}

	/// How many contributions the version has.
	pub fn contributions(&self) -> u64 {
		self.starts.len() as u64
	}

	/// The index's size on disk, in bytes (what [`VersionIndex::save`] writes).
	pub fn bytes(&self) -> u64 {
		let vocab: usize = self.vocab.keys().map(|token| token.len() + 1).sum();
		(vocab
			+ 4 * (self.text.as_slice().len() + self.sa.as_slice().len())
			+ 8 * self.grams.as_slice().len()
			+ 16 * self.starts.len()) as u64
	}

	/// Writes the index to `dir` (created; replaced whole if it exists, never half-written).
	pub fn save(&self, dir: &Path) -> Result<(), BuildError> {
		let staging = staging_dir(dir);
		let _ = fs::remove_dir_all(&staging);
		fs::create_dir_all(&staging)?;

		let mut by_id: Vec<(&str, i32)> =
			self.vocab.iter().map(|(t, id)| (t.as_str(), *id)).collect();
		by_id.sort_by_key(|(_, id)| *id);
		let mut vocab = BufWriter::new(fs::File::create(staging.join("vocab.txt"))?);
		for (token, _) in by_id {
			vocab.write_all(token.as_bytes())?;
			vocab.write_all(b"\n")?;
		}
		vocab.into_inner().map_err(|e| e.into_error())?.sync_all()?;
		write_array(&staging.join("text.bin"), self.text.as_slice())?;
		write_array(&staging.join("sa.bin"), self.sa.as_slice())?;
		write_array(&staging.join("grams.bin"), self.grams.as_slice())?;
		let mut starts = BufWriter::new(fs::File::create(staging.join("starts.bin"))?);
		for (position, id) in &self.starts {
			starts.write_all(&position.to_le_bytes())?;
			starts.write_all(&id.to_le_bytes())?;
		}
		starts.into_inner().map_err(|e| e.into_error())?.sync_all()?;
		let meta =
			Meta { format: FORMAT, tokens: self.tokens(), contributions: self.contributions() };
		fs::write(staging.join("meta.json"), serde_json::to_vec(&meta).unwrap_or_default())?;

		let _ = fs::remove_dir_all(dir);
		fs::rename(&staging, dir)?;
		Ok(())
	}

	/// Opens an index [saved](VersionIndex::save) in `dir`; its token stream and suffix array
	/// are memory-mapped.
	pub fn open(dir: &Path) -> Result<Self, OpenError> {
		let meta: Meta = serde_json::from_slice(&fs::read(dir.join("meta.json"))?)
			.map_err(|e| OpenError::Corrupt(format!("meta.json: {e}")))?;
		if !(1..=FORMAT).contains(&meta.format) {
			return Err(OpenError::Corrupt(format!(
				"format {} (this build reads {FORMAT})",
				meta.format
			)));
		}
		let mut vocab = HashMap::new();
		for (i, line) in
			io::BufReader::new(fs::File::open(dir.join("vocab.txt"))?).lines().enumerate()
		{
			vocab.insert(line?, (i + 1) as i32);
		}
		let text = Ints::map(&dir.join("text.bin"))?;
		let sa = Ints::map(&dir.join("sa.bin"))?;
		let raw = fs::read(dir.join("starts.bin"))?;
		let starts: Vec<(u64, ContributionId)> = raw
			.chunks_exact(16)
			.map(|pair| {
				let (position, id) = pair.split_at(8);
				(u64_le(position), u64_le(id))
			})
			.collect();
		let first = first_intervals(text.as_slice(), vocab.len()).ok_or_else(|| {
			OpenError::Corrupt("text.bin has a token that is not in vocab.txt".into())
		})?;
		let grams = if meta.format < FORMAT {
			Array::Owned(Vec::new())
		} else {
			let grams = Array::map(&dir.join("grams.bin"))?;
			if grams.as_slice().len() != grams::words_for(meta.tokens) {
				return Err(OpenError::Corrupt("grams.bin is not the size of its filter".into()));
			}
			grams
		};
		let ascending = ascending(&starts);
		let index = Self { vocab, text, sa, starts, first, grams, ascending };
		if index.tokens() != meta.tokens
			|| index.contributions() != meta.contributions
			|| index.first.last().map(|&n| u64::from(n)) != Some(meta.tokens)
		{
			return Err(OpenError::Corrupt("the files disagree with meta.json".into()));
		}
		index.prefetch();
		Ok(index)
	}

	fn ids(&self, output: &[String]) -> Vec<i32> {
		output.iter().map(|token| self.vocab.get(token).copied().unwrap_or(UNKNOWN)).collect()
	}

	/// The ids of `output` as far as matches of at least [`grams::GRAM`] tokens can reach, and
	/// which positions may start one (`None`: the index has no filter; every id is looked up).
	///
	/// A position starts such a match only if its next GRAM tokens are in the filter. A token
	/// that no such run covers is in no such match (the run that ends at it is not in the
	/// version), so it stays [`UNKNOWN`] without being looked up: it ends a match just where
	/// its id would have.
	fn filtered_ids(&self, output: &[String]) -> (Vec<i32>, Option<Vec<bool>>) {
		let filter = self.grams.as_slice();
		if filter.is_empty() {
			return (self.ids(output), None);
		}
		let keys: Vec<u64> = output.iter().map(|token| grams::token_hash(token)).collect();
		let mut starts = vec![false; output.len()];
		for (at, run) in keys.windows(grams::GRAM).enumerate() {
			if let Some(start) = starts.get_mut(at) {
				*start = grams::may_contain(filter, grams::hash(run));
			}
		}
		let mut ids = vec![UNKNOWN; output.len()];
		// How many more tokens the last run that may start a match covers.
		let mut covered = 0usize;
		for (at, (id, token)) in ids.iter_mut().zip(output).enumerate() {
			if starts.get(at).copied().unwrap_or(false) {
				covered = grams::GRAM;
			}
			if covered > 0 {
				*id = self.vocab.get(token).copied().unwrap_or(UNKNOWN);
				covered -= 1;
			}
		}
		(ids, Some(starts))
	}

	/// The symbol `depth` tokens into the suffix at `sa[j]`; `None` past the stream's end.
	fn symbol(&self, j: usize, depth: usize) -> Option<i32> {
		let start = *self.sa.as_slice().get(j)? as usize;
		self.text.as_slice().get(start + depth).copied()
	}

	/// Narrows `[lo, hi)`, whose suffixes share their first `depth` tokens, to those whose next
	/// token is `symbol`.
	fn narrow(&self, lo: usize, hi: usize, depth: usize, symbol: i32) -> (usize, usize) {
		// Past the end sorts first, like the empty suffix.
		let key = |j: usize| self.symbol(j, depth).unwrap_or(i32::MIN);
		let first = partition(lo, hi, |j| key(j) < symbol);
		let last = partition(first, hi, |j| key(j) <= symbol);
		(first, last)
	}

	/// The length of the longest match of `ids[start..]`.
	fn longest(&self, ids: &[i32], start: usize) -> usize {
		match ids.get(start).and_then(|&symbol| self.first_interval(symbol)) {
			Some((lo, hi)) if lo < hi => self.extend(ids, start, 1, (lo, hi)),
			_ => 0,
		}
	}

	/// The length of the longest match of `ids[start..]`, knowing that its first `known`
	/// tokens occur (a suffix of the previous position's match). Mostly the match ends where
	/// the previous one did: one binary search for the known tokens and the next one tells,
	/// comparing whole sequences a probe, so that a span's every position costs a logarithm,
	/// not its length times one. Otherwise the match is narrowed on from their interval.
	fn longest_after(&self, ids: &[i32], start: usize, known: usize) -> usize {
		let Some(pattern) = ids.get(start..start.saturating_add(known)) else {
			return self.longest(ids, start);
		};
		if known < 2 || pattern.contains(&UNKNOWN) {
			return self.longest(ids, start);
		}
		match ids.get(start + known) {
			// The answer ends, or its next token is not in the version: the match ends here.
			None | Some(&UNKNOWN) => return known,
			Some(_) if !self.occurs(ids.get(start..=start + known).unwrap_or_default()) => {
				return known
			},
			Some(_) => {},
		}
		let (lo, hi) = self.interval_of(pattern);
		if lo == hi {
			// Not a suffix of a match after all (never, for `known` from the previous match).
			return self.longest(ids, start);
		}
		self.extend(ids, start, known, (lo, hi))
	}

	/// Narrows `(lo, hi)`, the interval of `ids[start..start + depth]`, one token at a time
	/// while it stays non-empty: the length of the match.
	fn extend(
		&self,
		ids: &[i32],
		start: usize,
		mut depth: usize,
		(mut lo, mut hi): (usize, usize),
	) -> usize {
		for &symbol in ids.iter().skip(start + depth) {
			if symbol == UNKNOWN {
				break;
			}
			let (next_lo, next_hi) = self.narrow(lo, hi, depth, symbol);
			if next_lo == next_hi {
				break;
			}
			(lo, hi) = (next_lo, next_hi);
			depth += 1;
		}
		depth
	}

	/// The interval of the suffixes that start with token `symbol`, from the table (`None`
	/// for the separator, an unknown token, or one past the vocabulary).
	fn first_interval(&self, symbol: i32) -> Option<(usize, usize)> {
		let s = usize::try_from(symbol).ok()?;
		Some((*self.first.get(s.checked_sub(1)?)? as usize, *self.first.get(s)? as usize))
	}

	/// The interval of the suffixes that start with `pattern`'s first token (from the table)
	/// and how the suffix at `sa[j]` compares with `pattern` on the tokens after it (past the
	/// end sorts first, as in `narrow`). `None` if no suffix starts with the first token.
	fn comparison<'a>(
		&'a self,
		pattern: &'a [i32],
	) -> Option<((usize, usize), impl Fn(usize) -> Ordering + 'a)> {
		let (&head, rest) = pattern.split_first()?;
		let (lo, hi) = self.first_interval(head)?;
		let (sa, text) = (self.sa.as_slice(), self.text.as_slice());
		let compare = move |j: usize| {
			let at = sa.get(j).map_or(usize::MAX, |&p| p as usize);
			for (d, &want) in rest.iter().enumerate() {
				let have =
					at.checked_add(d + 1).and_then(|p| text.get(p)).copied().unwrap_or(i32::MIN);
				match have.cmp(&want) {
					Ordering::Equal => {},
					other => return other,
				}
			}
			Ordering::Equal
		};
		Some(((lo, hi), compare))
	}

	/// The interval of the suffixes that start with `pattern` (tokens only, at least one):
	/// the first token's from the table, then two binary searches comparing the rest.
	fn interval_of(&self, pattern: &[i32]) -> (usize, usize) {
		let Some(((lo, hi), compare)) = self.comparison(pattern) else { return (0, 0) };
		let first = partition(lo, hi, |j| compare(j) == Ordering::Less);
		let last = partition(first, hi, |j| compare(j) != Ordering::Greater);
		(first, last)
	}

	/// Whether `pattern` (tokens only, at least one) occurs: one binary search.
	fn occurs(&self, pattern: &[i32]) -> bool {
		let Some(((lo, hi), compare)) = self.comparison(pattern) else { return false };
		let first = partition(lo, hi, |j| compare(j) == Ordering::Less);
		first < hi && compare(first) == Ordering::Equal
	}

	/// The source of the span of ids `span`: its occurrence in the contribution with the
	/// smallest id, then at the smallest offset (`None` if it does not occur, or is empty).
	fn source(&self, span: &[i32]) -> Option<Source> {
		if span.is_empty() || span.contains(&UNKNOWN) {
			return None;
		}
		let (lo, hi) = self.interval_of(span);
		let occurrences = self.sa.as_slice().get(lo..hi)?;
		if self.ascending {
			// Contributions in id order: the first occurrence in the stream is the smallest.
			occurrences.iter().min().and_then(|&p| self.locate(p as u64))
		} else {
			occurrences.iter().filter_map(|&p| self.locate(p as u64)).min()
		}
	}

	/// The contribution and offset of a stream position.
	fn locate(&self, position: u64) -> Option<Source> {
		let after = self.starts.partition_point(|(start, _)| *start <= position);
		let (start, contribution) = *self.starts.get(after.checked_sub(1)?)?;
		Some(Source { contribution, offset: position - start })
	}
}

impl SpanIndex for VersionIndex {
	fn match_lengths(&self, output: &[String], min_span: usize) -> Vec<u32> {
		// With a filter, and spans of at least GRAM tokens, a position whose next GRAM tokens
		// the version certainly lacks matches fewer than `min_span`: 0 is as good as its length.
		let (ids, starts) = if min_span >= grams::GRAM {
			self.filtered_ids(output)
		} else {
			(self.ids(output), None)
		};
		// A match from position i holds one from i + 1 one token shorter: each search starts
		// from what the previous one found.
		let mut previous = 0usize;
		let mut lengths = Vec::with_capacity(ids.len());
		for i in 0..ids.len() {
			let known = previous.saturating_sub(1);
			let skip = known < grams::GRAM
				&& starts.as_ref().is_some_and(|starts| !starts.get(i).copied().unwrap_or(false));
			let found = if skip { 0 } else { self.longest_after(&ids, i, known) };
			lengths.push(found as u32);
			previous = found;
		}
		lengths
	}

	fn sources(&self, output: &[String], spans: &[(usize, usize)]) -> Vec<Option<Source>> {
		let filter = self.grams.as_slice();
		// An answer may repeat a span: its occurrences are scanned once.
		let mut known: HashMap<Vec<i32>, Option<Source>> = HashMap::new();
		spans
			.iter()
			.map(|&(start, length)| {
				let span = output.get(start..start.checked_add(length)?)?;
				// A version that lacks one of the span's runs of GRAM tokens lacks the span: a
				// few runs (one every GRAM tokens, and the last) rule out most versions that do,
				// before any token is looked up.
				if !filter.is_empty() {
					let keys: Vec<u64> = span.iter().map(|t| grams::token_hash(t)).collect();
					let last = keys.len().checked_sub(grams::GRAM).and_then(|at| keys.get(at..));
					let mut runs = keys.windows(grams::GRAM).step_by(grams::GRAM).chain(last);
					if runs.any(|run| !grams::may_contain(filter, grams::hash(run))) {
						return None;
					}
				}
				let ids = self.ids(span);
				if let Some(&found) = known.get(&ids) {
					return found;
				}
				let found = self.source(&ids);
				known.insert(ids, found);
				found
			})
			.collect()
	}
}

/// The interval table of [`VersionIndex::first`]: how many token positions of `text` hold a
/// token `<= s`, for every `s` in `0..=vocabulary` (separators, 0, not counted). The suffixes
/// that start with a token are sorted by it first, so token `s`'s are the ones between the
/// counts of `s - 1` and `s`. `None` if `text` has a symbol outside `0..=vocabulary`.
fn first_intervals(text: &[i32], vocabulary: usize) -> Option<Vec<u32>> {
	let mut counts = vec![0u32; vocabulary + 1];
	for &symbol in text {
		let count = usize::try_from(symbol).ok().and_then(|s| counts.get_mut(s))?;
		*count = count.saturating_add(1);
	}
	if let Some(separators) = counts.first_mut() {
		*separators = 0;
	}
	let mut total = 0u32;
	for count in &mut counts {
		total = total.saturating_add(*count);
		*count = total;
	}
	Some(counts)
}

/// Whether the contributions of `starts` have increasing ids.
fn ascending(starts: &[(u64, ContributionId)]) -> bool {
	starts.windows(2).all(|pair| matches!(pair, [(_, a), (_, b)] if a < b))
}

/// The first `j` in `[lo, hi)` for which `before(j)` is false (`before` holds on a prefix).
fn partition(mut lo: usize, mut hi: usize, before: impl Fn(usize) -> bool) -> usize {
	while lo < hi {
		let mid = lo + (hi - lo) / 2;
		if before(mid) {
			lo = mid + 1;
		} else {
			hi = mid;
		}
	}
	lo
}

/// The suffix array of `text` (symbols in `[0, alphabet)`), keeping only the suffixes that start
/// with a token (not with a separator).
fn suffix_array(text: &mut [i32], alphabet: usize) -> Result<Vec<i32>, BuildError> {
	if text.is_empty() {
		return Ok(Vec::new());
	}
	let construction =
		libsais::SuffixArrayConstruction::for_text_mut(text).in_owned_buffer32().single_threaded();
	// SAFETY (of the alphabet bound): every symbol is a vocabulary id in `1..=vocab.len()` or
	// the separator 0, so all are in `[0, alphabet)`.
	#[allow(unsafe_code)]
	let construction = unsafe {
		construction.with_alphabet_size(libsais::suffix_array::AlphabetSize::new(alphabet as i32))
	};
	let result = construction.run().map_err(|e| BuildError::SuffixArray(format!("{e:?}")))?;
	let all = result.into_vec();
	let mut sa = Vec::with_capacity(all.len());
	sa.extend(all.into_iter().filter(|&p| text.get(p as usize).is_some_and(|&s| s != SEPARATOR)));
	Ok(sa)
}

/// Writes `values` as their little-endian bytes (what [`Array::map`] reads back), synced.
fn write_array<T: bytemuck::Pod>(path: &Path, values: &[T]) -> io::Result<()> {
	let mut file = BufWriter::new(fs::File::create(path)?);
	file.write_all(bytemuck::cast_slice(values))?;
	file.into_inner().map_err(|e| e.into_error())?.sync_all()
}

fn u64_le(bytes: &[u8]) -> u64 {
	let mut buf = [0u8; 8];
	buf.copy_from_slice(bytes);
	u64::from_le_bytes(buf)
}

fn staging_dir(dir: &Path) -> PathBuf {
	let mut name = dir.file_name().map(|n| n.to_os_string()).unwrap_or_default();
	name.push(".staging");
	dir.with_file_name(name)
}
