//! The command line of `openledger-attestor`: what a user who gets something wrong is told, and
//! the exit codes scripts rely on (0 valid, 1 invalid, 2 cannot tell). The commands against a
//! running node are tested end to end in `scripts/e2e/tests/04-attestor.test.js`, which runs this
//! very binary (building it is also why this file exists: `cargo test` builds a crate's binary
//! only for its integration tests).

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::{Command, Output};

fn attestor(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_openledger-attestor"))
		.args(args)
		.env_remove("OPENLEDGER_ATTESTOR_SURI")
		.env("RUST_LOG", "error")
		.output()
		.expect("the attestor binary runs")
}

fn stderr(output: &Output) -> String {
	String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn help_lists_the_three_commands() {
	let output = attestor(&["--help"]);
	assert!(output.status.success());
	let help = String::from_utf8_lossy(&output.stdout);
	for command in ["serve", "verify", "watch"] {
		assert!(help.contains(command), "--help does not mention {command}: {help}");
	}
}

#[test]
fn verify_without_a_node_exits_2_and_names_the_node() {
	let base = tempfile::tempdir().expect("a temporary directory");
	// Port 1 on loopback: nothing listens there.
	let output = attestor(&[
		"verify",
		"0",
		"--node",
		"ws://127.0.0.1:1",
		"--base-path",
		base.path().to_str().unwrap(),
	]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	// The cause, said once: not subxt's layers of "RPC error: client error: …".
	assert!(
		stderr(&output).contains("cannot reach the node at ws://127.0.0.1:1: Error when opening the TCP socket: Connection refused"),
		"{}",
		stderr(&output)
	);
}

#[test]
fn verify_rejects_a_record_id_that_is_not_a_number() {
	let output = attestor(&["verify", "latest"]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	assert!(stderr(&output).contains("invalid value 'latest'"), "{}", stderr(&output));
}

#[test]
fn challenging_needs_a_key() {
	let base = tempfile::tempdir().expect("a temporary directory");
	let output = attestor(&["watch", "--challenge", "--base-path", base.path().to_str().unwrap()]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	assert!(
		stderr(&output).contains("--challenge needs a key: --suri or --key-file"),
		"{}",
		stderr(&output)
	);
}

#[test]
fn a_missing_key_file_is_named() {
	let base = tempfile::tempdir().expect("a temporary directory");
	let missing = base.path().join("no-such-key");
	let output = attestor(&[
		"serve",
		"--key-file",
		missing.to_str().unwrap(),
		"--base-path",
		base.path().to_str().unwrap(),
	]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	assert!(
		stderr(&output).contains(&format!("cannot read the key file {}", missing.display())),
		"{}",
		stderr(&output)
	);
}

#[test]
fn a_key_and_a_key_file_conflict() {
	let output = attestor(&["serve", "--suri", "//Alice", "--key-file", "key"]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	assert!(stderr(&output).contains("cannot be used with"), "{}", stderr(&output));
}

#[test]
fn a_proxy_for_needs_an_account_and_a_key() {
	let base = tempfile::tempdir().expect("a temporary directory");
	let base = base.path().to_str().unwrap();
	let output =
		attestor(&["serve", "--suri", "//Alice", "--proxy-for", "nobody", "--base-path", base]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	assert!(
		stderr(&output).contains("--proxy-for: nobody is not an SS58 address"),
		"{}",
		stderr(&output)
	);
	let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
	let output = attestor(&["serve", "--proxy-for", alice, "--base-path", base]);
	assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
	assert!(stderr(&output).contains("--proxy-for needs a key"), "{}", stderr(&output));
}
