//! The indexer: follows finalized blocks and indexes every dataset version published in them.
//!
//! For a published version it pages through the dataset's contributions in the order its root
//! chains them (`datasets_acceptedContributions`), recomputing the root as the chain does
//! (`root' = blake2_256(root ++ content_hash)`) until it equals the version's; that prefix is the
//! version's content. It reads each contribution's bytes from the content store, and builds the
//! version's suffix-array index only when every one is there (a missing item is reported by
//! hash, never guessed); it tries again on every new finalized block until they are.
//!
//! Its place in the chain is kept on disk (`indexer.json` in the base path): after a restart,
//! or the node going away and coming back, it goes on from the block after the last one it
//! processed, and an index already on disk is never built again.

use std::{
	collections::{BTreeMap, HashMap},
	path::{Path, PathBuf},
	sync::{Arc, Mutex},
	time::Duration,
};

use openledger_span_match::{blake2_256, hex, text_of, VersionIndex};
use serde::{Deserialize, Serialize};

use crate::{
	chain::{ChainEvent, Node},
	store::{parse_hash, ContentStore, Hash},
};

/// A dataset version: (dataset, version).
pub type VersionKey = (u64, u32);

/// What the indexer keeps on disk between runs.
#[derive(Default, Deserialize, Serialize)]
struct Progress {
	/// The last finalized block whose events were processed.
	last_block: Option<u32>,
	/// Published versions not indexed yet, with their roots (hex), as `"dataset/version"`.
	pending: BTreeMap<String, String>,
}

/// The state of one dataset version, as `/v1/status` and "not ready" answers report it.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "state")]
pub enum VersionState {
	/// Indexed: attribution over it is possible.
	Indexed {
		/// Its tokens.
		tokens: u64,
		/// Its contributions.
		contributions: u64,
	},
	/// Published, not indexed yet.
	Pending {
		/// Why not yet.
		reason: String,
	},
}

/// The indexes on disk and in memory, and what the indexer knows of each version.
pub struct Indexes {
	dir: PathBuf,
	open: Mutex<HashMap<VersionKey, Arc<VersionIndex>>>,
	states: Mutex<BTreeMap<VersionKey, VersionState>>,
}

impl Indexes {
	/// The indexes under `dir`, with the state of every version indexed there before.
	pub fn new(dir: &Path) -> Self {
		let indexes =
			Self { dir: dir.to_path_buf(), open: Mutex::default(), states: Mutex::default() };
		let numbers = |path: &Path| -> Vec<(String, PathBuf)> {
			std::fs::read_dir(path)
				.map(|entries| {
					entries
						.flatten()
						.map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
						.collect()
				})
				.unwrap_or_default()
		};
		for (dataset, path) in numbers(dir) {
			for (version, _) in numbers(&path) {
				let (Ok(dataset), Ok(version)) = (dataset.parse(), version.parse()) else {
					continue;
				};
				if let Some(index) = indexes.get((dataset, version)) {
					let state = VersionState::Indexed {
						tokens: index.tokens(),
						contributions: index.contributions(),
					};
					indexes.set_state((dataset, version), state);
				}
			}
		}
		indexes
	}

	fn path(&self, (dataset, version): VersionKey) -> PathBuf {
		self.dir.join(dataset.to_string()).join(version.to_string())
	}

	/// The index of a version, if it was built (opened once, then shared).
	pub fn get(&self, key: VersionKey) -> Option<Arc<VersionIndex>> {
		let mut open = self.open.lock().ok()?;
		if let Some(index) = open.get(&key) {
			return Some(index.clone());
		}
		let index = Arc::new(VersionIndex::open(&self.path(key)).ok()?);
		open.insert(key, index.clone());
		Some(index)
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

	/// Builds and saves the index of `key` from its contributions' content, in order.
	fn build(
		&self,
		key: VersionKey,
		contents: &[(u64, Vec<u8>)],
	) -> Result<Arc<VersionIndex>, String> {
		let texts: Vec<(u64, std::borrow::Cow<'_, str>)> =
			contents.iter().map(|(id, bytes)| (*id, text_of(bytes))).collect();
		let index = VersionIndex::build(texts.iter().map(|(id, text)| (*id, text.as_ref())))
			.map_err(|e| e.to_string())?;
		index.save(&self.path(key)).map_err(|e| e.to_string())?;
		let index = Arc::new(index);
		if let Ok(mut open) = self.open.lock() {
			open.insert(key, index.clone());
		}
		Ok(index)
	}
}

/// Why a version could not be indexed (yet).
#[derive(Debug)]
pub enum IndexError {
	/// Some contributions' content is not in the store: their hashes.
	Missing(Vec<Hash>),
	/// The contributions never chain to the version's root.
	RootMismatch,
	/// Something else (the node, the disk).
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

/// Indexes one version from the content store, unless it is on disk already.
pub async fn index_version(
	node: &Node,
	store: &ContentStore,
	indexes: &Indexes,
	key: VersionKey,
	root: Hash,
) -> Result<Arc<VersionIndex>, IndexError> {
	if let Some(index) = indexes.get(key) {
		return Ok(index);
	}
	let order = version_contents(node, key.0, root, None).await?;
	let mut contents = Vec::with_capacity(order.len());
	let mut missing = Vec::new();
	for (contribution, hash) in order {
		match store.get(&hash).await.map_err(|e| IndexError::Other(e.to_string()))? {
			Some(bytes) => contents.push((contribution, bytes)),
			None => missing.push(hash),
		}
	}
	if !missing.is_empty() {
		return Err(IndexError::Missing(missing));
	}
	let started = std::time::Instant::now();
	let index =
		tokio::task::block_in_place(|| indexes.build(key, &contents)).map_err(IndexError::Other)?;
	tracing::info!(
		"indexed dataset {} version {}: {} contributions, {} tokens, in {:.1} s",
		key.0,
		key.1,
		index.contributions(),
		index.tokens(),
		started.elapsed().as_secs_f64()
	);
	Ok(index)
}

/// Follows finalized blocks for ever: indexes what is published, retries what waits for
/// content, and reconnects when the node goes away.
pub async fn run(
	url: String,
	store: Arc<ContentStore>,
	indexes: Arc<Indexes>,
	state_file: PathBuf,
) {
	let mut progress: Progress = std::fs::read(&state_file)
		.ok()
		.and_then(|bytes| serde_json::from_slice(&bytes).ok())
		.unwrap_or_default();
	for (key, root) in &progress.pending {
		if let Some(key) = parse_key(key) {
			let reason = format!("waiting to be indexed (root {root})");
			indexes.set_state(key, VersionState::Pending { reason });
		}
	}
	loop {
		let node = match Node::connect(&url).await {
			Ok(node) => node,
			Err(error) => {
				tracing::warn!("indexer: {error}; trying again in 2 s");
				tokio::time::sleep(Duration::from_secs(2)).await;
				continue;
			},
		};
		tracing::info!("indexer: following finalized blocks of {url}");
		if let Err(error) = follow(&node, &store, &indexes, &state_file, &mut progress).await {
			tracing::warn!("indexer: {error}; reconnecting in 2 s");
			tokio::time::sleep(Duration::from_secs(2)).await;
		}
	}
}

fn parse_key(text: &str) -> Option<VersionKey> {
	let (dataset, version) = text.split_once('/')?;
	Some((dataset.parse().ok()?, version.parse().ok()?))
}

fn save(state_file: &Path, progress: &Progress) -> std::io::Result<()> {
	let temp = state_file.with_extension("json.tmp");
	std::fs::write(&temp, serde_json::to_vec_pretty(progress).unwrap_or_default())?;
	std::fs::rename(temp, state_file)
}

async fn follow(
	node: &Node,
	store: &ContentStore,
	indexes: &Indexes,
	state_file: &Path,
	progress: &mut Progress,
) -> Result<(), String> {
	loop {
		let finalized = node.finalized().await.map_err(|e| e.to_string())?;
		let from = progress.last_block.map_or(0, |last| last + 1);
		for number in from..=finalized {
			for event in node.events(number).await.map_err(|e| e.to_string())? {
				if let ChainEvent::VersionPublished { dataset, version, root } = event {
					tracing::info!(
						"dataset {dataset} published version {version} in block {number}"
					);
					progress.pending.insert(format!("{dataset}/{version}"), hex(&root));
				}
			}
			progress.last_block = Some(number);
			save(state_file, progress)
				.map_err(|e| format!("cannot save the indexer's progress: {e}"))?;
		}

		let pending: Vec<(String, String)> =
			progress.pending.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
		for (key_text, root_text) in pending {
			let (Some(key), Some(root)) = (parse_key(&key_text), parse_hash(&root_text)) else {
				progress.pending.remove(&key_text);
				continue;
			};
			match index_version(node, store, indexes, key, root).await {
				Ok(index) => {
					indexes.set_state(
						key,
						VersionState::Indexed {
							tokens: index.tokens(),
							contributions: index.contributions(),
						},
					);
					progress.pending.remove(&key_text);
					save(state_file, progress)
						.map_err(|e| format!("cannot save the indexer's progress: {e}"))?;
				},
				Err(IndexError::Other(error)) => return Err(error),
				Err(error) => {
					let reason = error.to_string();
					if !matches!(indexes.state(key), Some(VersionState::Pending { reason: ref known }) if *known == reason)
					{
						tracing::warn!(
							"dataset {} version {}: not indexed: {reason}",
							key.0,
							key.1
						);
					}
					indexes.set_state(key, VersionState::Pending { reason });
				},
			}
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}
