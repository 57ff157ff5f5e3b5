// No input makes the chain do work its weight does not pay for (docs/reliability.md, threat
// model). On a real development node authoring with Aura (6-second slots: a block's proposal
// that takes too long is discarded, which is how an expensive transaction stalls a chain),
// a transaction as large as a block allows, whose list parameter is far beyond its bound, is
// refused by the pool before anything runs; and the plain transfer sent right after it is in
// the next block. Before lists were bounded at decode, such a transaction (one
// `agents.registerAgent` of 460,000 model ids) entered the pool, and every proposal that
// picked it ran a quadratic check for longer than a slot and was discarded: blocks stopped.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { figure } from '../../lib/network.js';
import { startNode, until } from '../../lib/node.js';
import { submit } from '../../lib/tx.js';

let node;
let keyring;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  // Aura, as a network authors: not instant sealing, which has no slot to miss.
  node = await startNode({ args: ['--dev'] });
});

after(async () => {
  if (node) await node.stop();
});

/** Submits `tx` signed by `signer`; resolves with the pool's refusal, or fails if it was accepted. */
async function refusedByThePool(tx, signer) {
  try {
    const hash = await tx.signAndSend(signer);
    assert.fail(`the pool accepted ${hash.toHex()}`);
  } catch (error) {
    if (error.code === 'ERR_ASSERTION') throw error;
    return error;
  }
}

test('a transaction the size of a block, its list far beyond its bound, is refused; the next transfer is in the next block', async () => {
  const { api } = node;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  await until('the first block', async () => (await api.rpc.chain.getHeader()).number.toNumber() >= 1);

  // As many model ids as a block's length lets a normal transaction carry (75% of 5 MiB,
  // 8 bytes each): 29,000 times the bound of 16.
  const maxLength = api.consts.system.blockLength.max.normal.toNumber();
  const ids = Array.from({ length: Math.floor((maxLength - 1_000) / 8) }, (_, i) => i);
  const huge = api.tx.agents.registerAgent('0x', ids, 0);
  const length = huge.encodedLength;
  figure('the oversized transaction', length, 'B');
  assert.ok(length > 3_000_000 && length < maxLength, `${length} bytes fit a block`);
  const started = Date.now();
  const error = await refusedByThePool(huge, alice);
  const refusedIn = Date.now() - started;
  figure('the pool refused it in', refusedIn, 'ms');
  // The runtime could not decode it: the bounded list's length prefix is over its bound.
  console.log(`# the pool's answer: ${error.message.slice(0, 400)}`);
  assert.match(error.message, /1002|Could not decode|BoundedVec exceeds its limit/, error.message);

  // Right after it, a plain transfer: included in the next block the node authors.
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  const { blockHash } = await submit(api, api.tx.balances.transferKeepAlive(bob.address, 1n), alice, {
    finalized: false,
  });
  const included = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  figure('blocks between the transfer and its block', included - before, 'blocks');
  assert.ok(included <= before + 2, `sent after #${before}, included in #${included}`);
  // And the chain goes on: no proposal was lost to it.
  await until(
    'two more blocks',
    async () => (await api.rpc.chain.getHeader()).number.toNumber() >= included + 2,
    30_000,
  );
});

test('the largest valid list of each kind is taken, charged by its length, and leaves room for the next transfer', async () => {
  const { api } = node;
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  // A datanet with the most curators it may have (16), then its longest metadata and license.
  const created = await submit(
    api,
    api.tx.datasets.createDataset('x'.repeat(512), 'y'.repeat(64), { minBond: 0, open: true }),
    alice,
    {
      finalized: false,
    },
  );
  const dataset = created.events.find((e) => e.method === 'DatasetCreated').data.dataset.toNumber();
  const curators = Array.from({ length: 16 }, (_, i) => keyring.addFromUri(`//Curator${i}`).address);
  const seventeen = [...curators, keyring.addFromUri('//Curator16').address];
  const error = await refusedByThePool(api.tx.datasets.setCurators(dataset, seventeen), alice);
  assert.match(error.message, /1002|Could not decode|BoundedVec exceeds its limit/, error.message);
  const set = await submit(api, api.tx.datasets.setCurators(dataset, curators), alice, { finalized: false });
  assert.ok(set.events.some((e) => e.method === 'CuratorsSet'));
  // Charged by the list's length: fewer curators, a smaller fee.
  const fee = async (n) =>
    (await api.tx.datasets.setCurators(dataset, curators.slice(0, n)).paymentInfo(alice)).partialFee.toBigInt();
  assert.ok((await fee(1)) < (await fee(16)), 'a shorter list is charged less');
  const before = (await api.rpc.chain.getHeader()).number.toNumber();
  const { blockHash } = await submit(api, api.tx.balances.transferKeepAlive(bob.address, 1n), alice, {
    finalized: false,
  });
  const included = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  assert.ok(included <= before + 2, `sent after #${before}, included in #${included}`);
});
