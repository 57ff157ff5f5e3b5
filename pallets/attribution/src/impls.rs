//! This pallet is the runtime's [`openledger_primitives::SplitBounds`]: the models and agents
//! pallets check their owners' choices against the parameters governance sets here.

use openledger_primitives::SplitBounds;
use sp_runtime::Perbill;

use crate::{Config, Pallet, Params};

impl<T: Config> SplitBounds for Pallet<T> {
	fn max_model_share() -> Perbill {
		Params::<T>::get().max_model_share
	}

	fn max_operator_share() -> Perbill {
		Params::<T>::get().max_operator_share
	}
}
