// `--sealing manual`: blocks appear only when asked for with `engine_createBlock`, and are
// finalised with `engine_finalizeBlock` (or at creation when asked to).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startNode } from '../../lib/node.js';

let node;

before(async () => {
  node = await startNode({ args: ['--dev', '--sealing', 'manual'] });
});

after(async () => {
  if (node) await node.stop();
});

async function bestAndFinalized() {
  const best = (await node.rpc('chain_getHeader')).result.number;
  const finalizedHash = (await node.rpc('chain_getFinalizedHead')).result;
  const finalized = (await node.rpc('chain_getHeader', [finalizedHash])).result.number;
  return [parseInt(best, 16), parseInt(finalized, 16)];
}

test('no block is produced until one is asked for', async () => {
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.deepEqual(await bestAndFinalized(), [0, 0]);
});

test('engine_createBlock seals a block; engine_finalizeBlock finalises it', async () => {
  const created = await node.rpc('engine_createBlock', [true, false, null]);
  assert.ok(created.result?.hash, JSON.stringify(created));
  assert.deepEqual(await bestAndFinalized(), [1, 0]);

  const finalized = await node.rpc('engine_finalizeBlock', [created.result.hash, null]);
  assert.equal(finalized.result, true, JSON.stringify(finalized));
  assert.deepEqual(await bestAndFinalized(), [1, 1]);

  const both = await node.rpc('engine_createBlock', [true, true, null]);
  assert.ok(both.result?.hash);
  assert.deepEqual(await bestAndFinalized(), [2, 2]);
});

test('an empty block is refused unless create_empty is set', async () => {
  const refused = await node.rpc('engine_createBlock', [false, true, null]);
  assert.ok(refused.error, 'an error, not a block');
  assert.match(refused.error.message, /empty/i);
  assert.deepEqual(await bestAndFinalized(), [2, 2]);
});
