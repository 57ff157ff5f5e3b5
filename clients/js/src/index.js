// @openledger/api: OpenLedger Chain for polkadot.js.
//
//   import { ApiPromise, WsProvider } from '@polkadot/api';
//   import { answer, definitions } from '@openledger/api';
//   const api = await ApiPromise.create({ provider: new WsProvider(url), ...definitions });
//   const record = answer(await api.rpc.attribution.rewardSplit(7));
//
// The node's seventeen custom methods answer JSON objects; polkadot.js hands them back as its
// `Json` codec, and `answer()` turns one into the plain object that src/index.d.ts types.
// The JSON forms are the node's (docs/rpc.md): amounts as decimal strings (`amount()` makes
// them bigints), accounts as SS58 addresses, hashes as 0x-hex, parts in parts per billion.

import { Text, UInt } from '@polkadot/types-codec';
import { hexToU8a, isHex, stringToU8a } from '@polkadot/util';
import { decodeAddress, encodeAddress } from '@polkadot/util-crypto';

/** The chain's SS58 address prefix (Substrate's generic 42), its token and decimals. */
export const chain = Object.freeze({ ss58Format: 42, tokenSymbol: 'OPEN', tokenDecimals: 18 });

/**
 * An amount parameter: sent as the decimal string the node expects, whether given as a
 * string, a bigint or a safe integer (polkadot.js's `u128` would send large values as hex).
 */
class OpenLedgerAmount extends Text {
  constructor(registry, value) {
    super(registry, typeof value === 'bigint' || typeof value === 'number' ? value.toString() : value);
  }
}

/** The most a part (a score, a share of a fee, a royalty) can be: 10^9 parts per billion, 100%. */
export const PERBILL_MAX = 1_000_000_000;

function checkPart(value) {
  if (value > PERBILL_MAX) {
    throw new RangeError(
      `a part is at most ${PERBILL_MAX} parts per billion (100%), not ${value}: ` +
        'write parts in parts per billion, e.g. 500000000 for 50%',
    );
  }
}

/**
 * The runtime's `Perbill` (every score, share and royalty of a call): a u32 that refuses more
 * than 10^9 when a transaction is built, instead of a node answering an undecodable call with a
 * wasm trap.
 */
class CheckedPerbill extends UInt.with(32, 'Perbill') {
  constructor(registry, value) {
    super(registry, value);
    checkPart(this.toNumber());
  }
}

/** A score of an RPC parameter: `{ dataset, perbill }`, its part checked as `Perbill` is. */
class OpenLedgerPart extends UInt.with(32) {
  constructor(registry, value) {
    super(registry, value);
    checkPart(this.toNumber());
  }
}

/** The types the definitions' parameters use, registered by `ApiPromise.create`. */
export const types = {
  OpenLedgerAmount,
  OpenLedgerPart,
  OpenLedgerScore: { dataset: 'u64', perbill: 'OpenLedgerPart' },
  Perbill: CheckedPerbill,
};

const at = { name: 'at', type: 'BlockHash', isOptional: true };
const page = { name: 'page', type: 'Option<Json>', isOptional: true };
const account = (name) => ({ name, type: 'Option<Text>', isOptional: true });

/**
 * polkadot.js definitions of the node's custom JSON-RPC methods, by namespace: pass them as
 * `rpc` to `ApiPromise.create` and call `api.rpc.<namespace>.<method>(…)`. Every method takes
 * an optional block hash `at` last (default: the best block); a page is `{ start?, limit? }`.
 */
export const rpc = {
  datasets: {
    get: {
      description: 'A dataset with its curators, policy, reward pool and published versions.',
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Json',
    },
    list: {
      description: "A page of every dataset, or of an owner's (each with its latest version only).",
      params: [account('owner'), page, at],
      type: 'Json',
    },
    contribution: {
      description: 'One contribution with its status, shares and rewards.',
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Json',
    },
    contributions: {
      description: "A page of a dataset's contributions, optionally of one status.",
      params: [{ name: 'id', type: 'u64' }, { name: 'status', type: 'Option<Text>', isOptional: true }, page, at],
      type: 'Json',
    },
    contributionsOf: {
      description: "A page of an account's contributions, over every dataset.",
      params: [{ name: 'account', type: 'Text' }, page, at],
      type: 'Json',
    },
    acceptedContributions: {
      description: "A page of a dataset's accepted contributions in the order its version root chains them.",
      params: [{ name: 'id', type: 'u64' }, page, at],
      type: 'Json',
    },
    submitContribution: {
      description: 'Submits a signed `datasets.submit_contribution` extrinsic; refusals name the pallet error.',
      params: [{ name: 'extrinsic', type: 'Bytes' }],
      type: 'Hash',
    },
  },
  models: {
    get: {
      description: 'A model with its versions, training sets, attestors and attribution methods.',
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Json',
    },
    list: {
      description: "A page of every model, or of an owner's (each with its latest version only).",
      params: [account('owner'), page, at],
      type: 'Json',
    },
    lineage: {
      description: "A model's ancestors (with royalties) and a page of its derivatives.",
      params: [{ name: 'id', type: 'u64' }, page, at],
      type: 'Json',
    },
  },
  agents: {
    get: {
      description: 'An agent with its operator, models, stake and status.',
      params: [{ name: 'id', type: 'u64' }, at],
      type: 'Json',
    },
    list: {
      description: "A page of every agent, or of an operator's.",
      params: [account('operator'), page, at],
      type: 'Json',
    },
  },
  attribution: {
    rewardSplit: {
      description: 'An attribution record with its scores, its split and its challenge status.',
      params: [{ name: 'record', type: 'u64' }, at],
      type: 'Json',
    },
    records: {
      description:
        "A page of the records in state, all or an attestor's, a model's or an agent's: filter `{ attestor?, model?, agent? }`.",
      params: [{ name: 'filter', type: 'Option<Json>', isOptional: true }, page, at],
      type: 'Json',
    },
    contributionEarnings: {
      description: 'What one contribution earned from one record.',
      params: [{ name: 'record', type: 'u64' }, { name: 'contribution', type: 'u64' }, at],
      type: 'Json',
    },
    pendingRewards: {
      description: "An account's claimable rewards: a page of its contributions, and per dataset and in total.",
      params: [{ name: 'account', type: 'Text' }, page, at],
      type: 'Json',
    },
    previewSplit: {
      description: 'The split a record of this fee and these scores would make, without recording it.',
      params: [
        { name: 'model', type: 'u64' },
        { name: 'version', type: 'u32' },
        { name: 'agent', type: 'Option<u64>' },
        { name: 'fee', type: 'OpenLedgerAmount' },
        { name: 'scores', type: 'Vec<OpenLedgerScore>' },
        at,
      ],
      type: 'Json',
    },
  },
};

/** What `ApiPromise.create` needs for this chain: `{ rpc, types }`, to spread into its options. */
export const definitions = Object.freeze({ rpc, types });

/** The plain JSON object of a custom method's answer (polkadot.js's `Json` codec). */
export function answer(codec) {
  return codec.toJSON();
}

/**
 * An amount of the chain's smallest unit as a bigint, from the decimal string the node answers
 * (or a bigint or a safe integer). Throws on anything else: an amount is never guessed.
 */
export function amount(value) {
  if (typeof value === 'bigint') {
    if (value < 0n) throw new RangeError(`an amount cannot be negative: ${value}`);
    return value;
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`not an exact amount: ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string' && /^[0-9]+$/.test(value)) return BigInt(value);
  throw new TypeError(`an amount is a decimal string of digits, not ${JSON.stringify(value)}`);
}

/** One OPEN in the chain's smallest unit: 10^18. */
export const UNIT = 10n ** BigInt(chain.tokenDecimals);

/**
 * An amount in whole tokens, for people: `formatAmount('1774444444566666666')` is
 * `"1.7744 OPEN"` — rounded half up to `places` decimals (4 by default), trailing zeros dropped.
 * An amount too small to show at that precision is not written as 0: it keeps two significant
 * digits (`"0.0000012 OPEN"`). `{ exact: true }` writes every digit instead, with no rounding
 * (`"1.774444444566666666 OPEN"`), for a tooltip, a receipt or a test.
 */
export function formatAmount(
  value,
  { decimals = chain.tokenDecimals, symbol = chain.tokenSymbol, places = 4, exact = false } = {},
) {
  const units = amount(value);
  for (const [name, n] of [
    ['decimals', decimals],
    ['places', places],
  ]) {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} is a whole number of digits, not ${n}`);
  }
  const scale = 10n ** BigInt(decimals);
  let shown = exact ? decimals : Math.min(places, decimals);
  if (!exact && units > 0n) {
    // Enough places for two significant digits of an amount below the precision asked for.
    while (shown < decimals && units * 10n ** BigInt(shown) < scale) shown += 1;
    if (shown > places) shown = Math.min(shown + 1, decimals);
  }
  const step = 10n ** BigInt(decimals - shown);
  const rounded = ((units + step / 2n) / step) * step;
  const whole = rounded / scale;
  const fraction = (rounded % scale).toString().padStart(decimals, '0').slice(0, shown).replace(/0+$/, '');
  const number = fraction ? `${whole}.${fraction}` : `${whole}`;
  return symbol ? `${number} ${symbol}` : number;
}

/**
 * An amount written in whole tokens (`"1.5"`, `"10"`, `2`) as the chain's smallest unit,
 * exactly: `units('1.5')` is `1500000000000000000n`. Throws on more than 18 decimals, a sign,
 * a fractional JS number (write `'1.5'`) or anything but digits and one point: an amount is
 * never guessed.
 */
export function units(tokens, { decimals = chain.tokenDecimals } = {}) {
  // A fractional JS number is already rounded in binary: fractions come as text.
  const exactNumber = typeof tokens === 'number' && Number.isSafeInteger(tokens) && tokens >= 0;
  const text = exactNumber || typeof tokens === 'bigint' ? tokens.toString() : tokens;
  const match = typeof text === 'string' ? /^([0-9]+)(?:\.([0-9]+))?$/.exec(text) : null;
  if (!match)
    throw new TypeError(`an amount in tokens is digits with at most one point, not ${JSON.stringify(tokens)}`);
  const [, whole, written = ''] = match;
  // Zeros after the last significant digit say nothing: `'1.50'` is `'1.5'`.
  const fraction = written.replace(/0+$/, '');
  if (fraction.length > decimals) {
    throw new RangeError(`${text} has more than ${decimals} decimals: the smallest unit is 10^-${decimals}`);
  }
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0');
}

/** A part in parts per billion as a percentage string: `percent(125000000)` is `"12.5%"`. */
export function percent(perbill) {
  if (!Number.isInteger(perbill) || perbill < 0 || perbill > 1_000_000_000) {
    throw new RangeError(`a part is an integer of parts per billion in [0, 1e9], not ${perbill}`);
  }
  return `${perbill / 10_000_000}%`;
}

/**
 * An account as this chain writes it (SS58, prefix 42), from any SS58 address or a 32-byte
 * public key (0x-hex or bytes). Throws on anything that is not an account.
 */
export function address(account) {
  return encodeAddress(decodeAddress(account), chain.ss58Format);
}

/**
 * The bytes of what a user wrote (a `metadata` or `license` answer): the node answers the text
 * when the bytes are UTF-8 that does not start with `0x`, and `0x`-hex otherwise.
 */
export function bytes(value) {
  if (value.startsWith('0x')) {
    if (!isHex(value)) throw new TypeError(`${value} starts with 0x but is not hex`);
    return hexToU8a(value);
  }
  return stringToU8a(value);
}

/** Whether two accounts (any SS58 prefix or public key) are the same account. */
export function sameAccount(a, b) {
  return address(a) === address(b);
}
