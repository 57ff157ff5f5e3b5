//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. Lineage is acyclic and within depth: a model's base has a smaller id (so no cycle can
//!    form), exists, and the model's `depth` is its base's plus one, at most
//!    `MaxLineageDepth`; a root model has depth 0.
//! 2. The derivatives index matches: a model with `derivatives = n` has entries `0..n`, each a
//!    model whose base it is, and no others.
//! 3. Versions are contiguous (`1..=versions`) and each one's training weights sum to at
//!    most 100%.
//! 4. Held deposits match: each owner's `ModelDeposit` hold is the sum of its models'
//!    deposits. A versions' storage deposit (`VersionDeposits`) belongs to a model that
//!    exists and has versions (what it holds is the `Consideration`'s to check: the runtime
//!    fuzzer compares every hold with what the pallets record).
//! 5. Ids are below the next id.

use alloc::collections::btree_map::BTreeMap;
use frame_support::{
	ensure,
	traits::{fungible::InspectHold, Get},
};
use openledger_primitives::checks::sum_of_parts;
use openledger_primitives::Balance;
use sp_runtime::{traits::Saturating, TryRuntimeError};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let next = NextModelId::<T>::get();
		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut derivative_counts: BTreeMap<u64, u32> = BTreeMap::new();

		for (id, info) in Models::<T>::iter() {
			ensure!(id < next, "a model id is not below the next id");
			match info.base_model {
				None => ensure!(info.depth == 0, "a root model has a non-zero depth"),
				Some(base) => {
					ensure!(base < id, "a base model is not older than its derivative");
					let base_info = Models::<T>::get(base).ok_or("a base model is missing")?;
					ensure!(
						info.depth == base_info.depth.saturating_add(1),
						"a model's depth is wrong"
					);
					derivative_counts.entry(base).or_default().saturating_inc();
				},
			}
			ensure!(info.depth <= T::MaxLineageDepth::get(), "a lineage is too deep");
			for index in 0..info.derivatives {
				let derivative =
					Derivatives::<T>::get(id, index).ok_or("a derivative entry is missing")?;
				let derived = Models::<T>::get(derivative).ok_or("a derivative does not exist")?;
				ensure!(derived.base_model == Some(id), "a derivative has another base");
			}
			ensure!(
				!Derivatives::<T>::contains_key(id, info.derivatives),
				"a derivative entry beyond the count"
			);
			for version in 1..=info.versions {
				let v = Versions::<T>::get(id, version).ok_or("a model version is missing")?;
				ensure!(
					sum_of_parts(v.training.iter().map(|(_, _, weight)| *weight)).is_some(),
					"training weights exceed 100%"
				);
			}
			let deposit = deposits.entry(info.owner.clone()).or_default();
			*deposit = deposit.saturating_add(info.deposit);
		}
		for (id, version, _) in Versions::<T>::iter() {
			let info = Models::<T>::get(id).ok_or("a version of a missing model")?;
			ensure!(version >= 1 && version <= info.versions, "a version beyond the count");
		}
		for (id, info) in Models::<T>::iter() {
			ensure!(
				derivative_counts.get(&id).copied().unwrap_or(0) == info.derivatives,
				"a model's derivative count is wrong"
			);
		}
		for (id, _) in VersionDeposits::<T>::iter() {
			let info = Models::<T>::get(id).ok_or("a versions' deposit of a missing model")?;
			ensure!(info.versions > 0, "a versions' deposit of a model without versions");
		}
		for (owner, deposit) in &deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ModelDeposit.into(), owner) == *deposit,
				"held deposits differ from models' deposits"
			);
		}
		Ok(())
	}
}
