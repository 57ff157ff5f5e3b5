//! Verifying a record: fetch its evidence (from this attestor's store or any other's), re-run
//! `span-match/1` on the dataset versions pinned at the record's block, and compare byte for
//! byte. Used by `openledger-attestor verify` and by `watch`.

use std::sync::Arc;

use openledger_span_match::{hex, Evidence, METHOD_ID};
use serde::Serialize;

use crate::{
	attribution::{evidence, targets, AttributeError},
	chain::{Node, RecordJson},
	indexer::{version_contents, Indexes},
	store::{parse_hash, ContentStore, Hash},
};

/// What verifying a record found.
#[derive(Clone, Debug, Eq, PartialEq, Serialize)]
#[serde(rename_all = "camelCase", tag = "verdict")]
pub enum Verdict {
	/// The record's scores and evidence are exactly what the method gives.
	Valid,
	/// They are not: what differs.
	Invalid {
		/// Each difference, in words.
		differences: Vec<String>,
	},
	/// No content store has the record's evidence.
	EvidenceUnavailable,
	/// The record uses another method, which this verifier does not know.
	OtherMethod {
		/// Its id.
		method: String,
	},
	/// The verifier could not check it (missing dataset content, the node): why.
	CannotVerify {
		/// Why.
		reason: String,
	},
}

/// A verdict with what it is about: what `watch` stores next to a challenge.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
	/// The record.
	pub record: u64,
	/// Its attestor (SS58).
	pub attestor: String,
	/// Its evidence hash.
	pub evidence_hash: String,
	/// The block it was recorded in, whose state the method was re-run on.
	pub block: u32,
	/// The verdict.
	#[serde(flatten)]
	pub verdict: Verdict,
}

/// Re-runs records.
pub struct Verifier {
	node: Node,
	store: Arc<ContentStore>,
	indexes: Arc<Indexes>,
	sources: Vec<String>,
	http: reqwest::Client,
}

impl Verifier {
	/// A verifier reading the chain from `node`, keeping what it fetches and builds under
	/// `store` and `indexes`, and fetching content it lacks from the content stores at
	/// `sources` (`http://host:port` of other attestors).
	pub fn new(
		node: Node,
		store: Arc<ContentStore>,
		indexes: Arc<Indexes>,
		sources: Vec<String>,
	) -> Self {
		Self { node, store, indexes, sources, http: reqwest::Client::new() }
	}

	/// Content by hash: from the local store, else from the first source that has it (checked
	/// against its hash, and kept).
	pub async fn content(&self, hash: &Hash) -> Option<Vec<u8>> {
		if let Ok(Some(bytes)) = self.store.get(hash).await {
			return Some(bytes);
		}
		for source in &self.sources {
			let url = format!("{}/v1/content/{}", source.trim_end_matches('/'), hex(hash));
			let Ok(response) = self.http.get(&url).send().await else { continue };
			if !response.status().is_success() {
				continue;
			}
			let Ok(bytes) = response.bytes().await else { continue };
			if openledger_span_match::blake2_256(&bytes) == *hash {
				let _ = self.store.put(&bytes).await;
				return Some(bytes.to_vec());
			}
		}
		None
	}

	/// The index of a dataset version pinned at block `at`: ours if built, else built from
	/// content fetched from the sources.
	async fn index(
		&self,
		key: (u64, u32),
		root: Hash,
		at: &str,
	) -> Result<Arc<openledger_span_match::VersionIndex>, String> {
		if let Some(index) = self.indexes.get(key) {
			return Ok(index);
		}
		let order =
			version_contents(&self.node, key.0, root, Some(at)).await.map_err(|e| e.to_string())?;
		let mut contents = Vec::with_capacity(order.len());
		for (contribution, hash) in order {
			let bytes = self.content(&hash).await.ok_or_else(|| {
				format!("the content {} of dataset {} is in no store", hex(&hash), key.0)
			})?;
			contents.push((contribution, bytes));
		}
		let texts: Vec<(u64, String)> = contents
			.iter()
			.map(|(id, b)| (*id, openledger_span_match::text_of(b).into_owned()))
			.collect();
		let index = openledger_span_match::VersionIndex::build(
			texts.iter().map(|(id, t)| (*id, t.as_str())),
		)
		.map_err(|e| e.to_string())?;
		Ok(Arc::new(index))
	}

	/// Verifies record `id`.
	pub async fn verify(&self, id: u64) -> Result<Report, String> {
		let record = self
			.node
			.record(id)
			.await
			.map_err(|e| e.to_string())?
			.ok_or(format!("there is no record {id}"))?;
		let verdict = self.verdict(&record).await;
		Ok(Report {
			record: id,
			attestor: record.attestor.clone(),
			evidence_hash: record.evidence_hash.clone(),
			block: record.block,
			verdict,
		})
	}

	async fn verdict(&self, record: &RecordJson) -> Verdict {
		let method = record.method_id();
		if method != METHOD_ID {
			return Verdict::OtherMethod { method };
		}
		let Some(evidence_hash) = record.evidence() else {
			return Verdict::Invalid { differences: vec!["the evidence hash is malformed".into()] };
		};
		let Some(bytes) = self.content(&evidence_hash).await else {
			return Verdict::EvidenceUnavailable;
		};
		let claimed: Evidence = match serde_json::from_slice(&bytes) {
			Ok(evidence) => evidence,
			Err(error) => {
				return Verdict::Invalid {
					differences: vec![format!(
						"the evidence is not a {METHOD_ID} document: {error}"
					)],
				}
			},
		};
		let mut differences = Vec::new();
		if parse_hash(&record.method_params_hash) != Some(claimed.params.hash()) {
			differences.push(format!(
				"the record's parameters hash {} is not the hash of the evidence's parameters {}",
				record.method_params_hash,
				String::from_utf8_lossy(&claimed.params.canonical_json())
			));
		}
		if (claimed.model, claimed.model_version) != (record.model, record.model_version) {
			differences.push(format!(
				"the evidence is about model {} version {}, the record about model {} version {}",
				claimed.model, claimed.model_version, record.model, record.model_version
			));
		}

		let at = match self.node.block_hash(record.block).await {
			Ok(Some(hash)) => hash,
			Ok(None) => {
				return Verdict::CannotVerify {
					reason: format!("block {} is unknown", record.block),
				}
			},
			Err(error) => return Verdict::CannotVerify { reason: error.to_string() },
		};
		let pinned = match targets(&self.node, record.model, record.model_version, Some(&at)).await
		{
			Ok(pinned) => pinned,
			Err(AttributeError::ModelVersionNotFound { model, version }) => {
				differences.push(format!(
					"model {model} had no version {version} at block {}",
					record.block
				));
				return Verdict::Invalid { differences };
			},
			Err(error) => return Verdict::CannotVerify { reason: error.to_string() },
		};
		let mut ready = Vec::with_capacity(pinned.len());
		for (key, root) in pinned {
			match self.index(key, root, &at).await {
				Ok(index) => ready.push((key, root, index)),
				Err(reason) => return Verdict::CannotVerify { reason },
			}
		}
		let output = claimed.output.clone();
		let params = claimed.params;
		let (model, version) = (record.model, record.model_version);
		let Ok(recomputed) =
			tokio::task::spawn_blocking(move || evidence(model, version, &output, params, &ready))
				.await
		else {
			return Verdict::CannotVerify { reason: "the attribution task failed".into() };
		};

		differences.extend(compare(&claimed, &recomputed));
		if recomputed.canonical_json() != bytes && differences.is_empty() {
			differences.push("the evidence is not in canonical form".into());
		}
		let recomputed_scores: Vec<(u64, u32)> =
			recomputed.scores.iter().map(|s| (s.dataset, s.perbill)).collect();
		let mut record_scores: Vec<(u64, u32)> =
			record.scores.iter().map(|s| (s.dataset, s.perbill)).collect();
		record_scores.sort();
		if record_scores != recomputed_scores {
			differences.push(format!(
				"the record's scores {} are not the method's {}",
				scores_text(&record_scores),
				scores_text(&recomputed_scores)
			));
		}
		if differences.is_empty() {
			Verdict::Valid
		} else {
			Verdict::Invalid { differences }
		}
	}
}

fn scores_text(scores: &[(u64, u32)]) -> String {
	if scores.is_empty() {
		return "(none)".into();
	}
	scores.iter().map(|(d, s)| format!("dataset {d}: {s}")).collect::<Vec<_>>().join(", ")
}

/// What differs between the evidence an attestor published and the one the method gives.
fn compare(claimed: &Evidence, recomputed: &Evidence) -> Vec<String> {
	let mut out = Vec::new();
	if claimed.tokens != recomputed.tokens {
		out.push(format!(
			"tokens: the evidence says {}, the output has {}",
			claimed.tokens, recomputed.tokens
		));
	}
	if claimed.datasets != recomputed.datasets {
		let list = |e: &Evidence| {
			e.datasets
				.iter()
				.map(|d| format!("{} v{} ({})", d.dataset, d.version, d.root))
				.collect::<Vec<_>>()
				.join(", ")
		};
		out.push(format!(
			"datasets: the evidence pins [{}], the chain [{}]",
			list(claimed),
			list(recomputed)
		));
	}
	for span in &claimed.spans {
		if !recomputed.spans.contains(span) {
			out.push(format!(
				"span not found by the method: start {} length {} in dataset {} (contribution {}, offset {})",
				span.start, span.length, span.dataset, span.contribution, span.offset
			));
		}
	}
	for span in &recomputed.spans {
		if !claimed.spans.contains(span) {
			out.push(format!(
				"span missing from the evidence: start {} length {} in dataset {} (contribution {}, offset {})",
				span.start, span.length, span.dataset, span.contribution, span.offset
			));
		}
	}
	if claimed.scores != recomputed.scores {
		let text = |e: &Evidence| {
			scores_text(&e.scores.iter().map(|s| (s.dataset, s.perbill)).collect::<Vec<_>>())
		};
		out.push(format!(
			"scores: the evidence says {}, the method {}",
			text(claimed),
			text(recomputed)
		));
	}
	out
}

/// Stores a report in `store`; returns its hash.
pub async fn store_report(store: &ContentStore, report: &Report) -> Result<Hash, String> {
	let bytes = serde_json::to_vec_pretty(report).map_err(|e| e.to_string())?;
	store.put(&bytes).await.map_err(|e| e.to_string())
}
