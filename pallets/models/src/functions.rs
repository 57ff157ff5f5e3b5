//! The pallet's logic. Calls in `lib.rs` check the origin and call the `do_*` functions here.

use alloc::vec::Vec;
use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{fungible::MutateHold, tokens::Precision},
};
use openledger_primitives::{
	Balance, DatasetInspect, ModelId, ModelStatus, ModelVersion, SplitBounds, SplitPolicy,
	TrainingSet,
};
use sp_core::H256;
use sp_runtime::Perbill;

use crate::*;

impl<T: Config> Pallet<T> {
	fn bounded_metadata(metadata: Vec<u8>) -> Result<MetadataOf<T>, DispatchError> {
		metadata.try_into().map_err(|_| Error::<T>::MetadataTooLong.into())
	}

	fn bounded_license(license: Vec<u8>) -> Result<LicenseOf<T>, DispatchError> {
		license.try_into().map_err(|_| Error::<T>::LicenseTooLong.into())
	}

	fn ensure_split_allowed(split: &SplitPolicy) -> DispatchResult {
		ensure!(
			split.model_share <= T::SplitBounds::max_model_share(),
			Error::<T>::ModelShareTooHigh
		);
		Ok(())
	}

	/// The model, if `who` owns it.
	fn owned_model(who: &T::AccountId, model: ModelId) -> Result<ModelOf<T>, DispatchError> {
		let info = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(&info.owner == who, Error::<T>::NotOwner);
		Ok(info)
	}

	pub(crate) fn do_register_model(
		owner: T::AccountId,
		metadata: Vec<u8>,
		license: Vec<u8>,
		base_model: Option<ModelId>,
		royalty: Perbill,
		price: Balance,
		split: SplitPolicy,
	) -> Result<ModelId, DispatchError> {
		let metadata = Self::bounded_metadata(metadata)?;
		let license = Self::bounded_license(license)?;
		Self::ensure_split_allowed(&split)?;
		let depth = match base_model {
			None => 0,
			Some(base) => {
				let base_info = Models::<T>::get(base).ok_or(Error::<T>::BaseModelNotFound)?;
				ensure!(base_info.status == ModelStatus::Active, Error::<T>::BaseModelDeprecated);
				let depth = base_info.depth.checked_add(1).ok_or(Error::<T>::Overflow)?;
				ensure!(depth <= T::MaxLineageDepth::get(), Error::<T>::LineageTooDeep);
				depth
			},
		};
		let id = NextModelId::<T>::get();
		let next = id.checked_add(1).ok_or(Error::<T>::Overflow)?;
		let deposit = T::ModelDeposit::get();
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)?;

		if let Some(base) = base_model {
			let mut base_info = Models::<T>::get(base).ok_or(Error::<T>::BaseModelNotFound)?;
			let index = base_info.derivatives;
			base_info.derivatives = index.checked_add(1).ok_or(Error::<T>::Overflow)?;
			Models::<T>::insert(base, base_info);
			Derivatives::<T>::insert(base, index, id);
		}
		Models::<T>::insert(
			id,
			Model {
				owner: owner.clone(),
				pending_owner: None,
				metadata,
				license,
				base_model,
				depth,
				royalty,
				price,
				split,
				attestors: Default::default(),
				status: ModelStatus::Active,
				deposit,
				versions: 0,
				derivatives: 0,
				created_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		NextModelId::<T>::put(next);
		Self::deposit_event(Event::ModelRegistered {
			model: id,
			owner,
			base_model,
			royalty,
			deposit,
		});
		Ok(id)
	}

	pub(crate) fn do_publish_version(
		who: &T::AccountId,
		model: ModelId,
		artifact_hash: H256,
		training: Vec<TrainingSet>,
	) -> Result<ModelVersion, DispatchError> {
		let mut info = Self::owned_model(who, model)?;
		ensure!(info.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
		let bounded: BoundedVec<TrainingSet, T::MaxTrainingSets> =
			training.clone().try_into().map_err(|_| Error::<T>::TooManyTrainingSets)?;
		let mut total = Perbill::zero();
		for (i, (dataset, version, weight)) in bounded.iter().enumerate() {
			ensure!(
				!bounded.iter().take(i).any(|(other, _, _)| other == dataset),
				Error::<T>::DuplicateTrainingSet
			);
			ensure!(
				T::Datasets::version_exists(*dataset, *version),
				Error::<T>::DatasetVersionNotFound
			);
			total = Perbill::from_parts(
				total
					.deconstruct()
					.checked_add(weight.deconstruct())
					.filter(|sum| *sum <= Perbill::one().deconstruct())
					.ok_or(Error::<T>::TrainingWeightsOverflow)?,
			);
		}
		let version = info.versions.checked_add(1).ok_or(Error::<T>::Overflow)?;
		Versions::<T>::insert(
			model,
			version,
			VersionInfo {
				artifact_hash,
				training: bounded,
				published_at: frame_system::Pallet::<T>::block_number(),
			},
		);
		info.versions = version;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::VersionPublished { model, version, artifact_hash, training });
		Ok(version)
	}

	pub(crate) fn do_set_attestors(
		who: &T::AccountId,
		model: ModelId,
		attestors: Vec<T::AccountId>,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		for (i, attestor) in attestors.iter().enumerate() {
			ensure!(!attestors[..i].contains(attestor), Error::<T>::DuplicateAttestor);
		}
		info.attestors = attestors.clone().try_into().map_err(|_| Error::<T>::TooManyAttestors)?;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::AttestorsSet { model, attestors });
		Ok(())
	}

	pub(crate) fn do_set_price(
		who: &T::AccountId,
		model: ModelId,
		price: Balance,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		info.price = price;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::PriceSet { model, price });
		Ok(())
	}

	pub(crate) fn do_set_split_policy(
		who: &T::AccountId,
		model: ModelId,
		split: SplitPolicy,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		Self::ensure_split_allowed(&split)?;
		info.split = split;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::SplitPolicySet { model, split });
		Ok(())
	}

	pub(crate) fn do_update_metadata(
		who: &T::AccountId,
		model: ModelId,
		metadata: Vec<u8>,
		license: Vec<u8>,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		info.metadata = Self::bounded_metadata(metadata)?;
		info.license = Self::bounded_license(license)?;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::MetadataUpdated { model });
		Ok(())
	}

	pub(crate) fn do_offer_ownership(
		who: &T::AccountId,
		model: ModelId,
		to: Option<T::AccountId>,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		info.pending_owner = to.clone();
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::OwnershipOffered { model, to });
		Ok(())
	}

	pub(crate) fn do_accept_ownership(who: T::AccountId, model: ModelId) -> DispatchResult {
		let mut info = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
		ensure!(info.pending_owner.as_ref() == Some(&who), Error::<T>::NoOwnershipOffer);
		let reason = HoldReason::ModelDeposit.into();
		T::Currency::hold(&reason, &who, info.deposit)?;
		T::Currency::release(&reason, &info.owner, info.deposit, Precision::Exact)?;
		let from = core::mem::replace(&mut info.owner, who.clone());
		info.pending_owner = None;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::OwnershipTransferred { model, from, to: who });
		Ok(())
	}

	pub(crate) fn do_deprecate(who: &T::AccountId, model: ModelId) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		ensure!(info.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
		info.status = ModelStatus::Deprecated;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::ModelDeprecated { model });
		Ok(())
	}
}
