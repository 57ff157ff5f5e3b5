//! `openledger-attestor watch`: follows finalized blocks, verifies every new record whose method
//! it knows, and (with `--challenge`) challenges the ones that do not verify, or whose evidence
//! or dataset content no content store serves within a grace period. Each challenge gets a
//! verdict report, stored in the content store; its hash is logged for governance to read.
//!
//! No record stops the others: one that cannot be checked now (the node, a store that is down)
//! is tried again later, backing off, until its challenge period ends; only the node going
//! away makes `watch` reconnect.
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
	/// The most challenges a UTC day: each holds a bond, lost if the challenge is rejected.
	pub max_challenges_per_day: u32,
	/// Where its progress is kept.
	pub state_file: PathBuf,
}

#[derive(Default, Deserialize, Serialize)]
struct Progress {
	last_block: Option<u32>,
	/// Records not settled yet, with the block they were first seen in.
	pending: BTreeMap<u64, u32>,
	/// The UTC day (days since 1970) of `challenged`.
	#[serde(default)]
	day: u64,
	/// Challenges sent that day.
	#[serde(default)]
	challenged: u32,
}

fn today() -> u64 {
	std::time::SystemTime::now()
		.duration_since(std::time::UNIX_EPOCH)
		.map(|d| d.as_secs() / 86_400)
		.unwrap_or(0)
}

impl Progress {
	/// Whether another challenge fits today's cap; counts it if so.
	fn take_challenge(&mut self, cap: u32) -> bool {
		let now = today();
		if now > self.day {
			self.day = now;
			self.challenged = 0;
		}
		if self.challenged >= cap {
			return false;
		}
		self.challenged += 1;
		true
	}
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

/// A record not settled yet, as `follow` keeps it between rounds.
struct Retry {
	attempts: u32,
	next: tokio::time::Instant,
}

/// How long to wait before verifying a record again after its `attempts`-th try: 1 s,
/// doubling, at most a minute.
fn retry_after(attempts: u32) -> Duration {
	Duration::from_secs(1u64 << attempts.saturating_sub(1).min(6)).min(Duration::from_secs(60))
}

async fn follow(
	config: &WatchConfig,
	node: &Node,
	verifier: &Verifier,
	store: &ContentStore,
	progress: &mut Progress,
) -> Result<(), String> {
	let mut retries: BTreeMap<u64, Retry> = BTreeMap::new();
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

		let now = tokio::time::Instant::now();
		let due: Vec<(u64, u32)> = progress
			.pending
			.iter()
			.filter(|(record, _)| retries.get(record).is_none_or(|retry| retry.next <= now))
			.map(|(r, b)| (*r, *b))
			.collect();
		for (record, seen) in due {
			// One record's trouble is that record's: it is tried again later, and the others
			// go on.
			let settled = match settle(
				config, node, verifier, store, progress, record, seen, finalized,
			)
			.await
			{
				Ok(settled) => settled,
				Err(error) => {
					tracing::warn!("record {record}: {error}; trying again later");
					false
				},
			};
			if settled {
				progress.pending.remove(&record);
				retries.remove(&record);
				save(&config.state_file, progress)
					.map_err(|e| format!("cannot save watch.json: {e}"))?;
			} else {
				let retry = retries.entry(record).or_insert(Retry { attempts: 0, next: now });
				retry.attempts = retry.attempts.saturating_add(1);
				retry.next = tokio::time::Instant::now() + retry_after(retry.attempts);
			}
		}
		tokio::time::sleep(Duration::from_millis(500)).await;
	}
}

/// Verifies one record and acts on it; whether it is settled (nothing more to do).
///
/// A record is settled when it verifies, uses a method this verifier does not know, was
/// challenged (by this watcher or anyone), or can no longer be challenged. One that does not
/// verify is challenged at once; one whose evidence or dataset content no store serves is
/// challenged once `grace` blocks have passed since it was seen (the chain's arbiters then
/// decide); one that cannot be checked for another reason (the node, the disk) is tried again
/// until its challenge period ends.
#[allow(clippy::too_many_arguments)]
async fn settle(
	config: &WatchConfig,
	node: &Node,
	verifier: &Verifier,
	store: &ContentStore,
	progress: &mut Progress,
	record: u64,
	seen: u32,
	now: u32,
) -> Result<bool, String> {
	// Cheap checks first: a record no longer open costs no re-run.
	match node.record(record).await.map_err(|e| e.to_string())? {
		None => {
			tracing::info!("record {record}: no longer in state, nothing to check");
			return Ok(true);
		},
		Some(info) if info.status != "unchallenged" || now > info.challenge_deadline => {
			tracing::info!("record {record}: {}, not challengeable any more", info.status);
			return Ok(true);
		},
		Some(_) => {},
	}
	let report = verifier.verify(record).await?;
	let waited = now.saturating_sub(seen) >= config.grace;
	match &report.verdict {
		Verdict::Valid => {
			tracing::info!("record {record}: valid");
			return Ok(true);
		},
		Verdict::OtherMethod { method } => {
			tracing::info!("record {record}: method {method}, not checked");
			return Ok(true);
		},
		Verdict::TooCostly { reason } => {
			tracing::warn!("record {record}: not re-run, left for a person to check: {reason}");
			return Ok(true);
		},
		Verdict::CannotVerify { reason } => {
			tracing::warn!("record {record}: cannot verify yet: {reason}");
			return Ok(false);
		},
		Verdict::EvidenceUnavailable | Verdict::ContentUnavailable { .. } if !waited => {
			tracing::info!(
				"record {record}: {:?}; waiting {} more block(s) before challenging",
				report.verdict,
				config.grace.saturating_sub(now.saturating_sub(seen))
			);
			return Ok(false);
		},
		Verdict::EvidenceUnavailable
		| Verdict::ContentUnavailable { .. }
		| Verdict::Invalid { .. } => {},
	}
	tracing::warn!("record {record}: does not verify ({:?})", report.verdict);
	// The challenge first: a report that cannot be stored never stops it.
	if let Some((signer, bond)) = &config.challenge {
		if !progress.take_challenge(config.max_challenges_per_day) {
			tracing::warn!(
				"record {record}: not challenged: {} challenges today already \
				 (--max-challenges-per-day); tried again later",
				config.max_challenges_per_day
			);
			return Ok(false);
		}
		save(&config.state_file, progress).map_err(|e| format!("cannot save watch.json: {e}"))?;
		node.challenge(signer, record, *bond).await.map_err(|e| e.to_string())?;
	}
	let report_hash = match store_report(store, &report).await {
		Ok(hash) => hex(&hash),
		Err(error) => format!("not stored ({error})"),
	};
	match &config.challenge {
		Some((_, bond)) => tracing::warn!(
			"record {record}: challenged with a bond of {bond}; report {report_hash}"
		),
		None => {
			tracing::warn!("record {record}: not challenged (no --challenge); report {report_hash}")
		},
	}
	Ok(true)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn challenges_are_capped_per_day() {
		let mut progress = Progress { day: today(), challenged: 0, ..Progress::default() };
		assert!(progress.take_challenge(2));
		assert!(progress.take_challenge(2));
		assert!(!progress.take_challenge(2), "the third today");
		progress.day -= 1;
		assert!(progress.take_challenge(2), "a new day");
		assert_eq!(progress.challenged, 1);
	}

	#[test]
	fn a_record_that_cannot_be_checked_is_tried_again_less_and_less_often() {
		let waits: Vec<u64> = (1..=9).map(|attempt| retry_after(attempt).as_secs()).collect();
		assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
	}
}
