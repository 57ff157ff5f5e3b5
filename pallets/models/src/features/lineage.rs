//! Where a model stands in the lineage graph: its depth when it is registered, the index of
//! each model's derivatives, and the walks up to the root and down to the derivatives.
//!
//! A base must exist (and be active) before a model can derive from it, so the graph is
//! acyclic by construction; its depth is bounded by [`Config::MaxLineageDepth`].

use alloc::vec::Vec;
use frame_support::{ensure, pallet_prelude::*};
use openledger_primitives::{Ancestor, ModelId, ModelStatus};
use sp_runtime::traits::EnsureAdd;

use crate::*;

impl<T: Config> Pallet<T> {
	/// The depth of a model derived from `base_model`: 0 for a root model, its base's plus one
	/// otherwise, if the base exists, is active, and the bound allows it.
	pub(crate) fn depth_under(base_model: Option<ModelId>) -> Result<u32, DispatchError> {
		let Some(base) = base_model else { return Ok(0) };
		let base_info = Models::<T>::get(base).ok_or(Error::<T>::BaseModelNotFound)?;
		ensure!(base_info.status == ModelStatus::Active, Error::<T>::BaseModelDeprecated);
		let depth = base_info.depth.ensure_add(1)?;
		ensure!(depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
		Ok(depth)
	}

	/// Adds `derivative` at the end of `base`'s derivatives.
	pub(crate) fn note_derivative(base: ModelId, derivative: ModelId) -> DispatchResult {
		let mut base_info = Models::<T>::get(base).ok_or(Error::<T>::BaseModelNotFound)?;
		let index = base_info.derivatives;
		base_info.derivatives = index.ensure_add(1)?;
		Models::<T>::insert(base, base_info);
		Derivatives::<T>::insert(base, index, derivative);
		Ok(())
	}

	/// The model's ancestors, its direct base first, up to the root.
	pub fn ancestors_of(model: ModelId) -> Vec<Ancestor<T::AccountId>> {
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

	/// The models derived directly from `model`, in order of registration: the `start`-th
	/// (from 0) and at most `limit - 1` after it.
	pub fn derivatives_page(model: ModelId, start: u32, limit: u32) -> Vec<ModelId> {
		(start..start.saturating_add(limit))
			.map_while(|index| Derivatives::<T>::get(model, index))
			.collect()
	}
}
