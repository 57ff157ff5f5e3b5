//! From storage version 0 to 1: what a record is attributed over and how follows from
//! permanent state.
//!
//! - `AttributionMethods`: version 0 names methods by id alone, so a record made with any
//!   parameters of an allowed method (`span-match/1` with `minSpan` 1, which raises the data
//!   scores) is allowed. Version 1 names each with the hash of its parameters. The migration
//!   pins each listed method to the parameters its specification gives as its default
//!   ([`default_params_hash`]: `span-match/1` to `{"minSpan":8}`, `ngram-shapley/1` to
//!   `{"maxContext":16}`); a method it does not know is pinned to the zero hash (records that
//!   declare the zero hash stay allowed: the chain cannot check what parameters an unknown
//!   method ran with, and its owner names them when it wants to).
//! - `Versions`: each model version gains `base_version`, the version of its base model it
//!   derives from. Version 0 left it to "the base's latest version at the record's block",
//!   which only historical state can tell; the migration pins every version of a derived
//!   model to its base's latest version now (what a record made now is attributed over). New
//!   versions name the base version they derive from when they are published.
//!
//! It reads and writes every model version and every method list once, in one block: at
//! ParityDB's weights about 60 µs an item, so up to about 30,000 items fit in a block of 2 s.
//! A version costs its publisher a deposit, so a chain reaches that many only slowly; a chain
//! with more would need a multi-block migration.

use alloc::vec::Vec;
use frame_support::{
	migrations::VersionedMigration, pallet_prelude::*, traits::UncheckedOnRuntimeUpgrade,
};
use frame_system::pallet_prelude::BlockNumberFor;
use openledger_primitives::{Method, MethodId, ModelId, ModelVersion};
use sp_core::H256;
use sp_runtime::Saturating;

use crate::*;

/// Version 0's items, as the chain holds them before the migration.
#[allow(missing_docs)] // `storage_alias` generates an undocumented prefix type.
pub mod old {
	use super::*;

	/// A model version as version 0 stores it.
	#[derive(Clone, Debug, Decode, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
	pub struct VersionInfo<Training, BlockNumber> {
		/// The artifact's hash.
		pub artifact_hash: H256,
		/// The training sets.
		pub training: Training,
		/// The block it was published in.
		pub published_at: BlockNumber,
	}

	/// Model versions as version 0 stores them.
	#[frame_support::storage_alias]
	pub type Versions<T: Config> = StorageDoubleMap<
		Pallet<T>,
		Blake2_128Concat,
		ModelId,
		Blake2_128Concat,
		ModelVersion,
		VersionInfo<TrainingOf<T>, BlockNumberFor<T>>,
	>;

	/// Allowed methods as version 0 stores them: ids alone.
	#[frame_support::storage_alias]
	pub type AttributionMethods<T: Config> = StorageMap<
		Pallet<T>,
		Blake2_128Concat,
		ModelId,
		BoundedVec<MethodId, <T as Config>::MaxAttributionMethods>,
		ValueQuery,
	>;
}

/// The hash of the default parameters of the methods whose specification this chain knows
/// (shared/ATTRIBUTION.md): blake2-256 of the canonical JSON of the parameters object. The
/// zero hash for any other method.
pub fn default_params_hash(id: &[u8]) -> H256 {
	let params: &[u8] = match id {
		b"span-match/1" => br#"{"minSpan":8}"#,
		b"ngram-shapley/1" => br#"{"maxContext":16}"#,
		_ => return H256::zero(),
	};
	H256(sp_io::hashing::blake2_256(params))
}

/// What runs at the upgrade: methods gain their default parameters, versions their base's
/// version.
pub struct PinMethodsAndBaseVersions<T>(core::marker::PhantomData<T>);

impl<T: Config> UncheckedOnRuntimeUpgrade for PinMethodsAndBaseVersions<T> {
	fn on_runtime_upgrade() -> Weight {
		let mut reads: u64 = 0;
		let mut writes: u64 = 0;
		AttributionMethods::<T>::translate::<BoundedVec<MethodId, T::MaxAttributionMethods>, _>(
			|_, ids| {
				reads.saturating_inc();
				writes.saturating_inc();
				let methods: Vec<Method> = ids
					.into_iter()
					.map(|id| Method { params_hash: default_params_hash(&id), id })
					.collect();
				// As many methods as before: the bound is the same.
				Some(MethodsOf::<T>::truncate_from(methods))
			},
		);
		Versions::<T>::translate::<old::VersionInfo<TrainingOf<T>, BlockNumberFor<T>>, _>(
			|model, _, old| {
				reads.saturating_accrue(3);
				writes.saturating_inc();
				let base_version = Models::<T>::get(model)
					.and_then(|info| info.base_model)
					.and_then(Models::<T>::get)
					.map(|base| base.versions)
					.filter(|latest| *latest > 0);
				Some(VersionInfo {
					artifact_hash: old.artifact_hash,
					training: old.training,
					published_at: old.published_at,
					base_version,
				})
			},
		);
		T::DbWeight::get().reads_writes(reads, writes)
	}

	#[cfg(feature = "try-runtime")]
	fn pre_upgrade() -> Result<Vec<u8>, sp_runtime::TryRuntimeError> {
		let methods: Vec<(ModelId, Vec<MethodId>)> =
			old::AttributionMethods::<T>::iter().map(|(m, ids)| (m, ids.into_inner())).collect();
		let versions = old::Versions::<T>::iter_keys().count() as u64;
		Ok((methods, versions).encode())
	}

	#[cfg(feature = "try-runtime")]
	fn post_upgrade(before: Vec<u8>) -> Result<(), sp_runtime::TryRuntimeError> {
		let (methods, versions) = <(Vec<(ModelId, Vec<MethodId>)>, u64)>::decode(&mut &before[..])
			.map_err(|_| "pre_upgrade's note does not decode")?;
		for (model, ids) in methods {
			let now: Vec<MethodId> =
				AttributionMethods::<T>::get(model).into_iter().map(|m| m.id).collect();
			ensure!(now == ids, "a model's methods changed in the move");
		}
		let mut now: u64 = 0;
		for (model, _, version) in Versions::<T>::iter() {
			now.saturating_inc();
			let base = Models::<T>::get(model).and_then(|info| info.base_model);
			ensure!(
				base.is_some() || version.base_version.is_none(),
				"a version of a model without a base pins a base version"
			);
		}
		ensure!(now == versions, "model versions were lost in the move");
		Ok(())
	}
}

/// Storage version 0 to 1, only if the chain is at 0.
pub type MigrateToV1<T> = VersionedMigration<
	0,
	1,
	PinMethodsAndBaseVersions<T>,
	Pallet<T>,
	<T as frame_system::Config>::DbWeight,
>;
