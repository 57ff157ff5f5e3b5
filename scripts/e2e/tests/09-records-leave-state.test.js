// Attribution records leave state after their challenge period, and the node still answers
// for them: on a real development node with offchain indexing, attribution_rewardSplit and
// attribution_contributionEarnings answer the same JSON before and after a record left
// state; a record under challenge stays; a node that syncs the chain from scratch with
// offchain indexing answers the same, and one without says clearly why it cannot. And the
// node's answer cache: a node without it answers the same, and a new best block is a new
// answer while an older block keeps its own.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { u8aToHex } from '@polkadot/util';
import { xxhashAsHex } from '@polkadot/util-crypto';
import { figure } from '../../lib/network.js';
import { startNode, until } from '../../lib/node.js';
import { populate } from '../../lib/scenario.js';
import { devKeys, submit } from '../../lib/tx.js';

/** The blocks a record may be challenged for, on this test's chain (a day by default). */
const PERIOD = 25;
const INDEXING = ['--enable-offchain-indexing', 'true'];

let node;
let api;
let world;
const nodes = [];

/** What `method(params)` answers on `on`: `{ result }` or `{ error }`, without the id. */
async function ask(on, method, params) {
  const { result, error } = await on.rpc(method, params);
  return error ? { error } : { result };
}

/** Every answer this test compares: each record's split, each contribution's earnings. */
async function answers(on, at) {
  const all = {};
  for (const record of world.records) {
    all[`rewardSplit(${record})`] = await ask(on, 'attribution_rewardSplit', [record, at]);
    for (const contribution of [...world.contributions.bob, ...world.contributions.charlie]) {
      all[`contributionEarnings(${record}, ${contribution})`] = await ask(on, 'attribution_contributionEarnings', [
        record,
        contribution,
        at,
      ]);
    }
  }
  return all;
}

before(async () => {
  node = await startNode({ args: ['--dev', '--sealing', 'instant', ...INDEXING] });
  nodes.push(node);
  api = node.api;
  const { alice } = devKeys(['Alice']);
  const key = xxhashAsHex(':ChallengePeriod:', 128);
  const value = u8aToHex(api.createType('u32', PERIOD).toU8a()); // SCALE: little-endian
  await submit(api, api.tx.sudo.sudo(api.tx.system.setStorage([[key, value]])), alice);
  world = await populate(api);
});

after(async () => {
  for (const each of nodes) await each.stop();
});

test('records leave state after their challenge period and the node answers the same JSON', async () => {
  const [first, second, challenged] = world.records;
  const before = await answers(node);
  const beforeHash = (await api.rpc.chain.getFinalizedHead()).toHex();
  // What a record keeps in state while it is there: its entry and its inference-hash entry,
  // keys and values (each key: 32 bytes of prefix, then a 16-byte hash and the key itself per
  // part: the record id; the model and the inference hash).
  const stateBytes = async (record) => {
    const value = (await api.query.attribution.records.size(record)).toNumber();
    if (value === 0) return 0;
    const { model, inferenceHash } = (await api.query.attribution.records(record)).unwrap();
    const index = (await api.query.attribution.recordOfModelInference.size(model, inferenceHash)).toNumber();
    return 32 + 16 + 8 + value + (32 + 16 + 8 + 16 + 32 + index);
  };
  const held = await Promise.all(world.records.map((record) => stateBytes(record)));
  for (const [i, bytes] of held.entries()) figure(`state bytes of record ${world.records[i]}`, bytes, 'B');
  for (const record of world.records) assert.ok(before[`rewardSplit(${record})`].result, `record ${record} answers`);
  assert.equal(before[`rewardSplit(${challenged})`].result.status, 'challenged');

  // Blocks go by (a remark each, on an instant-sealing node) until the sweep has passed every
  // record's challenge period.
  const { bob } = devKeys(['Bob']);
  await until(
    'the sweep to pass every record',
    async () => {
      const passed = (await api.query.attribution.pruneCursor()).toNumber() === world.records.length;
      if (!passed) await submit(api, api.tx.system.remark('a block goes by'), bob, { finalized: false });
      return passed;
    },
    120_000,
    0,
  );
  const [gone, stays] = [
    await api.query.attribution.records.multi([first, second]),
    await api.query.attribution.records(challenged),
  ];
  assert.ok(
    gone.every((record) => record.isNone),
    'the unchallenged records left state',
  );
  assert.ok(stays.isSome, 'a record under challenge stays in state');
  assert.deepEqual(await Promise.all([first, second].map((record) => stateBytes(record))), [0, 0]);
  figure('state bytes of a record after it left state', 0, 'B');

  const now = await answers(node);
  assert.deepEqual(now, before, 'the same answers from the offchain index as from state');
  assert.deepEqual(await answers(node, beforeHash), before, 'and at a block before they left, from state');
});

test("the node's answer cache: a best-block answer follows the new best block, an older block keeps its own", async () => {
  const { bob } = world.people;
  const at = (await api.rpc.chain.getHeader()).hash.toHex();
  const before = await ask(node, 'attribution_pendingRewards', [bob.address]);
  assert.ok(BigInt(before.result.total) > 0n, 'Bob has rewards to claim');
  assert.deepEqual(await ask(node, 'attribution_pendingRewards', [bob.address]), before, 'asked again');
  await submit(api, api.tx.datasets.claimAll(8), bob);
  const after = await ask(node, 'attribution_pendingRewards', [bob.address]);
  assert.equal(after.result.total, '0', 'a new best block: computed afresh');
  assert.deepEqual(await ask(node, 'attribution_pendingRewards', [bob.address, null, at]), before);
});

test('a node that syncs from scratch with offchain indexing answers the same; one without says why', async () => {
  const [first, , challenged] = world.records;
  const [address] = await api.rpc.system.localListenAddresses();
  const best = (await api.rpc.chain.getHeader()).number.toNumber();
  const join = async (extra) => {
    const joined = await startNode({
      args: ['--dev', '--sealing', 'instant', '--bootnodes', address.toString(), ...extra],
    });
    nodes.push(joined);
    await until(`the new node to sync to #${best}`, async () => {
      return (await joined.api.rpc.chain.getHeader()).number.toNumber() >= best;
    });
    return joined;
  };
  // The first also runs without the answer cache: its answers are the uncached ones.
  const [indexing, plain] = [await join([...INDEXING, '--rpc-answer-cache', '0']), await join([])];
  assert.deepEqual(await answers(indexing), await answers(node), 'it executed every block and indexed them');

  const refused = await ask(plain, 'attribution_rewardSplit', [first]);
  assert.equal(refused.error?.code, -32004);
  assert.match(refused.error.message, /record 0 left state after its challenge period/);
  assert.match(refused.error.message, /--enable-offchain-indexing true/);
  const earnings = await ask(plain, 'attribution_contributionEarnings', [first, world.contributions.bob[0]]);
  assert.equal(earnings.error?.code, -32004);
  assert.ok((await ask(plain, 'attribution_rewardSplit', [challenged])).result, 'what is in state it still answers');
  const never = await ask(plain, 'attribution_rewardSplit', [99]);
  assert.deepEqual([never.error?.code, never.error?.message], [-32001, 'record 99 not found']);
});
