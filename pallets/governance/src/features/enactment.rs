//! Enacting the Council's decisions as Root: after the delay, at once, or not at all.
//!
//! A scheduled enactment is two things that come and go together: its call in
//! [`Enactments`] and a named task of the scheduler that will run [`Pallet::run`] for it.
//! Running or cancelling it removes both, and the call's preimage (if it has one) with them.

use codec::Encode;
use frame_support::{
	dispatch::{extract_actual_weight, DispatchResultWithPostInfo},
	ensure,
	pallet_prelude::*,
	traits::{
		schedule::{DispatchTime, HARD_DEADLINE},
		Contains,
	},
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use sp_runtime::traits::{Dispatchable, EnsureAdd, Hash, Saturating};

use crate::*;

impl<T: Config> Pallet<T> {
	/// The scheduler's name of enactment `index`.
	pub fn task_name(index: EnactmentIndex) -> TaskName {
		(b"openledger/enactment", index).using_encoded(sp_io::hashing::blake2_256)
	}

	/// The weight `run` is charged for an enactment of `call` (`len` bytes as a preimage).
	fn run_weight(call: &<T as Config>::RuntimeCall, len: Option<u32>) -> Weight {
		T::WeightInfo::run(len.unwrap_or(0)).saturating_add(call.get_dispatch_info().call_weight)
	}

	/// Keeps `call` and schedules it to be dispatched as Root `EnactmentDelay` blocks from now.
	pub(crate) fn do_enact(call: <T as Config>::RuntimeCall) -> DispatchResult {
		ensure!(T::EnactableCalls::contains(&call), Error::<T>::CallNotEnactable);
		let index = EnactmentCount::<T>::get();
		let call_hash = T::Hashing::hash_of(&call);
		let at =
			frame_system::Pallet::<T>::block_number().saturating_add(EnactmentDelay::<T>::get());
		// Larger than 128 bytes, the call is noted as a preimage (requested once, by us).
		let bounded = T::Preimages::bound(call.clone())?;
		let weight = Self::run_weight(&call, bounded.len());
		ensure!(weight.all_lte(T::MaxCallWeight::get()), Error::<T>::CallTooHeavy);
		let task = Self::task_name(index);
		let run: <T as Config>::RuntimeCall = Call::<T>::run { index, weight }.into();
		T::Scheduler::schedule_named(
			task,
			DispatchTime::At(at),
			None,
			HARD_DEADLINE,
			RawOrigin::Root.into(),
			T::Preimages::bound(run)?,
		)?;
		Enactments::<T>::insert(index, Enactment { call: bounded, call_hash, at });
		EnactmentCount::<T>::put(index.ensure_add(1)?);
		Self::deposit_event(Event::EnactmentScheduled { index, task, call_hash, at });
		Ok(())
	}

	/// Runs enactment `index`: its call is dispatched as Root and its preimage dropped. It
	/// ends the enactment whatever the call returns (the result is in the event), so the
	/// scheduler never runs it twice.
	pub(crate) fn do_run(index: EnactmentIndex, weight: Weight) -> DispatchResultWithPostInfo {
		let enactment = Enactments::<T>::get(index).ok_or(Error::<T>::NotScheduled)?;
		// Only its scheduled task runs it, at its block: an earlier `run` (say, in another
		// enactment) would let a decision skip the delay.
		ensure!(frame_system::Pallet::<T>::block_number() >= enactment.at, Error::<T>::NotDue);
		Enactments::<T>::remove(index);
		let Enactment { call: bounded, call_hash, .. } = enactment;
		let base = T::WeightInfo::run(bounded.len().unwrap_or(0));
		let result = match T::Preimages::realize(&bounded) {
			Err(_) => Err(Error::<T>::CallUnavailable.into()),
			Ok((call, len)) if !Self::run_weight(&call, len).all_lte(weight) => {
				Err(Error::<T>::CallTooHeavy.into())
			},
			// Checked again: an upgrade since it was scheduled may have changed the rules.
			Ok((call, _)) if !T::EnactableCalls::contains(&call) => {
				Err(Error::<T>::CallNotEnactable.into())
			},
			Ok((call, _)) => {
				let info = call.get_dispatch_info();
				let outcome = call.dispatch(RawOrigin::Root.into());
				let used = extract_actual_weight(&outcome, &info);
				Self::deposit_event(Event::Enacted {
					index,
					call_hash,
					result: outcome.map(|_| ()).map_err(|e| e.error),
				});
				return Ok(Some(base.saturating_add(used)).into());
			},
		};
		Self::deposit_event(Event::Enacted { index, call_hash, result });
		Ok(Some(base).into())
	}

	/// Dispatches `call` as Root at once; its result goes into the event, its weight is
	/// what it used.
	pub(crate) fn do_enact_now(call: <T as Config>::RuntimeCall) -> DispatchResultWithPostInfo {
		ensure!(T::EnactableCalls::contains(&call), Error::<T>::CallNotEnactable);
		let info = call.get_dispatch_info();
		let call_hash = T::Hashing::hash_of(&call);
		let outcome = call.dispatch(RawOrigin::Root.into());
		let used = extract_actual_weight(&outcome, &info);
		Self::deposit_event(Event::EnactedNow {
			call_hash,
			result: outcome.map(|_| ()).map_err(|e| e.error),
		});
		Ok(Some(T::WeightInfo::enact_now().saturating_add(used)).into())
	}

	/// Cancels enactment `index`, which must still be waiting: its task, its call and its
	/// preimage go.
	pub(crate) fn do_cancel(index: EnactmentIndex) -> DispatchResult {
		let enactment = Enactments::<T>::take(index).ok_or(Error::<T>::NotScheduled)?;
		if T::Scheduler::cancel_named(Self::task_name(index)).is_err() {
			frame_support::defensive!("a waiting enactment has no task");
		}
		T::Preimages::drop(&enactment.call);
		Self::deposit_event(Event::EnactmentCancelled { index });
		Ok(())
	}

	/// Sets the enactment delay.
	pub(crate) fn do_set_enactment_delay(blocks: BlockNumberFor<T>) -> DispatchResult {
		let floor = EnactmentDelayFloor::<T>::get().max(T::MinEnactmentDelay::get());
		ensure!(blocks >= floor, Error::<T>::DelayTooShort);
		ensure!(blocks <= T::MaxEnactmentDelay::get(), Error::<T>::DelayTooLong);
		EnactmentDelay::<T>::put(blocks);
		Self::deposit_event(Event::EnactmentDelaySet { blocks });
		Ok(())
	}
}
