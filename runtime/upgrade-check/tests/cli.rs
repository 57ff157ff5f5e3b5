//! The command line of `openledger-upgrade-check`: the hash it prints is the blake2-256 of the
//! wasm (what a motion's `system.authorizeUpgrade` names), and what it cannot do it says,
//! with exit status 2. (Its checks against a live chain run in the network test
//! `scripts/e2e/network/40-upgrade.test.js`.)

#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
	Command::new(env!("CARGO_BIN_EXE_openledger-upgrade-check"))
		.args(args)
		.output()
		.expect("the binary runs")
}

fn text(output: &Output) -> String {
	format!(
		"{}{}",
		String::from_utf8_lossy(&output.stdout),
		String::from_utf8_lossy(&output.stderr)
	)
}

fn write_wasm(name: &str, code: &[u8]) -> std::path::PathBuf {
	let path = std::env::temp_dir().join(format!("{name}-{}.wasm", std::process::id()));
	std::fs::write(&path, code).expect("write the wasm");
	path
}

#[test]
fn info_prints_the_version_and_the_blake2_256_of_each_runtime() {
	// The rehearsal is the same runtime one spec version later.
	let release = openledger_runtime::VERSION.spec_version;
	for (name, code, version) in [
		("release", openledger_runtime::WASM_BINARY.expect("built"), release),
		("rehearsal", openledger_runtime_rehearsal::WASM_BINARY.expect("built"), release + 1),
	] {
		let path = write_wasm(name, code);
		let output = run(&["--wasm", path.to_str().unwrap(), "--info"]);
		assert!(output.status.success(), "{}", text(&output));
		let hash = hex::encode(sp_crypto_hashing::blake2_256(code));
		assert_eq!(
			String::from_utf8_lossy(&output.stdout).trim(),
			format!("openledger {version} 0x{hash}")
		);
		std::fs::remove_file(path).ok();
	}
}

#[test]
fn what_it_cannot_do_it_says_with_status_2() {
	let missing = run(&["--wasm", "/nonexistent/runtime.wasm", "--info"]);
	assert_eq!(missing.status.code(), Some(2));
	assert!(text(&missing).contains("/nonexistent/runtime.wasm"), "{}", text(&missing));

	let not_wasm = write_wasm("not-wasm", b"not a runtime");
	let refused = run(&["--wasm", not_wasm.to_str().unwrap(), "--info"]);
	assert_eq!(refused.status.code(), Some(2));
	assert!(text(&refused).contains("not a runtime"), "{}", text(&refused));
	std::fs::remove_file(not_wasm).ok();

	let path = write_wasm("unreachable", openledger_runtime::WASM_BINARY.expect("built"));
	let unreachable = run(&["--wasm", path.to_str().unwrap(), "--uri", "ws://127.0.0.1:1"]);
	assert_eq!(unreachable.status.code(), Some(2));
	assert!(
		text(&unreachable).contains("cannot read the state from ws://127.0.0.1:1"),
		"{}",
		text(&unreachable)
	);
	std::fs::remove_file(path).ok();
}
