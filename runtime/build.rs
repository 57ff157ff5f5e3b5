//! Builds the wasm runtime (the on-chain code) next to the native crate.
fn main() {
	#[cfg(feature = "std")]
	{
		// The wasm runtime is built by a nested cargo inside the target directory, which lives
		// outside the workspace ($HOME/.cache/openledger/target): tell it where the workspace
		// (and its Cargo.lock) is, so it builds exactly the locked dependency versions.
		// Read when the script runs, not when it is compiled (`env!`): cargo reuses a compiled
		// build script across checkouts at other paths that share the target directory.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
				let workspace = std::path::Path::new(&manifest_dir).join("..");
				std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
			}
		}
		// The metadata hash (CheckMetadataHash, RFC 78) of the token `OPEN` with 18 decimals:
		// the builder builds the wasm, hashes its metadata and builds it again with the hash.
		substrate_wasm_builder::WasmBuilder::init_with_defaults()
			.enable_metadata_hash("OPEN", 18)
			.build();
	}
}
