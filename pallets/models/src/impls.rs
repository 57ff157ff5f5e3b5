//! How other pallets see models: [`openledger_primitives::ModelInspect`].

use alloc::vec::Vec;
use openledger_primitives::{
	Ancestor, Balance, ModelId, ModelInspect, ModelTerms, ModelVersion, TrainingSet,
};

use crate::{AttributionMethods, Config, Models, Pallet, Versions};

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

	fn allows_method(model: ModelId, method: &openledger_primitives::Method) -> bool {
		let methods = AttributionMethods::<T>::get(model);
		methods.is_empty() || methods.contains(method)
	}

	fn lineage(model: ModelId) -> Vec<Ancestor<T::AccountId>> {
		Self::ancestors_of(model)
	}

	fn derivatives(model: ModelId, start: u32, limit: u32) -> Vec<ModelId> {
		Self::derivatives_page(model, start, limit)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> openledger_primitives::ModelBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn model_with_lineage(
		owner: &T::AccountId,
		attestor: &T::AccountId,
		depth: u32,
		training: Vec<TrainingSet>,
		method: &openledger_primitives::Method,
	) -> Result<(ModelId, ModelVersion), sp_runtime::DispatchError> {
		use frame_support::traits::fungible::Mutate;
		use openledger_primitives::{SplitBounds, SplitPolicy};
		use sp_runtime::Perbill;

		T::Currency::set_balance(owner, Balance::MAX / 4);
		let split = SplitPolicy { model_share: T::SplitBounds::max_model_share() };
		let mut base = None;
		for _ in 0..=depth {
			let model = Self::do_register_model(
				owner.clone(),
				Default::default(),
				Default::default(),
				base,
				Perbill::from_percent(10),
				0,
				split,
			)?;
			base = Some(model);
		}
		let model = base.ok_or(sp_runtime::DispatchError::Other("no model registered"))?;
		let too_many = sp_runtime::DispatchError::Other("over a bound of the models pallet");
		let training = crate::TrainingOf::<T>::try_from(training).map_err(|_| too_many)?;
		let version = Self::do_publish_version(owner, model, Default::default(), training, None)?;
		let attestors = crate::AttestorsOf::<T>::try_from(alloc::vec![attestor.clone()])
			.map_err(|_| too_many)?;
		Self::do_set_attestors(owner, model, attestors)?;
		let others: u32 =
			<T::MaxAttributionMethods as frame_support::traits::Get<u32>>::get().saturating_sub(1);
		let mut methods: Vec<openledger_primitives::Method> = (0..others)
			.map(|i| openledger_primitives::Method {
				id: frame_support::BoundedVec::truncate_from(i.to_be_bytes().to_vec()),
				params_hash: Default::default(),
			})
			.collect();
		methods.push(method.clone());
		let methods = crate::MethodsOf::<T>::try_from(methods).map_err(|_| too_many)?;
		Self::do_set_attribution_methods(owner, model, methods)?;
		Ok((model, version))
	}
}
