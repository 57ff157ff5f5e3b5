//! How other pallets see datasets: the traits of `openledger_primitives`.

use openledger_primitives::{
	Balance, DatasetId, DatasetInspect, DatasetRewards, DatasetStatus, DatasetVersion, PoolPayment,
};
use sp_runtime::DispatchError;

use crate::{Config, Datasets, Pallet, Versions};

impl<T: Config> DatasetInspect<T::AccountId> for Pallet<T> {
	fn owner(dataset: DatasetId) -> Option<T::AccountId> {
		Datasets::<T>::get(dataset).map(|info| info.owner)
	}

	fn status(dataset: DatasetId) -> Option<DatasetStatus> {
		Datasets::<T>::get(dataset).map(|info| info.status)
	}

	fn exists(dataset: DatasetId) -> bool {
		Datasets::<T>::contains_key(dataset)
	}

	fn version_exists(dataset: DatasetId, version: DatasetVersion) -> bool {
		Versions::<T>::contains_key(dataset, version)
	}
}

impl<T: Config> DatasetRewards<T::AccountId, Balance> for Pallet<T> {
	fn reward(
		dataset: DatasetId,
		amount: Balance,
		payer: &T::AccountId,
	) -> Result<PoolPayment, DispatchError> {
		Self::do_reward(dataset, amount, payer)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> openledger_primitives::DatasetBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn dataset_with_version(owner: &T::AccountId) -> (DatasetId, DatasetVersion) {
		use crate::{Policy, Verdict};
		use frame_support::traits::fungible::Mutate;

		let _ = T::Currency::set_balance(owner, Balance::max_value() / 4);
		let dataset = Self::do_create_dataset(
			owner.clone(),
			Default::default(),
			Default::default(),
			Policy { min_bond: 0, open: true },
		)
		.unwrap_or_default();
		let contribution = Self::do_submit_contribution(
			owner.clone(),
			dataset,
			sp_core::H256::repeat_byte(1),
			Default::default(),
		)
		.unwrap_or_default();
		let _ = Self::do_review_contribution(owner, contribution, Verdict::Accept { shares: 1 });
		let version = Self::do_publish_version(owner, dataset).unwrap_or_default();
		(dataset, version)
	}
}
