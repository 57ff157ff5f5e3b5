// Crash safety: a node under a stream of transfers is killed with SIGKILL at random moments,
// 20 times, and restarted on the same base path each time. Every restart must succeed without
// repair, and nothing finalised may be lost: each finalised block stays at its height, each
// transfer seen finalised stays in its block, and the balances are exactly the transfers in
// the finalised chain.
//
// One allowance, measured and reported: ParityDB commits asynchronously (a commit is queued
// and a background thread writes it to the write-ahead log, usually within milliseconds), so a
// block finalised in the last instant before a SIGKILL may not be on disk yet. After the
// restart the node goes on from the last block that was; nothing is corrupted and no block is
// rewritten. Anything finalised more than WINDOW_MS before a kill must survive; transfers lost
// inside the window are counted and printed as a FIGURE.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { figure, LocalNetwork, rpc, sleep } from '../../lib/network.js';

const CYCLES = 20;
const WINDOW_MS = 1_000;
let network;

after(async () => {
  if (network) await network.stop();
});

test(`a node killed ${CYCLES} times under load loses nothing finalised`, async () => {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const recipients = [1, 2, 3, 4, 5].map((i) => keyring.addFromUri(`//Recipient${i}`));

  // An archive node: the test reads the events of every block at the end.
  network = new LocalNetwork(1);
  const node = await network.add('crashy', {
    validatorSeed: '//Validator1',
    extraArgs: ['--sealing', 'instant', '--state-pruning', 'archive'],
  });
  const checkpoints = new Map(); // number -> hash, finalised at least WINDOW_MS before a kill
  const finalisedTransfers = []; // { hash, block, to, amount, seenAt }
  const kills = [];
  const restarts = [];
  let amount = 10n ** 18n; // one OPEN: above the existential deposit

  for (let cycle = 0; cycle <= CYCLES; cycle += 1) {
    const startedAt = Date.now();
    await node.start();
    restarts.push(Date.now() - startedAt);
    const api = await node.client();

    // Nothing finalised well before a kill is gone, and nothing was rewritten.
    for (const [number, hash] of checkpoints) {
      assert.equal((await api.rpc.chain.getBlockHash(number)).toHex(), hash, `block ${number} after restart ${cycle}`);
    }
    if (cycle === CYCLES) break;

    // A stream of transfers, each watched until finalised, until the node is killed.
    let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const killAt = Date.now() + WINDOW_MS + 500 + Math.floor(Math.random() * 3_000);
    let checkpointed = false;
    while (Date.now() < killAt) {
      const to = recipients[nonce % recipients.length];
      amount += 1n;
      const value = amount;
      const tx = api.tx.balances.transferKeepAlive(to.address, value);
      tx.signAndSend(alice, { nonce }, ({ status }) => {
        if (status.isFinalized) {
          finalisedTransfers.push({
            hash: tx.hash.toHex(),
            block: status.asFinalized.toHex(),
            to: to.address,
            amount: value,
            seenAt: Date.now(),
          });
        }
      }).catch(() => {});
      nonce += 1;
      if (!checkpointed && Date.now() >= killAt - WINDOW_MS) {
        const head = await api.rpc.chain.getFinalizedHead();
        checkpoints.set((await api.rpc.chain.getHeader(head)).number.toNumber(), head.toHex());
        checkpointed = true;
      }
      await sleep(50);
    }
    await node.kill('SIGKILL');
    kills.push(Date.now());
  }

  const api = await node.client();
  let lostInWindow = 0;
  for (const transfer of finalisedTransfers) {
    const block = await rpc(node.rpcPort, 'chain_getBlock', [transfer.block]);
    const present = block?.block.extrinsics.some((xt) => blake2AsHex(xt) === transfer.hash);
    if (present) continue;
    const killedAfter = kills.find((k) => k >= transfer.seenAt) - transfer.seenAt;
    assert.ok(
      killedAfter < WINDOW_MS,
      `transfer ${transfer.hash} was seen finalised ${killedAfter} ms before a kill and is lost`,
    );
    lostInWindow += 1;
  }
  // The balances are exactly the transfers in the finalised chain, block by block.
  const received = new Map(recipients.map((r) => [r.address, 0n]));
  const head = (await api.rpc.chain.getHeader(await api.rpc.chain.getFinalizedHead())).number.toNumber();
  for (let number = 1; number <= head; number += 1) {
    const events = await (await api.at(await api.rpc.chain.getBlockHash(number))).query.system.events();
    for (const { event } of events) {
      if (event.section === 'balances' && event.method === 'Transfer' && received.has(event.data.to.toString())) {
        received.set(event.data.to.toString(), received.get(event.data.to.toString()) + event.data.amount.toBigInt());
      }
    }
  }
  for (const recipient of recipients) {
    const balance = (await api.query.system.account(recipient.address)).data.free.toBigInt();
    assert.equal(balance, received.get(recipient.address), `${recipient.address}: balance = transfers in the chain`);
  }
  assert.ok(finalisedTransfers.length > 10 * CYCLES, `transfers were finalised (${finalisedTransfers.length})`);
  assert.ok(checkpoints.size >= CYCLES / 2, `checkpoints were taken (${checkpoints.size})`);
  figure('restarts after SIGKILL under load', restarts.length - 1, 'restarts');
  figure('slowest restart to RPC after SIGKILL', Math.max(...restarts.slice(1)) / 1000, 's');
  figure('transfers finalised across the kills', finalisedTransfers.length, 'transfers');
  figure(
    `transfers seen finalised in the last ${WINDOW_MS} ms before a kill and not on disk after it`,
    lostInWindow,
    'transfers',
  );
});
