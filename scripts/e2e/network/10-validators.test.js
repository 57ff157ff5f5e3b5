// Four validators on loopback: they produce and finalise; one is killed and the others go
// on; restarted, it catches up and authors again. Governance adds a fifth validator through
// the operator flow (rotate keys, set them, add) and removes it again. Another operator
// becomes a validator with nobody's permission (keys and a bond), authors, earns its blocks'
// tips and fee share, and, stopped, is dropped after a session of inactivity while the four
// go on finalising. Full nodes sync from genesis and by warp sync. Times are printed as
// FIGURE lines.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { authorOf, expectedSplit, growth } from '../../lib/income.js';
import { figure, LocalNetwork, rpc, slotOf, until, waitForAuthor } from '../../lib/network.js';
import { findEvent, submit } from '../../lib/tx.js';

const UNIT = 10n ** 18n;
const execFileAsync = promisify(execFile);
const BECOME_VALIDATOR = fileURLToPath(new URL('../../examples/become-validator.mjs', import.meta.url));
let network;
let keyring;
let validators;

before(async () => {
  await cryptoWaitReady();
  keyring = new Keyring({ type: 'sr25519' });
  network = new LocalNetwork(4);
  validators = await network.startValidators();
});

after(async () => {
  if (network) await network.stop();
});

const auraKey = (seed) => u8aToHex(keyring.addFromUri(seed).publicKey);

test('four validators produce and finalise blocks', async () => {
  await until('finality on validator1', async () => (await validators[0].finalized()) >= 3);
  for (const node of validators) {
    assert.ok((await node.best()) >= 3, `${node.name} follows the chain`);
  }
});

test('killing a validator: the other three go on; restarted, it catches up and authors', async () => {
  const [first, , , fourth] = validators;
  await fourth.kill('SIGKILL');
  const killedAt = Date.now();
  const finalizedAtKill = await first.finalized();
  const bestAtKill = await first.best();
  await until('finality after the kill', async () => (await first.finalized()) > finalizedAtKill);
  figure('time to the next finalised block after killing 1 of 4 validators', (Date.now() - killedAt) / 1000, 's');
  await until('three more finalised blocks', async () => (await first.finalized()) >= finalizedAtKill + 3, 180_000);
  assert.ok((await first.best()) > bestAtKill, 'blocks keep coming');

  const restartedAt = Date.now();
  await fourth.start();
  const target = await first.finalized();
  await until('the restarted validator catches up', async () => (await fourth.finalized()) >= target, 180_000);
  figure(
    "catch-up of a restarted validator (restart to the network's finalised block)",
    (Date.now() - restartedAt) / 1000,
    's',
  );
  const api = await first.client();
  const authored = await waitForAuthor(api, auraKey('//Validator4'), 120_000);
  assert.ok(authored > target - 10, 'validator4 authored a block after its restart');
  figure('restart to the first block authored again', (Date.now() - restartedAt) / 1000, 's');
});

test('governance adds a fifth validator through the operator flow, then removes it', async () => {
  const [first] = validators;
  const api = await first.client();
  const alice = keyring.addFromUri('//Alice');
  const operator = keyring.addFromUri('//Operator5');
  await submit(api, api.tx.balances.transferKeepAlive(operator.address, 100n * UNIT), alice);

  // The operator starts a validator node with an empty keystore and asks it for keys.
  const fifth = await network.add('validator5', { validator: true });
  await fifth.start();
  // The owner is the operator's account id, SCALE-encoded: the proof binds the keys to it.
  const generated = await rpc(fifth.rpcPort, 'author_rotateKeysWithOwner', [u8aToHex(operator.addressRaw)]);
  await submit(api, api.tx.session.setKeys(generated.keys, generated.proof), operator);
  const registered = await api.query.session.nextKeys(operator.address);
  assert.ok(registered.isSome, 'the session keys are registered');
  const auraOfFifth = registered.unwrap().aura.toHex();

  const added = await submit(api, api.tx.sudo.sudo(api.tx.validatorSet.addValidator(operator.address)), alice);
  assert.ok(findEvent(added.events, 'sudo', 'Sudid').data.sudoResult.isOk);
  findEvent(added.events, 'validatorSet', 'ValidatorAdded');
  const addedAt = Date.now();

  await until(
    'the fifth validator in the session',
    async () => (await api.query.session.validators()).map(String).includes(operator.address),
    240_000,
    2_000,
  );
  figure(
    'validator added to validating (two session boundaries, 10-block sessions)',
    (Date.now() - addedAt) / 1000,
    's',
  );
  await waitForAuthor(api, auraOfFifth, 120_000);

  const removed = await submit(api, api.tx.sudo.sudo(api.tx.validatorSet.removeValidator(operator.address)), alice);
  assert.ok(findEvent(removed.events, 'sudo', 'Sudid').data.sudoResult.isOk);
  await until(
    'the fifth validator out of the session',
    async () => !(await api.query.session.validators()).map(String).includes(operator.address),
    240_000,
    2_000,
  );
  // Its slots are handed back: four online validators fill every slot (the next blocks).
  const removedAt = await first.best();
  await until('four more blocks', async () => (await first.best()) >= removedAt + 5, 60_000, 200);
  const slots = [];
  let hash = await api.rpc.chain.getBlockHash();
  for (let i = 0; i < 4; i += 1) {
    const header = await api.rpc.chain.getHeader(hash);
    slots.push(slotOf(api, header));
    hash = header.parentHash;
  }
  for (let i = 0; i + 1 < slots.length; i += 1) assert.equal(slots[i] - slots[i + 1], 1n, `consecutive slots ${slots}`);
  await fifth.kill('SIGINT');
});

test('anyone with keys and a bond becomes a validator, earns, and is dropped when it stops', async () => {
  const [first] = validators;
  const api = await first.client();
  const alice = keyring.addFromUri('//Alice');
  const operator = keyring.addFromUri('//Candidate6');
  const bond = (await api.query.validatorSet.candidacyBond()).toBigInt();
  assert.equal(bond, 10_000n * UNIT, 'the genesis candidacy bond: 10 000 OPEN');
  // The operator's own node; docs/validator.md's example does the rest (funds from Alice,
  // keys bound to the account, the bond): no sudo, no Council motion.
  const node = await network.add('candidate6', { validator: true });
  await node.start();
  const registeredAt = Date.now();
  // Run asynchronously: this process's own connection stays served meanwhile.
  const example = await execFileAsync(
    process.execPath,
    [BECOME_VALIDATOR, `ws://127.0.0.1:${first.rpcPort}`, String(node.rpcPort), '//Candidate6'],
    { encoding: 'utf8', timeout: 600_000 },
  ).catch((error) => assert.fail(`the example failed: ${error.stdout}${error.stderr}`));
  assert.match(example.stdout, /candidate with a bond of 10000 OPEN/);
  assert.match(example.stdout, /validating from session \d+/);
  assert.ok((await api.query.session.validators()).map(String).includes(operator.address));
  const holds = await api.query.balances.holds(operator.address);
  const held = holds.find((h) => /candidacybond/i.test(JSON.stringify(h.id.toJSON())));
  assert.equal(held?.amount.toBigInt(), bond, 'the bond is held');
  figure('candidate registered to validating (two session boundaries)', (Date.now() - registeredAt) / 1000, 's');

  // It authors; a transaction with a tip lands in one of its blocks and pays it exactly.
  let earned = null;
  for (let i = 0; i < 40 && !earned; i += 1) {
    const sent = await submit(api, api.tx.system.remark('0x00'), alice, {
      finalized: false,
      options: { tip: 10n ** 16n },
    });
    if ((await authorOf(api, sent.blockHash)) === operator.address) earned = sent;
  }
  assert.ok(earned, 'a transaction in a block the new validator authored');
  const split = await expectedSplit(api, earned);
  assert.equal(await growth(api, earned.blockHash, operator.address), split.toAuthor, 'its tip and fee share');
  figure('the new validator earned, for one remark with a 0.01 OPEN tip', Number(split.toAuthor) / 1e18, 'OPEN');

  // Stopped, it authors nothing for a whole session and is dropped; the four finalise on.
  await node.kill('SIGKILL');
  const stoppedAt = Date.now();
  const finalizedAtStop = await first.finalized();
  await until(
    'the silent candidate dropped',
    async () => (await api.query.validatorSet.candidates()).length === 0,
    300_000,
    2_000,
  );
  figure('stopped candidate to dropped (its session and a whole silent one)', (Date.now() - stoppedAt) / 1000, 's');
  const unbonding = (await api.query.validatorSet.unbonds(operator.address)).unwrap();
  assert.equal(unbonding.amount.toBigInt(), bond, 'its bond waits out the bonding period');
  const queued = (await api.query.session.queuedKeys()).map(([who]) => who.toString());
  assert.ok(!queued.includes(operator.address), 'not in the next set');
  assert.ok((await first.finalized()) > finalizedAtStop + 10, 'the four kept finalising');
});

test('a full node syncs from genesis, another by warp sync, and both serve RPC', async () => {
  const [first] = validators;
  const target = await first.finalized();
  const started = Date.now();
  const full = await network.add('full', { extraArgs: ['--sync', 'full'] });
  await full.start();
  await until('full sync', async () => (await full.best()) >= target, 180_000);
  figure('full sync from genesis', (Date.now() - started) / 1000, 's');
  assert.equal(
    await rpc(full.rpcPort, 'chain_getBlockHash', [target]),
    await rpc(first.rpcPort, 'chain_getBlockHash', [target]),
  );

  const warpStarted = Date.now();
  const warp = await network.add('warp', { extraArgs: ['--sync', 'warp'] });
  await warp.start();
  await until('warp sync', async () => (await warp.finalized()) >= target, 180_000);
  figure('warp sync to the finalised head', (Date.now() - warpStarted) / 1000, 's');
  const health = await rpc(warp.rpcPort, 'system_health');
  assert.ok(health.peers >= 1, 'the warp-synced node is connected');
  // By number on both nodes: the warp node may finalise another block between two calls.
  const warpFinalized = await warp.finalized();
  assert.equal(
    await rpc(warp.rpcPort, 'chain_getBlockHash', [warpFinalized]),
    await rpc(first.rpcPort, 'chain_getBlockHash', [warpFinalized]),
    'the warp-synced node finalised the same chain',
  );
  await full.kill('SIGINT');
  await warp.kill('SIGINT');
});
