//! The chain specs the node builds: `local` has four authorities, and the raw form survives a
//! round trip through `build-spec --raw`.

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::{path::Path, process::Command};

fn build_spec(args: &[&str]) -> String {
	let output = Command::new(env!("CARGO_BIN_EXE_openledger-node"))
		.arg("build-spec")
		.args(args)
		.arg("--disable-default-bootnode")
		.output()
		.expect("the node binary runs");
	assert!(
		output.status.success(),
		"build-spec {args:?} failed: {}",
		String::from_utf8_lossy(&output.stderr)
	);
	String::from_utf8(output.stdout).expect("the spec is UTF-8")
}

fn json(text: &str) -> serde_json::Value {
	serde_json::from_str(text).expect("the spec is JSON")
}

#[test]
fn the_local_chain_has_four_authorities_and_the_token_properties() {
	let spec = json(&build_spec(&["--chain", "local"]));
	assert_eq!(spec["id"], "openledger_local");
	assert_eq!(spec["properties"]["tokenSymbol"], "OPEN");
	assert_eq!(spec["properties"]["tokenDecimals"], 18);

	assert_eq!(validators(&spec), 4);
	let keys = spec["genesis"]["runtimeGenesis"]["patch"]["session"]["keys"]
		.as_array()
		.expect("session keys")
		.clone();
	let mut aura: Vec<_> = keys.iter().map(|k| k[2]["aura"].to_string()).collect();
	aura.sort();
	aura.dedup();
	assert_eq!(aura.len(), 4, "four different Aura keys");
}

/// The number of validators a chain spec starts with (each with session keys).
fn validators(spec: &serde_json::Value) -> usize {
	let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
	let validators = patch["validatorSet"]["validators"].as_array().expect("validators").len();
	let keys = patch["session"]["keys"].as_array().expect("session keys").len();
	assert_eq!(validators, keys, "every validator has session keys");
	validators
}

#[test]
fn the_dev_chain_has_one_validator() {
	assert_eq!(validators(&json(&build_spec(&["--chain", "dev"]))), 1);
}

#[test]
fn a_local_network_of_any_size_and_the_staging_template_build() {
	assert_eq!(validators(&json(&build_spec(&["--chain", "local-6"]))), 6);
	let staging = json(&build_spec(&["--chain", "staging"]));
	assert_eq!(staging["chainType"], "Live");
	assert_eq!(validators(&staging), 4);
}

#[test]
fn staging_has_no_sudo_but_a_council_and_arbiters_and_dev_chains_keep_sudo() {
	let members = |spec: &serde_json::Value, pallet: &str| {
		spec["genesis"]["runtimeGenesis"]["patch"][pallet]["members"]
			.as_array()
			.map_or(0, |m| m.len())
	};
	let staging = json(&build_spec(&["--chain", "staging"]));
	let patch = &staging["genesis"]["runtimeGenesis"]["patch"];
	assert!(patch["sudo"]["key"].is_null(), "no sudo key on staging: {}", patch["sudo"]);
	assert_eq!(members(&staging, "councilMembership"), 3);
	assert_eq!(members(&staging, "arbitersMembership"), 3);
	assert_eq!(patch["governance"]["enactmentDelay"], 14_400, "a day");

	for chain in ["local", "local-4"] {
		let spec = json(&build_spec(&["--chain", chain]));
		let patch = &spec["genesis"]["runtimeGenesis"]["patch"];
		assert!(patch["sudo"]["key"].is_string(), "{chain} keeps sudo");
		assert_eq!(members(&spec, "councilMembership"), 3, "{chain}");
	}
}

#[test]
fn the_raw_local_spec_round_trips_through_build_spec() {
	let dir = std::env::temp_dir().join(format!("openledger-spec-{}", std::process::id()));
	std::fs::create_dir_all(&dir).expect("a temp dir");
	let write = |name: &str, text: &str| {
		let path = dir.join(name);
		std::fs::write(&path, text).expect("write the spec");
		path
	};
	let path_str = |path: &Path| path.to_str().expect("a UTF-8 path").to_owned();

	let plain = write("plain.json", &build_spec(&["--chain", "local"]));
	let raw = build_spec(&["--chain", &path_str(&plain), "--raw"]);
	let raw_path = write("raw.json", &raw);
	let raw_again = build_spec(&["--chain", &path_str(&raw_path), "--raw"]);

	let raw = json(&raw);
	assert!(raw["genesis"]["raw"]["top"].as_object().is_some_and(|top| !top.is_empty()));
	assert_eq!(raw, json(&raw_again), "the raw spec is a fixed point of build-spec --raw");
	std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn test_networks_run_slots_of_two_seconds_and_the_other_chains_the_runtimes_six() {
	let slot = |chain: &str| {
		let spec = json(&build_spec(&["--chain", chain]));
		spec["genesis"]["runtimeGenesis"]["patch"]["validatorSet"]["slotDuration"].as_u64()
	};
	assert_eq!(slot("local"), Some(2000));
	assert_eq!(slot("local-3"), Some(2000));
	// None: the runtime's default, 6 s (openledger_runtime::SLOT_DURATION).
	assert_eq!(slot("dev"), None);
	assert_eq!(slot("staging"), None);
}
