//! The migration to storage version 1: methods pinned to their default parameters, versions
//! to their base's latest version.

use super::*;
use crate::migrations::v1::{default_params_hash, old, MigrateToV1};
use frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade, StorageVersion};
use sp_core::H256;

/// Rewrites every version of `model` as version 0 stored it.
fn to_v0(model: ModelId) {
	for version in 1..=super::model(model).versions {
		let now = Versions::<Test>::take(model, version).unwrap();
		old::Versions::<Test>::insert(
			model,
			version,
			old::VersionInfo {
				artifact_hash: now.artifact_hash,
				training: now.training,
				published_at: now.published_at,
			},
		);
	}
}

#[test]
fn v1_pins_methods_to_their_default_parameters_and_versions_to_their_base() {
	test(|| {
		let root = register(OWNER, None);
		let child = register(BOB, Some(root));
		let orphan = register(BOB, Some(root));
		assert_ok!(publish(BOB, orphan, H256::repeat_byte(3), None));
		assert_ok!(publish(OWNER, root, H256::repeat_byte(1), None));
		assert_ok!(publish(BOB, child, H256::repeat_byte(2), Some(1)));
		assert_ok!(publish(OWNER, root, H256::repeat_byte(4), None));
		for model in [root, child, orphan] {
			to_v0(model);
		}
		crate::AttributionMethods::<Test>::remove(root);
		old::AttributionMethods::<Test>::insert(
			root,
			bounded::<_, <Test as crate::Config>::MaxAttributionMethods>(vec![
				bounded(b"span-match/1".to_vec()),
				bounded(b"ngram-shapley/1".to_vec()),
				bounded(b"influence/2".to_vec()),
			]),
		);
		StorageVersion::new(0).put::<Models>();

		let weight = MigrateToV1::<Test>::on_runtime_upgrade();

		assert_eq!(Models::on_chain_storage_version(), 1);
		let pinned: Vec<(Vec<u8>, H256)> =
			Models::api_allowed_methods(root).unwrap().into_iter().collect();
		assert_eq!(
			pinned,
			vec![
				(b"span-match/1".to_vec(), H256(sp_io::hashing::blake2_256(br#"{"minSpan":8}"#))),
				(
					b"ngram-shapley/1".to_vec(),
					H256(sp_io::hashing::blake2_256(br#"{"maxContext":16}"#))
				),
				(b"influence/2".to_vec(), H256::zero()),
			]
		);
		// The hash the attestor and the specification give for `{"minSpan":8}`.
		assert_eq!(
			format!("{:x}", default_params_hash(b"span-match/1")),
			"ea5fec1a8a9b4d2a2a8413384d73ad8258ef198d6d438958f354fe0fd82636fc"
		);
		// Every version of a derived model pins its base's latest version now; a root's none.
		let base = |model, version| Versions::<Test>::get(model, version).unwrap().base_version;
		assert_eq!(base(child, 1), Some(2));
		assert_eq!(base(orphan, 1), Some(2), "published before its base had a version");
		assert_eq!(base(root, 1), None);
		assert_eq!(base(root, 2), None);
		assert_eq!(Versions::<Test>::get(child, 1).unwrap().artifact_hash, H256::repeat_byte(2));
		let db = <Test as frame_system::Config>::DbWeight::get();
		// One method list and four versions (three reads each), and the version read and written.
		assert_eq!(weight, db.reads_writes(1 + 4 * 3 + 1, 1 + 4 + 1));

		// At version 1 it does nothing.
		assert_eq!(MigrateToV1::<Test>::on_runtime_upgrade(), db.reads(1));
	});
}
