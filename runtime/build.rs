//! Builds the wasm runtime (the on-chain code) next to the native crate.
fn main() {
	#[cfg(feature = "std")]
	{
		// The wasm runtime is built by a nested cargo inside the target directory, which lives
		// outside the workspace ($HOME/.cache/openledger/target): tell it where the workspace
		// (and its Cargo.lock) is, so it builds exactly the locked dependency versions.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			let workspace = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
			std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
		}
		substrate_wasm_builder::WasmBuilder::build_using_defaults();
	}
}
