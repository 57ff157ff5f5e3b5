//! Attribution as the attestor and its verifiers compute it: which dataset versions a model
//! version's answers are attributed over, and `span-match/1` over their indexes.
//!
//! The dataset versions are the model version's training sets and those of the versions it
//! derives from: each model version pins the version of its base model it derives from, that
//! one its own base's, up to the root, all permanent state (no historical state is needed, so
//! a verifier on a pruned node checks a record at any time). A dataset that appears more than
//! once counts once, at its highest version (a later version's content contains an earlier
//! one's: the root only ever grows).

use std::{
	collections::{BTreeMap, HashMap},
	sync::{Arc, Mutex},
};

use openledger_span_match::{attribute, Answer, DatasetInput, Evidence, Params, SpanIndex};

use crate::{
	chain::{Node, NodeError},
	indexer::{Indexes, VersionKey, VersionState},
	store::Hash,
};

/// Why an answer could not be attributed.
#[derive(Debug)]
pub enum AttributeError {
	/// The answer has no tokens.
	EmptyOutput,
	/// The model or its version does not exist.
	ModelVersionNotFound {
		/// The model.
		model: u64,
		/// The version.
		version: u32,
	},
	/// Some dataset versions are not indexed yet: which, and why.
	NotReady(Vec<(VersionKey, String)>),
	/// The node did not answer.
	Node(NodeError),
}

impl std::fmt::Display for AttributeError {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Self::EmptyOutput => {
				write!(f, "the output has no tokens: there is nothing to attribute")
			},
			Self::ModelVersionNotFound { model, version } => {
				write!(f, "model {model} has no version {version}")
			},
			Self::NotReady(versions) => {
				write!(f, "not ready: ")?;
				let parts: Vec<String> = versions
					.iter()
					.map(|((dataset, version), why)| {
						format!("dataset {dataset} version {version} is not indexed yet ({why})")
					})
					.collect();
				f.write_str(&parts.join("; "))
			},
			Self::Node(error) => write!(f, "the node: {error}"),
		}
	}
}

impl From<NodeError> for AttributeError {
	fn from(error: NodeError) -> Self {
		Self::Node(error)
	}
}

/// The longest chain of pinned base versions followed: more than the chain's lineage depth
/// (`MaxLineageDepth`), so only a chain in a state no runtime writes is cut.
const MAX_PINNED_DEPTH: usize = 64;

/// The dataset versions an answer of `model` version `version` is attributed over, with their
/// roots, read at block `at` (`None`: the latest finalized block, which the indexer follows
/// too). Everything read is permanent, so any block after the record's gives the same answer.
/// The model versions and the dataset versions are read by key: any version, however many
/// there are.
pub async fn targets(
	node: &Node,
	model: u64,
	version: u32,
	at: Option<&str>,
) -> Result<Vec<(VersionKey, Hash)>, AttributeError> {
	let finalized;
	let at = match at {
		Some(at) => at,
		None => {
			finalized = node.finalized_hash().await?;
			finalized.as_str()
		},
	};
	let at = Some(at);
	let mut highest: BTreeMap<u64, u32> = BTreeMap::new();
	let mut next = Some((model, version));
	let mut followed = 0usize;
	while let Some((this, this_version)) = next {
		let Some(pinned) = node.model_version(this, this_version, at).await? else {
			if this == model {
				return Err(AttributeError::ModelVersionNotFound { model, version });
			}
			return Err(AttributeError::Node(NodeError(format!(
				"model {this} has no version {this_version}, which a version in the lineage of \
				 model {model} version {version} derives from"
			))));
		};
		for (dataset, dataset_version) in pinned.training {
			let entry = highest.entry(dataset).or_insert(dataset_version);
			*entry = (*entry).max(dataset_version);
		}
		followed += 1;
		if followed > MAX_PINNED_DEPTH {
			return Err(AttributeError::Node(NodeError(format!(
				"model {model} version {version} derives from more than {MAX_PINNED_DEPTH} \
				 versions"
			))));
		}
		next = pinned.base;
	}
	let mut out = Vec::with_capacity(highest.len());
	for (dataset, version) in highest {
		let root = node.dataset_root(dataset, version, at).await?.ok_or_else(|| {
			AttributeError::Node(NodeError(format!("dataset {dataset} has no version {version}")))
		})?;
		out.push(((dataset, version), root));
	}
	Ok(out)
}

/// The most model versions whose targets [`TargetCache`] keeps; when full it starts again.
const MAX_CACHED_TARGETS: usize = 4096;

/// The [`targets`] of the model versions answered before, read once: they are permanent state
/// (a model version pins its base's version, a dataset version its root), so an entry never
/// goes stale, and an answer costs no read from the node. Only model versions that exist are
/// kept (each is a deposit on chain), at most [`MAX_CACHED_TARGETS`].
#[derive(Default)]
pub struct TargetCache {
	entries: Mutex<HashMap<(u64, u32), Targets>>,
}

/// The dataset versions a model version's answers are attributed over, with their roots.
pub type Targets = Arc<Vec<(VersionKey, Hash)>>;

impl TargetCache {
	/// The targets of `model` version `version`, from the cache or read at the latest
	/// finalized block.
	pub async fn get(
		&self,
		node: &Node,
		model: u64,
		version: u32,
	) -> Result<Targets, AttributeError> {
		let cached = self.entries.lock().ok().and_then(|e| e.get(&(model, version)).cloned());
		if let Some(found) = cached {
			return Ok(found);
		}
		let found = Arc::new(targets(node, model, version, None).await?);
		if let Ok(mut entries) = self.entries.lock() {
			if entries.len() >= MAX_CACHED_TARGETS {
				entries.clear();
			}
			entries.insert((model, version), found.clone());
		}
		Ok(found)
	}
}

/// Attributes `output` over the indexed `targets`.
pub fn evidence(
	model: u64,
	model_version: u32,
	output: &str,
	params: Params,
	targets: &[(VersionKey, Hash, Arc<dyn SpanIndex + Send + Sync>)],
) -> Evidence {
	let inputs: Vec<DatasetInput<'_>> = targets
		.iter()
		.map(|((dataset, version), root, index)| DatasetInput {
			dataset: *dataset,
			version: *version,
			root: *root,
			index: index.as_ref(),
		})
		.collect();
	attribute(&Answer { model, model_version, output }, params, &inputs)
}

/// Attributes an answer over `wanted` (the model version's targets, [`TargetCache::get`]) with
/// the attestor's own indexes; "not ready" names every version that
/// is not indexed yet and why. `permit` is a place among the attributions running at once: it
/// is held by the attribution itself, until it ends, even if the caller stops waiting for it.
pub async fn attribute_with(
	wanted: &[(VersionKey, Hash)],
	indexes: &Indexes,
	model: u64,
	model_version: u32,
	output: &str,
	params: Params,
	permit: tokio::sync::OwnedSemaphorePermit,
) -> Result<Evidence, AttributeError> {
	if openledger_span_match::tokenize(output).is_empty() {
		return Err(AttributeError::EmptyOutput);
	}
	let mut ready: Vec<(VersionKey, Hash, Arc<dyn SpanIndex + Send + Sync>)> = Vec::new();
	let mut missing = Vec::new();
	for &(key, root) in wanted.iter() {
		match indexes.get_open(key) {
			Some(index) => ready.push((key, root, index)),
			None => {
				let why = match indexes.state(key) {
					Some(VersionState::Pending { reason, .. }) => reason,
					_ => "its publication was not seen in a finalized block yet, or no model this \
					      attestor serves uses it"
						.to_string(),
				};
				missing.push((key, why));
			},
		}
	}
	if !missing.is_empty() {
		return Err(AttributeError::NotReady(missing));
	}
	let output = output.to_string();
	tokio::task::spawn_blocking(move || {
		let _permit = permit;
		evidence(model, model_version, &output, params, &ready)
	})
	.await
	.map_err(|e| AttributeError::Node(NodeError(format!("the attribution task failed: {e}"))))
}
