//! The chain's basic types, shared by the runtime, the node and the RPC crates.

use sp_runtime::{
	generic,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiSignature,
};

/// A block number.
pub type BlockNumber = u32;

/// The signature scheme of transactions: sr25519, ed25519 or ecdsa, as polkadot.js signs them.
pub type Signature = MultiSignature;

/// An account id: the public key of the signing scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// An amount of the native token, in its smallest unit (10^-18 OPEN).
pub type Balance = u128;

/// The transaction counter of an account.
pub type Nonce = u32;

/// A hash of some data (blake2-256).
pub type Hash = sp_core::H256;

/// The block header.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;

/// A block with opaque extrinsics, for the parts of the node that need not decode them.
pub type OpaqueBlock = generic::Block<Header, sp_runtime::OpaqueExtrinsic>;
