// Types of @openledger/api: the JSON answers of OpenLedger Chain's custom RPC methods (as the
// node's pallets/*/rpc crates serialise them), the definitions and the helpers.

import '@polkadot/rpc-core/types/jsonrpc';
import type { ApiOptions } from '@polkadot/api/types';
import type { AugmentedRpc } from '@polkadot/rpc-core/types';
import type { Hash } from '@polkadot/types/interfaces';
import type { Observable } from '@polkadot/types/types';
import type { Bytes, Json } from '@polkadot/types-codec';
import type { AnyNumber, Codec } from '@polkadot/types-codec/types';

/** An amount of the smallest unit (18 decimals of OPEN), or any u128, as a decimal string. */
export type Amount = string;
/** A 0x-prefixed hex string: a hash (32 bytes) or bytes. */
export type Hex = `0x${string}`;
/** An account as an SS58 address (prefix 42). */
export type Address = string;
/** A part in parts per billion: 500000000 is 50%. */
export type Perbill = number;
/** A block number. */
export type BlockNumber = number;

/** A page of a list: `next` is the `start` of the next page, `null` on the last one. */
export interface Page<T> {
  items: T[];
  next: number | null;
}

/** Which part of a list to read: from `start` (a previous page's `next`), at most `limit` items. */
export interface PageRequest {
  start?: number;
  limit?: number;
}

/** `datasets_get`, and the items of `datasets_list` (which carry the latest version only). */
export interface Dataset {
  id: number;
  owner: Address;
  pendingOwner: Address | null;
  curators: Address[];
  /** What the user wrote: text, or 0x-hex when the bytes are not UTF-8 (`bytes()` reads both). */
  metadata: string;
  /** What the user wrote: text, or 0x-hex when the bytes are not UTF-8 (`bytes()` reads both). */
  license: string;
  minBond: Amount;
  open: boolean;
  status: 'active' | 'frozen' | 'retired';
  deposit: Amount;
  /** The latest published version (0: none yet). */
  version: number;
  versionRoot: Hex;
  accepted: number;
  pending: number;
  totalShares: Amount;
  /** The pool's accumulator (a 256-bit decimal string, scaled by 10^18). */
  rewardPerShare: string;
  poolBalance: Amount;
  createdAt: BlockNumber;
  versions: DatasetVersion[];
}

/** A published dataset version. */
export interface DatasetVersion {
  version: number;
  root: Hex;
  contributions: number;
  publishedAt: BlockNumber;
}

/** The status of a contribution, also the `status` filter of `datasets_contributions`. */
export type ContributionStatus = 'pending' | 'accepted' | 'rejected' | 'removed';

/** `datasets_contribution`, and the items of `datasets_contributions(Of)`. */
export interface Contribution {
  id: number;
  dataset: number;
  contributor: Address;
  contentHash: Hex;
  /** What the user wrote: text, or 0x-hex when the bytes are not UTF-8 (`bytes()` reads both). */
  metadata: string;
  bond: Amount;
  status: ContributionStatus;
  shares: Amount;
  pendingReward: Amount;
  claimed: Amount;
  slashed: Amount;
  submittedAt: BlockNumber;
}

/** An item of `datasets_acceptedContributions`: its place in the chain of the version root. */
export interface AcceptedContribution {
  position: number;
  contribution: number;
  contentHash: Hex;
}

/** A dataset version a model version was trained on, with its weight. */
export interface TrainingSet {
  dataset: number;
  version: number;
  weightPerbill: Perbill;
}

/** A model version. */
export interface ModelVersion {
  version: number;
  artifactHash: Hex;
  training: TrainingSet[];
  publishedAt: BlockNumber;
  /** The version of the base model it derives from (null: no base, or the base had none yet). */
  baseVersion: number | null;
}

/** An attribution method a model's records may use. */
export interface AllowedMethod {
  /** Its id, e.g. `span-match/1`. */
  id: string;
  /** blake2-256 of the parameters it may run with (null before runtime API 3: any). */
  paramsHash: Hex | null;
}

/** `models_get`. */
export interface Model {
  id: number;
  owner: Address;
  pendingOwner: Address | null;
  /** What the user wrote: text, or 0x-hex when the bytes are not UTF-8 (`bytes()` reads both). */
  metadata: string;
  /** What the user wrote: text, or 0x-hex when the bytes are not UTF-8 (`bytes()` reads both). */
  license: string;
  baseModel: number | null;
  depth: number;
  royaltyPerbill: Perbill;
  price: Amount;
  modelSharePerbill: Perbill;
  attestors: Address[];
  status: 'active' | 'deprecated';
  deposit: Amount;
  derivatives: number;
  versions: ModelVersion[];
  /** The attribution methods its attestors may use, with their parameters; empty: any. */
  attributionMethods: AllowedMethod[];
  createdAt: BlockNumber;
}

/** An ancestor of a model, nearest first. */
export interface Ancestor {
  model: number;
  owner: Address;
  royaltyPerbill: Perbill;
}

/** `models_lineage`: ancestors, and one page of derivatives. */
export interface Lineage {
  model: number;
  ancestors: Ancestor[];
  derivatives: number[];
  next: number | null;
  derivativeCount: number;
}

/** `agents_get`. */
export interface Agent {
  id: number;
  operator: Address;
  /** What the user wrote: text, or 0x-hex when the bytes are not UTF-8 (`bytes()` reads both). */
  metadata: string;
  models: number[];
  stake: Amount;
  operatorSharePerbill: Perbill;
  status: 'active' | 'paused' | 'unbonding';
  unbondingUntil: BlockNumber | null;
  createdAt: BlockNumber;
}

/** An account and what it receives. */
export interface Payee {
  account: Address;
  amount: Amount;
}

/** What an ancestor model's owner receives. */
export interface AncestorPayout {
  model: number;
  owner: Address;
  amount: Amount;
}

/** What a dataset's reward pool receives (its score part plus its training-weight part). */
export interface DatasetPayout {
  dataset: number;
  amount: Amount;
  scored: Amount;
  fromTraining: Amount;
  /** False when nobody held shares in the dataset: its owner was paid the amount. */
  intoPool: boolean;
  totalShares: Amount;
  rewardPerShareBefore: string;
}

/** The treasury's parts of a split. */
export interface TreasuryPart {
  protocol: Amount;
  unattributed: Amount;
  dust: Amount;
  total: Amount;
}

/** How a fee is split: every part sums to exactly the fee. */
export interface Split {
  treasury: TreasuryPart;
  agentOperator: Payee | null;
  modelOwner: Payee;
  ancestors: AncestorPayout[];
  datasets: DatasetPayout[];
}

/** A dataset's influence on an answer. */
export interface Score {
  dataset: number;
  perbill: Perbill;
}

/** `attribution_rewardSplit`: an attribution record. */
export interface AttributionRecord {
  id: number;
  model: number;
  modelVersion: number;
  agent: number | null;
  attestor: Address;
  fee: Amount;
  inferenceHash: Hex;
  /** The attribution method's id (`span-match/1`): text, or 0x-hex when its bytes are not UTF-8. */
  method: string;
  methodParamsHash: Hex;
  evidenceHash: Hex;
  scores: Score[];
  split: Split;
  block: BlockNumber;
  challengeDeadline: BlockNumber;
  status: 'unchallenged' | 'challenged' | 'confirmed' | 'invalidated';
  /** The challenger and its bond, while challenged. */
  challenge: Payee | null;
}

/** `attribution_contributionEarnings`. */
export interface Earnings {
  record: number;
  contribution: number;
  dataset: number;
  shares: Amount;
  datasetAmount: Amount;
  earned: Amount;
}

/** `attribution_pendingRewards`. */
export interface PendingRewards {
  account: Address;
  /** The page's contributions with something to claim. */
  contributions: { dataset: number; contribution: number; amount: Amount }[];
  /** Where the next page starts (`page.start`); `null` after the last. */
  next: number | null;
  /** Over every contribution of the account, not only the page's. */
  datasets: { dataset: number; amount: Amount }[];
  total: Amount;
}

/** The answer of each custom method, by `namespace_method` name. */
export interface Answers {
  datasets_get: Dataset;
  datasets_list: Page<Dataset>;
  datasets_contribution: Contribution;
  datasets_contributions: Page<Contribution>;
  datasets_contributionsOf: Page<Contribution>;
  datasets_acceptedContributions: Page<AcceptedContribution>;
  models_get: Model;
  models_list: Page<Model>;
  models_lineage: Lineage;
  agents_get: Agent;
  agents_list: Page<Agent>;
  attribution_rewardSplit: AttributionRecord;
  attribution_records: Page<AttributionRecord>;
  attribution_contributionEarnings: Earnings;
  attribution_pendingRewards: PendingRewards;
  attribution_previewSplit: Split;
}

/** Which records `attribution_records` lists: those matching every field given. */
export interface RecordsFilter {
  attestor?: Address;
  model?: number;
  agent?: number;
}

/** The chain's SS58 prefix, token symbol and decimals. */
export declare const chain: Readonly<{ ss58Format: 42; tokenSymbol: 'OPEN'; tokenDecimals: 18 }>;
/** polkadot.js definitions of the custom methods, by namespace. */
export declare const rpc: NonNullable<ApiOptions['rpc']>;
/** The parameter types the definitions use. */
export declare const types: NonNullable<ApiOptions['types']>;
/** `{ rpc, types }`, to spread into `ApiPromise.create`'s options. */
export declare const definitions: Readonly<{ rpc: typeof rpc; types: typeof types }>;

/** The plain JSON object of a custom method's answer: `answer<AttributionRecord>(…)`. */
export declare function answer<T = unknown>(codec: Codec): T;
/** An amount as a bigint, from a decimal string, a bigint or a safe integer; throws otherwise. */
export declare function amount(value: Amount | bigint | number): bigint;
/** One OPEN in the smallest unit: 10^18. */
export declare const UNIT: bigint;
/** The most a part can be: 10^9 parts per billion (100%). */
export declare const PERBILL_MAX: 1000000000;
/**
 * An amount in whole tokens for people, rounded half up to `places` decimals (default 4; an
 * amount too small for them keeps two significant digits): `"1.7744 OPEN"`. `exact: true`
 * writes every digit, no rounding: `"1.774444444566666666 OPEN"`.
 */
export declare function formatAmount(
  value: Amount | bigint | number,
  options?: { decimals?: number; symbol?: string; places?: number; exact?: boolean },
): string;
/** An amount written in whole tokens (`"1.5"`) as the smallest unit, exactly; throws otherwise. */
export declare function units(tokens: string | number | bigint, options?: { decimals?: number }): bigint;
/** A part in parts per billion as a percentage: `"12.5%"`. */
export declare function percent(perbill: Perbill): string;
/** An account in this chain's SS58 form, from any SS58 address or a 32-byte public key. */
export declare function address(account: string | Uint8Array): Address;
/** The bytes of a `metadata` or `license` answer: its text's UTF-8, or the bytes of its 0x-hex. */
export declare function bytes(value: string): Uint8Array;
/** Whether two accounts (any SS58 prefix or public key) are the same. */
export declare function sameAccount(a: string | Uint8Array, b: string | Uint8Array): boolean;

/** A block to read at: its hash (default: the best block). */
type At = Hash | string | Uint8Array;
/** An id. */
type Id = AnyNumber;

// `api.rpc.<namespace>.<method>` typed for TypeScript once this package is imported; each
// answers polkadot.js's `Json` codec, which `answer<T>()` turns into the `Answers` type.
declare module '@polkadot/rpc-core/types/jsonrpc' {
  interface RpcInterface {
    datasets: {
      get: AugmentedRpc<(id: Id, at?: At) => Observable<Json>>;
      list: AugmentedRpc<(owner?: string | null, page?: PageRequest | null, at?: At) => Observable<Json>>;
      contribution: AugmentedRpc<(id: Id, at?: At) => Observable<Json>>;
      contributions: AugmentedRpc<
        (id: Id, status?: ContributionStatus | null, page?: PageRequest | null, at?: At) => Observable<Json>
      >;
      contributionsOf: AugmentedRpc<(account: string, page?: PageRequest | null, at?: At) => Observable<Json>>;
      acceptedContributions: AugmentedRpc<(id: Id, page?: PageRequest | null, at?: At) => Observable<Json>>;
      submitContribution: AugmentedRpc<(extrinsic: Bytes | string | Uint8Array) => Observable<Hash>>;
    };
    models: {
      get: AugmentedRpc<(id: Id, at?: At) => Observable<Json>>;
      list: AugmentedRpc<(owner?: string | null, page?: PageRequest | null, at?: At) => Observable<Json>>;
      lineage: AugmentedRpc<(id: Id, page?: PageRequest | null, at?: At) => Observable<Json>>;
    };
    agents: {
      get: AugmentedRpc<(id: Id, at?: At) => Observable<Json>>;
      list: AugmentedRpc<(operator?: string | null, page?: PageRequest | null, at?: At) => Observable<Json>>;
    };
    attribution: {
      rewardSplit: AugmentedRpc<(record: Id, at?: At) => Observable<Json>>;
      records: AugmentedRpc<(filter?: RecordsFilter | null, page?: PageRequest | null, at?: At) => Observable<Json>>;
      contributionEarnings: AugmentedRpc<(record: Id, contribution: Id, at?: At) => Observable<Json>>;
      pendingRewards: AugmentedRpc<(account: string, page?: PageRequest | null, at?: At) => Observable<Json>>;
      previewSplit: AugmentedRpc<
        (
          model: Id,
          version: Id,
          agent: Id | null,
          fee: Amount | bigint | number,
          scores: Score[],
          at?: At,
        ) => Observable<Json>
      >;
    };
  }
}
