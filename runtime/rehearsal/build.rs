//! Builds the rehearsal's wasm: the runtime with `upgrade-rehearsal` (spec_version + 1, the
//! next migration) and `try-runtime` (so `openledger-upgrade-check` can run its checks).
fn main() {
	#[cfg(feature = "std")]
	{
		// As runtime/build.rs: the nested cargo must find the workspace's Cargo.lock.
		if std::env::var_os("WASM_BUILD_WORKSPACE_HINT").is_none() {
			if let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") {
				let workspace = std::path::Path::new(&manifest_dir).join("../..");
				std::env::set_var("WASM_BUILD_WORKSPACE_HINT", workspace);
			}
		}
		substrate_wasm_builder::WasmBuilder::new()
			.with_current_project()
			.enable_feature("wasm-rehearsal")
			.import_memory()
			.export_heap_base()
			.build();
	}
}
