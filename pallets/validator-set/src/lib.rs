//! # Validator set pallet: who authors and finalises, and what they earn
//!
//! The set of validators (Aura authors and GRANDPA voters) has two parts:
//! - the **invulnerables**, a list governance keeps ([`Pallet::add_validator`],
//!   [`Pallet::remove_validator`]), never fewer than [`Config::MinValidators`];
//! - the **candidates**: anyone with session keys may [`Pallet::register_candidate`] by
//!   holding a bond of at least [`Pallet::candidacy_bond`] (which governance sets, never below
//!   [`Config::MinCandidacyBond`]). Each session the candidates with the largest bonds fill the
//!   set up to [`Config::MaxValidators`] (equal bonds: the earlier registration first). A
//!   candidate that was in the set for a whole session and authored no block in it is dropped
//!   (and must register again); one that leaves ([`Pallet::leave_candidacy`]) or is dropped
//!   gets its bond back with [`Pallet::withdraw_unbonded`] after [`Config::BondingPeriod`].
//!   The list holds [`Config::MaxCandidates`]; when it is full, a registration with a larger
//!   bond than the smallest one's takes that candidate's place (which starts unbonding), so
//!   cheap bonds cannot lock newcomers out. Governance can remove a candidate
//!   ([`Pallet::remove_candidate`]), slashing at most [`Config::MaxRemovalSlash`] of its
//!   bonds to the treasury.
//!
//! This pallet is the session pallet's [`pallet_session::SessionManager`]: a change is handed
//! to the session pallet at the next session boundary, which queues it, and the new set takes
//! over at the boundary after that. So a change is in force **one to two sessions** after it
//! was made.
//!
//! ## Offences
//! This pallet is pallet-offences' `OnOffenceHandler` (`features/offences.rs` tells how): a
//! proven offence (a GRANDPA equivocation) disables the offender for the rest of the session,
//! takes it off the candidate list and slashes its bonds by the offence's fraction, once per
//! span. It keeps [`Config::HistoryDepth`] sessions of pallet-session's history, the window in
//! which offences can be proven.
//!
//! ## Income
//! [`DealWithFees`] is the runtime's fee handler: each transaction's tip goes to the block's
//! author and [`Pallet::author_fee_share`] of its fee too (governance sets it,
//! [`Pallet::set_author_fee_share`]); the rest of the fee goes to [`Config::Treasury`]. The
//! author's part of the fee is rounded down, so the treasury gets the odd unit: the two parts
//! always add up to exactly the fee and the tip. It learns the author from pallet-authorship,
//! whose [`pallet_authorship::EventHandler`] this pallet also is (to see who authored).
//!
//! It also decides when sessions end: every [`Pallet::session_length`] blocks, a value
//! governance sets ([`Pallet::set_session_length`]) and each chain starts with (genesis); and
//! it keeps the chain's [`SlotDuration`], the Aura slot every block takes, which only genesis
//! sets (an Aura chain cannot change it once started): [`Config::DefaultSlotDuration`] (6 s in
//! the runtime) unless a test network's genesis says shorter.
//!
//! ## Storage versions
//! Version 1 (this layout; [`migrations::v1`] from the unversioned 0). The
//! `upgrade-rehearsal` build is version 2 ([`timing`], [`migrations::v2`]).
//!
//! ## Never stall for ever
//! - A validator can only be added once it has registered session keys (`session.setKeys`):
//!   a validator without keys would leave its Aura slots empty for good.
//! - The set never shrinks below [`Config::MinValidators`]. GRANDPA finalises while more than
//!   two thirds of the set votes; Aura keeps producing blocks as long as one validator is up.
//!   So when validators go offline, blocks keep coming, governance can still remove the
//!   offline ones, and finality resumes once the set is healthy again.

#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
mod features;
mod impls;
mod invariants;
pub mod migrations;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod timing;
mod types;
pub mod weights;

pub use timing::SessionTiming;
pub use weights::WeightInfo;

pub use features::income::DealWithFees;
pub use impls::AccountOnly;
pub use types::{Candidate, SlashRecord, Unbonding};

use alloc::vec::Vec;
use frame_support::{
	pallet_prelude::*,
	traits::{fungible, ValidatorRegistration},
};
use frame_system::pallet_prelude::BlockNumberFor;
use sp_runtime::{traits::Zero, Perbill};

/// An amount of the currency bonds are held in.
pub type BalanceOf<T> =
	<<T as Config>::Currency as fungible::Inspect<<T as frame_system::Config>::AccountId>>::Balance;

// FRAME's macro expansions call `expect` on values they construct themselves.
#[allow(clippy::expect_used, clippy::unwrap_used)]
#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_system::pallet_prelude::*;

	/// The in-code storage version: 1, or 2 in the `upgrade-rehearsal` build (`timing`).
	#[cfg(not(feature = "upgrade-rehearsal"))]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);
	/// The in-code storage version: 1, or 2 in the `upgrade-rehearsal` build (`timing`).
	#[cfg(feature = "upgrade-rehearsal")]
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(2);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration.
	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Adds and removes validators, sets the session length.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Whether an account has registered session keys (the session pallet).
		type KeysRegistry: ValidatorRegistration<Self::AccountId>;

		/// The fewest validators the set may hold.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators the set may hold (at most Aura's and GRANDPA's
		/// `MaxAuthorities`).
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The shortest session governance may set, in blocks.
		#[pallet::constant]
		type MinSessionLength: Get<BlockNumberFor<Self>>;

		/// The slot duration of a chain whose genesis does not set one, in milliseconds.
		#[pallet::constant]
		type DefaultSlotDuration: Get<u64>;

		/// The currency bonds are held in, and fees paid in.
		type Currency: fungible::MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ fungible::Mutate<Self::AccountId>
			+ fungible::Balanced<Self::AccountId>
			+ fungible::BalancedHold<Self::AccountId>;

		/// The runtime's hold reasons, of which this pallet's [`HoldReason`] is one.
		type RuntimeHoldReason: From<HoldReason>;

		/// The validators of the current session (the session pallet), to see which
		/// candidates were in the set and authored nothing.
		type ActiveSet: frame_support::traits::ValidatorSet<
			Self::AccountId,
			ValidatorId = Self::AccountId,
		>;

		/// The most candidates that may wait for a place in the set.
		#[pallet::constant]
		type MaxCandidates: Get<u32>;

		/// The smallest candidacy bond governance may set (and the bond until it sets one).
		#[pallet::constant]
		type MinCandidacyBond: Get<BalanceOf<Self>>;

		/// How long a bond stays held after its candidate left or was dropped, in blocks.
		#[pallet::constant]
		type BondingPeriod: Get<BlockNumberFor<Self>>;

		/// The most governance may slash when it removes a candidate
		/// ([`Pallet::remove_candidate`]): a share of everything the candidate holds as
		/// candidacy bond.
		#[pallet::constant]
		type MaxRemovalSlash: Get<Perbill>;

		/// The share of each fee the block's author gets until governance sets one.
		#[pallet::constant]
		type DefaultAuthorFeeShare: Get<Perbill>;

		/// Receives the part of each fee that does not go to the author.
		type Treasury: Get<Self::AccountId>;

		/// The session pallet as offences need it: disables an offender for the rest of its
		/// session, and forgets historical sessions older than [`Config::HistoryDepth`].
		type SessionInterface: pallet_session::SessionInterface<
			ValidatorId = Self::AccountId,
			AccountId = Self::AccountId,
		>;

		/// How many past sessions' validator sets are kept (pallet-session's historical
		/// sessions), so that an offence in one of them can be proven; reports of older ones
		/// are refused.
		#[pallet::constant]
		type HistoryDepth: Get<u32>;

		/// Weights of this pallet's calls, from its benchmarks.
		type WeightInfo: WeightInfo;

		/// Registers session keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self>;
	}

	/// What the benchmarks need from the runtime.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper<T: Config> {
		/// Gives `who` session keys, so that it may be added.
		fn register_keys(who: &T::AccountId) -> DispatchResult;
	}

	/// The invulnerables: the validators governance keeps, always in the set; handed to the
	/// session pallet, with the best candidates, at the next session boundary.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A validator candidate's bond, while it is a candidate and for the bonding period
		/// after.
		CandidacyBond,
	}

	/// The candidacy bond until governance sets one: `MinCandidacyBond`.
	#[pallet::type_value]
	pub fn DefaultCandidacyBond<T: Config>() -> BalanceOf<T> {
		T::MinCandidacyBond::get()
	}

	/// The author's fee share until governance sets one: `DefaultAuthorFeeShare`.
	#[pallet::type_value]
	pub fn DefaultFeeShare<T: Config>() -> Perbill {
		T::DefaultAuthorFeeShare::get()
	}

	/// The smallest bond a candidate holds (governance sets it, never below
	/// [`Config::MinCandidacyBond`]).
	#[pallet::storage]
	pub type CandidacyBond<T: Config> =
		StorageValue<_, BalanceOf<T>, ValueQuery, DefaultCandidacyBond<T>>;

	/// The candidates, largest bond first (equal bonds: the earlier registration first).
	#[pallet::storage]
	pub type Candidates<T: Config> = StorageValue<
		_,
		BoundedVec<Candidate<T::AccountId, BalanceOf<T>>, T::MaxCandidates>,
		ValueQuery,
	>;

	/// Bonds of former candidates, held until their bonding period is over. Bounded by what
	/// it costs: each entry holds at least one candidacy bond, and is removed when withdrawn.
	#[pallet::storage]
	pub type Unbonds<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		T::AccountId,
		Unbonding<BalanceOf<T>, BlockNumberFor<T>>,
		OptionQuery,
	>;

	/// Accounts slashed for an offence, in their current span: the largest fraction taken and
	/// of what. Written only for a validator proven to have misbehaved (each entry cost it a
	/// slash, or its bond was empty); removed when it withdraws what is left of its bond.
	#[pallet::storage]
	pub type Slashes<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SlashRecord<BalanceOf<T>>, OptionQuery>;

	/// Who authored a block in the current session (at most the whole set).
	#[pallet::storage]
	pub type AuthoredThisSession<T: Config> =
		StorageValue<_, BoundedVec<T::AccountId, T::MaxValidators>, ValueQuery>;

	/// The share of each transaction fee the block's author gets; the rest goes to the
	/// treasury. Tips go to the author whole.
	#[pallet::storage]
	pub type AuthorFeeShare<T: Config> = StorageValue<_, Perbill, ValueQuery, DefaultFeeShare<T>>;

	/// Whether the set changed since it was last handed to the session pallet.
	#[pallet::storage]
	pub type Changed<T> = StorageValue<_, bool, ValueQuery>;

	/// How many blocks a session lasts (storage version 1).
	#[cfg(not(feature = "upgrade-rehearsal"))]
	#[pallet::storage]
	pub type SessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// The block the current session started in (storage version 1).
	#[cfg(not(feature = "upgrade-rehearsal"))]
	#[pallet::storage]
	pub type SessionStart<T: Config> = StorageValue<_, BlockNumberFor<T>, ValueQuery>;

	/// A session's length and start (storage version 2: the `upgrade-rehearsal` build).
	#[cfg(feature = "upgrade-rehearsal")]
	#[pallet::storage]
	pub type Session<T: Config> = StorageValue<_, SessionTiming<BlockNumberFor<T>>, ValueQuery>;

	/// The Aura slot duration, in milliseconds: every block takes one slot. Set at genesis
	/// only ([`GenesisConfig::slot_duration`]); absent, [`Config::DefaultSlotDuration`].
	#[pallet::storage]
	pub type SlotDuration<T: Config> = StorageValue<_, u64, ValueQuery, T::DefaultSlotDuration>;

	/// Genesis: the first validators, the session length and the slot duration. (The default,
	/// with no validators, only suits chains whose validators are set otherwise, e.g. tests.)
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions (they need session keys in the session
		/// pallet's genesis too).
		pub validators: Vec<T::AccountId>,
		/// Blocks per session.
		pub session_length: BlockNumberFor<T>,
		/// The slot duration, in milliseconds (even, at least 2: the timestamp's minimum period
		/// is half of it); `None`: [`Config::DefaultSlotDuration`]. Test networks shorten it,
		/// so that what takes sessions and delays takes seconds.
		pub slot_duration: Option<u64>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		fn default() -> Self {
			Self {
				validators: Vec::new(),
				session_length: T::MinSessionLength::get(),
				slot_duration: None,
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let validators: BoundedVec<T::AccountId, T::MaxValidators> =
				self.validators.clone().try_into().expect("at most MaxValidators at genesis");
			assert!(
				validators.is_empty() || validators.len() as u32 >= T::MinValidators::get(),
				"at least MinValidators at genesis"
			);
			assert!(
				self.session_length >= T::MinSessionLength::get(),
				"a session at least MinSessionLength long at genesis"
			);
			if let Some(slot) = self.slot_duration {
				assert!(
					slot >= 2 && slot.is_multiple_of(2),
					"an even slot duration of at least 2 ms"
				);
				SlotDuration::<T>::put(slot);
			}
			Validators::<T>::put(validators);
			Pallet::<T>::put_session_length(self.session_length);
		}
	}

	/// Events.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A validator was added; it starts validating one to two sessions from now.
		ValidatorAdded {
			/// The validator.
			who: T::AccountId,
		},
		/// A validator was removed; it stops validating one to two sessions from now.
		ValidatorRemoved {
			/// The validator.
			who: T::AccountId,
		},
		/// The set was handed to the session pallet; it takes over at the next session.
		ValidatorSetQueued {
			/// The session it will be in force from.
			session: u32,
			/// The validators.
			validators: Vec<T::AccountId>,
		},
		/// The session length changed; it applies from the current session on.
		SessionLengthSet {
			/// Blocks per session.
			blocks: BlockNumberFor<T>,
		},
		/// An account became a candidate, holding `bond`.
		CandidateRegistered {
			/// The candidate.
			who: T::AccountId,
			/// Its bond.
			bond: BalanceOf<T>,
		},
		/// A candidate raised its bond.
		CandidateBondRaised {
			/// The candidate.
			who: T::AccountId,
			/// Its bond now.
			bond: BalanceOf<T>,
		},
		/// A candidate left; its bond can be withdrawn from block `unlocks_at`.
		CandidateLeft {
			/// The former candidate.
			who: T::AccountId,
			/// The bond it held.
			bond: BalanceOf<T>,
			/// The first block `withdraw_unbonded` releases it in.
			unlocks_at: BlockNumberFor<T>,
		},
		/// A candidate was in the set for a whole session and authored no block: it is no
		/// longer a candidate; its bond can be withdrawn from block `unlocks_at`.
		CandidateDropped {
			/// The former candidate.
			who: T::AccountId,
			/// The bond it held.
			bond: BalanceOf<T>,
			/// The first block `withdraw_unbonded` releases it in.
			unlocks_at: BlockNumberFor<T>,
		},
		/// A full list took a candidate with a larger bond: the candidate with the smallest
		/// bond (of equal ones, the latest registered) is no longer a candidate; its bond can
		/// be withdrawn from block `unlocks_at`.
		CandidateDisplaced {
			/// The former candidate.
			who: T::AccountId,
			/// The bond it held.
			bond: BalanceOf<T>,
			/// The candidate that took its place.
			by: T::AccountId,
			/// The first block `withdraw_unbonded` releases it in.
			unlocks_at: BlockNumberFor<T>,
		},
		/// Governance removed a candidate (or slashed a former one that is still unbonding):
		/// `slashed` went to the treasury; what is left of its bonds can be withdrawn from
		/// block `unlocks_at`.
		CandidateRemoved {
			/// The former candidate.
			who: T::AccountId,
			/// What was taken from its bonds (candidacy bond and unbonding together).
			slashed: BalanceOf<T>,
			/// The first block `withdraw_unbonded` releases the rest in.
			unlocks_at: BlockNumberFor<T>,
		},
		/// A validator's offence in `session` was proven: it is no longer a candidate (it
		/// leaves the set at the next selection) and is disabled for the rest of the session;
		/// `amount` of its bonds went to the treasury, and the rest can be withdrawn from
		/// block `unlocks_at`.
		Slashed {
			/// The offender.
			who: T::AccountId,
			/// The session of the offence.
			session: u32,
			/// The share of its bonds taken in this span, in all (the largest of its
			/// offences').
			fraction: Perbill,
			/// What this offence took (a smaller fraction than one taken before adds nothing).
			amount: BalanceOf<T>,
			/// The first block `withdraw_unbonded` releases the rest in.
			unlocks_at: BlockNumberFor<T>,
		},
		/// An invulnerable's offence in `session` was proven. It holds no bond: it is disabled
		/// for the rest of the session, and governance decides whether it stays
		/// (`remove_validator`).
		InvulnerableOffended {
			/// The offender.
			who: T::AccountId,
			/// The session of the offence.
			session: u32,
			/// The share a bonded validator would have lost.
			fraction: Perbill,
		},
		/// A former candidate's bond was released.
		BondWithdrawn {
			/// The former candidate.
			who: T::AccountId,
			/// What was released.
			amount: BalanceOf<T>,
		},
		/// The smallest candidacy bond changed (for new candidates, and for who is selected
		/// at the next session).
		CandidacyBondSet {
			/// The bond.
			bond: BalanceOf<T>,
		},
		/// The author's share of transaction fees changed.
		AuthorFeeShareSet {
			/// The share.
			share: Perbill,
		},
	}

	/// Errors.
	#[pallet::error]
	pub enum Error<T> {
		/// The account is a validator already.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The set holds `MaxValidators` already.
		TooManyValidators,
		/// Removing it would leave fewer than `MinValidators`.
		TooFewValidators,
		/// The account has no session keys: register them with `session.setKeys` first.
		NoSessionKeys,
		/// Sessions cannot be shorter than `MinSessionLength`.
		SessionTooShort,
		/// The account is a candidate already (leave candidacy before governance makes it an
		/// invulnerable).
		AlreadyCandidate,
		/// The account is not a candidate (for `remove_candidate`: neither a candidate nor
		/// unbonding a former candidacy).
		NotCandidate,
		/// The bond is below the candidacy bond (or, for governance, the bond set is below
		/// `MinCandidacyBond`).
		BondTooLow,
		/// `MaxCandidates` candidates are waiting already and the bond is not larger than the
		/// smallest of theirs (the last of `Candidates`): bond more to take its place.
		TooManyCandidates,
		/// The account has no bond waiting to be withdrawn.
		NothingToWithdraw,
		/// The bonding period is not over yet: see the `unlocks_at` of the event that ended the
		/// candidacy (`CandidateLeft`, `CandidateDropped`, `CandidateDisplaced`,
		/// `CandidateRemoved`). (For `add_validator`: an account still unbonding cannot become
		/// an invulnerable, which is never slashed, before it has withdrawn.)
		StillBonded,
		/// The slash is larger than `MaxRemovalSlash`.
		SlashTooLarge,
		/// The account was slashed for an offence or removed by governance: until it has
		/// withdrawn what is left of its bond (`withdraw_unbonded`, after the bonding period),
		/// it cannot be a candidate or an invulnerable again, nor be removed a second time.
		Punished,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Accounts for [`pallet_authorship::EventHandler::note_author`], which
		/// pallet-authorship calls in its own `on_initialize` without weighing it.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::DbWeight::get().reads_writes(1, 1)
		}

		fn integrity_test() {
			assert!(T::HistoryDepth::get() >= 1, "HistoryDepth must be at least 1");
			assert!(T::MinValidators::get() >= 1, "MinValidators must be at least 1");
			assert!(T::MinValidators::get() <= T::MaxValidators::get(), "Min above Max");
			assert!(!T::MinSessionLength::get().is_zero(), "MinSessionLength must be positive");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call(weight(<T as Config>::WeightInfo))]
	impl<T: Config> Pallet<T> {
		/// Adds a validator (governance). It must have registered session keys.
		#[pallet::call_index(0)]
		pub fn add_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_add_validator(who)
		}

		/// Removes a validator (governance), keeping at least `MinValidators`.
		#[pallet::call_index(1)]
		pub fn remove_validator(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_validator(who)
		}

		/// Sets how many blocks a session lasts (governance).
		#[pallet::call_index(2)]
		pub fn set_session_length(
			origin: OriginFor<T>,
			blocks: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_session_length(blocks)
		}

		/// Becomes a validator candidate, holding `bond` more (its bond is that plus anything
		/// it is still unbonding from an earlier candidacy, which is bonded again; in all at
		/// least the candidacy bond). The account must have session keys (`session.setKeys`).
		/// It joins the set at the second session boundary from now if its bond is among the
		/// largest. When `MaxCandidates` are waiting already, a bond larger than the smallest
		/// of theirs takes that candidate's place (`CandidateDisplaced`); a bond not larger is
		/// refused.
		#[pallet::call_index(3)]
		pub fn register_candidate(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_register_candidate(who, bond)
		}

		/// Adds `extra` to a candidate's bond.
		#[pallet::call_index(4)]
		pub fn bond_extra(origin: OriginFor<T>, extra: BalanceOf<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_bond_extra(who, extra)
		}

		/// Stops being a candidate; the bond stays held for `BondingPeriod` blocks.
		#[pallet::call_index(5)]
		pub fn leave_candidacy(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_leave_candidacy(who)
		}

		/// Releases the bond of a former candidate whose bonding period is over.
		#[pallet::call_index(6)]
		pub fn withdraw_unbonded(origin: OriginFor<T>) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::do_withdraw_unbonded(who)
		}

		/// Sets the smallest candidacy bond (governance), at least `MinCandidacyBond`.
		/// Candidates holding less stay candidates but are not selected until they
		/// `bond_extra`.
		#[pallet::call_index(7)]
		pub fn set_candidacy_bond(origin: OriginFor<T>, bond: BalanceOf<T>) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_candidacy_bond(bond)
		}

		/// Sets the share of each transaction fee that goes to the block's author
		/// (governance); the rest goes to the treasury.
		#[pallet::call_index(8)]
		pub fn set_author_fee_share(origin: OriginFor<T>, share: Perbill) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_set_author_fee_share(share)
		}

		/// Removes a candidate (governance), slashing `slash` (at most `MaxRemovalSlash`) of
		/// everything it holds as candidacy bond, its bond and anything it is still unbonding,
		/// to the treasury; the rest unbonds for `BondingPeriod` blocks from now. A former
		/// candidate still unbonding can be slashed too: the bonding period keeps a bond at
		/// risk after its candidate leaves. Once per span: until the account has withdrawn
		/// what is left, it cannot register again or be removed again (`Punished`).
		#[pallet::call_index(9)]
		pub fn remove_candidate(
			origin: OriginFor<T>,
			who: T::AccountId,
			slash: Perbill,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::do_remove_candidate(who, slash)
		}
	}
}
