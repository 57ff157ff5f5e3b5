//! Benchmarks of every call, each in its worst case: longest metadata, fullest lists, the
//! costlier branch.

// Benchmarks run only in the benchmarking build; a failed set-up must abort the run loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use alloc::{vec, vec::Vec};
use frame_benchmarking::v2::*;
use frame_support::traits::EnsureOrigin;
use frame_support::{
	traits::{fungible::Mutate, Get},
	BoundedVec,
};
use frame_system::RawOrigin;
use openledger_primitives::{Balance, ContributionId, DatasetId};
use sp_core::H256;
use sp_runtime::Perbill;

/// Plenty for any benchmark.
const FUNDS: Balance = u128::MAX / 1_000_000;

fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let _ = T::Currency::set_balance(&who, FUNDS);
	who
}

fn max_metadata<T: Config>() -> MetadataOf<T> {
	BoundedVec::truncate_from(vec![b'm'; T::MaxMetadataLen::get() as usize])
}

fn max_license<T: Config>() -> LicenseOf<T> {
	BoundedVec::truncate_from(vec![b'l'; T::MaxLicenseLen::get() as usize])
}

fn hash(n: u32) -> H256 {
	let mut bytes = [0u8; 32];
	bytes[28..].copy_from_slice(&(n + 1).to_be_bytes());
	H256(bytes)
}

/// A dataset with a non-zero bond, owned by `owner`.
fn dataset<T: Config>(owner: &T::AccountId) -> DatasetId {
	Pallet::<T>::do_create_dataset(
		owner.clone(),
		max_metadata::<T>(),
		max_license::<T>(),
		Policy { min_bond: 1_000_000, open: true },
	)
	.expect("the owner is funded")
}

/// `who` submits `count` contributions to `dataset`, from content number `from` on.
fn submit_many<T: Config>(
	who: &T::AccountId,
	dataset: DatasetId,
	from: u32,
	count: u32,
) -> Vec<ContributionId> {
	(from..from + count)
		.map(|n| {
			Pallet::<T>::do_submit_contribution(
				who.clone(),
				dataset,
				hash(n),
				max_metadata::<T>(),
				Balance::MAX,
			)
			.expect("room for the contribution")
		})
		.collect()
}

fn accept<T: Config>(owner: &T::AccountId, contribution: ContributionId) {
	Pallet::<T>::do_accept_contribution(owner, contribution, 10).expect("a pending contribution");
}

/// The costliest sale: a contribution with a reward to settle, taken from a seller's full
/// list (the list is searched) to a buyer whose list has one place left, its storage
/// deposit moved. Returns (seller, buyer, contribution).
fn sale<T: Config>() -> (T::AccountId, T::AccountId, ContributionId) {
	let owner = funded::<T>("owner", 0);
	let payer = funded::<T>("payer", 0);
	let seller = funded::<T>("seller", 0);
	let buyer = funded::<T>("buyer", 0);
	let id = dataset::<T>(&owner);
	let max = T::MaxContributionsPerAccount::get();
	let mine = submit_many::<T>(&seller, id, 0, max);
	submit_many::<T>(&buyer, id, max, max - 1);
	let sold = mine[mine.len() - 1];
	accept::<T>(&owner, sold);
	Pallet::<T>::do_reward_dataset(id, 1_000_000_000, &payer).expect("payer is funded");
	(seller, buyer, sold)
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn create_dataset() {
		let owner = funded::<T>("owner", 0);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(owner),
			max_metadata::<T>(),
			max_license::<T>(),
			Policy { min_bond: 1, open: true },
		);
		assert!(Datasets::<T>::contains_key(0));
	}

	#[benchmark]
	fn set_curators(c: Linear<0, { T::MaxCurators::get() }>) {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let curators: Vec<T::AccountId> = (0..c).map(|i| account("curator", i, 0)).collect();
		let curators = CuratorsOf::<T>::truncate_from(curators);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, curators);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.curators.len() as u32), Some(c));
	}

	#[benchmark]
	fn update_metadata() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, max_metadata::<T>(), max_license::<T>());
	}

	#[benchmark]
	fn set_policy() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, Policy { min_bond: 7, open: false });
	}

	#[benchmark]
	fn set_allowed() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let contributor: T::AccountId = account("contributor", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, contributor.clone(), true);
		assert!(AllowList::<T>::contains_key(id, contributor));
	}

	#[benchmark]
	fn transfer_ownership() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let next: T::AccountId = account("next", 0, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id, Some(next));
	}

	#[benchmark]
	fn accept_ownership() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let next = funded::<T>("next", 0);
		Pallet::<T>::do_transfer_ownership(&owner, id, Some(next.clone())).expect("owner offers");
		#[extrinsic_call]
		_(RawOrigin::Signed(next.clone()), id);
		assert_eq!(Datasets::<T>::get(id).map(|d| d.owner), Some(next));
	}

	#[benchmark]
	fn freeze() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
	}

	#[benchmark]
	fn unfreeze() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		Pallet::<T>::do_freeze(&owner, id).expect("active");
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
	}

	#[benchmark]
	fn retire() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
	}

	// The contributor's list of live contributions is one short of full.
	#[benchmark]
	fn submit_contribution() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let contributor = funded::<T>("contributor", 0);
		let room = T::MaxContributionsPerAccount::get();
		submit_many::<T>(&contributor, id, 0, room - 1);
		#[extrinsic_call]
		_(
			RawOrigin::Signed(contributor.clone()),
			id,
			hash(room),
			max_metadata::<T>(),
			Balance::MAX,
		);
		assert_eq!(AccountContributions::<T>::get(&contributor).len() as u32, room);
	}

	#[benchmark]
	fn withdraw_contribution() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let contributor = funded::<T>("contributor", 0);
		let mine = submit_many::<T>(&contributor, id, 0, T::MaxContributionsPerAccount::get());
		let last = mine[mine.len() - 1];
		#[extrinsic_call]
		_(RawOrigin::Signed(contributor), last);
		assert!(!Contributions::<T>::contains_key(last));
	}

	#[benchmark]
	fn accept_contribution() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let contributor = funded::<T>("contributor", 0);
		let c = submit_many::<T>(&contributor, id, 0, 1)[0];
		#[extrinsic_call]
		review_contribution(RawOrigin::Signed(owner), c, Verdict::Accept { shares: 10 });
		assert_eq!(Datasets::<T>::get(id).map(|d| d.total_shares), Some(10));
	}

	// Rejection with a slash, from a full list of live contributions.
	#[benchmark]
	fn reject_contribution() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let contributor = funded::<T>("contributor", 0);
		let mine = submit_many::<T>(&contributor, id, 0, T::MaxContributionsPerAccount::get());
		let last = mine[mine.len() - 1];
		#[extrinsic_call]
		review_contribution(
			RawOrigin::Signed(owner),
			last,
			Verdict::Reject { slash: Perbill::from_percent(50) },
		);
		assert!(!Contributions::<T>::contains_key(last));
	}

	#[benchmark]
	fn publish_version() {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let c = submit_many::<T>(&owner, id, 0, 1)[0];
		accept::<T>(&owner, c);
		#[extrinsic_call]
		_(RawOrigin::Signed(owner), id);
		assert!(Versions::<T>::contains_key(id, 1));
	}

	// `n` contributions, each in its own dataset, each with something to claim.
	#[benchmark]
	fn claim_rewards(n: Linear<1, { T::MaxClaimBatch::get() }>) {
		let owner = funded::<T>("owner", 0);
		let payer = funded::<T>("payer", 0);
		let contributor = funded::<T>("contributor", 0);
		let mut mine = Vec::new();
		for i in 0..n {
			let id = dataset::<T>(&owner);
			let c = submit_many::<T>(&contributor, id, i, 1)[0];
			accept::<T>(&owner, c);
			Pallet::<T>::do_reward_dataset(id, 1_000_000_000, &payer).expect("payer is funded");
			mine.push(c);
		}
		let mine = BoundedVec::<_, T::MaxClaimBatch>::truncate_from(mine);
		#[extrinsic_call]
		_(RawOrigin::Signed(contributor), mine);
	}

	// The caller has `n` live contributions, each in its own dataset, each with a reward.
	#[benchmark]
	fn claim_all(n: Linear<1, { T::MaxContributionsPerAccount::get() }>) {
		let owner = funded::<T>("owner", 0);
		let payer = funded::<T>("payer", 0);
		let contributor = funded::<T>("contributor", 0);
		for i in 0..n {
			let id = dataset::<T>(&owner);
			let c = submit_many::<T>(&contributor, id, i, 1)[0];
			accept::<T>(&owner, c);
			Pallet::<T>::do_reward_dataset(id, 1_000_000_000, &payer).expect("payer is funded");
		}
		#[extrinsic_call]
		_(RawOrigin::Signed(contributor), n);
	}

	// An accepted contribution with a reward to settle, from a full list.
	#[benchmark]
	fn remove_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let payer = funded::<T>("payer", 0);
		let id = dataset::<T>(&owner);
		let contributor = funded::<T>("contributor", 0);
		let mine = submit_many::<T>(&contributor, id, 0, T::MaxContributionsPerAccount::get());
		let last = mine[mine.len() - 1];
		accept::<T>(&owner, last);
		Pallet::<T>::do_reward_dataset(id, 1_000_000_000, &payer).expect("payer is funded");
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, last);
		assert!(matches!(
			Contributions::<T>::get(last).map(|c| c.status),
			Some(ContributionStatus::Removed { .. })
		));
		Ok(())
	}

	// A pending contribution with a bond, from a full list: it leaves state (its entry and
	// its index entries), its bond and storage deposit released. `remove_contribution`
	// weighs the costlier of this and the accepted case above.
	#[benchmark]
	fn remove_pending_contribution() -> Result<(), BenchmarkError> {
		let owner = funded::<T>("owner", 0);
		let id = dataset::<T>(&owner);
		let contributor = funded::<T>("contributor", 0);
		let mine = submit_many::<T>(&contributor, id, 0, T::MaxContributionsPerAccount::get());
		let last = mine[mine.len() - 1];
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		remove_contribution(origin as T::RuntimeOrigin, last);
		assert!(!Contributions::<T>::contains_key(last));
		Ok(())
	}

	// Paying a pool that has shareholders (the costlier branch).
	#[benchmark]
	fn reward_dataset() {
		let owner = funded::<T>("owner", 0);
		let payer = funded::<T>("payer", 0);
		let id = dataset::<T>(&owner);
		let c = submit_many::<T>(&owner, id, 0, 1)[0];
		accept::<T>(&owner, c);
		#[block]
		{
			Pallet::<T>::do_reward_dataset(id, 1_000_000_000, &payer).expect("payer is funded");
		}
		assert_eq!(Datasets::<T>::get(id).map(|d| d.payments), Some(1));
	}

	#[benchmark]
	fn buy_contribution() {
		let (seller, buyer, sold) = sale::<T>();
		Pallet::<T>::do_list_contribution(&seller, sold, 1_000_000, Some(buyer.clone()))
			.expect("an accepted one");
		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), sold, 1_000_000);
		assert_eq!(Contributions::<T>::get(sold).map(|c| c.contributor), Some(buyer));
	}

	#[benchmark]
	fn list_contribution() {
		let (seller, buyer, sold) = sale::<T>();
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), sold, 1_000_000, Some(buyer));
		assert!(Listings::<T>::contains_key(sold));
	}

	#[benchmark]
	fn unlist_contribution() {
		let (seller, buyer, sold) = sale::<T>();
		Pallet::<T>::do_list_contribution(&seller, sold, 1_000_000, Some(buyer))
			.expect("an accepted one");
		#[extrinsic_call]
		_(RawOrigin::Signed(seller), sold);
		assert!(!Listings::<T>::contains_key(sold));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
