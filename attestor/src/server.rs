//! The HTTP API of `openledger-attestor serve`.
//!
//! | route | what it does |
//! |---|---|
//! | `PUT /v1/content` | stores the body under its blake2-256 hash (checked against an `x-content-hash` header when given); `201` new, `200` known |
//! | `PUT /v1/content/{hash}` | the same, the hash in the path |
//! | `GET /v1/content/{hash}` | the bytes, to anyone |
//! | `POST /v1/attribute` | `{model, modelVersion, output}` → the evidence, its hash and the scores |
//! | `POST /v1/record` | the same plus `{agent?, fee, nonce?}`: records the inference on chain; → the record id |
//! | `GET /v1/status` | the dataset versions seen, indexed or waiting, and why |
//!
//! Errors are JSON, `{"error": "…"}`, with a status that says whose fault it is: `400` a
//! malformed request, `404` unknown content, `409` not ready (a dataset version is not indexed
//! yet), `413` too large, `422` content that does not hash to what it was sent under, `502`
//! the node refused or failed.

use std::{sync::Arc, time::Duration};

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
	attribution::{attribute_with, AttributeError},
	chain::{Node, RecordCall},
	indexer::Indexes,
	store::{parse_hash, ContentStore, PutError},
};

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
	/// The key records are signed with, if this attestor records; one submission at a time.
	pub signer: Option<Mutex<Keypair>>,
	/// The method's parameters.
	pub params: Params,
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

/// The routes.
pub fn router(state: Arc<AppState>) -> Router {
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
				.route("/v1/record", post(record))
				.layer(DefaultBodyLimit::max(MAX_OUTPUT + 4096))
				.route_layer(middleware::from_fn_with_state(
					DeclaredLimit { what: "the request", limit: (MAX_OUTPUT + 4096) as u64 },
					refuse_declared_oversize,
				)),
		)
		.route("/v1/status", get(status))
		.with_state(state)
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

async fn store_body(
	state: &AppState,
	expected: Option<[u8; 32]>,
	body: Body,
) -> Result<Response, ApiError> {
	let stream = body.into_data_stream();
	match state.store.put_stream(expected, stream).await {
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
	let expected = match headers.get("x-content-hash") {
		Some(value) => Some(hash_from(value.to_str().unwrap_or(""))?),
		None => None,
	};
	store_body(&state, expected, body).await
}

async fn put_content_at(
	State(state): State<Arc<AppState>>,
	Path(hash): Path<String>,
	body: Body,
) -> Result<Response, ApiError> {
	let expected = hash_from(&hash)?;
	store_body(&state, Some(expected), body).await
}

async fn get_content(
	State(state): State<Arc<AppState>>,
	Path(hash): Path<String>,
) -> Result<Response, ApiError> {
	let hash = hash_from(&hash)?;
	match state.store.get(&hash).await {
		Ok(Some(bytes)) => {
			Ok(([("content-type", "application/octet-stream")], bytes).into_response())
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

async fn attribute(
	State(state): State<Arc<AppState>>,
	request: Result<Json<AttributeRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Attributed>, ApiError> {
	match attribute_inner(&state, request).await {
		Ok(answer) => Ok(answer),
		Err(error) => Err(forget_node_after(&state, error).await),
	}
}

async fn attribute_inner(
	state: &AppState,
	request: Result<Json<AttributeRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Json<Attributed>, ApiError> {
	let Json(request) = request.map_err(json_rejection)?;
	check_output(&request.output)?;
	let node = connect(state).await?;
	let evidence = attribute_with(
		&node,
		&state.indexes,
		request.model,
		request.model_version,
		&request.output,
		state.params,
	)
	.await?;
	Ok(Json(Attributed {
		scores: evidence.scores.clone(),
		evidence_hash: hex(&evidence.hash()),
		evidence,
	}))
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
	let Some(signer) = &state.signer else {
		return Err(bad(
			StatusCode::FORBIDDEN,
			"this attestor has no key: start it with --suri or --key-file",
		));
	};
	let fee = parse_fee(&request.fee).ok_or_else(|| {
		bad(StatusCode::BAD_REQUEST, "the fee must be a decimal string of the smallest unit")
	})?;
	let node = connect(state).await?;
	let methods = node
		.model(request.model, None)
		.await
		.map_err(|e| bad(StatusCode::BAD_GATEWAY, e.to_string()))?
		.map(|model| model.attribution_methods)
		.unwrap_or_default();
	if !methods.is_empty() && !methods.iter().any(|method| method == METHOD_ID) {
		return Err(bad(
			StatusCode::CONFLICT,
			format!(
				"model {} lets its records use only {}, not {METHOD_ID}",
				request.model,
				methods.join(", ")
			),
		));
	}
	let evidence = attribute_with(
		&node,
		&state.indexes,
		request.model,
		request.model_version,
		&request.output,
		state.params,
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
	let signer = signer.lock().await;
	let record = node
		.record_inference(&signer, call)
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
struct Status {
	versions: Vec<serde_json::Value>,
}

async fn status(State(state): State<Arc<AppState>>) -> Json<Status> {
	let versions = state
		.indexes
		.states()
		.into_iter()
		.map(|((dataset, version), state)| {
			let mut value = serde_json::to_value(state).unwrap_or_default();
			if let Some(object) = value.as_object_mut() {
				object.insert("dataset".into(), dataset.into());
				object.insert("version".into(), version.into());
			}
			value
		})
		.collect();
	Json(Status { versions })
}
