//! What this attestor serves: the models it attributes for, the datanets their answers are
//! attributed over, and the content it therefore takes.
//!
//! A model is served when it names this attestor's account among its attestors on chain
//! (`models.set_attestors`, followed from finalized blocks; unless `--only-listed-models`) or is
//! given with `--model`. A datanet is served when a served model's version was trained on one of
//! its versions, or a served model's lineage was, or it is given with `--dataset`.
//!
//! The content store takes, from the public, only the content of **accepted** contributions of
//! served datanets, and of **pending** ones too in the datanets given with `--dataset` (a
//! datanet's own store, which its curators read before they decide). A pending contribution
//! withdrawn, rejected or taken down is no longer taken. Everything else is refused before a byte of it is
//! stored: taking pending content from anyone would let a submitter fill the store and withdraw
//! its bond.

use std::{
	collections::{BTreeSet, HashMap, HashSet},
	sync::RwLock,
};

use crate::store::Hash;

/// The served models and datanets, and the content hashes admitted. Kept by the indexer, read by
/// the content store's admission.
#[derive(Default)]
pub struct Served {
	/// Models given on the command line.
	configured_models: BTreeSet<u64>,
	/// Datanets given on the command line.
	configured_datasets: BTreeSet<u64>,
	inner: RwLock<Inner>,
}

/// A contribution: its datanet and content hash.
type Entry = (u64, Hash);

#[derive(Default)]
struct Inner {
	models: BTreeSet<u64>,
	datasets: BTreeSet<u64>,
	/// Pending contributions of served datanets.
	pending: HashMap<u64, Entry>,
	/// Contributions whose content is admitted.
	admitted: HashMap<u64, Entry>,
	/// Content hash → how many admitted contributions have it.
	content: HashMap<Hash, u32>,
	/// The content of every contribution seen accepted in a served datanet: never let go, as
	/// records over it may still be checked (see [`Served::dropped`]).
	accepted: HashSet<Hash>,
}

impl Inner {
	fn admit(&mut self, contribution: u64, entry: Entry) {
		if self.admitted.insert(contribution, entry).is_none() {
			*self.content.entry(entry.1).or_insert(0) += 1;
		}
	}

	fn unadmit(&mut self, contribution: u64) {
		if let Some((_, hash)) = self.admitted.remove(&contribution) {
			if let Some(count) = self.content.get_mut(&hash) {
				*count = count.saturating_sub(1);
				if *count == 0 {
					self.content.remove(&hash);
				}
			}
		}
	}
}

impl Served {
	/// Serves `models` and `datasets` whatever the chain says.
	pub fn new(
		models: impl IntoIterator<Item = u64>,
		datasets: impl IntoIterator<Item = u64>,
	) -> Self {
		let configured_models: BTreeSet<u64> = models.into_iter().collect();
		let configured_datasets: BTreeSet<u64> = datasets.into_iter().collect();
		let inner = Inner {
			models: configured_models.clone(),
			datasets: configured_datasets.clone(),
			..Inner::default()
		};
		Self { configured_models, configured_datasets, inner: RwLock::new(inner) }
	}

	/// The models given on the command line.
	pub fn configured_models(&self) -> &BTreeSet<u64> {
		&self.configured_models
	}

	/// The datanets given on the command line.
	pub fn configured_datasets(&self) -> &BTreeSet<u64> {
		&self.configured_datasets
	}

	/// The served models.
	pub fn models(&self) -> BTreeSet<u64> {
		self.inner.read().map(|inner| inner.models.clone()).unwrap_or_default()
	}

	/// The served datanets.
	pub fn datasets(&self) -> BTreeSet<u64> {
		self.inner.read().map(|inner| inner.datasets.clone()).unwrap_or_default()
	}

	/// Whether `dataset` is served.
	pub fn serves_dataset(&self, dataset: u64) -> bool {
		self.inner.read().is_ok_and(|inner| inner.datasets.contains(&dataset))
	}

	/// Replaces the served models and datanets; what belongs to datanets no longer served is
	/// forgotten. Returns the datanets newly served, whose contributions the caller adds.
	pub fn set(&self, models: BTreeSet<u64>, datasets: BTreeSet<u64>) -> Vec<u64> {
		let Ok(mut inner) = self.inner.write() else { return Vec::new() };
		let added: Vec<u64> = datasets.difference(&inner.datasets).copied().collect();
		inner.pending.retain(|_, (dataset, _)| datasets.contains(dataset));
		let gone: Vec<u64> = inner
			.admitted
			.iter()
			.filter(|(_, (dataset, _))| !datasets.contains(dataset))
			.map(|(contribution, _)| *contribution)
			.collect();
		for contribution in gone {
			inner.unadmit(contribution);
		}
		inner.models = models;
		inner.datasets = datasets;
		added
	}

	/// A contribution submitted (pending) in `dataset`: noted if the datanet is served, and its
	/// content admitted at once if the datanet was given with `--dataset`.
	pub fn submitted(&self, dataset: u64, contribution: u64, hash: Hash) {
		let Ok(mut inner) = self.inner.write() else { return };
		if !inner.datasets.contains(&dataset) {
			return;
		}
		if self.configured_datasets.contains(&dataset) {
			inner.admit(contribution, (dataset, hash));
		}
		inner.pending.insert(contribution, (dataset, hash));
	}

	/// An accepted contribution of `dataset`: its content is admitted if the datanet is served.
	pub fn accepted(&self, dataset: u64, contribution: u64, hash: Hash) {
		let Ok(mut inner) = self.inner.write() else { return };
		inner.pending.remove(&contribution);
		if inner.datasets.contains(&dataset) {
			inner.admit(contribution, (dataset, hash));
			inner.accepted.insert(hash);
		}
	}

	/// A pending contribution was accepted: its content is admitted, if it was noted (then its
	/// content hash).
	pub fn accepted_pending(&self, contribution: u64) -> Option<Hash> {
		let Ok(mut inner) = self.inner.write() else { return None };
		let entry = inner.pending.remove(&contribution)?;
		inner.admit(contribution, entry);
		inner.accepted.insert(entry.1);
		Some(entry.1)
	}

	/// A pending contribution was withdrawn, rejected or taken down: its content is no longer
	/// admitted (unless another live contribution has the same content). Its content hash if that was
	/// the last contribution admitting it and no contribution with that content was seen
	/// accepted: the store may let its upload go. (Anyone may submit, then withdraw, a
	/// contribution with the hash of an accepted one, bytes unseen: that never removes them.)
	pub fn dropped(&self, contribution: u64) -> Option<Hash> {
		let Ok(mut inner) = self.inner.write() else { return None };
		inner.pending.remove(&contribution);
		let (_, hash) = *inner.admitted.get(&contribution)?;
		inner.unadmit(contribution);
		(!inner.content.contains_key(&hash) && !inner.accepted.contains(&hash)).then_some(hash)
	}

	/// Governance took a contribution down: a pending one is dropped ([`Self::dropped`]); an
	/// accepted one stays admitted, as the versions published before still hold it (a store
	/// that lacks its bytes may still take them, to index those versions).
	pub fn removed(&self, contribution: u64) -> Option<Hash> {
		let pending =
			self.inner.read().is_ok_and(|inner| inner.pending.contains_key(&contribution));
		if pending {
			self.dropped(contribution)
		} else {
			None
		}
	}

	/// Whether a contribution with the content `hash` was seen accepted in a served datanet:
	/// an upload of it goes to the store's area that is never emptied (else to the pending
	/// one).
	pub fn seen_accepted(&self, hash: &Hash) -> bool {
		self.inner.read().is_ok_and(|inner| inner.accepted.contains(hash))
	}

	/// Whether the content `hash` is admitted.
	pub fn admits(&self, hash: &Hash) -> bool {
		self.inner.read().is_ok_and(|inner| inner.content.contains_key(hash))
	}

	/// How many content hashes are admitted.
	pub fn content_count(&self) -> usize {
		self.inner.read().map(|inner| inner.content.len()).unwrap_or(0)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn accepted_content_of_served_datanets_is_admitted_and_pending_only_where_configured() {
		// Datanet 7 is served through a model; datanet 9 is given with --dataset.
		let served = Served::new([1], [9]);
		served.set([1].into(), [7, 9].into());

		served.submitted(7, 1, [1; 32]);
		assert!(!served.admits(&[1; 32]), "pending in a datanet served through a model");
		assert_eq!(served.accepted_pending(1), Some([1; 32]));
		assert!(served.admits(&[1; 32]), "accepted");

		served.submitted(9, 2, [2; 32]);
		assert!(served.admits(&[2; 32]), "pending in a --dataset datanet");
		assert!(!served.seen_accepted(&[2; 32]), "uploaded to the pending area");
		assert!(served.seen_accepted(&[1; 32]), "accepted");
		assert_eq!(served.dropped(2), Some([2; 32]), "its upload may go");
		assert!(!served.admits(&[2; 32]), "withdrawn or rejected");

		// A pending copy of accepted content, withdrawn: the accepted content stays.
		served.submitted(9, 4, [1; 32]);
		assert_eq!(served.dropped(4), None);
		assert!(served.admits(&[1; 32]));
		// Nor is content ever accepted let go once its datanet is no longer served.
		served.set([1].into(), [9].into());
		served.submitted(9, 5, [1; 32]);
		assert_eq!(served.dropped(5), None, "records over it may still be checked");
		assert_eq!(served.dropped(99), None, "a contribution never seen");

		served.submitted(8, 3, [3; 32]);
		served.accepted(8, 3, [3; 32]);
		assert!(!served.admits(&[3; 32]), "datanet 8 is not served");
	}

	#[test]
	fn a_takedown_drops_a_pending_contribution_and_keeps_an_accepted_ones_content() {
		let served = Served::new([], [7]);
		served.submitted(7, 1, [1; 32]);
		served.submitted(7, 2, [2; 32]);
		served.accepted_pending(2);
		assert_eq!(served.removed(1), Some([1; 32]), "pending: its upload may go");
		assert!(!served.admits(&[1; 32]));
		assert_eq!(served.removed(2), None, "accepted: the versions before hold it");
		assert!(served.admits(&[2; 32]) && served.seen_accepted(&[2; 32]));
		assert_eq!(served.removed(99), None, "a contribution never seen");
	}

	#[test]
	fn content_shared_by_two_contributions_stays_while_one_lives() {
		let served = Served::new([], [7, 8]);
		served.submitted(7, 1, [1; 32]);
		served.submitted(8, 2, [1; 32]);
		assert_eq!(served.dropped(1), None);
		assert!(served.admits(&[1; 32]), "the copy in datanet 8 is still pending");
		assert_eq!(served.dropped(2), Some([1; 32]));
		assert!(!served.admits(&[1; 32]));
		assert_eq!(served.content_count(), 0);
	}

	#[test]
	fn a_datanet_no_longer_served_takes_its_content_with_it() {
		let served = Served::new([1], []);
		served.set([1].into(), [7, 8].into());
		served.accepted(7, 1, [1; 32]);
		served.accepted(8, 2, [2; 32]);
		let added = served.set([1].into(), [8, 9].into());
		assert_eq!(added, vec![9]);
		assert!(!served.admits(&[1; 32]));
		assert!(served.admits(&[2; 32]));
		assert!(served.serves_dataset(9));
	}
}
