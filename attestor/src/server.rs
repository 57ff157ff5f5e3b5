//! The HTTP API of `openledger-attestor serve`, on two listeners.
//!
//! The **public** one (`--listen`), for anyone:
//!
//! | route | what it does |
//! |---|---|
//! | `PUT /v1/content` | stores the body under its blake2-256 hash, given in the `x-content-hash` header and checked; `201` new, `200` known (the body unread) |
//! | `PUT /v1/content/{hash}` | the same, the hash in the path |
//! | `GET /v1/content/{hash}` | the bytes, streamed |
//! | `POST /v1/attribute` | `{model, modelVersion, output}` → the evidence, its hash and the scores |
//! | `GET /v1/status` | what is served, the dataset versions wanted (indexed or waiting, and why), the store's use |
//!
//! The store takes only the content of contributions of served datanets, within a quota
//! ([`crate::served`]). The **recording** one (`--record-listen`, loopback by default) spends
//! the attestor's money and needs `Authorization: Bearer <token>`:
//!
//! | route | what it does |
//! |---|---|
//! | `POST /v1/record` | `{model, modelVersion, output, agent?, fee, nonce?}`: attributes and records the inference on chain; → the record id |
//!
//! A record's fee is capped per request and per day, and its agent must be on the attestor's
//! allow-list.
//!
//! Errors are JSON, `{"error": "…"}`, with a status that says whose fault it is: `400` a
//! malformed request, `401` no or a wrong token, `403` refused by the attestor's policy
//! (content it does not serve, an agent not allowed, a fee over a cap, recording on the public
//! listener), `404` unknown content or model, `409` not ready (a dataset version is not indexed
//! yet), `413` too large, `422` content that does not hash to what it was sent under, `429`
//! too many requests, `503` too many attributions at once, `507` the store is full, `502` the
//! node refused or failed.

use std::{
	sync::Arc,
	time::{Duration, Instant},
};

use axum::{
	body::Body,
	extract::{DefaultBodyLimit, Path, Request, State},
	http::{header, HeaderMap, StatusCode},
	middleware::{self, Next},
	response::{IntoResponse, Response},
	routing::{get, post, put},
	Json, Router,
};
use futures::StreamExt;
use openledger_span_match::{blake2_256, hex, Evidence, Params, METHOD_ID};
use serde::{Deserialize, Serialize};
use subxt_signer::sr25519::Keypair;
use tokio::sync::Mutex;

use crate::{
	attribution::{attribute_with, AttributeError, TargetCache},
	chain::{Node, RecordCall},
	indexer::Indexes,
	served::Served,
	spending::Spending,
	store::{parse_hash, Admission, Area, ContentStore, Hash, PutError},
};

/// What the recording listener needs: the key, the token, and the attestor's policy.
pub struct Recording {
	/// The key records are signed with; one submission at a time.
	pub signer: Mutex<Keypair>,
	/// The bonded attestor account the key is an `Attestor` proxy of (`--proxy-for`), if any.
	pub proxy_for: Option<[u8; 32]>,
	/// The bearer token a request must carry.
	pub token: String,
	/// The fee caps and what was spent today.
	pub spending: Spending,
	/// The agents a record may name (none: records without an agent only).
	pub agents: Vec<u64>,
}

/// The largest answer `/v1/attribute` and `/v1/record` take, in bytes.
pub const MAX_OUTPUT: usize = 1024 * 1024;

/// What the handlers share.
pub struct AppState {
	/// The content store.
	pub store: Arc<ContentStore>,
	/// The indexes.
	pub indexes: Arc<Indexes>,
	/// The node's URL.
	pub node_url: String,
	/// The connection to the node, made on first use and again after a failure.
	pub node: Mutex<Option<Node>>,
	/// Recording, if this attestor records.
	pub recording: Option<Recording>,
	/// What is served.
	pub served: Arc<Served>,
	/// Attributions that may run at once (each takes a core).
	pub attributions: Arc<tokio::sync::Semaphore>,
	/// The method's parameters.
	pub params: Params,
	/// What each model version's answers are attributed over, read once.
	pub targets: TargetCache,
}

/// The public's uploads: the content of served datanets' contributions only (see
/// [`crate::served`]).
impl Admission for Served {
	fn admit(&self, hash: &Hash) -> Result<(), String> {
		if self.admits(hash) {
			return Ok(());
		}
		Err(format!(
			"{} is not the content of an accepted contribution of a datanet this attestor \
			 serves (seen in a finalized block; pending contributions count only in datanets \
			 it serves with --dataset)",
			hex(hash)
		))
	}

	fn area(&self, hash: &Hash) -> Area {
		if self.seen_accepted(hash) {
			Area::Uploads
		} else {
			Area::Pending
		}
	}
}

/// An error answer.
pub struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
	fn into_response(self) -> Response {
		(self.0, Json(serde_json::json!({ "error": self.1 }))).into_response()
	}
}

fn bad(status: StatusCode, message: impl Into<String>) -> ApiError {
	ApiError(status, message.into())
}

impl From<AttributeError> for ApiError {
	fn from(error: AttributeError) -> Self {
		let status = match error {
			AttributeError::EmptyOutput => StatusCode::BAD_REQUEST,
			AttributeError::ModelVersionNotFound { .. } => StatusCode::NOT_FOUND,
			AttributeError::NotReady(_) => StatusCode::CONFLICT,
			AttributeError::Node(_) => StatusCode::BAD_GATEWAY,
		};
		bad(status, error.to_string())
	}
}

/// The public routes.
pub fn public_router(state: Arc<AppState>) -> Router {
	let max_item = state.store.max_item();
	Router::new()
		.route("/v1/content", put(put_content))
		.route("/v1/content/{hash}", put(put_content_at).get(get_content))
		// The store enforces its own limit while streaming; the JSON routes take one answer.
		.layer(DefaultBodyLimit::max(
			usize::try_from(max_item).unwrap_or(usize::MAX).saturating_add(1),
		))
		.route_layer(middleware::from_fn_with_state(
			DeclaredLimit { what: "the content", limit: max_item },
			refuse_declared_oversize,
		))
		.merge(
			Router::new()
				.route("/v1/attribute", post(attribute))
				.route("/v1/record", post(record_elsewhere))
				.layer(DefaultBodyLimit::max(MAX_OUTPUT + 4096))
				.route_layer(middleware::from_fn_with_state(
					DeclaredLimit { what: "the request", limit: (MAX_OUTPUT + 4096) as u64 },
					refuse_declared_oversize,
				)),
		)
		.route("/v1/status", get(status))
		.with_state(state)
}

/// The recording routes: every request needs the token.
pub fn record_router(state: Arc<AppState>) -> Router {
	Router::new()
		.route("/v1/record", post(record))
		.layer(DefaultBodyLimit::max(MAX_OUTPUT + 4096))
		.route_layer(middleware::from_fn_with_state(
			DeclaredLimit { what: "the request", limit: (MAX_OUTPUT + 4096) as u64 },
			refuse_declared_oversize,
		))
		.route_layer(middleware::from_fn_with_state(state.clone(), require_token))
		.with_state(state)
}

/// Whether two byte strings are equal, in a time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
	a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Answers `401` unless the request carries the recording token.
async fn require_token(
	State(state): State<Arc<AppState>>,
	request: Request,
	next: Next,
) -> Response {
	let Some(recording) = &state.recording else {
		return bad(StatusCode::FORBIDDEN, "this attestor has no key: it does not record")
			.into_response();
	};
	let given = request
		.headers()
		.get(header::AUTHORIZATION)
		.and_then(|value| value.to_str().ok())
		.and_then(|value| value.strip_prefix("Bearer "));
	match given {
		Some(token) if same(token.trim().as_bytes(), recording.token.as_bytes()) => {
			next.run(request).await
		},
		given => {
			let why = if given.is_some() {
				"the token is wrong"
			} else {
				"recording needs `Authorization: Bearer <token>` (the token is in the \
				 attestor's record-token file)"
			};
			let mut response = bad(StatusCode::UNAUTHORIZED, why).into_response();
			response
				.headers_mut()
				.insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
			response
		},
	}
}

/// `/v1/record` on the public listener.
async fn record_elsewhere() -> ApiError {
	bad(
		StatusCode::FORBIDDEN,
		"recording spends the attestor's money: it is served on the recording listener \
		 (--record-listen) with a token, not here",
	)
}

/// The most a route reads, and what it calls what it reads (for the 413's message).
#[derive(Clone, Copy)]
struct DeclaredLimit {
	what: &'static str,
	limit: u64,
}

/// How much of a refused body is read and thrown away, at most, so that the client reads the
/// 413 (closing a connection with unread input resets it, and the client may lose the answer).
const DISCARD_AT_MOST: u64 = 16 * 1024 * 1024;
/// How long discarding may take.
const DISCARD_FOR_AT_MOST: Duration = Duration::from_secs(5);

/// Answers 413 to a request whose `Content-Length` is over the route's limit, without keeping
/// any of its body. A client that sent `Expect: 100-continue` (curl does for large bodies)
/// never sends the body; from any other, up to [`DISCARD_AT_MOST`] bytes are read and thrown
/// away first, so that it reads the answer instead of a reset connection. Bodies without a
/// declared length are limited while they are read.
async fn refuse_declared_oversize(
	State(DeclaredLimit { what, limit }): State<DeclaredLimit>,
	request: Request,
	next: Next,
) -> Response {
	let headers = request.headers();
	let declared = headers
		.get(header::CONTENT_LENGTH)
		.and_then(|value| value.to_str().ok())
		.and_then(|value| value.parse::<u64>().ok());
	let expects_continue = headers
		.get(header::EXPECT)
		.is_some_and(|value| value.as_bytes().eq_ignore_ascii_case(b"100-continue"));
	let Some(length) = declared.filter(|length| *length > limit) else {
		return next.run(request).await;
	};
	if !expects_continue && length <= DISCARD_AT_MOST {
		let mut body = request.into_body().into_data_stream();
		let _ = tokio::time::timeout(DISCARD_FOR_AT_MOST, async {
			while let Some(Ok(_)) = body.next().await {}
		})
		.await;
	}
	bad(StatusCode::PAYLOAD_TOO_LARGE, format!("{what} is larger than {limit} bytes"))
		.into_response()
}

#[derive(Serialize)]
struct Stored {
	hash: String,
}

async fn store_body(state: &AppState, expected: Hash, body: Body) -> Result<Response, ApiError> {
	if state.store.has(&expected).await {
		// Known already: the body is not read (nor its bytes written anywhere).
		return Ok((StatusCode::OK, Json(Stored { hash: hex(&expected) })).into_response());
	}
	let stream = body.into_data_stream();
	match state.store.put_stream(Some(expected), stream, state.served.as_ref()).await {
		Ok((hash, new)) => {
			let status = if new { StatusCode::CREATED } else { StatusCode::OK };
			Ok((status, Json(Stored { hash: hex(&hash) })).into_response())
		},
		Err(error @ PutError::TooLarge { .. }) => {
			Err(bad(StatusCode::PAYLOAD_TOO_LARGE, error.to_string()))
		},
		Err(error @ PutError::Mismatch { .. }) => {
			Err(bad(StatusCode::UNPROCESSABLE_ENTITY, error.to_string()))
		},
		Err(error @ PutError::NotAdmitted(_)) => Err(bad(StatusCode::FORBIDDEN, error.to_string())),
		Err(error @ PutError::QuotaFull { .. }) => {
			Err(bad(StatusCode::INSUFFICIENT_STORAGE, error.to_string()))
		},
		Err(error @ PutError::Body(_)) => Err(bad(StatusCode::BAD_REQUEST, error.to_string())),
		Err(error @ PutError::Io(_)) => {
			Err(bad(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()))
		},
	}
}

fn hash_from(text: &str) -> Result<[u8; 32], ApiError> {
	parse_hash(text).ok_or_else(|| {
		bad(StatusCode::BAD_REQUEST, format!("`{text}` is not a hash: 0x and 64 hex digits"))
	})
}

async fn put_content(
	State(state): State<Arc<AppState>>,
	headers: HeaderMap,
	body: Body,
) -> Result<Response, ApiError> {
	// The hash comes first, so that content this store does not take is refused before a byte
	// of it is read or written.
	let Some(value) = headers.get("x-content-hash") else {
		return Err(bad(
			StatusCode::BAD_REQUEST,
			"say the content's hash in `x-content-hash` (or PUT /v1/content/0x…): the store \
			 takes only the content of contributions it serves",
		));
	};
	let expected = hash_from(value.to_str().unwrap_or(""))?;
	store_body(&state, expected, body).await
}

async fn put_content_at(
	State(state): State<Arc<AppState>>,
	Path(hash): Path<String>,
	body: Body,
) -> Result<Response, ApiError> {
	let expected = hash_from(&hash)?;
	store_body(&state, expected, body).await
}

async fn get_content(
	State(state): State<Arc<AppState>>,
	Path(hash): Path<String>,
) -> Result<Response, ApiError> {
	let hash = hash_from(&hash)?;
	match state.store.open_item(&hash).await {
		Ok(Some((file, length))) => {
			let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
			Ok((
				[
					(header::CONTENT_TYPE, "application/octet-stream".to_string()),
					(header::CONTENT_LENGTH, length.to_string()),
				],
				body,
			)
				.into_response())
		},
		Ok(None) => Err(bad(StatusCode::NOT_FOUND, format!("no content {}", hex(&hash)))),
		Err(error) => Err(bad(StatusCode::INTERNAL_SERVER_ERROR, error.to_string())),
	}
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct AttributeRequest {
	model: u64,
	model_version: u32,
	output: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attributed {
	scores: Vec<openledger_span_match::Score>,
	evidence_hash: String,
	evidence: Evidence,
}

/// The connection to the node: the one made before, or a new one.
async fn connect(state: &AppState) -> Result<Node, ApiError> {
	let mut node = state.node.lock().await;
	if let Some(node) = node.as_ref() {
		return Ok(node.clone());
	}
	let connected = Node::connect(&state.node_url)
		.await
		.map_err(|e| bad(StatusCode::BAD_GATEWAY, e.to_string()))?;
	*node = Some(connected.clone());
	Ok(connected)
}

/// Drops the connection after an error from the node, so that the next request reconnects.
async fn forget_node_after(state: &AppState, error: ApiError) -> ApiError {
	if error.0 == StatusCode::BAD_GATEWAY {
		*state.node.lock().await = None;
	}
	error
}

fn check_output(output: &str) -> Result<(), ApiError> {
	if output.len() > MAX_OUTPUT {
		return Err(bad(
			StatusCode::PAYLOAD_TOO_LARGE,
			format!("the output is larger than {MAX_OUTPUT} bytes"),
		));
	}
	Ok(())
}

/// Answers with the evidence, and says where the time went in a `Server-Timing` header:
/// `match` is the attribution itself (on a blocking thread), `total` the whole answer from the
/// parsed request to the serialized body (the targets, the evidence hash and the JSON too).
async fn attribute(
	State(state): State<Arc<AppState>>,
	request: Result<Json<AttributeRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, ApiError> {
	let started = Instant::now();
	let Json(request) = request.map_err(json_rejection)?;
	check_output(&request.output)?;
	// Reading is safe to do twice: a connection the node dropped (it restarted) is made again
	// once, instead of answering 502.
	let (answer, matching) = match attribute_once(&state, &request).await {
		Err(error) if error.0 == StatusCode::BAD_GATEWAY => {
			let _ = forget_node_after(&state, error).await;
			match attribute_once(&state, &request).await {
				Ok(answer) => answer,
				Err(error) => return Err(forget_node_after(&state, error).await),
			}
		},
		outcome => outcome?,
	};
	let body = serde_json::to_vec(&answer)
		.map_err(|e| bad(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
	let timing = format!(
		"match;dur={:.1}, total;dur={:.1}",
		matching.as_secs_f64() * 1e3,
		started.elapsed().as_secs_f64() * 1e3
	);
	Ok(([(header::CONTENT_TYPE, "application/json".to_string()), (SERVER_TIMING, timing)], body)
		.into_response())
}

/// The `Server-Timing` response header (W3C Server Timing).
const SERVER_TIMING: header::HeaderName = header::HeaderName::from_static("server-timing");

/// The answer, and how long the attribution itself took.
async fn attribute_once(
	state: &AppState,
	request: &AttributeRequest,
) -> Result<(Attributed, Duration), ApiError> {
	let permit = attribution_permit(state)?;
	let node = connect(state).await?;
	let wanted = state.targets.get(&node, request.model, request.model_version).await?;
	let started = Instant::now();
	let evidence = attribute_with(
		&wanted,
		&state.indexes,
		request.model,
		request.model_version,
		&request.output,
		state.params,
		permit,
	)
	.await?;
	let matching = started.elapsed();
	Ok((
		Attributed {
			scores: evidence.scores.clone(),
			evidence_hash: hex(&evidence.hash()),
			evidence,
		},
		matching,
	))
}

/// A place among the attributions running at once, or `503`.
fn attribution_permit(state: &AppState) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
	state.attributions.clone().try_acquire_owned().map_err(|_| {
		bad(StatusCode::SERVICE_UNAVAILABLE, "too many attributions at once: try again shortly")
	})
}

fn json_rejection(rejection: axum::extract::rejection::JsonRejection) -> ApiError {
	let status = rejection.status();
	let status =
		if status == StatusCode::PAYLOAD_TOO_LARGE { status } else { StatusCode::BAD_REQUEST };
	let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
		format!("the request is larger than {} bytes", MAX_OUTPUT + 4096)
	} else {
		rejection.body_text()
	};
	bad(status, message)
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RecordRequest {
	model: u64,
	model_version: u32,
	output: String,
	#[serde(default)]
	agent: Option<u64>,
	/// The fee, a decimal string (or a JSON number that fits).
	fee: serde_json::Value,
	/// Makes the inference hash unique when the same answer is recorded twice (`0x`-hex or any
	/// text); random when omitted.
	#[serde(default)]
	nonce: Option<String>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Recorded {
	record: u64,
	inference_hash: String,
	evidence_hash: String,
	scores: Vec<openledger_span_match::Score>,
}

/// The inference hash: blake2-256 of the canonical JSON
/// `{"model":M,"modelVersion":V,"output":"…","nonce":"…"}`.
pub fn inference_hash(model: u64, model_version: u32, output: &str, nonce: &str) -> [u8; 32] {
	#[derive(Serialize)]
	#[serde(rename_all = "camelCase")]
	struct Inference<'a> {
		model: u64,
		model_version: u32,
		output: &'a str,
		nonce: &'a str,
	}
	let bytes =
		serde_json::to_vec(&Inference { model, model_version, output, nonce }).unwrap_or_default();
	blake2_256(&bytes)
}

fn parse_fee(fee: &serde_json::Value) -> Option<u128> {
	match fee {
		serde_json::Value::String(text) => text.parse().ok(),
		serde_json::Value::Number(number) => number.as_u64().map(u128::from),
		_ => None,
	}
}

async fn record(
	State(state): State<Arc<AppState>>,
	request: Result<Json<RecordRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Recorded>, ApiError> {
	match record_inner(&state, request).await {
		Ok(answer) => Ok(answer),
		Err(error) => Err(forget_node_after(&state, error).await),
	}
}

async fn record_inner(
	state: &AppState,
	request: Result<Json<RecordRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Recorded>, ApiError> {
	let Json(request) = request.map_err(json_rejection)?;
	check_output(&request.output)?;
	let Some(recording) = &state.recording else {
		return Err(bad(StatusCode::FORBIDDEN, "this attestor has no key: it does not record"));
	};
	let fee = parse_fee(&request.fee).ok_or_else(|| {
		bad(StatusCode::BAD_REQUEST, "the fee must be a decimal string of the smallest unit")
	})?;
	if let Some(agent) = request.agent {
		if !recording.agents.contains(&agent) {
			return Err(bad(
				StatusCode::FORBIDDEN,
				format!(
					"agent {agent} is not on this attestor's allow-list (--agent): its operator \
					 would take a share of the fee the attestor pays"
				),
			));
		}
	}
	recording.spending.check(fee).map_err(|why| bad(StatusCode::FORBIDDEN, why))?;
	let node = connect(state).await?;
	let methods = node
		.model(request.model, None)
		.await
		.map_err(|e| bad(StatusCode::BAD_GATEWAY, e.to_string()))?
		.map(|model| model.attribution_methods)
		.unwrap_or_default();
	let params_hash = state.params.hash();
	if !methods.is_empty() && !methods.iter().any(|method| method.allows(METHOD_ID, &params_hash)) {
		let listed: Vec<String> = methods.iter().map(ToString::to_string).collect();
		return Err(bad(
			StatusCode::CONFLICT,
			format!(
				"model {} lets its records use only {}, not {METHOD_ID} with this attestor's \
				 parameters {} (hash {})",
				request.model,
				listed.join(", "),
				String::from_utf8_lossy(&state.params.canonical_json()),
				hex(&params_hash)
			),
		));
	}
	// A core while attributing, not while the record waits for finality.
	let permit = attribution_permit(state)?;
	let wanted = state.targets.get(&node, request.model, request.model_version).await?;
	let evidence = attribute_with(
		&wanted,
		&state.indexes,
		request.model,
		request.model_version,
		&request.output,
		state.params,
		permit,
	)
	.await?;
	let document = evidence.canonical_json();
	let evidence_hash = state
		.store
		.put(&document)
		.await
		.map_err(|e| bad(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
	// The operator share as it is now: the record pays at most that (see `RecordCall`).
	let max_operator_share = match request.agent {
		None => 0,
		Some(agent) => {
			node.agent(agent)
				.await
				.map_err(|e| bad(StatusCode::BAD_GATEWAY, e.to_string()))?
				.ok_or_else(|| bad(StatusCode::NOT_FOUND, format!("no agent {agent}")))?
				.operator_share_perbill
		},
	};
	let nonce = request.nonce.unwrap_or_else(random_nonce);
	let inference = inference_hash(request.model, request.model_version, &request.output, &nonce);
	let call = RecordCall {
		model: request.model,
		model_version: request.model_version,
		agent: request.agent,
		fee,
		inference_hash: inference,
		method: METHOD_ID.to_string(),
		params_hash: state.params.hash(),
		evidence_hash,
		scores: evidence.scores.iter().map(|s| (s.dataset, s.perbill)).collect(),
		max_operator_share,
	};
	// One submission at a time: the day's spending is counted under the lock.
	let signer = recording.signer.lock().await;
	recording.spending.spend(fee).map_err(|why| bad(StatusCode::FORBIDDEN, why))?;
	// A fee stays counted whatever happens next: a connection lost while waiting does not say
	// whether the chain took it, so the caps err on the side of spending less.
	let record = node
		.record_inference(&signer, recording.proxy_for, call)
		.await
		.map_err(|e| bad(StatusCode::BAD_GATEWAY, e.to_string()))?;
	tracing::info!("recorded record {record} (evidence {})", hex(&evidence_hash));
	Ok(Json(Recorded {
		record,
		inference_hash: hex(&inference),
		evidence_hash: hex(&evidence_hash),
		scores: evidence.scores,
	}))
}

fn random_nonce() -> String {
	let mut bytes = [0u8; 16];
	let now =
		std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
	bytes[..16].copy_from_slice(&now.as_nanos().to_le_bytes());
	hex(&blake2_256(&[&bytes[..], &std::process::id().to_le_bytes()].concat()))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Status {
	/// The models served.
	models: Vec<u64>,
	/// The datanets served.
	datasets: Vec<u64>,
	/// The content hashes the store takes from the public.
	admitted_contents: usize,
	/// The bytes the store holds, and its quota of uploads.
	store: StoreStatus,
	/// The bytes of index segments locked in memory (`--lock-indexes`).
	locked_index_bytes: u64,
	/// How many dataset versions the served models need.
	versions_total: usize,
	/// The first [`MAX_STATUS_VERSIONS`] of them, waiting ones first: indexed or waiting, and
	/// why.
	versions: Vec<serde_json::Value>,
}

/// The most versions `/v1/status` lists.
pub const MAX_STATUS_VERSIONS: usize = 1000;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct StoreStatus {
	used_bytes: u64,
	quota_bytes: u64,
}

async fn status(State(state): State<Arc<AppState>>) -> Json<Status> {
	let states = state.indexes.states();
	let versions_total = states.len();
	let (waiting, indexed): (Vec<_>, Vec<_>) = states
		.into_iter()
		.partition(|(_, state)| matches!(state, crate::indexer::VersionState::Pending { .. }));
	let versions = waiting
		.into_iter()
		.chain(indexed)
		.take(MAX_STATUS_VERSIONS)
		.map(|((dataset, version), state)| {
			let mut value = serde_json::to_value(state).unwrap_or_default();
			if let Some(object) = value.as_object_mut() {
				object.insert("dataset".into(), dataset.into());
				object.insert("version".into(), version.into());
			}
			value
		})
		.collect();
	let (used_bytes, quota_bytes) = state.store.usage();
	Json(Status {
		models: state.served.models().into_iter().collect(),
		datasets: state.served.datasets().into_iter().collect(),
		admitted_contents: state.served.content_count(),
		store: StoreStatus { used_bytes, quota_bytes },
		locked_index_bytes: state.indexes.locked_bytes(),
		versions_total,
		versions,
	})
}
