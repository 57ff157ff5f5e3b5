//! The native token `OPEN` and its denominations.
//!
//! Amounts on chain are integers in the smallest unit; one `OPEN` is 10^18 units, as with
//! most EVM-style tokens, so wallets and explorers show the usual 18 decimals.

use crate::Balance;

/// The token symbol, as wallets show it.
pub const TOKEN_SYMBOL: &str = "OPEN";

/// Decimal places of the token.
pub const TOKEN_DECIMALS: u8 = 18;

/// The SS58 address prefix (42: the generic Substrate prefix, so addresses read `5…`).
pub const SS58_PREFIX: u16 = 42;

/// One `OPEN`.
pub const UNIT: Balance = 1_000_000_000_000_000_000;

/// One hundredth of an `OPEN`.
pub const CENTS: Balance = UNIT / 100;

/// One thousandth of an `OPEN`.
pub const MILLI_UNIT: Balance = UNIT / 1_000;

/// One millionth of an `OPEN`.
pub const MICRO_UNIT: Balance = UNIT / 1_000_000;

/// The smallest balance an account may hold: 0.001 `OPEN`. Below it an account is reaped.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_UNIT;
