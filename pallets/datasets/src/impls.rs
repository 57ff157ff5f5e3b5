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

	fn pool(dataset: DatasetId) -> Option<PoolPayment> {
		Datasets::<T>::get(dataset).map(|info| info.pool())
	}
}

impl<T: Config> DatasetRewards<T::AccountId, Balance> for Pallet<T> {
	fn reward(
		dataset: DatasetId,
		amount: Balance,
		payer: &T::AccountId,
	) -> Result<PoolPayment, DispatchError> {
		Self::do_reward_dataset(dataset, amount, payer)
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl<T: Config> openledger_primitives::DatasetBenchmarkHelper<T::AccountId> for Pallet<T> {
	fn dataset_with_version(
		owner: &T::AccountId,
	) -> Result<(DatasetId, DatasetVersion), DispatchError> {
		use crate::Policy;
		use frame_support::traits::fungible::Mutate;

		T::Currency::set_balance(owner, Balance::MAX / 4);
		let policy = Policy { min_bond: 0, open: true };
		let dataset =
			Self::do_create_dataset(owner.clone(), Default::default(), Default::default(), policy)?;
		let content = sp_core::H256::repeat_byte(1);
		let contribution =
			Self::do_submit_contribution(owner.clone(), dataset, content, Default::default(), 0)?;
		Self::do_accept_contribution(owner, contribution, 1)?;
		let version = Self::do_publish_version(owner, dataset)?;
		Ok((dataset, version))
	}
}
