//! The registry: registering models, publishing versions, and the terms their owners set
//! (attestors, price, split, metadata, ownership, deprecation).

use frame_support::{
	ensure,
	pallet_prelude::*,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
		Consideration, Footprint,
	},
};
use openledger_primitives::{
	checks::{has_duplicates, has_duplicates_by, sum_of_parts},
	Balance, DatasetInspect, ModelId, ModelStatus, ModelVersion, SplitBounds, SplitPolicy,
};
use sp_core::H256;
use sp_runtime::{traits::EnsureAdd, Perbill};

use crate::*;

impl<T: Config> Pallet<T> {
	/// Refuses a model share above what governance allows.
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

	/// Registers a model owned by `owner`, holding [`Config::ModelDeposit`] from it.
	pub(crate) fn do_register_model(
		owner: T::AccountId,
		metadata: MetadataOf<T>,
		license: LicenseOf<T>,
		base_model: Option<ModelId>,
		royalty: Perbill,
		price: Balance,
		split: SplitPolicy,
	) -> Result<ModelId, DispatchError> {
		Self::ensure_split_allowed(&split)?;
		let depth = Self::depth_under(base_model)?;
		let id = NextModelId::<T>::get();
		let next = id.ensure_add(1)?;
		let deposit = T::ModelDeposit::get();
		T::Currency::hold(&HoldReason::ModelDeposit.into(), &owner, deposit)?;

		if let Some(base) = base_model {
			Self::note_derivative(base, id)?;
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

	/// Publishes the model's next version: its artifact and the dataset versions it was
	/// trained on.
	pub(crate) fn do_publish_version(
		who: &T::AccountId,
		model: ModelId,
		artifact_hash: H256,
		training: TrainingOf<T>,
		base_version: Option<ModelVersion>,
	) -> Result<ModelVersion, DispatchError> {
		let mut info = Self::owned_model(who, model)?;
		ensure!(info.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
		ensure!(
			!has_duplicates_by(training.as_bounded_slice(), |(dataset, _, _)| *dataset),
			Error::<T>::DuplicateTrainingSet
		);
		for (dataset, version, _) in training.iter() {
			ensure!(
				T::Datasets::version_exists(*dataset, *version),
				Error::<T>::DatasetVersionNotFound
			);
		}
		ensure!(
			sum_of_parts(training.iter().map(|(_, _, weight)| *weight)).is_some(),
			Error::<T>::TrainingWeightsOverflow
		);
		// A derived model names one of its base's versions whenever the base has any: its
		// owner cannot leave the base's datasets out of what its answers are attributed over.
		let published = info.base_model.and_then(Models::<T>::get).map_or(0, |base| base.versions);
		match base_version {
			Some(base_version) => {
				ensure!(info.base_model.is_some(), Error::<T>::NoBaseModel);
				ensure!((1..=published).contains(&base_version), Error::<T>::BaseVersionNotFound);
			},
			None => ensure!(published == 0, Error::<T>::BaseVersionRequired),
		}
		let version = info.versions.ensure_add(1)?;
		let footprint = Self::versions_footprint(version);
		let deposit = match VersionDeposits::<T>::get(model) {
			Some(ticket) => ticket.update(who, footprint)?,
			None => T::VersionDeposit::new(who, footprint)?,
		};
		VersionDeposits::<T>::insert(model, deposit);
		Versions::<T>::insert(
			model,
			version,
			VersionInfo {
				artifact_hash,
				training: training.clone(),
				published_at: frame_system::Pallet::<T>::block_number(),
				base_version,
			},
		);
		info.versions = version;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::VersionPublished {
			model,
			version,
			artifact_hash,
			training: training.into_inner(),
			base_version,
		});
		Ok(version)
	}

	/// Replaces the accounts that may record attribution for the model.
	pub(crate) fn do_set_attestors(
		who: &T::AccountId,
		model: ModelId,
		attestors: AttestorsOf<T>,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		ensure!(!has_duplicates(attestors.as_bounded_slice()), Error::<T>::DuplicateAttestor);
		info.attestors = attestors.clone();
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::AttestorsSet { model, attestors: attestors.into_inner() });
		Ok(())
	}

	/// Sets the least fee an inference of the model pays.
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

	/// Sets the model's part of each fee, within the governance bounds.
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

	/// Replaces the model's metadata and license.
	pub(crate) fn do_update_metadata(
		who: &T::AccountId,
		model: ModelId,
		metadata: MetadataOf<T>,
		license: LicenseOf<T>,
	) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		info.metadata = metadata;
		info.license = license;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::MetadataUpdated { model });
		Ok(())
	}

	/// Offers the model to `to` (`None` withdraws the offer); it changes hands when `to`
	/// accepts.
	pub(crate) fn do_transfer_ownership(
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

	/// Hands the model to `who`, to whom it was offered; its deposit and its versions' move
	/// with it (held from `who`, then released to the previous owner). All or nothing: if
	/// `who` cannot hold one of them, or they come to more than `max_deposit` (the owner
	/// published versions after `who` looked), nothing changes.
	pub(crate) fn do_accept_ownership(
		who: T::AccountId,
		model: ModelId,
		max_deposit: Balance,
	) -> DispatchResult {
		frame_support::storage::with_storage_layer(|| {
			let mut info = Models::<T>::get(model).ok_or(Error::<T>::ModelNotFound)?;
			ensure!(info.pending_owner.as_ref() == Some(&who), Error::<T>::NoOwnershipOffer);
			let reason = HoldReason::ModelDeposit.into();
			let versions_reason = HoldReason::VersionDeposit.into();
			let held_before = T::Currency::balance_on_hold(&versions_reason, &who);
			T::Currency::hold(&reason, &who, info.deposit)?;
			T::Currency::release(&reason, &info.owner, info.deposit, Precision::Exact)?;
			if let Some(ticket) = VersionDeposits::<T>::get(model) {
				let moved = T::VersionDeposit::new(&who, Self::versions_footprint(info.versions))?;
				ticket.drop(&info.owner)?;
				VersionDeposits::<T>::insert(model, moved);
			}
			let versions_deposit =
				T::Currency::balance_on_hold(&versions_reason, &who).saturating_sub(held_before);
			ensure!(
				info.deposit.saturating_add(versions_deposit) <= max_deposit,
				Error::<T>::DepositAboveMax
			);
			let from = core::mem::replace(&mut info.owner, who.clone());
			info.pending_owner = None;
			Models::<T>::insert(model, info);
			Self::deposit_event(Event::OwnershipTransferred { model, from, to: who });
			Ok(())
		})
	}

	/// Replaces the attribution methods, with their parameters, the model's records may use
	/// (none: any).
	pub(crate) fn do_set_attribution_methods(
		who: &T::AccountId,
		model: ModelId,
		methods: MethodsOf<T>,
	) -> DispatchResult {
		Self::owned_model(who, model)?;
		ensure!(!has_duplicates(methods.as_bounded_slice()), Error::<T>::DuplicateMethod);
		let listed = methods.to_vec();
		if methods.is_empty() {
			AttributionMethods::<T>::remove(model);
		} else {
			AttributionMethods::<T>::insert(model, methods);
		}
		Self::deposit_event(Event::AttributionMethodsSet { model, methods: listed });
		Ok(())
	}

	/// Deprecates the model for good.
	pub(crate) fn do_deprecate(who: &T::AccountId, model: ModelId) -> DispatchResult {
		let mut info = Self::owned_model(who, model)?;
		ensure!(info.status == ModelStatus::Active, Error::<T>::ModelDeprecated);
		info.status = ModelStatus::Deprecated;
		Models::<T>::insert(model, info);
		Self::deposit_event(Event::ModelDeprecated { model });
		Ok(())
	}

	/// What a model's `versions` versions take in state, which their storage deposit pays
	/// for: as many items as versions, each of the largest encoding a version can have
	/// (citing `MaxTrainingSets` dataset versions), so that the deposit depends on the count
	/// alone.
	pub fn versions_footprint(versions: ModelVersion) -> Footprint {
		Footprint::from_parts(versions as usize, VersionOf::<T>::max_encoded_len())
	}
}
