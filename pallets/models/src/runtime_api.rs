//! What the models runtime API answers ([`pallet_models_runtime_api::ModelsApi`]), read from
//! this pallet's storage: the runtime's `impl_runtime_apis!` forwards to these functions.

use alloc::vec::Vec;
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{page_of_ids, ModelId, Page, MAX_PAGE};
use pallet_models_runtime_api::{Lineage, ListedModel, ModelInfo, VersionInfo as VersionView};

use crate::*;

impl<T: Config> Pallet<T> {
	/// A model with its latest versions (at most [`MAX_PAGE`]).
	pub fn api_model(id: ModelId) -> Option<ModelInfo<T::AccountId, BlockNumberFor<T>>> {
		Models::<T>::get(id).map(|info| Self::model_info(id, info, MAX_PAGE))
	}

	/// A page of every model in state, or of `owner`'s, in id order from id `start`; each
	/// with its latest version only (`api_model` has the latest [`MAX_PAGE`]), so that a page
	/// reads a bounded number of versions, and with its allowed methods.
	pub fn api_models(
		owner: Option<T::AccountId>,
		start: Option<u64>,
		limit: u32,
	) -> Page<ListedModel<T::AccountId, BlockNumberFor<T>>> {
		page_of_ids(start.unwrap_or(0), NextModelId::<T>::get(), limit, |id| {
			Models::<T>::get(id)
				.filter(|info| owner.as_ref().is_none_or(|owner| *owner == info.owner))
				.map(|info| {
					let allowed_methods = Self::api_allowed_methods(id).unwrap_or_default();
					ListedModel { model: Self::model_info(id, info, 1), allowed_methods }
				})
		})
	}

	/// Model `id` as the API shows it, with its latest `versions` versions.
	fn model_info(
		id: ModelId,
		info: ModelOf<T>,
		versions: u32,
	) -> ModelInfo<T::AccountId, BlockNumberFor<T>> {
		let first = info.versions.saturating_sub(versions).saturating_add(1);
		let versions = (first..=info.versions)
			.filter_map(|version| {
				Versions::<T>::get(id, version).map(|v| VersionView {
					version,
					artifact_hash: v.artifact_hash,
					training: v.training.into_inner(),
					published_at: v.published_at,
					base_version: v.base_version,
				})
			})
			.collect();
		ModelInfo {
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
		}
	}

	/// The ids of the attribution methods a model's records may use (empty: any).
	pub fn api_attribution_methods(id: ModelId) -> Option<Vec<Vec<u8>>> {
		Models::<T>::contains_key(id).then(|| {
			AttributionMethods::<T>::get(id).into_iter().map(|m| m.id.into_inner()).collect()
		})
	}

	/// The attribution methods a model's records may use, with their parameters' hashes
	/// (empty: any).
	pub fn api_allowed_methods(id: ModelId) -> Option<Vec<(Vec<u8>, sp_core::H256)>> {
		Models::<T>::contains_key(id).then(|| {
			AttributionMethods::<T>::get(id)
				.into_iter()
				.map(|m| (m.id.into_inner(), m.params_hash))
				.collect()
		})
	}

	/// A model's ancestors and a page of its direct derivatives from position `start`.
	pub fn api_lineage(id: ModelId, start: u32, limit: u32) -> Option<Lineage<T::AccountId>> {
		let info = Models::<T>::get(id)?;
		let limit = limit.clamp(1, MAX_PAGE);
		let ancestors: Vec<_> = Self::ancestors_of(id)
			.into_iter()
			.map(|ancestor| (ancestor.model, ancestor.owner, ancestor.royalty))
			.collect();
		let derivatives = Self::derivatives_page(id, start, limit);
		let end = start.saturating_add(limit);
		Some(Lineage {
			ancestors,
			derivatives,
			next: (end < info.derivatives).then_some(end),
			derivative_count: info.derivatives,
		})
	}
}
