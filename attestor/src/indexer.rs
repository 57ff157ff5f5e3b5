//! The indexer: follows finalized blocks, keeps what this attestor serves up to date
//! ([`Served`]), and indexes the dataset versions its served models' answers are attributed over
//! (their training sets and their lineage's, as `targets` reads them) and no other.
//!
//! For a wanted version it pages through the dataset's contributions in the order its root
//! chains them (`datasets_acceptedContributions`), recomputing the root as the chain does
//! (`root' = blake2_256(root ++ content_hash)`) until it equals the version's; that prefix is the
//! version's content. It reads each contribution's bytes from the content store, and builds the
//! version's suffix-array index only when every one is there (a missing item is reported by
//! hash, never guessed); it tries again after 2 s, then 4, 8, … at most 5 minutes apart, and at
//! once when new content lands in the store. `/v1/status` shows each waiting version, why it
//! waits, its attempts and when it is tried next.
//!
//! Its place in the chain is kept on disk (`indexer.json` in the base path, with the models
//! that named this attestor): after a restart, or the node going away and coming back, it goes
//! on from the block after the last one it processed, and an index already on disk is never
//! built again.

use std::{
	collections::{hash_map::Entry, BTreeMap, BTreeSet, HashMap},
	path::{Path, PathBuf},
	sync::{
		atomic::{AtomicBool, AtomicU64, Ordering},
		Arc, Mutex,
	},
	time::Duration,
};

use openledger_span_match::{blake2_256, hex, text_of, Segmented, VersionIndex};
use serde::{Deserialize, Serialize};

use crate::{
	attribution::{targets, AttributeError},
	chain::{ChainEvent, Node},
	served::Served,
	store::{parse_hash, ContentStore, Hash},
};

/// A dataset version: (dataset, version).
pub type VersionKey = (u64, u32);

/// What the indexer keeps on disk between runs.
#[derive(Default, Deserialize, Serialize)]
struct Progress {
	/// The last finalized block whose events were processed.
	last_block: Option<u32>,
	/// The models that name this attestor among their attestors, as of `last_block`.
	#[serde(default)]
	named: BTreeSet<u64>,
}

/// The state of one dataset version, as `/v1/status` and "not ready" answers report it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase", rename_all_fields = "camelCase", tag = "state")]
pub enum VersionState {
	/// Indexed: attribution over it is possible.
	Indexed {
		/// Its tokens.
		tokens: u64,
		/// Its contributions.
		contributions: u64,
	},
	/// Wanted by a served model, not indexed yet.
	Pending {
		/// Why not yet.
		reason: String,
		/// How many times indexing it failed.
		attempts: u32,
		/// When it is tried next (or as soon as new content lands).
		retry_in_seconds: u64,
	},
}

/// A version's index: its segments, queried as one.
pub type VersionSegments = Segmented<Arc<VersionIndex>>;

/// Its tokens and contributions.
pub fn size_of(index: &VersionSegments) -> (u64, u64) {
	index.segments().iter().fold((0, 0), |(tokens, contributions), segment| {
		(tokens + segment.tokens(), contributions + segment.contributions())
	})
}

/// What `<dataset>/<version>.json` says: the version's segments, as ranges `[from, to)` of
/// positions in the dataset's accepted order.
#[derive(Default, Deserialize, Serialize)]
struct Manifest {
	segments: Vec<(u64, u64)>,
}

/// The indexes on disk and in memory, and what the indexer knows of each version.
///
/// On disk, under the indexes directory: `<dataset>/segments/<from>-<to>/`, a suffix array
/// over the contributions at positions `from..to` of the dataset's accepted order (shared by
/// every version that holds them), and `<dataset>/<version>.json`, the version's segments. A
/// version indexed before segments existed (`<dataset>/<version>/`) is opened as one segment.
pub struct Indexes {
	dir: PathBuf,
	/// The most content bytes one new segment is built from (at least one contribution).
	segment_bytes: u64,
	open: Mutex<HashMap<VersionKey, Arc<VersionSegments>>>,
	segments: Mutex<HashMap<(u64, u64, u64), Arc<VersionIndex>>>,
	states: Mutex<BTreeMap<VersionKey, VersionState>>,
	/// Up to how many bytes of segments are locked in memory as they are opened
	/// (`--lock-indexes BYTES`; 0: none).
	lock_budget: u64,
	/// The bytes of the segments locked so far: a segment, once opened, stays open (and so
	/// locked) for the life of the process.
	locked: AtomicU64,
	/// Whether a segment could not be locked already (said once in the log, not once a
	/// segment).
	lock_failed: AtomicBool,
}

impl Indexes {
	/// The indexes under `dir`, with the state of every version indexed there before; new
	/// segments are built from at most `segment_bytes` of content each. Segments are locked in
	/// memory when opened ([`VersionIndex::lock_in_memory`]; the ones there before are read
	/// now) while the locked ones take at most `lock_budget` bytes in all (0: none is).
	pub fn new(dir: &Path, segment_bytes: u64, lock_budget: u64) -> Self {
		let indexes = Self {
			dir: dir.to_path_buf(),
			segment_bytes: segment_bytes.max(1),
			open: Mutex::default(),
			segments: Mutex::default(),
			states: Mutex::default(),
			lock_budget,
			locked: AtomicU64::new(0),
			lock_failed: AtomicBool::new(false),
		};
		for (dataset, path) in entries(dir) {
			let Ok(dataset) = dataset.parse::<u64>() else { continue };
			for (name, _) in entries(&path) {
				let Ok(version) = name.trim_end_matches(".json").parse::<u32>() else { continue };
				if let Some(index) = indexes.get((dataset, version)) {
					let (tokens, contributions) = size_of(&index);
					let state = VersionState::Indexed { tokens, contributions };
					indexes.set_state((dataset, version), state);
				}
			}
		}
		indexes
	}

	fn manifest_path(&self, (dataset, version): VersionKey) -> PathBuf {
		self.dir.join(dataset.to_string()).join(format!("{version}.json"))
	}

	fn segment_path(&self, dataset: u64, (from, to): (u64, u64)) -> PathBuf {
		self.dir.join(dataset.to_string()).join("segments").join(format!("{from}-{to}"))
	}

	fn manifest(&self, key: VersionKey) -> Option<Manifest> {
		serde_json::from_slice(&std::fs::read(self.manifest_path(key)).ok()?).ok()
	}

	/// A segment, opened once, then shared. Opening reads the segment (and reads its files
	/// ahead) outside the lock, so that answers over other versions do not wait for it.
	fn segment(&self, dataset: u64, range: (u64, u64)) -> Option<Arc<VersionIndex>> {
		let key = (dataset, range.0, range.1);
		if let Some(segment) = self.segments.lock().ok()?.get(&key) {
			return Some(segment.clone());
		}
		let path = self.segment_path(dataset, range);
		let opened = Arc::new(VersionIndex::open(&path).ok()?);
		// Another caller may have opened it meanwhile: one of the two is kept, and locked.
		let (segment, ours) = match self.segments.lock().ok()?.entry(key) {
			Entry::Occupied(kept) => (kept.get().clone(), false),
			Entry::Vacant(entry) => (entry.insert(opened).clone(), true),
		};
		if ours && self.lock_budget > 0 {
			self.lock_in_memory(&segment, &path);
		}
		Some(segment)
	}

	/// Locks a segment in memory if the budget has room for it, or says in the log (once) why
	/// not: answers over it are served all the same, from the page cache.
	fn lock_in_memory(&self, segment: &VersionIndex, path: &Path) {
		let bytes = segment.mapped_bytes();
		// The bytes are taken from the budget before locking: two segments opened at once
		// cannot both take its last room.
		let taken = self.locked.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |locked| {
			locked.checked_add(bytes).filter(|&total| total <= self.lock_budget)
		});
		let why = match taken {
			Err(locked) => format!(
				"--lock-indexes allows {} bytes in all and {locked} are locked already",
				self.lock_budget
			),
			Ok(_) => match segment.lock_in_memory() {
				Ok(()) => return,
				Err(error) => {
					self.locked.fetch_sub(bytes, Ordering::Relaxed);
					format!(
						"{error} (the locked-memory limit, `ulimit -l` or systemd's \
						 LimitMEMLOCK, must be above --lock-indexes)"
					)
				},
			},
		};
		if !self.lock_failed.swap(true, Ordering::Relaxed) {
			tracing::warn!(
				"cannot lock the index segment {} ({bytes} bytes) in memory: {why}. It is served \
				 from the page cache, where answers may wait for the disk (said once, not for \
				 each segment)",
				path.display()
			);
		}
	}

	/// The bytes of index segments locked in memory.
	pub fn locked_bytes(&self) -> u64 {
		self.locked.load(Ordering::Relaxed)
	}

	/// The index of a version if it is open already: what answers use, so that no request
	/// ever reads (or locks) a segment from disk itself. Every version indexed is opened when
	/// the indexes are ([`Self::new`]) or when it is published, before it is said indexed.
	pub fn get_open(&self, key: VersionKey) -> Option<Arc<VersionSegments>> {
		self.open.lock().ok()?.get(&key).cloned()
	}

	/// The index of a version, if it was built (opened once, then shared; opened outside the
	/// lock, as [`Self::segment`]).
	pub fn get(&self, key: VersionKey) -> Option<Arc<VersionSegments>> {
		if let Some(index) = self.open.lock().ok()?.get(&key) {
			return Some(index.clone());
		}
		let segments = match self.manifest(key) {
			Some(manifest) => manifest
				.segments
				.iter()
				.map(|range| self.segment(key.0, *range))
				.collect::<Option<Vec<_>>>()?,
			// Before segments: the version's one index.
			None => {
				let legacy = self.dir.join(key.0.to_string()).join(key.1.to_string());
				vec![Arc::new(VersionIndex::open(&legacy).ok()?)]
			},
		};
		let index = Arc::new(Segmented::new(segments));
		Some(self.open.lock().ok()?.entry(key).or_insert(index).clone())
	}

	/// The segments of the indexed version of `dataset` that holds the most of its first
	/// `positions` contributions and no more: what a version of `positions` contributions
	/// reuses.
	fn prefix(&self, dataset: u64, positions: u64) -> Vec<(u64, u64)> {
		entries(&self.dir.join(dataset.to_string()))
			.into_iter()
			.filter_map(|(name, _)| name.strip_suffix(".json")?.parse::<u32>().ok())
			.filter_map(|version| self.manifest((dataset, version)))
			.map(|manifest| manifest.segments)
			.filter(|segments| {
				// Contiguous from 0, within the version, and on disk.
				let mut next = 0;
				segments.iter().all(|&(from, to)| {
					let ok = from == next && to > from && to <= positions;
					next = to;
					ok
				}) && segments.iter().all(|range| self.segment(dataset, *range).is_some())
			})
			.max_by_key(|segments| segments.last().map_or(0, |&(_, to)| to))
			.unwrap_or_default()
	}

	/// What is known of a version.
	pub fn state(&self, key: VersionKey) -> Option<VersionState> {
		self.states.lock().ok()?.get(&key).cloned()
	}

	/// Every version the indexer has seen, with its state.
	pub fn states(&self) -> BTreeMap<VersionKey, VersionState> {
		self.states.lock().map(|s| s.clone()).unwrap_or_default()
	}

	fn set_state(&self, key: VersionKey, state: VersionState) {
		if let Ok(mut states) = self.states.lock() {
			states.insert(key, state);
		}
	}

	/// Forgets the state of the versions `keep` says no.
	fn keep_states(&self, keep: impl Fn(&VersionKey) -> bool) {
		if let Ok(mut states) = self.states.lock() {
			states.retain(|key, _| keep(key));
		}
	}

	/// Builds and saves the segment of `dataset` over positions `range`, from its
	/// contributions' content in order.
	fn build_segment(
		&self,
		dataset: u64,
		range: (u64, u64),
		contents: &[(u64, Vec<u8>)],
	) -> Result<(), String> {
		let texts: Vec<(u64, std::borrow::Cow<'_, str>)> =
			contents.iter().map(|(id, bytes)| (*id, text_of(bytes))).collect();
		let index = VersionIndex::build(texts.iter().map(|(id, text)| (*id, text.as_ref())))
			.map_err(|e| e.to_string())?;
		index.save(&self.segment_path(dataset, range)).map_err(|e| e.to_string())
	}

	/// Writes a version's manifest, and opens it.
	fn publish(
		&self,
		key: VersionKey,
		segments: Vec<(u64, u64)>,
	) -> Result<Arc<VersionSegments>, String> {
		let path = self.manifest_path(key);
		let temp = path.with_extension("json.tmp");
		let bytes = serde_json::to_vec(&Manifest { segments }).map_err(|e| e.to_string())?;
		std::fs::write(&temp, bytes)
			.and_then(|()| std::fs::rename(&temp, &path))
			.map_err(|e| format!("cannot write {}: {e}", path.display()))?;
		self.get(key).ok_or_else(|| format!("cannot open the index of {key:?} just written"))
	}
}

/// The entries of a directory: (name, path).
fn entries(path: &Path) -> Vec<(String, PathBuf)> {
	std::fs::read_dir(path)
		.map(|entries| {
			entries
				.flatten()
				.map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
				.collect()
		})
		.unwrap_or_default()
}

/// Why a version could not be indexed (yet).
#[derive(Debug)]
pub enum IndexError {
	/// Some contributions' content is not in the store: their hashes.
	Missing(Vec<Hash>),
	/// The contributions never chain to the version's root.
	RootMismatch,
	/// The index could not be built or saved (too large, the disk): that version waits, the
	/// others go on.
	Build(String),
	/// The node failed: the indexer reconnects.
	Other(String),
}

impl std::fmt::Display for IndexError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::Missing(hashes) => {
				let list: Vec<String> = hashes.iter().take(5).map(|h| hex(h)).collect();
				write!(
					f,
					"the content of {} contribution(s) is not in the store: {}",
					hashes.len(),
					list.join(", ")
				)?;
				if hashes.len() > 5 {
					write!(f, ", …")?;
				}
				Ok(())
			},
			Self::RootMismatch => {
				write!(f, "the dataset's contributions never chain to the version's root")
			},
			Self::Build(error) => write!(f, "the index could not be built: {error}"),
			Self::Other(error) => f.write_str(error),
		}
	}
}

/// The ordered contributions of a version: those whose content hashes chain, from the zero
/// root, to `root` (at block `at`).
pub async fn version_contents(
	node: &Node,
	dataset: u64,
	root: Hash,
	at: Option<&str>,
) -> Result<Vec<(u64, Hash)>, IndexError> {
	let mut running = [0u8; 32];
	let mut out = Vec::new();
	if running == root {
		return Ok(out);
	}
	let mut start = 0u64;
	loop {
		let page = node
			.accepted(dataset, start, at)
			.await
			.map_err(|e| IndexError::Other(e.to_string()))?;
		for item in &page.items {
			if u64::from(item.position) != out.len() as u64 {
				return Err(IndexError::Other(format!(
					"the node skipped from position {} to {}",
					out.len(),
					item.position
				)));
			}
			let hash = parse_hash(&item.content_hash).ok_or_else(|| {
				IndexError::Other(format!("a malformed content hash {}", item.content_hash))
			})?;
			let mut preimage = [0u8; 64];
			preimage[..32].copy_from_slice(&running);
			preimage[32..].copy_from_slice(&hash);
			running = blake2_256(&preimage);
			out.push((item.contribution, hash));
			if running == root {
				return Ok(out);
			}
		}
		match page.next {
			Some(next) if !page.items.is_empty() => start = next,
			_ => return Err(IndexError::RootMismatch),
		}
	}
}

/// Indexes one version from the content store, unless it is on disk already: the segments of
/// the largest version of the same dataset already indexed are reused, and what is new is
/// built into segments of at most the configured content bytes each (read one segment at a
/// time, so memory follows the segment's size, not the version's).
pub async fn index_version(
	node: &Node,
	store: &ContentStore,
	indexes: &Indexes,
	key: VersionKey,
	root: Hash,
) -> Result<Arc<VersionSegments>, IndexError> {
	if let Some(index) = indexes.get(key) {
		return Ok(index);
	}
	let order = version_contents(node, key.0, root, None).await?;
	// Whether everything is there first, without reading it: a version that waits for content
	// costs a look at each file, not a read of the whole version.
	let mut sizes = Vec::with_capacity(order.len());
	let mut missing = Vec::new();
	for (_, hash) in &order {
		match store.size(hash).await {
			Some(size) => sizes.push(size),
			None => missing.push(*hash),
		}
	}
	if !missing.is_empty() {
		return Err(IndexError::Missing(missing));
	}
	let started = std::time::Instant::now();
	let positions = order.len() as u64;
	let mut segments = indexes.prefix(key.0, positions);
	let reused = segments.len();
	let mut from = segments.last().map_or(0, |&(_, to)| to);
	while from < positions {
		// At least one contribution, then as many as fit the budget.
		let mut to = from + 1;
		let mut bytes = sizes.get(from as usize).copied().unwrap_or(0);
		while let Some(&size) = sizes.get(to as usize) {
			if bytes.saturating_add(size) > indexes.segment_bytes {
				break;
			}
			bytes = bytes.saturating_add(size);
			to += 1;
		}
		let mut contents = Vec::new();
		for (contribution, hash) in order.get(from as usize..to as usize).unwrap_or_default() {
			match store.read_once(hash).await.map_err(|e| IndexError::Build(e.to_string()))? {
				Some(bytes) => contents.push((*contribution, bytes)),
				None => return Err(IndexError::Missing(vec![*hash])),
			}
		}
		tokio::task::block_in_place(|| indexes.build_segment(key.0, (from, to), &contents))
			.map_err(IndexError::Build)?;
		segments.push((from, to));
		from = to;
	}
	let built = segments.len() - reused;
	// Opening the new segments may lock them in memory (`--lock-indexes`): reading them.
	let index = tokio::task::block_in_place(|| indexes.publish(key, segments))
		.map_err(IndexError::Build)?;
	// The build read the content (let go of as it went) and wrote segments: the version's
	// older segments may have left the page cache meanwhile.
	for segment in index.segments() {
		segment.prefetch();
	}
	let (tokens, contributions) = size_of(&index);
	tracing::info!(
		"indexed dataset {} version {}: {contributions} contributions, {tokens} tokens; {built} \
		 new segment(s), {reused} reused, in {:.1} s",
		key.0,
		key.1,
		started.elapsed().as_secs_f64()
	);
	Ok(index)
}

/// How long to wait before trying a version again after its `attempts`-th failure: 2 s,
/// doubling, at most 5 minutes. A version also is tried again as soon as new content lands.
pub fn backoff(attempts: u32) -> Duration {
	Duration::from_secs(2u64.saturating_mul(1 << attempts.saturating_sub(1).min(8)).min(300))
}

/// A wanted version not indexed yet.
struct Waiting {
	root: Hash,
	attempts: u32,
	next: tokio::time::Instant,
	/// The store's `landed` count at the last attempt.
	landed: u64,
}

/// Follows finalized blocks for ever: keeps what is served up to date, indexes the versions
/// the served models need, retries what waits for content (backing off), and reconnects when
/// the node goes away.
pub async fn run(config: IndexerConfig, store: Arc<ContentStore>, indexes: Arc<Indexes>) {
	let mut progress: Progress = std::fs::read(&config.state_file)
		.ok()
		.and_then(|bytes| serde_json::from_slice(&bytes).ok())
		.unwrap_or_default();
	loop {
		let node = match Node::connect(&config.node_url).await {
			Ok(node) => node,
			Err(error) => {
				tracing::warn!("indexer: {error}; trying again in 2 s");
				tokio::time::sleep(Duration::from_secs(2)).await;
				continue;
			},
		};
		tracing::info!("indexer: following finalized blocks of {}", config.node_url);
		if let Err(error) = follow(&config, &node, &store, &indexes, &mut progress).await {
			tracing::warn!("indexer: {error}; reconnecting in 2 s");
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	}
}

/// How the indexer runs.
pub struct IndexerConfig {
	/// The node's URL.
	pub node_url: String,
	/// Where its progress is kept.
	pub state_file: PathBuf,
	/// This attestor's account (models that name it are served), if it has a key.
	pub account: Option<[u8; 32]>,
	/// What is served.
	pub served: Arc<Served>,
}

fn save(state_file: &Path, progress: &Progress) -> std::io::Result<()> {
	let temp = state_file.with_extension("json.tmp");
	std::fs::write(&temp, serde_json::to_vec_pretty(progress).unwrap_or_default())?;
	std::fs::rename(temp, state_file)
}

/// What the served models need.
struct Wanted {
	/// The served datanets.
	datasets: BTreeSet<u64>,
	/// The versions their answers are attributed over, with their roots.
	versions: BTreeMap<VersionKey, Hash>,
	/// The served models and their ancestors: a new version of one of them changes what is
	/// wanted.
	relevant_models: BTreeSet<u64>,
}

/// The versions the served models' answers are attributed over (the last 100 versions of each),
/// and the datanets served.
async fn wanted(node: &Node, served: &Served, named: &BTreeSet<u64>) -> Result<Wanted, String> {
	let models: BTreeSet<u64> = served.configured_models().iter().chain(named).copied().collect();
	let mut versions = BTreeMap::new();
	let mut relevant_models = models.clone();
	for &model in &models {
		let Some(info) = node.model(model, None).await.map_err(|e| e.to_string())? else {
			continue;
		};
		let lineage = node.lineage(model, None).await.map_err(|e| e.to_string())?;
		relevant_models.extend(lineage.into_iter().flat_map(|l| l.ancestors).map(|a| a.model));
		for version in info.versions {
			match targets(node, model, version.version, None).await {
				Ok(found) => versions.extend(found),
				Err(AttributeError::Node(error)) => return Err(error.to_string()),
				Err(error) => {
					tracing::warn!("model {model} version {}: {error}", version.version)
				},
			}
		}
	}
	let datasets: BTreeSet<u64> = served
		.configured_datasets()
		.iter()
		.copied()
		.chain(versions.keys().map(|(dataset, _)| *dataset))
		.collect();
	served.set(models, datasets.clone());
	Ok(Wanted { datasets, versions, relevant_models })
}

/// Moves an accepted contribution's content out of the store's pending area (logged if that
/// fails: the next sweep tries again).
async fn promote(store: &ContentStore, hash: &Hash) {
	if let Err(error) = store.promote(hash).await {
		tracing::warn!("cannot keep the accepted content {}: {error}", hex(hash));
	}
}

/// Puts the store's pending area in line with what is admitted, once every served datanet's
/// contributions were read: content of an accepted contribution moves out of it for good, and
/// content no contribution admits any more leaves (withdrawn, rejected or taken down while the attestor was
/// away, or between an upload's admission and its landing).
async fn sweep_pending(store: &ContentStore, served: &Served) {
	let hashes = match store.pending().await {
		Ok(hashes) => hashes,
		Err(error) => {
			tracing::warn!("cannot list the store's pending uploads: {error}");
			return;
		},
	};
	for hash in hashes {
		// Content ever seen accepted stays, admitted or not (an accepted contribution taken
		// down while the attestor was away, say).
		if served.seen_accepted(&hash) {
			promote(store, &hash).await;
		} else if !served.admits(&hash) {
			match store.remove_pending(&hash).await {
				Ok(bytes) if bytes > 0 => tracing::info!(
					"the content {} ({bytes} bytes) is no pending contribution's any more: it \
					 left the store",
					hex(&hash)
				),
				Ok(_) => {},
				Err(error) => tracing::warn!("cannot remove {}: {error}", hex(&hash)),
			}
		}
	}
}

/// Removes from the store's pending area the upload of a pending contribution that left
/// (withdrawn, rejected or taken down).
async fn let_go(store: &ContentStore, contribution: u64, hash: &Hash) {
	match store.remove_pending(hash).await {
		Ok(0) => {},
		Ok(bytes) => tracing::info!(
			"contribution {contribution} withdrawn, rejected or taken down while pending: its \
			 content {} ({bytes} bytes) left the store",
			hex(hash)
		),
		Err(error) => tracing::warn!(
			"cannot remove the content of dropped contribution {contribution}: {error}"
		),
	}
}

/// Notes every pending and accepted contribution of `dataset` (see [`Served`]), and those
/// accepted then taken down (the versions published before still hold them); the content of
/// the accepted ones leaves the store's pending area.
async fn admit_contributions(
	node: &Node,
	store: &ContentStore,
	served: &Served,
	dataset: u64,
) -> Result<(), String> {
	// At the finalized block, like the events the indexer follows.
	let at = node.finalized_hash().await.map_err(|e| e.to_string())?;
	let mut start = None;
	loop {
		let Some(page) =
			node.contributions(dataset, start, Some(&at)).await.map_err(|e| e.to_string())?
		else {
			return Ok(());
		};
		for item in &page.items {
			let Some(hash) = parse_hash(&item.content_hash) else { continue };
			match item.status.as_str() {
				"pending" => served.submitted(dataset, item.id, hash),
				"accepted" | "removed" => {
					served.accepted(dataset, item.id, hash);
					promote(store, &hash).await;
				},
				_ => {},
			}
		}
		match page.next {
			Some(next) if !page.items.is_empty() => start = Some(next),
			_ => return Ok(()),
		}
	}
}

async fn follow(
	config: &IndexerConfig,
	node: &Node,
	store: &ContentStore,
	indexes: &Indexes,
	progress: &mut Progress,
) -> Result<(), String> {
	let served = &config.served;
	let mut waiting: BTreeMap<VersionKey, Waiting> = BTreeMap::new();
	// After a (re)connection, what is served is read afresh.
	let mut dirty = true;
	let mut scanned: BTreeSet<u64> = BTreeSet::new();
	let mut relevant_models: BTreeSet<u64> = BTreeSet::new();
	// Whether every served datanet's contributions were read since this process started: until
	// then, a drop replayed from missed blocks removes no upload.
	let mut synced = false;
	loop {
		let finalized = node.finalized().await.map_err(|e| e.to_string())?;
		let from = progress.last_block.map_or(0, |last| last + 1);
		for number in from..=finalized {
			for event in node.events(number).await.map_err(|e| e.to_string())? {
				match event {
					// Only what concerns served datanets and models makes the indexer look
					// again: publishing elsewhere costs it nothing.
					ChainEvent::VersionPublished { dataset, version, .. } => {
						tracing::debug!("dataset {dataset} published version {version}");
						dirty |= served.serves_dataset(dataset);
					},
					ChainEvent::ContributionSubmitted { contribution, dataset, content_hash } => {
						served.submitted(dataset, contribution, content_hash);
					},
					ChainEvent::ContributionAccepted { contribution } => {
						// Its content, if it was uploaded while pending, stays for good.
						if let Some(hash) = served.accepted_pending(contribution) {
							promote(store, &hash).await;
						}
					},
					// Its upload, unless other contributions hold the same content, leaves the
					// store and its quota; while catching up after a (re)start, what is known of
					// the others is not complete yet: the sweep after the scan settles it.
					ChainEvent::ContributionDropped { contribution } => {
						if let Some(hash) = served.dropped(contribution).filter(|_| synced) {
							let_go(store, contribution, &hash).await;
						}
					},
					// A pending one only: an accepted one's content stays.
					ChainEvent::ContributionRemoved { contribution } => {
						if let Some(hash) = served.removed(contribution).filter(|_| synced) {
							let_go(store, contribution, &hash).await;
						}
					},
					ChainEvent::AttestorsSet { model, attestors } => {
						let names_us =
							config.account.is_some_and(|account| attestors.contains(&account));
						let changed = if names_us {
							progress.named.insert(model)
						} else {
							progress.named.remove(&model)
						};
						dirty |= changed;
					},
					ChainEvent::ModelChanged { model } => dirty |= relevant_models.contains(&model),
					ChainEvent::InferenceRecorded { .. } => {},
				}
			}
			progress.last_block = Some(number);
		}
		save(&config.state_file, progress)
			.map_err(|e| format!("cannot save the indexer's progress: {e}"))?;

		if dirty {
			let Wanted { datasets, versions, relevant_models: relevant } =
				wanted(node, served, &progress.named).await?;
			relevant_models = relevant;
			scanned.retain(|dataset| datasets.contains(dataset));
			for &dataset in &datasets {
				if scanned.insert(dataset) {
					admit_contributions(node, store, served, dataset).await?;
				}
			}
			sweep_pending(store, served).await;
			synced = true;
			waiting.retain(|key, _| versions.contains_key(key));
			let now = tokio::time::Instant::now();
			for (key, root) in versions {
				if let Some(index) = indexes.get(key) {
					indexes.set_state(key, {
						let (tokens, contributions) = size_of(&index);
						VersionState::Indexed { tokens, contributions }
					});
					continue;
				}
				waiting.entry(key).or_insert_with(|| {
					indexes.set_state(
						key,
						VersionState::Pending {
							reason: "waiting to be indexed".into(),
							attempts: 0,
							retry_in_seconds: 0,
						},
					);
					Waiting { root, attempts: 0, next: now, landed: u64::MAX }
				});
			}
			indexes.keep_states(|key| waiting.contains_key(key) || indexes.get(*key).is_some());
			dirty = false;
		}

		let now = tokio::time::Instant::now();
		let landed = store.landed();
		let due: Vec<VersionKey> = waiting
			.iter()
			.filter(|(_, w)| w.next <= now || w.landed != landed)
			.map(|(key, _)| *key)
			.collect();
		for key in due {
			let Some(entry) = waiting.get_mut(&key) else { continue };
			entry.landed = landed;
			match index_version(node, store, indexes, key, entry.root).await {
				Ok(index) => {
					indexes.set_state(key, {
						let (tokens, contributions) = size_of(&index);
						VersionState::Indexed { tokens, contributions }
					});
					waiting.remove(&key);
				},
				Err(IndexError::Other(error)) => return Err(error),
				Err(error) => {
					entry.attempts = entry.attempts.saturating_add(1);
					let wait = backoff(entry.attempts);
					entry.next = tokio::time::Instant::now() + wait;
					let reason = error.to_string();
					let known = matches!(indexes.state(key), Some(VersionState::Pending { reason: ref known, .. }) if *known == reason);
					if !known {
						tracing::warn!(
							"dataset {} version {}: not indexed: {reason}",
							key.0,
							key.1
						);
					}
					indexes.set_state(
						key,
						VersionState::Pending {
							reason,
							attempts: entry.attempts,
							retry_in_seconds: wait.as_secs(),
						},
					);
				},
			}
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_new_version_reuses_the_segments_of_the_last_one_and_indexes_only_what_is_new() {
		use openledger_span_match::{tokenize, NaiveIndex, Source, SpanIndex};
		let dir = tempfile::tempdir().unwrap();
		let indexes = Indexes::new(dir.path(), 1 << 20, 0);
		let rows = [(10, "the river delta"), (11, "barley and lentils"), (12, "tide tables")];
		let contents: Vec<(u64, Vec<u8>)> =
			rows.iter().map(|(id, text)| (*id, text.as_bytes().to_vec())).collect();

		// Version 1: the first two contributions.
		assert!(indexes.prefix(5, 2).is_empty(), "nothing to reuse yet");
		indexes.build_segment(5, (0, 2), &contents[..2]).unwrap();
		indexes.publish((5, 1), vec![(0, 2)]).unwrap();
		// Version 2 adds the third: it reuses version 1's segment.
		assert_eq!(indexes.prefix(5, 3), vec![(0, 2)]);
		assert!(indexes.prefix(5, 1).is_empty(), "a segment past the version is not reused");
		indexes.build_segment(5, (2, 3), &contents[2..]).unwrap();
		let v2 = indexes.publish((5, 2), vec![(0, 2), (2, 3)]).unwrap();
		assert_eq!(size_of(&v2), (8, 3));

		// It answers as one index over all three.
		let whole = NaiveIndex::new(rows.iter().copied());
		let tokens = tokenize("barley and lentils and tide tables");
		assert_eq!(v2.match_lengths(&tokens, 1), whole.match_lengths(&tokens, 1));
		assert_eq!(
			v2.sources(&tokens, &[(4, 2)]),
			vec![Some(Source { contribution: 12, offset: 0 })]
		);

		// Reopened from disk, with the state of both versions.
		let reopened = Indexes::new(dir.path(), 1 << 20, 0);
		assert!(matches!(
			reopened.state((5, 2)),
			Some(VersionState::Indexed { tokens: 8, contributions: 3 })
		));
		assert!(matches!(
			reopened.state((5, 1)),
			Some(VersionState::Indexed { contributions: 2, .. })
		));
		assert_eq!(std::fs::read_dir(dir.path().join("5/segments")).unwrap().count(), 2);
	}

	/// With `--lock-indexes`: the same answers, from pages locked in memory, within the budget.
	/// (Reads the process's locked memory from `/proc`: Linux.)
	#[cfg(target_os = "linux")]
	#[test]
	fn segments_are_locked_in_memory_within_the_budget_and_answer_the_same() {
		use openledger_span_match::{tokenize, NaiveIndex, SpanIndex};
		let dir = tempfile::tempdir().unwrap();
		let rows = [(10, "the river delta"), (11, "barley and lentils"), (12, "tide tables")];
		let built = Indexes::new(dir.path(), 1 << 20, 0);
		for (i, (id, text)) in rows.iter().enumerate() {
			let i = i as u64;
			built.build_segment(5, (i, i + 1), &[(*id, text.as_bytes().to_vec())]).unwrap();
		}
		built.publish((5, 1), vec![(0, 1), (1, 2), (2, 3)]).unwrap();
		let whole = NaiveIndex::new(rows.iter().copied());
		let tokens = tokenize("barley and lentils and tide tables");
		let locked_kb = || {
			let status = std::fs::read_to_string("/proc/self/status").unwrap();
			let line = status.lines().find(|line| line.starts_with("VmLck:")).unwrap().to_owned();
			line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap()
		};
		let before = locked_kb();

		// Budget for everything: every segment is locked (read now, when the indexes open).
		let locked = Indexes::new(dir.path(), 1 << 20, u64::MAX);
		let v1 = locked.get_open((5, 1)).expect("opened with the indexes");
		assert_eq!(v1.match_lengths(&tokens, 1), whole.match_lengths(&tokens, 1));
		assert!(!locked.lock_failed.load(Ordering::Relaxed));
		// Three segments, each with its token stream and suffix array mapped: a page each.
		assert!(locked_kb() >= before + 6 * 4, "locked {} kB, {before} kB before", locked_kb());
		// Each mapped file counted as 64 KiB at least, so never less than is locked.
		assert!(locked.locked_bytes() >= (locked_kb() - before) * 1024);
		assert_eq!(locked.locked_bytes() % (64 * 1024), 0);
		let each = locked.locked_bytes() / 3;
		drop((v1, locked));
		assert_eq!(locked_kb(), before, "unlocked when the indexes are dropped");

		// Budget for two segments: two are locked, the third is served from the page cache
		// with the same answers, and the log told.
		let partly = Indexes::new(dir.path(), 1 << 20, 2 * each);
		let v1 = partly.get_open((5, 1)).unwrap();
		assert_eq!(v1.match_lengths(&tokens, 1), whole.match_lengths(&tokens, 1));
		assert!(partly.lock_failed.load(Ordering::Relaxed));
		assert_eq!(partly.locked_bytes(), 2 * each);
		drop((v1, partly));

		// No budget (the default): nothing locked.
		let unlocked = Indexes::new(dir.path(), 1 << 20, 0);
		assert_eq!((unlocked.locked_bytes(), locked_kb()), (0, before));
		assert!(!unlocked.lock_failed.load(Ordering::Relaxed));
	}

	#[test]
	fn a_version_indexed_before_segments_is_opened_as_one() {
		let dir = tempfile::tempdir().unwrap();
		VersionIndex::build([(1, "old format")]).unwrap().save(&dir.path().join("3/1")).unwrap();
		let indexes = Indexes::new(dir.path(), 1 << 20, 0);
		assert!(matches!(indexes.state((3, 1)), Some(VersionState::Indexed { tokens: 2, .. })));
	}

	#[test]
	fn an_incomplete_version_is_tried_again_less_and_less_often() {
		let waits: Vec<u64> = (1..=11).map(|attempt| backoff(attempt).as_secs()).collect();
		assert_eq!(waits, [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300]);
		assert_eq!(backoff(u32::MAX).as_secs(), 300);
	}
}
