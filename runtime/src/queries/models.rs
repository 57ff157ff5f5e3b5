//! Answers of the models runtime API.

use alloc::vec::Vec;
use openledger_primitives::{ModelId, ModelInspect};
use pallet_models::{Models, Versions};
use pallet_models_runtime_api::{Lineage, ModelInfo, VersionInfo, MAX_PAGE};

use crate::{AccountId, BlockNumber, Runtime};

type ModelsPallet = pallet_models::Pallet<Runtime>;

/// A model with its latest versions.
pub fn model(id: ModelId) -> Option<ModelInfo<AccountId, BlockNumber>> {
	let info = Models::<Runtime>::get(id)?;
	let first = info.versions.saturating_sub(MAX_PAGE).saturating_add(1);
	let versions = (first..=info.versions)
		.filter_map(|version| {
			Versions::<Runtime>::get(id, version).map(|v| VersionInfo {
				version,
				artifact_hash: v.artifact_hash,
				training: v.training.into_inner(),
				published_at: v.published_at,
			})
		})
		.collect();
	Some(ModelInfo {
		id,
		owner: info.owner,
		pending_owner: info.pending_owner,
		metadata: info.metadata.into_inner(),
		license: info.license.into_inner(),
		base_model: info.base_model,
		depth: info.depth,
		royalty: info.royalty,
		price: info.price,
		model_share: info.split.model_share,
		attestors: info.attestors.into_inner(),
		status: info.status,
		deposit: info.deposit,
		derivatives: info.derivatives,
		versions,
		created_at: info.created_at,
	})
}

/// A model's ancestors and a page of its derivatives.
pub fn lineage(id: ModelId, start: u32, limit: u32) -> Option<Lineage<AccountId>> {
	let info = Models::<Runtime>::get(id)?;
	let limit = limit.clamp(1, MAX_PAGE);
	let ancestors: Vec<_> =
		ModelsPallet::lineage(id).into_iter().map(|a| (a.model, a.owner, a.royalty)).collect();
	let derivatives = ModelsPallet::derivatives(id, start, limit);
	let end = start.saturating_add(limit);
	Some(Lineage {
		ancestors,
		derivatives,
		next: (end < info.derivatives).then_some(end),
		derivative_count: info.derivatives,
	})
}
