//! `openledger-attestor watch`: follows finalized blocks, verifies every new record whose method
//! it knows, and (with `--challenge`) challenges the ones that do not verify, or whose evidence
//! no content store serves within a grace period. Each challenge gets a verdict report, stored
//! in the content store; its hash is logged for governance to read.
//!
//! Its place in the chain is kept in `watch.json` in the base path, like the indexer's.

use std::{
	collections::BTreeMap,
	path::{Path, PathBuf},
	sync::Arc,
	time::Duration,
};

use openledger_span_match::hex;
use serde::{Deserialize, Serialize};
use subxt_signer::sr25519::Keypair;

use crate::{
	chain::{ChainEvent, Node},
	indexer::Indexes,
	store::ContentStore,
	verify::{store_report, Verdict, Verifier},
};

/// How `watch` runs.
pub struct WatchConfig {
	/// The node's URL.
	pub node_url: String,
	/// Other attestors' content stores.
	pub sources: Vec<String>,
	/// Challenges with this key and bond, if set.
	pub challenge: Option<(Keypair, u128)>,
	/// Blocks to wait for a record's evidence before challenging it as unavailable.
	pub grace: u32,
	/// Where its progress is kept.
	pub state_file: PathBuf,
}

#[derive(Default, Deserialize, Serialize)]
struct Progress {
	last_block: Option<u32>,
	/// Records not settled yet, with the block they were first seen in.
	pending: BTreeMap<u64, u32>,
}

fn save(path: &Path, progress: &Progress) -> std::io::Result<()> {
	let temp = path.with_extension("json.tmp");
	std::fs::write(&temp, serde_json::to_vec_pretty(progress).unwrap_or_default())?;
	std::fs::rename(temp, path)
}

/// Watches for ever, reconnecting when the node goes away.
pub async fn run(config: WatchConfig, store: Arc<ContentStore>, indexes: Arc<Indexes>) {
	let mut progress: Progress = std::fs::read(&config.state_file)
		.ok()
		.and_then(|bytes| serde_json::from_slice(&bytes).ok())
		.unwrap_or_default();
	loop {
		match Node::connect(&config.node_url).await {
			Ok(node) => {
				let verifier = Verifier::new(
					node.clone(),
					store.clone(),
					indexes.clone(),
					config.sources.clone(),
				);
				if let Err(error) = follow(&config, &node, &verifier, &store, &mut progress).await {
					tracing::warn!("watch: {error}; reconnecting in 2 s");
				}
			},
			Err(error) => tracing::warn!("watch: {error}; trying again in 2 s"),
		}
		tokio::time::sleep(Duration::from_secs(2)).await;
	}
}

async fn follow(
	config: &WatchConfig,
	node: &Node,
	verifier: &Verifier,
	store: &ContentStore,
	progress: &mut Progress,
) -> Result<(), String> {
	loop {
		let finalized = node.finalized().await.map_err(|e| e.to_string())?;
		let from = progress.last_block.map_or(0, |last| last + 1);
		for number in from..=finalized {
			for event in node.events(number).await.map_err(|e| e.to_string())? {
				if let ChainEvent::InferenceRecorded { record } = event {
					progress.pending.insert(record, number);
				}
			}
			progress.last_block = Some(number);
		}
		save(&config.state_file, progress).map_err(|e| format!("cannot save watch.json: {e}"))?;

		let pending: Vec<(u64, u32)> = progress.pending.iter().map(|(r, b)| (*r, *b)).collect();
		for (record, seen) in pending {
			let settled = settle(config, node, verifier, store, record, seen, finalized).await?;
			if settled {
				progress.pending.remove(&record);
				save(&config.state_file, progress)
					.map_err(|e| format!("cannot save watch.json: {e}"))?;
			}
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// Verifies one record and acts on it; whether it is settled (nothing more to do).
async fn settle(
	config: &WatchConfig,
	node: &Node,
	verifier: &Verifier,
	store: &ContentStore,
	record: u64,
	seen: u32,
	now: u32,
) -> Result<bool, String> {
	let report = verifier.verify(record).await?;
	let challenge = match &report.verdict {
		Verdict::Valid => {
			tracing::info!("record {record}: valid");
			return Ok(true);
		},
		Verdict::OtherMethod { method } => {
			tracing::info!("record {record}: method {method}, not checked");
			return Ok(true);
		},
		Verdict::CannotVerify { reason } => {
			tracing::warn!("record {record}: cannot verify yet: {reason}");
			return Ok(false);
		},
		Verdict::EvidenceUnavailable if now.saturating_sub(seen) < config.grace => {
			return Ok(false)
		},
		Verdict::EvidenceUnavailable | Verdict::Invalid { .. } => true,
	};
	let hash = store_report(store, &report).await?;
	tracing::warn!(
		"record {record}: does not verify ({:?}); report {}",
		report.verdict,
		hex(&hash)
	);
	if let (true, Some((signer, bond))) = (challenge, &config.challenge) {
		match node.record(record).await.map_err(|e| e.to_string())? {
			Some(info) if info.status == "unchallenged" && now <= info.challenge_deadline => {
				node.challenge(signer, record, *bond).await.map_err(|e| e.to_string())?;
				tracing::warn!(
					"record {record}: challenged with a bond of {bond}; report {}",
					hex(&hash)
				);
			},
			Some(info) => tracing::info!("record {record}: {}, not challenged again", info.status),
			None => {},
		}
	}
	Ok(true)
}
