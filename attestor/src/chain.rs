//! The node, as the attestor sees it: OpenLedger's typed JSON-RPC methods for queries, and
//! subxt (dynamic, from the runtime's metadata) for finalized blocks, their events, and the
//! extrinsics the attestor signs (`attribution.record_inference`, `attribution.challenge`).

use serde::{de::DeserializeOwned, Deserialize};
use subxt::{
	dynamic::{self, Value},
	rpcs::{client::RpcParams, RpcClient},
	OnlineClient, PolkadotConfig,
};
use subxt_signer::sr25519::Keypair;

use crate::store::{parse_hash, Hash};

/// Something the node did not do or did not answer.
#[derive(Debug)]
pub struct NodeError(pub String);

impl std::fmt::Display for NodeError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		f.write_str(&self.0)
	}
}

impl std::error::Error for NodeError {}

fn error(what: impl std::fmt::Display) -> NodeError {
	NodeError(what.to_string())
}

/// The cause of `error` said once: subxt wraps a failed connection in layers whose messages
/// repeat ("RPC error: client error: RPC error: client error: Error when opening the TCP
/// socket: Connection refused (os error 111)"), while the last part is what a user can act on.
fn cause(error: &(dyn std::error::Error + 'static)) -> String {
	let mut innermost = error;
	while let Some(source) = innermost.source() {
		innermost = source;
	}
	let message = innermost.to_string();
	message.rsplit("client error: ").next().unwrap_or(&message).to_owned()
}

/// One contribution in the order the dataset's root chains them.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedJson {
	/// Its place in the order, from 0.
	pub position: u32,
	/// The contribution.
	pub contribution: u64,
	/// Its content hash, `0x`-hex.
	pub content_hash: String,
}

/// A page of `datasets_acceptedContributions`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AcceptedPage {
	/// The contributions.
	pub items: Vec<AcceptedJson>,
	/// Where the next page starts.
	pub next: Option<u64>,
}

/// A contribution, as `datasets_contributions` lists it (the fields the attestor reads).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionJson {
	/// Its id.
	pub id: u64,
	/// Its content hash, `0x`-hex.
	pub content_hash: String,
	/// `pending`, `accepted`, `rejected` or `removed`.
	pub status: String,
}

/// A page of `datasets_contributions`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContributionPage {
	/// The contributions.
	pub items: Vec<ContributionJson>,
	/// Where the next page starts.
	pub next: Option<u64>,
}

/// A model version as the chain stores it, read by key: what it pins.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PinnedVersion {
	/// Its training sets, `(dataset, version)`.
	pub training: Vec<(u64, u32)>,
	/// The base model and the version of it that this version derives from, if any.
	pub base: Option<(u64, u32)>,
}

/// A model version, as `models_get` lists it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelVersionJson {
	/// Its number.
	pub version: u32,
}

/// A method a model's records may use, as `models_get` lists it.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct AllowedMethodJson {
	/// Its id, e.g. `span-match/1`.
	pub id: String,
	/// The hash of the parameters it may run with, `0x`-hex (`None` on runtimes before
	/// version 3 of the models API: any parameters).
	pub params_hash: Option<String>,
}

impl AllowedMethodJson {
	/// Whether a record of `id` with the parameters hashing to `params_hash` is this method.
	pub fn allows(&self, id: &str, params_hash: &Hash) -> bool {
		self.id == id
			&& self.params_hash.as_deref().is_none_or(|hash| parse_hash(hash) == Some(*params_hash))
	}
}

impl std::fmt::Display for AllowedMethodJson {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match &self.params_hash {
			Some(hash) => write!(f, "{} with parameters {hash}", self.id),
			None => f.write_str(&self.id),
		}
	}
}

/// A model, as `models_get` answers (the fields the attestor reads).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModelJson {
	/// Its latest versions.
	pub versions: Vec<ModelVersionJson>,
	/// The methods its records may use (empty: any).
	#[serde(default)]
	pub attribution_methods: Vec<AllowedMethodJson>,
}

/// An agent, as `agents_get` answers (the fields the attestor reads).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AgentJson {
	/// The operator's part of each fee, in parts per billion.
	pub operator_share_perbill: u32,
}

/// An ancestor, as `models_lineage` lists it.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AncestorJson {
	/// The ancestor model.
	pub model: u64,
}

/// A model's lineage, as `models_lineage` answers.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LineageJson {
	/// Its ancestors, direct base first.
	pub ancestors: Vec<AncestorJson>,
}

/// A score of a record.
#[derive(Clone, Debug, Deserialize, Eq, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ScoreJson {
	/// The dataset.
	pub dataset: u64,
	/// Parts per billion.
	pub perbill: u32,
}

/// A record, as `attribution_rewardSplit` answers (the fields the attestor reads).
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordJson {
	/// The model.
	pub model: u64,
	/// Its version.
	pub model_version: u32,
	/// The attestor (SS58).
	pub attestor: String,
	/// The method's id, `0x`-hex of its UTF-8.
	pub method: String,
	/// The hash of its parameters.
	pub method_params_hash: String,
	/// The hash of its evidence.
	pub evidence_hash: String,
	/// Its scores.
	pub scores: Vec<ScoreJson>,
	/// The block it was recorded in.
	pub block: u32,
	/// The last block it may be challenged in.
	pub challenge_deadline: u32,
	/// `unchallenged`, `challenged`, `confirmed` or `invalidated`.
	pub status: String,
}

impl RecordJson {
	/// The method's id as text: the node answers it as text, or as `0x`-hex when its bytes
	/// are not UTF-8 text (docs/rpc.md).
	pub fn method_id(&self) -> String {
		match self.method.strip_prefix("0x") {
			Some(hex) => {
				String::from_utf8_lossy(&hex::decode(hex).unwrap_or_default()).into_owned()
			},
			None => self.method.clone(),
		}
	}

	/// The evidence hash.
	pub fn evidence(&self) -> Option<Hash> {
		parse_hash(&self.evidence_hash)
	}
}

/// What an event of interest says.
#[derive(Clone, Debug, Eq, PartialEq)]
pub enum ChainEvent {
	/// `datasets.VersionPublished`.
	VersionPublished {
		/// The dataset.
		dataset: u64,
		/// The version.
		version: u32,
		/// Its root.
		root: Hash,
	},
	/// `attribution.InferenceRecorded`.
	InferenceRecorded {
		/// The record.
		record: u64,
	},
	/// `datasets.ContributionSubmitted`.
	ContributionSubmitted {
		/// The contribution.
		contribution: u64,
		/// The datanet.
		dataset: u64,
		/// The content's hash.
		content_hash: Hash,
	},
	/// `datasets.ContributionAccepted`.
	ContributionAccepted {
		/// The contribution.
		contribution: u64,
	},
	/// `datasets.ContributionWithdrawn` or `datasets.ContributionRejected`: a pending
	/// contribution left.
	ContributionDropped {
		/// The contribution.
		contribution: u64,
	},
	/// `datasets.ContributionRemoved`: governance took a contribution down (a pending one left
	/// state; an accepted one stays in the versions published before).
	ContributionRemoved {
		/// The contribution.
		contribution: u64,
	},
	/// `models.AttestorsSet`.
	AttestorsSet {
		/// The model.
		model: u64,
		/// Its attestors' account ids.
		attestors: Vec<[u8; 32]>,
	},
	/// `models.VersionPublished`: what the model's answers (and its derivatives') are
	/// attributed over changed.
	ModelChanged {
		/// The model.
		model: u64,
	},
}

/// What a record needs, besides what the method computes.
pub struct RecordCall {
	/// The model.
	pub model: u64,
	/// Its version.
	pub model_version: u32,
	/// The agent, if any.
	pub agent: Option<u64>,
	/// The fee.
	pub fee: u128,
	/// The inference hash.
	pub inference_hash: Hash,
	/// The method id.
	pub method: String,
	/// The method's parameters hash.
	pub params_hash: Hash,
	/// The evidence hash.
	pub evidence_hash: Hash,
	/// The scores: (dataset, parts per billion).
	pub scores: Vec<(u64, u32)>,
	/// The largest operator share (parts per billion) the attestor agrees to pay: the agent's
	/// share as the attestor saw it, so that an operator who raises it before the record is
	/// included makes the record fail rather than take more.
	pub max_operator_share: u32,
}

/// A connection to a node.
#[derive(Clone)]
pub struct Node {
	client: OnlineClient<PolkadotConfig>,
	rpc: RpcClient,
}

fn params(values: &[serde_json::Value]) -> RpcParams {
	let mut params = RpcParams::new();
	for value in values {
		// Pushing a JSON value cannot fail.
		let _ = params.push(value);
	}
	params
}

impl Node {
	/// Connects to the node at `url` (`ws://…`).
	pub async fn connect(url: &str) -> Result<Self, NodeError> {
		let rpc = RpcClient::from_insecure_url(url)
			.await
			.map_err(|e| error(format!("cannot reach the node at {url}: {}", cause(&e))))?;
		let client = OnlineClient::<PolkadotConfig>::from_rpc_client(rpc.clone())
			.await
			.map_err(|e| error(format!("cannot talk to the node at {url}: {}", cause(&e))))?;
		Ok(Self { client, rpc })
	}

	/// Calls one of the node's JSON-RPC methods.
	pub async fn call<T: DeserializeOwned>(
		&self,
		method: &str,
		args: &[serde_json::Value],
	) -> Result<T, NodeError> {
		self.rpc.request(method, params(args)).await.map_err(|e| error(format!("{method}: {e}")))
	}

	/// Calls a method that answers `null` for what does not exist.
	async fn lookup<T: DeserializeOwned>(
		&self,
		method: &str,
		args: &[serde_json::Value],
	) -> Result<Option<T>, NodeError> {
		match self.call::<T>(method, args).await {
			Ok(value) => Ok(Some(value)),
			// The OpenLedger methods answer "not found" with code -32001.
			Err(e) if e.0.contains("not found") => Ok(None),
			Err(e) => Err(e),
		}
	}

	/// The number of the latest finalized block.
	pub async fn finalized(&self) -> Result<u32, NodeError> {
		let at = self.client.at_current_block().await.map_err(error)?;
		Ok(at.block_number() as u32)
	}

	/// The hash of the latest finalized block, `0x`-hex.
	pub async fn finalized_hash(&self) -> Result<String, NodeError> {
		self.call("chain_getFinalizedHead", &[]).await
	}

	/// The events of interest in block `number`.
	pub async fn events(&self, number: u32) -> Result<Vec<ChainEvent>, NodeError> {
		#[derive(scale_decode::DecodeAsType)]
		struct VersionPublished {
			dataset: u64,
			version: u32,
			root: [u8; 32],
		}
		#[derive(scale_decode::DecodeAsType)]
		struct InferenceRecorded {
			record: u64,
		}
		#[derive(scale_decode::DecodeAsType)]
		struct ContributionSubmitted {
			contribution: u64,
			dataset: u64,
			content_hash: [u8; 32],
		}
		#[derive(scale_decode::DecodeAsType)]
		struct Contribution {
			contribution: u64,
		}
		#[derive(scale_decode::DecodeAsType)]
		struct Model {
			model: u64,
		}
		#[derive(scale_decode::DecodeAsType)]
		struct AttestorsSet {
			model: u64,
			attestors: Vec<[u8; 32]>,
		}
		let at = self.client.at_block(u64::from(number)).await.map_err(error)?;
		let events = at.events().fetch().await.map_err(error)?;
		let mut out = Vec::new();
		for event in events.iter() {
			let event = event.map_err(error)?;
			match (event.pallet_name(), event.event_name()) {
				("Datasets", "VersionPublished") => {
					let e =
						event.decode_fields_unchecked_as::<VersionPublished>().map_err(error)?;
					out.push(ChainEvent::VersionPublished {
						dataset: e.dataset,
						version: e.version,
						root: e.root,
					});
				},
				("Attribution", "InferenceRecorded") => {
					let e =
						event.decode_fields_unchecked_as::<InferenceRecorded>().map_err(error)?;
					out.push(ChainEvent::InferenceRecorded { record: e.record });
				},
				("Datasets", "ContributionSubmitted") => {
					let e = event
						.decode_fields_unchecked_as::<ContributionSubmitted>()
						.map_err(error)?;
					out.push(ChainEvent::ContributionSubmitted {
						contribution: e.contribution,
						dataset: e.dataset,
						content_hash: e.content_hash,
					});
				},
				("Datasets", "ContributionAccepted") => {
					let e = event.decode_fields_unchecked_as::<Contribution>().map_err(error)?;
					out.push(ChainEvent::ContributionAccepted { contribution: e.contribution });
				},
				("Datasets", "ContributionWithdrawn" | "ContributionRejected") => {
					let e = event.decode_fields_unchecked_as::<Contribution>().map_err(error)?;
					out.push(ChainEvent::ContributionDropped { contribution: e.contribution });
				},
				("Datasets", "ContributionRemoved") => {
					let e = event.decode_fields_unchecked_as::<Contribution>().map_err(error)?;
					out.push(ChainEvent::ContributionRemoved { contribution: e.contribution });
				},
				("Models", "AttestorsSet") => {
					let e = event.decode_fields_unchecked_as::<AttestorsSet>().map_err(error)?;
					out.push(ChainEvent::AttestorsSet { model: e.model, attestors: e.attestors });
				},
				("Models", "VersionPublished") => {
					let e = event.decode_fields_unchecked_as::<Model>().map_err(error)?;
					out.push(ChainEvent::ModelChanged { model: e.model });
				},
				_ => {},
			}
		}
		Ok(out)
	}

	/// A page of a dataset's contributions in the order its root chains them.
	pub async fn accepted(
		&self,
		dataset: u64,
		start: u64,
		at: Option<&str>,
	) -> Result<AcceptedPage, NodeError> {
		let page = serde_json::json!({ "start": start, "limit": 100 });
		self.call("datasets_acceptedContributions", &[dataset.into(), page, at.into()]).await
	}

	/// A page of a datanet's contributions (every status), from `start` (the previous page's
	/// `next`).
	pub async fn contributions(
		&self,
		dataset: u64,
		start: Option<u64>,
		at: Option<&str>,
	) -> Result<Option<ContributionPage>, NodeError> {
		let page = serde_json::json!({ "start": start, "limit": 100 });
		self.lookup(
			"datasets_contributions",
			&[dataset.into(), serde_json::Value::Null, page, at.into()],
		)
		.await
	}

	/// The chain at block `at` (a `0x` hash; `None`: the latest finalized block).
	async fn at(
		&self,
		at: Option<&str>,
	) -> Result<
		subxt::client::ClientAtBlock<
			PolkadotConfig,
			impl subxt::client::OnlineClientAtBlockT<PolkadotConfig>,
		>,
		NodeError,
	> {
		match at {
			None => self.client.at_current_block().await.map_err(error),
			Some(hash) => {
				let hash =
					parse_hash(hash).ok_or_else(|| error(format!("{hash} is not a block hash")))?;
				let block = subxt::backend::BlockRef::from_hash(subxt::utils::H256(hash));
				self.client.at_block(block).await.map_err(error)
			},
		}
	}

	/// Version `version` of `model`, read by key at block `at` (`None`: the latest finalized
	/// block): any version, however many the model has. What it was trained on and which
	/// version of its base model it derives from; `None` if there is no such version.
	pub async fn model_version(
		&self,
		model: u64,
		version: u32,
		at: Option<&str>,
	) -> Result<Option<PinnedVersion>, NodeError> {
		#[derive(scale_decode::DecodeAsType)]
		struct ModelVersion {
			training: Vec<(u64, u32, u32)>,
			base_version: Option<u32>,
		}
		#[derive(scale_decode::DecodeAsType)]
		struct Model {
			base_model: Option<u64>,
		}
		let at = self.at(at).await?;
		let address = dynamic::storage::<(u64, u32), ModelVersion>("Models", "Versions");
		let Some(value) = at.storage().try_fetch(address, (model, version)).await.map_err(error)?
		else {
			return Ok(None);
		};
		let decoded = value.decode().map_err(error)?;
		let base = match decoded.base_version {
			None => None,
			Some(base_version) => {
				let address = dynamic::storage::<(u64,), Model>("Models", "Models");
				let info = at.storage().try_fetch(address, (model,)).await.map_err(error)?;
				let info = match info {
					Some(info) => info.decode().map_err(error)?,
					None => return Err(error(format!("model {model} has a version but no entry"))),
				};
				info.base_model.map(|base| (base, base_version))
			},
		};
		Ok(Some(PinnedVersion {
			training: decoded.training.into_iter().map(|(d, v, _)| (d, v)).collect(),
			base,
		}))
	}

	/// The root of version `version` of `dataset`, read by key at block `at` (`None`: the
	/// latest finalized block): any version, however many the datanet has.
	pub async fn dataset_root(
		&self,
		dataset: u64,
		version: u32,
		at: Option<&str>,
	) -> Result<Option<Hash>, NodeError> {
		#[derive(scale_decode::DecodeAsType)]
		struct DatasetVersion {
			root: [u8; 32],
		}
		let at = self.at(at).await?;
		let address = dynamic::storage::<(u64, u32), DatasetVersion>("Datasets", "Versions");
		let value = at.storage().try_fetch(address, (dataset, version)).await.map_err(error)?;
		match value {
			None => Ok(None),
			Some(value) => Ok(Some(value.decode().map_err(error)?.root)),
		}
	}

	/// A model, at block `at`.
	pub async fn model(&self, id: u64, at: Option<&str>) -> Result<Option<ModelJson>, NodeError> {
		self.lookup("models_get", &[id.into(), at.into()]).await
	}

	/// An agent, at the best block.
	pub async fn agent(&self, id: u64) -> Result<Option<AgentJson>, NodeError> {
		self.lookup("agents_get", &[id.into(), serde_json::Value::Null]).await
	}

	/// A model's lineage, at block `at`.
	pub async fn lineage(
		&self,
		id: u64,
		at: Option<&str>,
	) -> Result<Option<LineageJson>, NodeError> {
		self.lookup("models_lineage", &[id.into(), serde_json::Value::Null, at.into()]).await
	}

	/// A record, at the best block.
	pub async fn record(&self, id: u64) -> Result<Option<RecordJson>, NodeError> {
		self.lookup("attribution_rewardSplit", &[id.into()]).await
	}

	/// Submits `call` from `signer` and waits until it is in a finalized block; returns the
	/// record id of its `InferenceRecorded` event, if it has one.
	async fn submit(
		&self,
		call: subxt::transactions::DynamicPayload<Vec<Value>>,
		signer: &Keypair,
	) -> Result<Option<u64>, NodeError> {
		#[derive(scale_decode::DecodeAsType)]
		struct InferenceRecorded {
			record: u64,
		}
		let at = self.client.at_current_block().await.map_err(error)?;
		let progress = at
			.transactions()
			.sign_and_submit_then_watch_default(&call, signer)
			.await
			.map_err(|e| error(format!("the node refused the transaction: {e}")))?;
		let events = progress
			.wait_for_finalized_success()
			.await
			.map_err(|e| error(format!("the transaction failed: {e}")))?;
		let mut proxied = None;
		for event in events.iter() {
			let event = event.map_err(error)?;
			match (event.pallet_name(), event.event_name()) {
				("Attribution", "InferenceRecorded") => {
					let e =
						event.decode_fields_unchecked_as::<InferenceRecorded>().map_err(error)?;
					return Ok(Some(e.record));
				},
				// A call made through a proxy fails inside a transaction that succeeds.
				("Proxy", "ProxyExecuted") => {
					proxied = Some(event.decode_as::<Value>().map_err(error)?)
				},
				_ => {},
			}
		}
		match proxied {
			Some(result) => Err(error(format!("the call made through the proxy failed: {result}"))),
			None => Ok(None),
		}
	}

	/// Records an inference; returns the record's id. With `proxy_for`, `signer` is an
	/// `Attestor` proxy of that account, and the record is made as that account (through
	/// `proxy.proxy`): the key can record and do nothing else.
	pub async fn record_inference(
		&self,
		signer: &Keypair,
		proxy_for: Option<[u8; 32]>,
		call: RecordCall,
	) -> Result<u64, NodeError> {
		let scores = call
			.scores
			.iter()
			.map(|(dataset, perbill)| {
				Value::unnamed_composite([
					Value::u128((*dataset).into()),
					Value::u128((*perbill).into()),
				])
			})
			.collect::<Vec<_>>();
		let method = Value::named_composite([
			("id", Value::from_bytes(call.method.as_bytes())),
			("params_hash", Value::from_bytes(call.params_hash)),
		]);
		let agent = match call.agent {
			Some(agent) => Value::unnamed_variant("Some", [Value::u128(agent.into())]),
			None => Value::unnamed_variant("None", []),
		};
		let args = vec![
			Value::u128(call.model.into()),
			Value::u128(call.model_version.into()),
			agent,
			Value::u128(call.fee),
			Value::from_bytes(call.inference_hash),
			method,
			Value::from_bytes(call.evidence_hash),
			Value::unnamed_composite(scores),
			Value::u128(call.max_operator_share.into()),
		];
		let payload = match proxy_for {
			None => dynamic::transaction("Attribution", "record_inference", args),
			Some(real) => dynamic::transaction(
				"Proxy",
				"proxy",
				vec![
					Value::unnamed_variant("Id", [Value::from_bytes(real)]),
					Value::unnamed_variant("Some", [Value::unnamed_variant("Attestor", [])]),
					Value::unnamed_variant(
						"Attribution",
						[Value::named_variant(
							"record_inference",
							RECORD_INFERENCE_FIELDS.iter().map(|name| name.to_string()).zip(args),
						)],
					),
				],
			),
		};
		self.submit(payload, signer).await?.ok_or_else(|| error("no InferenceRecorded event"))
	}

	/// Challenges a record, holding `bond` from `signer`.
	pub async fn challenge(
		&self,
		signer: &Keypair,
		record: u64,
		bond: u128,
	) -> Result<(), NodeError> {
		let payload = dynamic::transaction(
			"Attribution",
			"challenge",
			vec![Value::u128(record.into()), Value::u128(bond)],
		);
		self.submit(payload, signer).await.map(|_| ())
	}
}

/// The fields of `attribution.record_inference`, in order (a call nested in `proxy.proxy` is
/// encoded by name).
const RECORD_INFERENCE_FIELDS: [&str; 9] = [
	"model",
	"model_version",
	"agent",
	"fee",
	"inference_hash",
	"method",
	"evidence_hash",
	"scores",
	"max_operator_share",
];

/// An account id from its SS58 address or `0x` hex.
pub fn account_id(text: &str) -> Result<[u8; 32], NodeError> {
	if text.starts_with("0x") {
		return parse_hash(text).ok_or_else(|| error(format!("{text} is not 32 bytes of hex")));
	}
	text.parse::<subxt::utils::AccountId32>()
		.map(|account| account.0)
		.map_err(|e| error(format!("{text} is not an SS58 address: {e}")))
}

/// A signer from a secret URI (`//Alice`, a mnemonic, `0x…` seed).
pub fn signer(suri: &str) -> Result<Keypair, NodeError> {
	let uri: subxt_signer::SecretUri =
		suri.parse().map_err(|_| error("the secret URI does not parse"))?;
	Keypair::from_uri(&uri).map_err(|_| error("the secret URI is not a valid sr25519 key"))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn an_account_is_read_from_its_address_or_its_hex() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let hex = "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
		assert_eq!(account_id(alice).unwrap(), account_id(hex).unwrap());
		assert!(account_id("0xd435").is_err(), "not 32 bytes");
		assert!(account_id("nobody").is_err());
	}
}
