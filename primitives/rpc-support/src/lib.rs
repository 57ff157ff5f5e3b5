//! # What the OpenLedger JSON-RPC crates share
//!
//! - **Error codes** ([`codes`]): `-32602` bad parameters, `-32001` not found, `-32002` refused
//!   by a pallet (the message names the pallet error, e.g. `Datasets.DuplicateContent`),
//!   `-32003` an invalid transaction, `-32004` not kept by this node (a record that left state,
//!   on a node without the offchain index), `-32603` an internal error.
//! - **JSON forms**: amounts (`u128`), shares and 256-bit numbers travel as decimal strings
//!   (they do not fit a JavaScript number); accounts as SS58 addresses; hashes and bytes as
//!   `0x`-hex, except what users write (metadata, licenses), which reads as text when it is
//!   ([`text_or_hex`]); parts (`Perbill`) as integers in parts per billion.
//! - **Blocks**: every method takes an optional block hash `at` (default: the best block).
//! - **Caching** ([`cache`]): answers at a block never change; the node keeps them in one
//!   bounded [`AnswerCache`] shared by every module.

#![deny(missing_docs)]

pub mod cache;
pub use cache::AnswerCache;

use std::sync::Arc;

use jsonrpsee::types::ErrorObjectOwned;
use openledger_primitives::MAX_PAGE;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sp_blockchain::HeaderBackend;
use sp_core::{
	crypto::{AccountId32, Ss58Codec},
	U256,
};
use sp_runtime::traits::Block as BlockT;

/// JSON-RPC error codes of OpenLedger's methods.
pub mod codes {
	/// The parameters are malformed.
	pub const INVALID_PARAMS: i32 = -32602;
	/// Something the node could not do (a runtime call failed).
	pub const INTERNAL: i32 = -32603;
	/// The dataset, contribution, model, agent or record does not exist.
	pub const NOT_FOUND: i32 = -32001;
	/// A pallet refuses: the message is `<Pallet>.<Error>`.
	pub const REFUSED: i32 = -32002;
	/// The transaction is invalid (signature, nonce, fee, mortality…).
	pub const INVALID_TRANSACTION: i32 = -32003;
	/// The answer exists but this node does not keep it (a record that left state, on a node
	/// without the offchain index): ask a node that does.
	pub const UNAVAILABLE: i32 = -32004;
}

/// A "not found" error naming what was looked for, e.g. `dataset 7 not found`.
pub fn not_found(what: impl std::fmt::Display) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(codes::NOT_FOUND, format!("{what} not found"), None::<()>)
}

/// An "invalid params" error.
pub fn invalid_params(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(codes::INVALID_PARAMS, message.into(), None::<()>)
}

/// A pallet error: message `<Pallet>.<Error>`, data `{ "pallet": …, "error": … }`.
pub fn refused(pallet: &str, error: &str) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(
		codes::REFUSED,
		format!("{pallet}.{error}"),
		Some(serde_json::json!({ "pallet": pallet, "error": error })),
	)
}

/// An answer this node does not keep, with what would keep it.
pub fn unavailable(message: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(codes::UNAVAILABLE, message.into(), None::<()>)
}

/// An invalid transaction, with its reason.
pub fn invalid_transaction(reason: impl Into<String>) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(codes::INVALID_TRANSACTION, reason.into(), None::<()>)
}

/// A failed runtime call or other internal error.
pub fn internal(error: impl std::fmt::Debug) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(codes::INTERNAL, format!("runtime call failed: {error:?}"), None::<()>)
}

/// The block to read at: `at`, or the best block.
pub fn block_at<Block: BlockT, C: HeaderBackend<Block>>(
	client: &Arc<C>,
	at: Option<Block::Hash>,
) -> Block::Hash {
	at.unwrap_or_else(|| client.info().best_hash)
}

/// An amount of token (or any `u128`), as a decimal string in JSON.
#[derive(Clone, Copy, Debug, Default, Eq, PartialEq)]
pub struct Amount(pub u128);

impl Serialize for Amount {
	fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
		serializer.serialize_str(&self.0.to_string())
	}
}

impl<'de> Deserialize<'de> for Amount {
	/// Accepts a decimal string (`"1000000000000000000"`) or a JSON number that fits.
	fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
		#[derive(Deserialize)]
		#[serde(untagged)]
		enum Either {
			Text(String),
			Number(u64),
		}
		match Either::deserialize(deserializer)? {
			Either::Text(text) => text.parse().map(Amount).map_err(|_| {
				serde::de::Error::custom("an amount must be a decimal string of digits")
			}),
			Either::Number(number) => Ok(Amount(u128::from(number))),
		}
	}
}

/// A 256-bit number, as a decimal string in JSON.
pub fn u256_string(value: U256) -> String {
	value.to_string()
}

/// An account, as an SS58 address (Substrate's generic prefix, 42).
pub fn address(account: &AccountId32) -> String {
	account.to_ss58check()
}

/// Parses an account from an SS58 address or `0x`-hex public key.
pub fn parse_account(text: &str) -> Result<AccountId32, ErrorObjectOwned> {
	if let Some(hex) = text.strip_prefix("0x") {
		let bytes = sp_core::bytes::from_hex(hex)
			.map_err(|_| invalid_params(format!("{text} is not a valid hex account id")))?;
		let raw: [u8; 32] =
			bytes.try_into().map_err(|_| invalid_params(format!("{text} is not 32 bytes")))?;
		return Ok(AccountId32::new(raw));
	}
	AccountId32::from_ss58check(text)
		.map_err(|e| invalid_params(format!("{text} is not a valid SS58 address: {e:?}")))
}

/// Bytes as `0x`-hex.
pub fn hex(bytes: &[u8]) -> String {
	sp_core::bytes::to_hex(bytes, false)
}

/// Bytes a user wrote (metadata, a license) as JSON: the text itself when the bytes are valid
/// UTF-8 that does not start with `0x`, otherwise `0x`-hex. `"ipfs://…"` and `"MIT"` read as
/// written, and the `0x` prefix alone tells a reader which form it has.
pub fn text_or_hex(bytes: &[u8]) -> String {
	match core::str::from_utf8(bytes) {
		Ok(text) if !text.starts_with("0x") => text.to_owned(),
		_ => hex(bytes),
	}
}

/// Which part of a list to return: from `start` (the `next` of the previous page), at most
/// `limit` items (1 to [`MAX_PAGE`], default [`MAX_PAGE`]: see [`page_limit`]).
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageRequest {
	/// Where to start; omit for the first page.
	pub start: Option<u64>,
	/// How many items at most.
	pub limit: Option<u32>,
}

/// The `limit` of `page`: [`MAX_PAGE`] if not given, and refused (`-32602`) outside 1 to
/// [`MAX_PAGE`], so that a client never mistakes a page for the whole list it asked for.
pub fn page_limit(page: &Option<PageRequest>) -> Result<u32, ErrorObjectOwned> {
	match page.and_then(|p| p.limit) {
		None => Ok(MAX_PAGE),
		Some(limit @ 1..=MAX_PAGE) => Ok(limit),
		Some(limit) => Err(invalid_params(format!(
			"page.limit {limit} is not between 1 and {MAX_PAGE} (the most items a page holds)"
		))),
	}
}

/// One page of a listing, as JSON.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JsonPage<Item> {
	/// The items.
	pub items: Vec<Item>,
	/// Pass as `page.start` for the next page; `null` at the end.
	pub next: Option<u64>,
}

impl<Item> JsonPage<Item> {
	/// The page of a runtime API, its items made JSON by `json`.
	pub fn from<T>(page: openledger_primitives::Page<T>, json: impl FnMut(T) -> Item) -> Self {
		Self { items: page.items.into_iter().map(json).collect(), next: page.next }
	}
}

/// The error of a method the runtime at the block asked for does not have: `what` needs
/// version `needed` of runtime API `api`, which that runtime does not provide (an older
/// runtime, before the upgrade that added it).
pub fn not_in_runtime(what: &str, api: &str, needed: u32) -> ErrorObjectOwned {
	invalid_params(format!(
		"{what} needs {api} version {needed}, which the runtime at this block does not have: ask at a later block"
	))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_travel_as_decimal_strings_both_ways() {
		let big = Amount(u128::MAX);
		let json = serde_json::to_string(&big).unwrap();
		assert_eq!(json, format!("\"{}\"", u128::MAX));
		assert_eq!(serde_json::from_str::<Amount>(&json).unwrap(), big);
		assert_eq!(serde_json::from_str::<Amount>("42").unwrap(), Amount(42));
		assert!(serde_json::from_str::<Amount>("\"12x\"").is_err());
		assert!(serde_json::from_str::<Amount>("-1").is_err());
	}

	#[test]
	fn user_bytes_read_as_text_when_they_are_text() {
		assert_eq!(text_or_hex(b"ipfs://bafy"), "ipfs://bafy");
		assert_eq!(text_or_hex("Licence \u{e9}t\u{e9}".as_bytes()), "Licence \u{e9}t\u{e9}");
		assert_eq!(text_or_hex(b""), "");
		// Not UTF-8: hex.
		assert_eq!(text_or_hex(&[0xff, 0x00]), "0xff00");
		// Text that would read as hex: hex, so that the prefix is never ambiguous.
		assert_eq!(text_or_hex(b"0x12"), "0x30783132");
	}

	#[test]
	fn a_page_limit_outside_one_to_a_hundred_is_refused_not_capped() {
		let page = |limit| Some(PageRequest { start: None, limit: Some(limit) });
		assert_eq!(page_limit(&None).unwrap(), MAX_PAGE);
		assert_eq!(page_limit(&page(1)).unwrap(), 1);
		assert_eq!(page_limit(&page(MAX_PAGE)).unwrap(), MAX_PAGE);
		for wrong in [0, MAX_PAGE + 1, u32::MAX] {
			let error = page_limit(&page(wrong)).unwrap_err();
			assert_eq!(error.code(), codes::INVALID_PARAMS);
			assert_eq!(
				error.message(),
				format!(
					"page.limit {wrong} is not between 1 and 100 (the most items a page holds)"
				)
			);
		}
	}

	#[test]
	fn accounts_parse_from_ss58_or_hex() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let account = parse_account(alice).unwrap();
		assert_eq!(address(&account), alice);
		assert_eq!(parse_account(&hex(AsRef::<[u8]>::as_ref(&account))).unwrap(), account);
		assert_eq!(parse_account("nope").unwrap_err().code(), codes::INVALID_PARAMS);
		assert_eq!(parse_account("0x1234").unwrap_err().code(), codes::INVALID_PARAMS);
	}
}
