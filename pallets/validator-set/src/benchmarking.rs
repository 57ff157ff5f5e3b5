//! Benchmarks: each call with the set at its fullest.

// Benchmarks run only in the benchmarking build; a failed set-up must abort the run loudly.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use super::*;
use frame_benchmarking::v2::*;
use frame_support::traits::{fungible::Mutate, EnsureOrigin};
use frame_system::RawOrigin;
use sp_runtime::traits::{Saturating, Zero};

fn fill<T: Config>(count: u32) {
	let validators: Vec<T::AccountId> = (0..count).map(|i| account("validator", i, 0)).collect();
	Validators::<T>::put(BoundedVec::truncate_from(validators));
}

/// A funded account with session keys.
fn funded<T: Config>(name: &'static str, index: u32) -> Result<T::AccountId, BenchmarkError> {
	let who: T::AccountId = account(name, index, 0);
	// Enough for the largest bond and a `bond_extra` of as much again, for every candidate.
	T::Currency::set_balance(&who, top_bond::<T>().saturating_mul(4u32.into()));
	T::BenchmarkHelper::register_keys(&who)?;
	Ok(who)
}

/// `count` candidates holding ever smaller bonds, from `top` down.
fn fill_candidates<T: Config>(count: u32, top: BalanceOf<T>) -> Result<(), BenchmarkError> {
	for i in 0..count {
		let who = funded::<T>("candidate", i)?;
		let bond = top.saturating_sub(i.into());
		Pallet::<T>::do_register_candidate(who, bond)
			.map_err(|_| BenchmarkError::Stop("register"))?;
	}
	Ok(())
}

fn top_bond<T: Config>() -> BalanceOf<T> {
	T::MinCandidacyBond::get().saturating_mul(1_000u32.into())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn add_validator() -> Result<(), BenchmarkError> {
		fill::<T>(T::MaxValidators::get() - 1);
		let who: T::AccountId = account("new", 0, 0);
		T::BenchmarkHelper::register_keys(&who)?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_validator() -> Result<(), BenchmarkError> {
		fill::<T>(T::MaxValidators::get());
		let who: T::AccountId = account("validator", T::MaxValidators::get() - 1, 0);
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());
		assert!(!Validators::<T>::get().contains(&who));
		Ok(())
	}

	#[benchmark]
	fn set_session_length() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let blocks = T::MinSessionLength::get().saturating_add(10u32.into());
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, blocks);
		Ok(())
	}

	// The slowest registration: the invulnerables at their most, a full list whose last
	// candidate is unbonding already, a newcomer unbonding an earlier bond, and a bond larger
	// than every other: the new candidate goes first, the last one is displaced into its
	// unbonding entry.
	#[benchmark]
	fn register_candidate() -> Result<(), BenchmarkError> {
		fill::<T>(T::MaxValidators::get());
		fill_candidates::<T>(T::MaxCandidates::get(), top_bond::<T>())?;
		let last: T::AccountId = account("candidate", T::MaxCandidates::get() - 1, 0);
		Unbonds::<T>::insert(&last, Unbonding { amount: Zero::zero(), unlocks_at: Zero::zero() });
		// The new candidate was one before: its unbonding entry is bonded again.
		let who = funded::<T>("new", 0)?;
		Unbonds::<T>::insert(&who, Unbonding { amount: Zero::zero(), unlocks_at: Zero::zero() });
		let bond = top_bond::<T>().saturating_add(1u32.into());
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), bond);
		assert_eq!(Candidates::<T>::get().first().map(|c| c.who.clone()), Some(who));
		assert!(Unbonds::<T>::contains_key(&last));
		Ok(())
	}

	// The last candidate moves to the front of a full list.
	#[benchmark]
	fn bond_extra() -> Result<(), BenchmarkError> {
		fill_candidates::<T>(T::MaxCandidates::get(), top_bond::<T>())?;
		let who: T::AccountId = account("candidate", T::MaxCandidates::get() - 1, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), top_bond::<T>());
		assert_eq!(Candidates::<T>::get().first().map(|c| c.who.clone()), Some(who));
		Ok(())
	}

	// The last candidate of a full list leaves.
	#[benchmark]
	fn leave_candidacy() -> Result<(), BenchmarkError> {
		fill_candidates::<T>(T::MaxCandidates::get(), top_bond::<T>())?;
		let who: T::AccountId = account("candidate", T::MaxCandidates::get() - 1, 0);
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(Unbonds::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn withdraw_unbonded() -> Result<(), BenchmarkError> {
		fill_candidates::<T>(1, top_bond::<T>())?;
		let who: T::AccountId = account("candidate", 0, 0);
		Pallet::<T>::do_leave_candidacy(who.clone()).map_err(|_| BenchmarkError::Stop("leave"))?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::BondingPeriod::get()));
		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()));
		assert!(!Unbonds::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn set_candidacy_bond() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let bond = top_bond::<T>();
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, bond);
		assert_eq!(CandidacyBond::<T>::get(), bond);
		Ok(())
	}

	#[benchmark]
	fn set_author_fee_share() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, Perbill::from_percent(30));
		assert_eq!(AuthorFeeShare::<T>::get(), Perbill::from_percent(30));
		Ok(())
	}

	// Governance removes the last candidate of a full list (found last), which is unbonding
	// a former bond too, slashing the most it may.
	#[benchmark]
	fn remove_candidate() -> Result<(), BenchmarkError> {
		fill_candidates::<T>(T::MaxCandidates::get(), top_bond::<T>())?;
		let who: T::AccountId = account("candidate", T::MaxCandidates::get() - 1, 0);
		Pallet::<T>::do_leave_candidacy(who.clone()).map_err(|_| BenchmarkError::Stop("leave"))?;
		Pallet::<T>::do_register_candidate(who.clone(), T::MinCandidacyBond::get())
			.map_err(|_| BenchmarkError::Stop("register again"))?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), T::MaxRemovalSlash::get());
		assert!(Pallet::<T>::position_in(&Candidates::<T>::get(), &who).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
