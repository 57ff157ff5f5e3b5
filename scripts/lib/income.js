// What validators earn from transactions, read from the chain: each transaction's tip and
// ⌊share × fee⌋ go to its block's author, the rest of the fee to the treasury
// (pallet_validator_set::DealWithFees; docs/validator.md).

import { findEvent } from './tx.js';

/** Perbill's denominator. */
const BILLION = 1_000_000_000n;

/**
 * The split the chain's rule gives the transaction `submitted` (what `submit` returns):
 * `{ fee, tip, share, toAuthor, toTreasury }`, amounts as BigInt, `share` in parts per billion
 * (read at the transaction's block).
 */
export async function expectedSplit(api, { blockHash, events }) {
  const paid = findEvent(events, 'transactionPayment', 'TransactionFeePaid');
  const total = paid.data.actualFee.toBigInt();
  const tip = paid.data.tip.toBigInt();
  const fee = total - tip;
  const share = (await (await api.at(blockHash)).query.validatorSet.authorFeeShare()).toBigInt();
  const toAuthor = (fee * share) / BILLION + tip;
  return { fee, tip, share, toAuthor, toTreasury: total - toAuthor };
}

/** How much `account`'s free balance grew in block `blockHash` (from its parent's state). */
export async function growth(api, blockHash, account) {
  const header = await api.rpc.chain.getHeader(blockHash);
  const free = async (hash) => (await (await api.at(hash)).query.system.account(account)).data.free.toBigInt();
  return (await free(blockHash)) - (await free(header.parentHash));
}

/** The account that authored block `blockHash` (Aura's slot author, as polkadot.js derives it). */
export async function authorOf(api, blockHash) {
  const header = await api.derive.chain.getHeader(blockHash);
  return header.author.toString();
}
