// Instant sealing across session changes. A session-change block is full (pallet-session
// takes the whole block weight when it rotates), so it can carry no transaction; instant
// sealing used to retry that block forever without transactions and the chain stopped at
// its first session boundary. 30 transfers in a burst on a chain of 10-block sessions must
// all be finalised, and none left in the pool.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { LocalNetwork, sleep, until } from '../../lib/network.js';

let network;
after(async () => {
  if (network) await network.stop();
});

test('instant sealing carries a burst of transfers across session changes', async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const bob = keyring.addFromUri('//Bob');
  network = new LocalNetwork(1);
  const node = await network.add('instant', { validatorSeed: '//Validator1', extraArgs: ['--sealing', 'instant'] });
  await node.start();
  const api = await node.client();
  const sessionLength = 10;
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  const finalised = [];
  for (let i = 0; i < 3 * sessionLength; i += 1) {
    api.tx.balances.transferKeepAlive(bob.address, 10n ** 18n).signAndSend(alice, { nonce }, ({ status }) => {
      if (status.isFinalized) finalised.push(status.asFinalized.toHex());
    });
    nonce += 1;
    await sleep(20);
  }
  await until('every transfer finalised', async () => finalised.length === 3 * sessionLength, 60_000);
  assert.equal((await api.rpc.author.pendingExtrinsics()).length, 0, 'nothing stranded in the pool');
  const finalisedHead = await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead());
  assert.ok(finalisedHead.number.toNumber() > sessionLength, `past a session change (#${finalisedHead.number})`);
  assert.ok((await api.query.session.currentIndex()).toNumber() >= 1, 'the session rotated');
});
