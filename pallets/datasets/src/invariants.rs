//! The pallet's invariants: [`Pallet::do_try_state`], run by the `try_state` hook (under
//! `try-runtime`), after every test, and after every block the runtime fuzzer runs.
//!
//! 1. Each dataset's counters match its contributions: `total_shares` is the sum of its
//!    accepted contributions' shares, `accepted` and `pending` count them.
//! 2. Money is conserved: the pot holds at least the existential deposit plus every pool's
//!    `pool_balance` (more only if someone sent it more: a donation stays there, unpaid).
//! 3. No pool owes more than it holds, and what it holds beyond what it owes is rounding dust:
//!    less than one unit per payment plus two per contribution ever accepted.
//! 4. Held funds match the records: each account's `ContributionBond` hold is the sum of its
//!    pending contributions' bonds, and its `DatasetDeposit` hold the sum of the deposits of
//!    the datasets it owns.
//! 5. The acceptance order lists exactly the contributions ever accepted, and their content
//!    hashes chain to the dataset's `version_root`.
//! 6. Indexes agree with the records: every contribution is in its dataset's index; every
//!    contribution ever accepted is in the content index, whose entries all name a
//!    contribution of their content (pending submissions of the same content coexist, and
//!    are not indexed, but for those from before spec_version 108); each account's list holds
//!    exactly its pending and accepted contributions; ids are below the next id.
//! 7. Only accepted contributions are listed for sale.

use alloc::{collections::btree_map::BTreeMap, vec::Vec};
use frame_support::{
	ensure,
	traits::fungible::{Inspect, InspectHold},
};
use openledger_primitives::{reward_pool, Balance, ContributionId, DatasetId};
use sp_runtime::{traits::Saturating, TryRuntimeError};

use crate::*;

#[derive(Default)]
struct Tally {
	shares: u128,
	accepted: u32,
	pending: u32,
	owed: Balance,
}

impl<T: Config> Pallet<T> {
	/// Checks every invariant; the error names the first one broken.
	pub fn do_try_state() -> Result<(), TryRuntimeError> {
		let mut tallies: BTreeMap<DatasetId, Tally> = BTreeMap::new();
		let mut bonds: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		let mut live: BTreeMap<T::AccountId, Vec<ContributionId>> = BTreeMap::new();
		let next_contribution = NextContributionId::<T>::get();

		for (id, contribution) in Contributions::<T>::iter() {
			ensure!(id < next_contribution, "a contribution id is not below the next id");
			let info = Datasets::<T>::get(contribution.dataset)
				.ok_or("a contribution belongs to no dataset")?;
			ensure!(
				DatasetContributions::<T>::contains_key(contribution.dataset, id),
				"a contribution is missing from its dataset's index"
			);
			// Accepted content is indexed; a pending contribution may be too, if it was
			// submitted before spec_version 108 (when submissions were indexed).
			let indexed =
				ContentIndex::<T>::get(contribution.dataset, contribution.content_hash) == Some(id);
			ensure!(
				indexed || contribution.status == ContributionStatus::Pending,
				"an accepted contribution is missing from the content index"
			);
			let tally = tallies.entry(contribution.dataset).or_default();
			match contribution.status {
				ContributionStatus::Pending => {
					tally.pending.saturating_inc();
					let bond = bonds.entry(contribution.contributor.clone()).or_default();
					*bond = bond.saturating_add(contribution.bond);
					live.entry(contribution.contributor.clone()).or_default().push(id);
				},
				ContributionStatus::Accepted { shares, debt, .. } => {
					tally.accepted.saturating_inc();
					tally.shares = tally.shares.saturating_add(u128::from(shares));
					let owed =
						reward_pool::pending(u128::from(shares), debt, info.reward_per_share)
							.ok_or("a contribution's accrual overflows")?;
					tally.owed = tally.owed.saturating_add(owed);
					live.entry(contribution.contributor.clone()).or_default().push(id);
				},
				ContributionStatus::Removed { .. } => {},
			}
		}

		let next_dataset = NextDatasetId::<T>::get();
		let mut pools: Balance = 0;
		let mut deposits: BTreeMap<T::AccountId, Balance> = BTreeMap::new();
		for (id, info) in Datasets::<T>::iter() {
			ensure!(id < next_dataset, "a dataset id is not below the next id");
			let tally = tallies.remove(&id).unwrap_or_default();
			ensure!(tally.shares == info.total_shares, "total_shares != sum of shares");
			ensure!(tally.accepted == info.accepted, "accepted count is wrong");
			ensure!(tally.pending == info.pending, "pending count is wrong");
			ensure!(tally.owed <= info.pool_balance, "a pool owes more than it holds");
			let dust = info.pool_balance.saturating_sub(tally.owed);
			let dust_bound = u128::from(info.payments)
				.saturating_add(u128::from(info.shareholders_ever).saturating_mul(2));
			ensure!(dust <= dust_bound, "a pool holds more dust than rounding explains");
			pools = pools.saturating_add(info.pool_balance);
			let deposit = deposits.entry(info.owner.clone()).or_default();
			*deposit = deposit.saturating_add(info.deposit);
			for version in 1..=info.version {
				ensure!(Versions::<T>::contains_key(id, version), "a version is missing");
			}
			let mut root = sp_core::H256::zero();
			for position in 0..info.shareholders_ever {
				let contribution = AcceptanceOrder::<T>::get(id, position)
					.and_then(Contributions::<T>::get)
					.ok_or("a place in the acceptance order is empty")?;
				ensure!(contribution.dataset == id, "the acceptance order lists another dataset's");
				let accepted = matches!(
					contribution.status,
					ContributionStatus::Accepted { .. }
						| ContributionStatus::Removed { shares: 1.., .. }
				);
				ensure!(accepted, "the acceptance order lists a contribution never accepted");
				root = Self::next_root(root, contribution.content_hash);
			}
			ensure!(root == info.version_root, "the acceptance order does not chain to the root");
			ensure!(
				!AcceptanceOrder::<T>::contains_key(id, info.shareholders_ever),
				"the acceptance order is longer than the contributions ever accepted"
			);
		}
		ensure!(tallies.is_empty(), "contributions of a dataset that does not exist");
		for (dataset, content_hash, id) in ContentIndex::<T>::iter() {
			let contribution =
				Contributions::<T>::get(id).ok_or("the content index names no contribution")?;
			ensure!(
				(contribution.dataset, contribution.content_hash) == (dataset, content_hash),
				"the content index names another contribution"
			);
		}

		// At least, not exactly: anyone may send the pot more than the pools hold (a donation
		// cannot break the pools, nor this check); only the pools' funds are ever paid out.
		let pot = T::Currency::balance(&Self::pot());
		ensure!(
			pot >= pools.saturating_add(T::Currency::minimum_balance()),
			"the pot holds less than the pools plus the existential deposit"
		);

		for (account, bond) in &bonds {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::ContributionBond.into(), account)
					== *bond,
				"held bonds differ from pending contributions' bonds"
			);
		}
		for (account, deposit) in &deposits {
			ensure!(
				T::Currency::balance_on_hold(&HoldReason::DatasetDeposit.into(), account)
					== *deposit,
				"held deposits differ from datasets' deposits"
			);
		}

		for (account, mut list) in AccountContributions::<T>::iter() {
			let mut expected = live.remove(&account).unwrap_or_default();
			list.sort();
			expected.sort();
			ensure!(list.into_inner() == expected, "an account's contribution list is wrong");
		}
		ensure!(live.is_empty(), "a live contribution is missing from its account's list");
		for (id, _) in Listings::<T>::iter() {
			let listed = Contributions::<T>::get(id).map(|c| c.status);
			ensure!(
				matches!(listed, Some(ContributionStatus::Accepted { .. })),
				"a listing names a contribution that is not accepted"
			);
		}
		Ok(())
	}
}
