// Governance on a real development node, with polkadot.js, as docs/governance.md tells it:
// Council motions (Alice, Bob, Charlie) enacted by pallet-governance after the delay or, by
// the whole Council, at once; the old ways refused by name; the treasury spent by the
// Council; a member voting through a Governance proxy; a team's multisig paying.
// (The Arbiters resolving a dispute by motion is step 7 of the journey, 02-journey.)

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady, encodeMultiAddress, sortAddresses } from '@polkadot/util-crypto';
import { enactAfterDelay, enacted, motion, treasuryAccount } from '../../lib/governance.js';
import { startNode } from '../../lib/node.js';
import { devKeys, errorName, findEvent, refusedWith, submit, throughProxy } from '../../lib/tx.js';

const UNIT = 10n ** 18n;

let node;
let api;
let dev;

before(async () => {
  await cryptoWaitReady();
  node = await startNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  dev = devKeys(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie', 'One', 'Two']);
  dev.bobHotKey = keyring.addFromUri('//Bob/governance-hot-key');
  dev.teamPayee = keyring.addFromUri('//Team/payee');
});

after(async () => {
  if (node) await node.stop();
});

const council = () => [dev.alice, dev.bob, dev.charlie];
const free = async (address) => (await api.query.system.account(address)).data.free.toBigInt();
/** Instant sealing makes a block per transaction: a remark is a block. */
const nudge = () => submit(api, api.tx.system.remark('0x00'), dev.ferdie);

test('the chain says who governs: three Council members, three Arbiters, a five-block delay', async () => {
  // Members are kept sorted by account.
  const sorted = (keys) => keys.map((k) => k.address).sort();
  assert.deepEqual((await api.query.council.members()).map(String), sorted(council()));
  assert.deepEqual((await api.query.arbiters.members()).map(String), sorted([dev.dave, dev.eve, dev.ferdie]));
  assert.equal((await api.query.governance.enactmentDelay()).toNumber(), 5);
  // pallet-treasury's account is the one fees always went to: derived from `ol/trsry`.
  assert.equal(new TextDecoder().decode(api.consts.treasury.palletId.toU8a()), 'ol/trsry');
  const fee = (await submit(api, api.tx.system.remark('0x00'), dev.one)).fee;
  assert.ok(fee > 0n);
});

test('two thirds of the Council set the split parameters; they change only after the delay', async () => {
  const before = (await api.query.attribution.params()).toJSON();
  const params = { ...before, protocolShare: 40_000_000 }; // 4% (the parts still sum to at most 100%)
  const scheduled = await enactAfterDelay(api, api.tx.attribution.setParams(params), [dev.alice, dev.bob]);
  const now = (await api.rpc.chain.getHeader()).number.toNumber();
  assert.equal(scheduled.at - now, 5, 'enacted five blocks after the motion closed');
  assert.ok((await api.query.scheduler.lookup(scheduled.task)).isSome, 'the scheduler has it');
  assert.ok((await api.query.governance.enactments(scheduled.index)).isSome, 'anyone can see it coming');
  assert.deepEqual((await api.query.attribution.params()).toJSON(), before, 'nothing changed yet');

  const { result, block } = await enacted(api, scheduled, nudge);
  assert.ok(result.isOk, `the enactment failed: ${result.isErr ? errorName(api, result.asErr) : ''}`);
  assert.equal(block, scheduled.at);
  assert.equal((await api.query.attribution.params()).protocolShare.toNumber(), 40_000_000);
  // The preview the chain answers uses the new protocol share at once.
  await enactAfterDelay(api, api.tx.attribution.setParams(before), [dev.bob, dev.charlie]).then((s) =>
    enacted(api, s, nudge),
  );
  assert.deepEqual((await api.query.attribution.params()).toJSON(), before);
});

test('the old ways are refused by name', async () => {
  const params = (await api.query.attribution.params()).toJSON();
  // A signed account is not governance.
  await refusedWith(submit(api, api.tx.attribution.setParams(params), dev.alice), 'BadOrigin');
  await refusedWith(submit(api, api.tx.validatorSet.addValidator(dev.bob.address), dev.alice), 'BadOrigin');
  // A motion is not Root, even a unanimous one: it must go through governance.enact.
  const direct = await motion(api, 'council', api.tx.attribution.setParams(params), council());
  assert.equal(errorName(api, direct.result.asErr), 'BadOrigin');
  // Two thirds cannot skip the delay.
  const hurried = await motion(api, 'council', api.tx.governance.enactNow(api.tx.attribution.setParams(params)), [
    dev.alice,
    dev.bob,
  ]);
  assert.equal(errorName(api, hurried.result.asErr), 'BadOrigin');
  // One member is not two thirds.
  const alone = await motion(api, 'council', api.tx.governance.enact(api.tx.attribution.setParams(params)), [
    dev.alice,
  ]);
  assert.equal(errorName(api, alone.result.asErr), 'BadOrigin');
  // Only members propose.
  await refusedWith(
    submit(api, api.tx.council.propose(1, api.tx.governance.enact(api.tx.system.remark('0x')), 100), dev.dave),
    'council.NotMember',
  );
  // A call the scheduler could never fit in a block (nine setCode weigh more than 70% of one).
  const heavy = api.tx.utility.batchAll(Array.from({ length: 9 }, () => api.tx.system.setCode('0x00')));
  const tooHeavy = await motion(api, 'council', api.tx.governance.enact(heavy), [dev.alice, dev.bob]);
  assert.equal(errorName(api, tooHeavy.result.asErr), 'governance.CallTooHeavy');
});

test('the whole Council authorizes an upgrade at once; a majority cancels a scheduled one', async () => {
  const codeHash = blake2AsHex('a runtime nobody will apply');
  const now = await motion(
    api,
    'council',
    api.tx.governance.enactNow(api.tx.system.authorizeUpgrade(codeHash)),
    council(),
  );
  assert.ok(now.result.isOk, `enactNow failed: ${now.result.isErr ? errorName(api, now.result.asErr) : ''}`);
  assert.ok(findEvent(now.closed.events, 'governance', 'EnactedNow').data.result.isOk);
  assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), codeHash);

  const later = await enactAfterDelay(api, api.tx.system.authorizeUpgrade(blake2AsHex('another')), [
    dev.alice,
    dev.bob,
  ]);
  const cancelled = await motion(api, 'council', api.tx.governance.cancel(later.index), [dev.bob, dev.charlie]);
  assert.ok(
    cancelled.result.isOk,
    `the cancel failed: ${cancelled.result.isErr ? errorName(api, cancelled.result.asErr) : ''}`,
  );
  findEvent(cancelled.closed.events, 'governance', 'EnactmentCancelled');
  assert.ok((await api.query.scheduler.lookup(later.task)).isNone);
  assert.ok((await api.query.governance.enactments(later.index)).isNone);
  for (let i = 0; i < 6; i++) await nudge();
  assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), codeHash, 'never enacted');
  const again = await motion(api, 'council', api.tx.governance.cancel(later.index), [dev.bob, dev.charlie]);
  assert.equal(errorName(api, again.result.asErr), 'governance.NotScheduled');
});

test('the Council spends from the treasury; the beneficiary is paid exactly', async () => {
  const spend = (await api.query.treasury.spendCount()).toNumber();
  const amount = 3n * UNIT;
  const beneficiary = dev.two.address;
  // Give the pot something to spend (anyone may pay into the treasury).
  await submit(api, api.tx.balances.transferKeepAlive(treasuryAccount(api), 10n * UNIT), dev.eve);
  await refusedWith(submit(api, api.tx.treasury.spend(null, amount, beneficiary, null), dev.alice), 'BadOrigin');
  const scheduled = await enactAfterDelay(api, api.tx.treasury.spend(null, amount, beneficiary, null), [
    dev.alice,
    dev.charlie,
  ]);
  assert.ok((await enacted(api, scheduled, nudge)).result.isOk);
  const before = await free(beneficiary);
  const paid = await submit(api, api.tx.treasury.payout(spend), dev.ferdie);
  findEvent(paid.events, 'treasury', 'Paid');
  assert.equal((await free(beneficiary)) - before, amount);
});

test('a Council member votes through a Governance proxy, which can do nothing else', async () => {
  const { bob, bobHotKey } = dev;
  await submit(api, api.tx.balances.transferKeepAlive(bobHotKey.address, 5n * UNIT), dev.eve);
  await submit(api, api.tx.proxy.addProxy(bobHotKey.address, 'Governance', 0), bob);
  const call = api.tx.governance.enact(api.tx.system.remark('0x01'));
  const proposed = await submit(api, api.tx.council.propose(2, call, call.method.encodedLength), dev.alice);
  const index = findEvent(proposed.events, 'council', 'Proposed').data.proposalIndex.toNumber();
  const voted = await throughProxy(api, bob.address, api.tx.council.vote(call.method.hash, index, true), bobHotKey);
  assert.equal(voted.error, null);
  assert.equal(findEvent(voted.events, 'council', 'Voted').data.account.toString(), bob.address, 'voted as Bob');
  // A Governance proxy cannot move Bob's tokens.
  const stolen = await throughProxy(
    api,
    bob.address,
    api.tx.balances.transferKeepAlive(bobHotKey.address, UNIT),
    bobHotKey,
  );
  assert.equal(stolen.error, 'system.CallFiltered');
});

test("a team's 2-of-3 multisig pays only once two members approve", async () => {
  const members = [dev.dave, dev.eve, dev.ferdie];
  const team = encodeMultiAddress(
    members.map((m) => m.address),
    2,
    42,
  );
  await submit(api, api.tx.balances.transferKeepAlive(team, 20n * UNIT), dev.one);
  const pay = api.tx.balances.transferKeepAlive(dev.teamPayee.address, 4n * UNIT);
  const others = (signer) =>
    sortAddresses(
      members.filter((m) => m !== signer).map((m) => m.address),
      42,
    );
  const weight = (await api.call.transactionPaymentCallApi.queryCallInfo(pay.method, pay.method.encodedLength)).weight;

  const first = await submit(api, api.tx.multisig.asMulti(2, others(dev.dave), null, pay.method, weight), dev.dave);
  findEvent(first.events, 'multisig', 'NewMultisig');
  assert.equal(await free(dev.teamPayee.address), 0n, 'one approval pays nothing');
  const { when } = (await api.query.multisig.multisigs(team, pay.method.hash)).unwrap();
  const second = await submit(api, api.tx.multisig.asMulti(2, others(dev.eve), when, pay.method, weight), dev.eve);
  assert.ok(findEvent(second.events, 'multisig', 'MultisigExecuted').data.result.isOk);
  assert.equal(await free(dev.teamPayee.address), 4n * UNIT);
});

test("docs/governance.md's example motion runs as a new user runs it", async () => {
  const example = fileURLToPath(new URL('../../examples/council-motion.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [example, node.url, '3'], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `${run.stdout}${run.stderr}`);
  assert.match(run.stdout, /scheduled for block (\d+)/);
  const at = Number(run.stdout.match(/scheduled for block (\d+)/)[1]);
  assert.match(run.stdout, new RegExp(`enacted at block ${at}: the protocol share is 3%`));
  assert.equal((await api.query.attribution.params()).protocolShare.toNumber(), 30_000_000);
});
