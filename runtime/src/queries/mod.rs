//! What the OpenLedger runtime APIs answer: reads of the pallets' storage turned into the
//! plain types of the `*-runtime-api` crates. `apis.rs` only forwards to these functions.
//!
//! Every function here is bounded: pages are capped and listings scan a bounded number of
//! entries.

pub mod agents;
pub mod attribution;
pub mod datasets;
pub mod models;

use alloc::string::{String, ToString};
use frame_support::traits::PalletInfoAccess;
use sp_runtime::DispatchError;

use crate::{Agents, Attribution, Balances, Datasets, Models, System, TransactionPayment};

/// A dispatch error as `(pallet, error)` names, e.g. `("Datasets", "DuplicateContent")`.
pub fn error_names(error: DispatchError) -> (String, String) {
	match error {
		DispatchError::Module(module) => {
			let pallet = [
				(System::index(), System::name()),
				(Balances::index(), Balances::name()),
				(TransactionPayment::index(), TransactionPayment::name()),
				(Datasets::index(), Datasets::name()),
				(Models::index(), Models::name()),
				(Agents::index(), Agents::name()),
				(Attribution::index(), Attribution::name()),
			]
			.into_iter()
			.find(|(index, _)| *index == usize::from(module.index))
			.map_or_else(|| alloc::format!("Pallet{}", module.index), |(_, name)| name.to_string());
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
