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
	server::MAX_OUTPUT,
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
	/// The content of a dataset version the record is attributed over is in no content store
	/// the verifier asked: which.
	ContentUnavailable {
		/// What is missing.
		reason: String,
	},
	/// Re-running it would cost more than a verifier spends on one record (a longer output
	/// than an attestor attributes, or more than [`VERIFY_BUDGET`] of work): left for a person.
	TooCostly {
		/// Why.
		reason: String,
	},
	/// The verifier could not check it (the node, the disk, a store that could not say): why.
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
	/// The last block it may be challenged in.
	pub challenge_deadline: u32,
	/// Its status when it was verified.
	pub status: String,
	/// The verdict.
	#[serde(flatten)]
	pub verdict: Verdict,
}

/// How long a content store gets to accept a connection.
pub const CONNECT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);
/// How long one fetch from a content store may take in all.
pub const FETCH_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

/// The most time one record's re-run may take (a core, meanwhile).
pub const VERIFY_BUDGET: std::time::Duration = std::time::Duration::from_secs(120);

/// The most differences a verdict lists: a report stays small whatever a record claims.
pub const MAX_DIFFERENCES: usize = 100;

/// What looking for content found.
enum Found {
	/// The bytes.
	Bytes(Vec<u8>),
	/// Not in our store, and every source answered `404`.
	Absent,
	/// Not found, but some sources could not say: why.
	Unknown(String),
}

/// Where a verifier finds content: its own store, then other attestors' stores.
struct Sources {
	store: Arc<ContentStore>,
	urls: Vec<String>,
	http: reqwest::Client,
}

impl Sources {
	fn new(store: Arc<ContentStore>, urls: Vec<String>) -> Self {
		let http = reqwest::Client::builder()
			.connect_timeout(CONNECT_TIMEOUT)
			.timeout(FETCH_TIMEOUT)
			.build()
			.unwrap_or_default();
		Self { store, urls, http }
	}

	/// Content by hash: from the local store, else from the first source that has it (checked
	/// against its hash, and kept); or whether every source said it does not have it (`404`)
	/// or some could not say (down, slow, refusing us): only the first may be held against a
	/// record. A source gets [`CONNECT_TIMEOUT`] to answer and [`FETCH_TIMEOUT`] in all, and
	/// may send no more than the store's largest item.
	async fn find(&self, hash: &Hash) -> Found {
		if let Ok(Some(bytes)) = self.store.get(hash).await {
			return Found::Bytes(bytes);
		}
		let mut unknown = Vec::new();
		for source in &self.urls {
			let url = format!("{}/v1/content/{}", source.trim_end_matches('/'), hex(hash));
			match self.fetch(&url).await {
				Ok(Some(bytes)) if openledger_span_match::blake2_256(&bytes) == *hash => {
					let _ = self.store.put(&bytes).await;
					return Found::Bytes(bytes);
				},
				Ok(Some(_)) => tracing::warn!("{url}: the content does not hash to {}", hex(hash)),
				Ok(None) => {},
				Err(why) => {
					tracing::debug!("{url}: {why}");
					unknown.push(format!("{source}: {why}"));
				},
			}
		}
		if unknown.is_empty() {
			Found::Absent
		} else {
			Found::Unknown(unknown.join("; "))
		}
	}

	/// The body at `url`, at most the store's largest item; `None` if the source answered
	/// `404`.
	async fn fetch(&self, url: &str) -> Result<Option<Vec<u8>>, String> {
		let limit = self.store.max_item();
		let mut response = self.http.get(url).send().await.map_err(|e| e.to_string())?;
		if response.status() == reqwest::StatusCode::NOT_FOUND {
			return Ok(None);
		}
		if !response.status().is_success() {
			return Err(format!("answered {}", response.status()));
		}
		if response.content_length().is_some_and(|length| length > limit) {
			return Err(format!("larger than {limit} bytes"));
		}
		let mut bytes = Vec::new();
		while let Some(chunk) = response.chunk().await.map_err(|e| e.to_string())? {
			if (bytes.len() as u64).saturating_add(chunk.len() as u64) > limit {
				return Err(format!("larger than {limit} bytes"));
			}
			bytes.extend_from_slice(&chunk);
		}
		Ok(Some(bytes))
	}
}

/// Re-runs records.
pub struct Verifier {
	node: Node,
	indexes: Arc<Indexes>,
	sources: Sources,
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
		Self { node, indexes, sources: Sources::new(store, sources) }
	}

	/// The index of a dataset version pinned at block `at`: ours if built, else built from
	/// content fetched from the sources.
	async fn index(
		&self,
		key: (u64, u32),
		root: Hash,
		at: &str,
	) -> Result<Arc<dyn openledger_span_match::SpanIndex + Send + Sync>, Verdict> {
		if let Some(index) = self.indexes.get(key) {
			return Ok(index);
		}
		let cannot = |reason: String| Verdict::CannotVerify { reason };
		let order = version_contents(&self.node, key.0, root, Some(at))
			.await
			.map_err(|e| cannot(e.to_string()))?;
		let mut contents = Vec::with_capacity(order.len());
		for (contribution, hash) in order {
			let bytes = match self.sources.find(&hash).await {
				Found::Bytes(bytes) => bytes,
				Found::Absent => {
					return Err(Verdict::ContentUnavailable {
						reason: format!(
							"the content {} of dataset {} is in no store",
							hex(&hash),
							key.0
						),
					})
				},
				Found::Unknown(why) => {
					return Err(cannot(format!(
						"the content {} of dataset {}: no store has it, and some could not \
						 say: {why}",
						hex(&hash),
						key.0
					)))
				},
			};
			contents.push((contribution, bytes));
		}
		let texts: Vec<(u64, String)> = contents
			.iter()
			.map(|(id, b)| (*id, openledger_span_match::text_of(b).into_owned()))
			.collect();
		let index = openledger_span_match::VersionIndex::build(
			texts.iter().map(|(id, t)| (*id, t.as_str())),
		)
		.map_err(|e| cannot(e.to_string()))?;
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
			challenge_deadline: record.challenge_deadline,
			status: record.status.clone(),
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
		let bytes = match self.sources.find(&evidence_hash).await {
			Found::Bytes(bytes) => bytes,
			Found::Absent => return Verdict::EvidenceUnavailable,
			Found::Unknown(why) => {
				return Verdict::CannotVerify {
					reason: format!("no store has the evidence, and some could not say: {why}"),
				}
			},
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

		// What a record is attributed over is permanent state (model versions pin their base's
		// version, dataset versions their content): read at the latest finalized block, so a
		// node that keeps only recent state verifies a record during its whole challenge period.
		let at = match self.node.finalized_hash().await {
			Ok(hash) => hash,
			Err(error) => return Verdict::CannotVerify { reason: error.to_string() },
		};
		let pinned = match targets(&self.node, record.model, record.model_version, Some(&at)).await
		{
			Ok(pinned) => pinned,
			Err(AttributeError::ModelVersionNotFound { model, version }) => {
				// A record in a block not final yet may cite a version not final yet either.
				match self.node.finalized().await {
					Ok(finalized) if record.block <= finalized => {},
					Ok(_) => {
						return Verdict::CannotVerify {
							reason: format!(
								"model {model} has no version {version} in the finalized state, \
								 and block {} is not final yet",
								record.block
							),
						}
					},
					Err(error) => return Verdict::CannotVerify { reason: error.to_string() },
				}
				differences.push(format!("model {model} has no version {version}"));
				return Verdict::Invalid { differences };
			},
			Err(error) => return Verdict::CannotVerify { reason: error.to_string() },
		};
		let mut ready: Vec<(_, _, Arc<dyn openledger_span_match::SpanIndex + Send + Sync>)> =
			Vec::with_capacity(pinned.len());
		for (key, root) in pinned {
			match self.index(key, root, &at).await {
				Ok(index) => ready.push((key, root, index)),
				Err(verdict) => return verdict,
			}
		}
		if claimed.output.len() > MAX_OUTPUT {
			return Verdict::TooCostly {
				reason: format!(
					"the evidence's output is {} bytes, more than the {MAX_OUTPUT} an attestor \
					 attributes",
					claimed.output.len()
				),
			};
		}
		let output = claimed.output.clone();
		let params = claimed.params;
		let (model, version) = (record.model, record.model_version);
		let task =
			tokio::task::spawn_blocking(move || evidence(model, version, &output, params, &ready));
		let recomputed = match tokio::time::timeout(VERIFY_BUDGET, task).await {
			Ok(Ok(recomputed)) => recomputed,
			Ok(Err(_)) => {
				return Verdict::CannotVerify { reason: "the attribution task failed".into() }
			},
			Err(_) => {
				return Verdict::TooCostly {
					reason: format!(
						"re-running the method took more than {} s",
						VERIFY_BUDGET.as_secs()
					),
				}
			},
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
			if differences.len() > MAX_DIFFERENCES {
				let more = differences.len() - MAX_DIFFERENCES;
				differences.truncate(MAX_DIFFERENCES);
				differences.push(format!("… and {more} more"));
			}
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

#[cfg(test)]
mod tests {
	use super::*;
	use axum::{http::StatusCode, routing::get, Router};

	/// A content store at a local address that answers every request with `status`.
	async fn store_answering(status: StatusCode) -> String {
		let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
		let address = listener.local_addr().unwrap();
		let router = Router::new().route("/v1/content/{hash}", get(move || async move { status }));
		tokio::spawn(async move { axum::serve(listener, router).await });
		format!("http://{address}")
	}

	#[tokio::test]
	async fn content_is_absent_only_when_every_store_says_404() {
		let dir = tempfile::tempdir().unwrap();
		let store = Arc::new(ContentStore::open(dir.path(), 1024, 1024).await.unwrap());
		let missing = store_answering(StatusCode::NOT_FOUND).await;
		let broken = store_answering(StatusCode::INTERNAL_SERVER_ERROR).await;
		// Port 1 on loopback: nothing listens there.
		let down = "http://127.0.0.1:1".to_string();
		let hash = [7; 32];

		let sources = Sources::new(store.clone(), vec![missing.clone()]);
		assert!(matches!(sources.find(&hash).await, Found::Absent));
		for other in [broken, down] {
			let sources = Sources::new(store.clone(), vec![missing.clone(), other]);
			assert!(
				matches!(sources.find(&hash).await, Found::Unknown(_)),
				"a store that could not say makes it unknown, never absent"
			);
		}
		let bytes = b"kept".to_vec();
		let kept = store.put(&bytes).await.unwrap();
		assert!(matches!(sources.find(&kept).await, Found::Bytes(found) if found == bytes));
	}
}
