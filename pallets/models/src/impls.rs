//! How other pallets see models: [`openledger_primitives::ModelInspect`].

use alloc::vec::Vec;
use openledger_primitives::{
	Ancestor, Balance, ModelId, ModelInspect, ModelTerms, ModelVersion, TrainingSet,
};

use frame_support::traits::Get;

use crate::{Config, Derivatives, Models, Pallet, Versions};

impl<T: Config> ModelInspect<T::AccountId, Balance> for Pallet<T> {
	fn terms(model: ModelId) -> Option<ModelTerms<T::AccountId, Balance>> {
		Models::<T>::get(model).map(|info| ModelTerms {
			owner: info.owner,
			status: info.status,
			price: info.price,
			split: info.split,
		})
	}

	fn exists(model: ModelId) -> bool {
		Models::<T>::contains_key(model)
	}

	fn training(model: ModelId, version: ModelVersion) -> Option<Vec<TrainingSet>> {
		Versions::<T>::get(model, version).map(|info| info.training.into_inner())
	}

	fn is_attestor(model: ModelId, who: &T::AccountId) -> bool {
		Models::<T>::get(model).is_some_and(|info| info.attestors.contains(who))
	}

	fn lineage(model: ModelId) -> Vec<Ancestor<T::AccountId>> {
		let mut ancestors = Vec::new();
		let mut next = Models::<T>::get(model).and_then(|info| info.base_model);
		// Depth is bounded at registration; the bound here keeps the walk finite even if
		// storage were ever inconsistent.
		while let Some(id) = next {
			if ancestors.len() >= T::MaxLineageDepth::get() as usize {
				break;
			}
			let Some(info) = Models::<T>::get(id) else { break };
			ancestors.push(Ancestor { model: id, owner: info.owner, royalty: info.royalty });
			next = info.base_model;
		}
		ancestors
	}

	fn derivatives(model: ModelId, start: u32, limit: u32) -> Vec<ModelId> {
		(start..start.saturating_add(limit))
			.map_while(|index| Derivatives::<T>::get(model, index))
			.collect()
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> openledger_primitives::ModelBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn model_with_lineage(
		owner: &T::AccountId,
		attestor: &T::AccountId,
		depth: u32,
		training: Vec<TrainingSet>,
	) -> (ModelId, ModelVersion) {
		use frame_support::traits::fungible::Mutate;
		use openledger_primitives::SplitPolicy;
		use sp_runtime::Perbill;

		let _ = T::Currency::set_balance(owner, Balance::MAX / 4);
		let split = SplitPolicy {
			model_share: <T::SplitBounds as openledger_primitives::SplitBounds>::max_model_share(),
		};
		let mut base = None;
		let mut model = 0;
		for _ in 0..=depth {
			model = Self::do_register_model(
				owner.clone(),
				Default::default(),
				Default::default(),
				base,
				Perbill::from_percent(10),
				0,
				split,
			)
			.unwrap_or_default();
			base = Some(model);
		}
		let version = Self::do_publish_version(owner, model, Default::default(), training)
			.unwrap_or_default();
		let _ = Self::do_set_attestors(owner, model, alloc::vec![attestor.clone()]);
		(model, version)
	}
}
