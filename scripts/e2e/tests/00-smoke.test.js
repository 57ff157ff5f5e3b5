// The chain boots: a dev node with instant sealing takes a transfer, includes it in a block,
// finalises it, and shuts down cleanly.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rpc } from '@openledger/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { sleep, startNode } from '../../lib/node.js';
import { findEvent, submit } from '../../lib/tx.js';

let node;
let keyring;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  node = await startNode();
});

after(async () => {
  if (node) await node.stop();
});

test('the chain announces the OPEN token to wallets', async () => {
  const properties = await node.api.rpc.system.properties();
  assert.equal(properties.tokenSymbol.unwrap()[0].toString(), 'OPEN');
  assert.equal(properties.tokenDecimals.unwrap()[0].toNumber(), 18);
  assert.equal(properties.ss58Format.unwrap().toNumber(), 42);
  assert.equal((await node.api.rpc.system.chain()).toString(), 'OpenLedger Development');
});

// Substrate's own JSON-RPC namespaces: polkadot.js and the new JSON-RPC spec clients know them.
const SUBSTRATE_NAMESPACES = new Set(
  'account archive author bitswap chain chainHead chainSpec childstate engine grandpa offchain payment rpc state subscribe system transaction transactionWatch unsubscribe'.split(
    ' ',
  ),
);

test('the client package (@openledger/api) defines exactly the custom RPC methods the node serves', async () => {
  const { methods } = (await node.api.rpc.rpc.methods()).toJSON();
  const custom = methods.filter((method) => !SUBSTRATE_NAMESPACES.has(method.split('_')[0])).sort();
  const defined = Object.entries(rpc)
    .flatMap(([namespace, ofNamespace]) => Object.keys(ofNamespace).map((method) => `${namespace}_${method}`))
    .sort();
  assert.deepEqual(defined, custom);
  // And polkadot.js decorated them: the node's own client calls them by name.
  for (const method of defined) {
    const [namespace, name] = method.split('_');
    assert.equal(typeof node.api.rpc[namespace][name], 'function', method);
  }
});

test('a transfer is included in a block and finalised', async () => {
  const { api } = node;
  // Bob, not Alice: Alice authors every block here, and gets a share of each fee back.
  const bob = keyring.addFromUri('//Bob');
  const recipient = keyring.addFromUri('//SmokeTestRecipient');
  const amount = 10n ** 18n; // one OPEN

  const before = (await api.query.system.account(bob.address)).data.free.toBigInt();
  const { blockHash, events, fee } = await submit(
    api,
    api.tx.balances.transferKeepAlive(recipient.address, amount),
    bob,
  );

  const transfer = findEvent(events, 'balances', 'Transfer');
  assert.equal(transfer.data.from.toString(), bob.address);
  assert.equal(transfer.data.to.toString(), recipient.address);
  assert.equal(transfer.data.amount.toBigInt(), amount);
  assert.ok(fee > 0n, 'a fee was charged');

  const finalized = await api.rpc.chain.getFinalizedHead();
  const included = await api.rpc.chain.getHeader(blockHash);
  const finalizedHeader = await api.rpc.chain.getHeader(finalized);
  assert.ok(finalizedHeader.number.toNumber() >= included.number.toNumber(), 'the block is final');

  const received = (await api.query.system.account(recipient.address)).data.free.toBigInt();
  assert.equal(received, amount);
  const after = (await api.query.system.account(bob.address)).data.free.toBigInt();
  assert.equal(before - after, amount + fee, 'Bob paid the amount and the fee, nothing else');
});

test('instant sealing makes one block per transaction, and no empty block besides', async () => {
  // Tests count blocks (an enactment delay, a challenge period): a heartbeat that raced the
  // seal of a transaction that had just arrived used to add an empty block now and then.
  const { api } = node;
  const charlie = keyring.addFromUri('//Charlie');
  const count = 40;
  const start = (await api.rpc.chain.getHeader()).number.toNumber();
  for (let i = 0; i < count; i++)
    await submit(api, api.tx.system.remark(`0x${i.toString(16).padStart(2, '0')}`), charlie);
  await sleep(1_500); // three heartbeats with nothing waiting: no block
  const end = (await api.rpc.chain.getHeader()).number.toNumber();
  const empty = [];
  for (let n = start + 1; n <= end; n++) {
    const { block } = await api.rpc.chain.getBlock(await api.rpc.chain.getBlockHash(n));
    // The timestamp inherent, and the remark.
    if (block.extrinsics.length !== 2) empty.push(`#${n}: ${block.extrinsics.length} extrinsics`);
  }
  assert.deepEqual(empty, [], 'every block holds one transaction');
  assert.equal(end - start, count, `${count} transactions, ${end - start} blocks`);
});

test('the node shuts down cleanly', async () => {
  const { code, signal } = await node.stop();
  node = undefined;
  assert.equal(signal, null);
  assert.equal(code, 0);
});
