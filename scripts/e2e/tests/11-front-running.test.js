// A counterparty cannot change what a signed call pays, and seeing a transaction in the pool
// gives nobody the right to what it claims. On a manual-sealing node, each race is two
// transactions in the same block, the front-runner's first (a higher tip orders it first):
// - a datanet owner raises the bond under a contributor's submission: the submission fails
//   with `BondAboveMax` and nothing is held (before: the contributor's whole bond was held,
//   then slashed to the owner);
// - a squatter submits the author's content hash: both submissions are pending, the curator
//   accepts the author's, and the squatter's copy can only be rejected, its bond slashed to
//   the treasury (before: the squatter owned the content, the author got `DuplicateContent`).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { treasuryAccount } from '../../lib/governance.js';
import { startNode, until } from '../../lib/node.js';
import { decodeEvent } from '../../lib/tx.js';

const UNIT = 10n ** 18n;
const state = {};
let node;
let api;
let people;

before(async () => {
  await cryptoWaitReady();
  node = await startNode({ args: ['--dev', '--sealing', 'manual'] });
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519' });
  people = Object.fromEntries(
    ['Alice', 'Bob', 'Charlie'].map((name) => [name.toLowerCase(), keyring.addFromUri(`//${name}`)]),
  );
});

after(async () => {
  if (node) await node.stop();
});

/** Puts `txs` (each `[tx, signer, tip]`) in the pool, seals one block, and returns each one's events. */
async function oneBlock(txs) {
  const hashes = [];
  for (const [tx, signer, tip] of txs) {
    hashes.push((await tx.signAndSend(signer, { tip, nonce: -1 })).toHex());
  }
  await until(
    'the transactions in the pool',
    async () => (await api.rpc.author.pendingExtrinsics()).length === txs.length,
  );
  const sealed = await node.rpc('engine_createBlock', [true, true, null]);
  assert.ok(sealed.result?.hash, JSON.stringify(sealed));
  const at = api.at(sealed.result.hash);
  const [block, events] = await Promise.all([
    api.rpc.chain.getBlock(sealed.result.hash),
    (await at).query.system.events(),
  ]);
  const indexOf = (hash) => block.block.extrinsics.findIndex((xt) => xt.hash.toHex() === hash);
  return hashes.map((hash) => {
    const index = indexOf(hash);
    assert.ok(index >= 0, `${hash} is in the block`);
    return {
      index,
      events: events
        .filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index)
        .map(({ event }) => decodeEvent(api, event)),
    };
  });
}

const failedWith = (outcome, name) => {
  const failed = outcome.events.find((e) => e.section === 'system' && e.method === 'ExtrinsicFailed');
  assert.ok(failed, `it failed: ${JSON.stringify(outcome.events.map((e) => `${e.section}.${e.method}`))}`);
  const error = api.registry.findMetaError(failed.data.dispatchError.asModule);
  assert.equal(`${error.section}.${error.name}`, name);
};
const event = (outcome, method) => outcome.events.find((e) => e.method === method);
const held = async (who) => (await api.query.system.account(who.address)).data.reserved.toBigInt();

test('an owner who raises the bond under a submission takes nothing: BondAboveMax, nothing held', async () => {
  const { alice, bob } = people;
  const [created] = await oneBlock([
    [api.tx.datasets.createDataset('race', 'MIT', { minBond: UNIT, open: true }), alice, 0],
  ]);
  const dataset = event(created, 'DatasetCreated').data.dataset.toNumber();
  const heldBefore = await held(bob);
  // Bob signs for the 1 OPEN he sees; Alice's setPolicy (a higher tip) runs first.
  const [raise, submission] = await oneBlock([
    [api.tx.datasets.setPolicy(dataset, { minBond: 500_000n * UNIT, open: true }), alice, 10n * UNIT],
    [api.tx.datasets.submitContribution(dataset, blake2AsHex('bob row'), 'row', UNIT), bob, 0],
  ]);
  assert.ok(raise.index < submission.index, 'the raise ran first');
  assert.ok(event(raise, 'PolicySet'));
  failedWith(submission, 'datasets.BondAboveMax');
  assert.equal(await held(bob), heldBefore, 'nothing held from Bob');
  state.dataset = dataset;
});

test('a squatter who submits the author’s content first owns nothing: the curator accepts the author’s', async () => {
  const { alice, bob, charlie } = people;
  await oneBlock([[api.tx.datasets.setPolicy(state.dataset, { minBond: UNIT, open: true }), alice, 0]]);
  const content = blake2AsHex('charlie wrote this');
  // Charlie, the author, submits; Bob, who saw the hash in the pool, submits it too, with a
  // higher tip: both are in the block, Bob's first.
  const [squatter, author] = await oneBlock([
    [api.tx.datasets.submitContribution(state.dataset, content, 'mine!', UNIT), bob, 10n * UNIT],
    [api.tx.datasets.submitContribution(state.dataset, content, 'my row', UNIT), charlie, 0],
  ]);
  assert.ok(squatter.index < author.index, "the squatter's ran first");
  const squatted = event(squatter, 'ContributionSubmitted').data.contribution.toNumber();
  const authored = event(author, 'ContributionSubmitted').data.contribution.toNumber();
  assert.equal((await api.query.datasets.contentIndex(state.dataset, content)).isNone, true, 'nobody owns it yet');

  // The curator accepts the author's; the squatter's copy cannot be accepted any more.
  const [accepted] = await oneBlock([
    [api.tx.datasets.reviewContribution(authored, { Accept: { shares: 1 } }), alice, 0],
  ]);
  assert.ok(event(accepted, 'ContributionAccepted'));
  assert.equal((await api.query.datasets.contentIndex(state.dataset, content)).unwrap().toNumber(), authored);
  const [copy] = await oneBlock([[api.tx.datasets.reviewContribution(squatted, { Accept: { shares: 1 } }), alice, 0]]);
  failedWith(copy, 'datasets.DuplicateContent');
  // Rejected, the squatter's bond goes to the treasury, not to the curator.
  const [rejected] = await oneBlock([
    [api.tx.datasets.reviewContribution(squatted, { Reject: { slash: 1_000_000_000 } }), alice, 0],
  ]);
  const verdict = event(rejected, 'ContributionRejected');
  assert.equal(verdict.data.slashed.toBigInt(), UNIT);
  assert.deepEqual(verdict.data.slashedTo.toU8a(), treasuryAccount(api));
});
