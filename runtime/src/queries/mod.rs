//! The runtime API answers that need more than one pallet, or the runtime itself: what one
//! contribution earned from one record (attribution and datasets), a would-be record's
//! refusal by name, and checking a contribution by applying it in a throw-away block. Every
//! answer a single pallet can give is that pallet's `api_*` function (its `runtime_api.rs`);
//! `apis.rs` forwards to one or the other.

pub mod attribution;
pub mod datasets;

use alloc::string::{String, ToString};
use frame_support::traits::PalletsInfoAccess;
use sp_runtime::DispatchError;

use crate::AllPalletsWithSystem;

/// A dispatch error as `(pallet, error)` names, e.g. `("Datasets", "DuplicateContent")`.
/// Pallet names come from the runtime's own list of pallets, so none can be missing.
pub fn error_names(error: DispatchError) -> (String, String) {
	match error {
		DispatchError::Module(module) => {
			let pallet = AllPalletsWithSystem::infos()
				.into_iter()
				.find(|info| info.index == usize::from(module.index))
				.map_or_else(
					|| alloc::format!("Pallet{}", module.index),
					|info| info.name.to_string(),
				);
			(pallet, module.message.unwrap_or("Unknown").to_string())
		},
		DispatchError::Token(token) => ("Token".into(), alloc::format!("{token:?}")),
		DispatchError::Arithmetic(arithmetic) => {
			("Arithmetic".into(), alloc::format!("{arithmetic:?}"))
		},
		DispatchError::Other(message) => ("Other".into(), message.to_string()),
		other => ("Dispatch".into(), alloc::format!("{other:?}")),
	}
}
