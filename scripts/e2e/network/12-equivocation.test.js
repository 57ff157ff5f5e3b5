// One validator's session keys run on two nodes, the classic way to equivocate. Three
// invulnerables and a bonded candidate make a set of four; a copy of the candidate's keystore
// starts on a second node, and both vote in every GRANDPA round. Two copies that follow the
// chain equally fast mostly cast the same votes; the copy here runs on a "slow host" (paused
// for 3 s every 6 s, as an overloaded machine or a frozen VM would), so it votes for the
// blocks it has while the original votes for newer ones: different votes in one round. The
// honest voters report it, the report lands, the bond is slashed by the documented fraction
// ((3·1/4)² = 56.25 % for one offender of four), the validator leaves the set, and finality
// never stops. docs/validator.md, "Offences".

import assert from 'node:assert/strict';
import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { figure, LocalNetwork, rpc, until } from '../../lib/network.js';
import { findEvent, submit } from '../../lib/tx.js';

const UNIT = 10n ** 18n;
let network;
let validators;

before(async () => {
  await cryptoWaitReady();
  network = new LocalNetwork(3);
  validators = await network.startValidators();
});

after(async () => {
  if (network) await network.stop();
});

/** The keystore directory of `node` (one chain per base path). */
function keystoreOf(node) {
  const [chain] = readdirSync(join(node.basePath, 'chains'));
  return join(node.basePath, 'chains', chain, 'keystore');
}

test('a key run twice is reported and slashed, its validator leaves the set, finality never stops', async () => {
  const [first] = validators;
  const api = await first.client();
  const keyring = new Keyring({ type: 'sr25519' });
  const alice = keyring.addFromUri('//Alice');
  const operator = keyring.addFromUri('//Twice');
  const bond = (await api.query.validatorSet.candidacyBond()).toBigInt();

  // An honest candidate first: its own node, keys bound to its account, the bond.
  const twin = await network.add('twin', { validator: true });
  await twin.start();
  await submit(api, api.tx.balances.transferKeepAlive(operator.address, bond + 10n * UNIT), alice);
  const { keys, proof } = await rpc(twin.rpcPort, 'author_rotateKeysWithOwner', [u8aToHex(operator.addressRaw)]);
  await submit(api, api.tx.session.setKeys(keys, proof), operator);
  findEvent(
    (await submit(api, api.tx.validatorSet.registerCandidate(bond), operator)).events,
    'validatorSet',
    'CandidateRegistered',
  );
  await until(
    'the candidate in the set',
    async () => (await api.query.session.validators()).map(String).includes(operator.address),
    240_000,
    2_000,
  );
  assert.equal((await api.query.session.validators()).length, 4);

  // Its keystore, copied to a second node that starts as a validator too.
  const copy = await network.add('twin-copy', { validator: true });
  cpSync(keystoreOf(twin), keystoreOf(copy), { recursive: true });
  await copy.start();
  const startedAt = Date.now();
  const { pid } = copy.process.child;
  let paused = false;
  const slowHost = setInterval(() => {
    paused = !paused;
    try {
      process.kill(pid, paused ? 'SIGSTOP' : 'SIGCONT');
    } catch {
      // it has exited
    }
  }, 3_000);

  // Finality is watched throughout: the longest wait between two finalised blocks.
  let last = { number: await first.finalized(), at: Date.now() };
  const finalizedAtStart = last.number;
  let longestStall = 0;
  const watch = setInterval(async () => {
    const number = await first.finalized().catch(() => last.number);
    const now = Date.now();
    if (number > last.number) last = { number, at: now };
    longestStall = Math.max(longestStall, now - last.at);
  }, 500);
  try {
    const record = await until(
      'the equivocation reported and slashed',
      async () => {
        const slashed = await api.query.validatorSet.slashes(operator.address);
        return slashed.isSome ? slashed.unwrap() : null;
      },
      300_000,
      1_000,
    );
    figure('a key started twice to its slash', (Date.now() - startedAt) / 1000, 's');
    // One offender in a set of four: (3/4)² of its bond, rounded down, to the treasury.
    const fraction = 562_500_000n; // parts per billion
    assert.equal(record.fraction.toBigInt(), fraction);
    assert.equal(record.base.toBigInt(), bond);
    const slashed = (bond * fraction) / 1_000_000_000n;
    const unbonding = (await api.query.validatorSet.unbonds(operator.address)).unwrap();
    assert.equal(unbonding.amount.toBigInt(), bond - slashed, 'the rest unbonds');
    assert.equal((await api.query.validatorSet.candidates()).length, 0, 'off the candidate list');
    const offences = await api.query.offences.reports.entries();
    assert.ok(offences.length >= 1, 'pallet-offences keeps the report');

    // It leaves the set; the three finalise on.
    await until(
      'the equivocator out of the set',
      async () => !(await api.query.session.validators()).map(String).includes(operator.address),
      240_000,
      2_000,
    );
    figure('a key started twice to leaving the set', (Date.now() - startedAt) / 1000, 's');
    const finalizedAtLeaving = await first.finalized();
    await until('five more finalised blocks', async () => (await first.finalized()) >= finalizedAtLeaving + 5, 120_000);
    assert.ok(finalizedAtLeaving > finalizedAtStart, 'finality went on while the key ran twice');
  } finally {
    clearInterval(watch);
    clearInterval(slowHost);
    try {
      process.kill(pid, 'SIGCONT');
    } catch {
      // it has exited
    }
  }
  figure('longest wait between two finalised blocks while a key ran twice', longestStall / 1000, 's');
  assert.ok(longestStall < 60_000, `finality stalled for ${longestStall} ms`);
  await copy.kill('SIGINT');
  await twin.kill('SIGINT');
});
