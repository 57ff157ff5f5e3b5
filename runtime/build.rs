//! Builds the wasm runtime (the on-chain code) next to the native crate.
fn main() {
	#[cfg(feature = "std")]
	substrate_wasm_builder::WasmBuilder::build_using_defaults();
}
