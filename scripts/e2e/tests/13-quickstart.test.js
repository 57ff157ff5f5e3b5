// The quickstart's polkadot.js track, end to end: scripts/examples/quickstart.mjs (the script
// docs/quickstart.md points to) against a fresh dev node, every outcome the guide promises
// checked; and every polkadot.js line of the guide is a line of that script, so the guide
// cannot show a call the script does not make.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { amount, answer } from '@openledger/api';
import { quickstart } from '../../examples/quickstart.mjs';
import { startNode } from '../../lib/node.js';

let node;
const lines = [];

before(async () => {
  node = await startNode();
});

after(async () => {
  if (node) await node.stop();
});

test('the quickstart runs end to end with polkadot.js, as the guide says', async () => {
  const seen = await quickstart(node.api, (line) => lines.push(line));
  // On a fresh chain, the ids the guide shows.
  assert.deepEqual(
    [...seen.pending].sort((a, b) => a - b),
    [0, 1, 2],
    'three pending contributions',
  );
  assert.equal(seen.duplicate, 'datasets.DuplicateContent');
  assert.deepEqual(seen.ancestors, [[0, 100_000_000]], 'model 0 is the ancestor, royalty 10%');
  assert.equal(seen.record.id, 0);
  assert.deepEqual(seen.record.split, seen.record.preview, 'the record split as previewed');
  assert.ok(amount(seen.record.earned) > 0n, "Charlie's contribution earned from the record");
  // Step 3.5: every bad record is refused with the error the guide names.
  assert.equal(seen.previewOverflow, 'Attribution.ScoresOverflow');
  assert.equal(seen.overflow, 'attribution.ScoresOverflow');
  assert.match(seen.aboveOne, /a part is at most 1000000000 parts per billion \(100%\), not 2000000000/);
  assert.equal(seen.notBonded, 'attribution.AttestorNotBonded');
  assert.equal(seen.unauthorised, 'attribution.UnauthorisedAttestor');
  // Step 4: the claim is exactly what was pending, and only once.
  assert.equal(seen.claim.claimed, seen.claim.pending);
  assert.ok(amount(seen.claim.claimed) > 0n);
  assert.equal(seen.claimAgain, 'datasets.NothingToClaim');
  // Step 5: the Arbiters' motion slashes half of Ferdie's 1,000 OPEN bond.
  assert.equal(seen.slashed, (500n * 10n ** 18n).toString());
  assert.equal(seen.status, 'invalidated');
  assert.equal(seen.afterSlash, 'attribution.AttestorNotBonded');
  assert.equal(seen.after, 1);
  assert.ok(lines.length >= 10, 'each step printed');
});

test('every id of the journey can be found again: datasets, models, agents and records, all or by owner', async () => {
  const { api } = node;
  const alice = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
  const eve = '5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw';
  const dave = '5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy';
  const ferdie = '5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL';
  const ids = (page) => page.items.map((item) => item.id);
  const list = async (call) => answer(await call);
  assert.deepEqual(ids(await list(api.rpc.datasets.list(alice))), [0, 1]);
  assert.deepEqual(ids(await list(api.rpc.datasets.list(eve))), []);
  assert.deepEqual(ids(await list(api.rpc.models.list())), [0, 1]);
  assert.deepEqual(ids(await list(api.rpc.models.list(eve))), [1]);
  assert.deepEqual(ids(await list(api.rpc.agents.list(dave))), [0]);
  // Records: both of Ferdie's are in their challenge period; a page of one says where to go on.
  const first = await list(api.rpc.attribution.records({ attestor: ferdie }, { limit: 1 }));
  assert.deepEqual([ids(first), first.next], [[0], 1]);
  const rest = await list(api.rpc.attribution.records({ attestor: ferdie }, { start: first.next }));
  assert.deepEqual([ids(rest), rest.next], [[1], null]);
  assert.equal(first.items[0].status, 'invalidated');
  assert.deepEqual(ids(await list(api.rpc.attribution.records({ agent: 0, model: 1 }))), [0, 1]);
  assert.deepEqual(ids(await list(api.rpc.attribution.records({ attestor: alice }))), []);
});

test('every polkadot.js line of docs/quickstart.md is a line of the script it points to', () => {
  const guide = readFileSync(new URL('../../../docs/quickstart.md', import.meta.url), 'utf8');
  const script = readFileSync(new URL('../../examples/quickstart.mjs', import.meta.url), 'utf8');
  const scriptLines = new Set(script.split('\n').map((l) => l.trim()));
  const blocks = [...guide.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const guideLines = blocks.flatMap((b) => b.split('\n').map((l) => l.trim())).filter((l) => l && !l.startsWith('//'));
  assert.ok(guideLines.length >= 20, `the guide has its polkadot.js lines (${guideLines.length})`);
  for (const line of guideLines) assert.ok(scriptLines.has(line), `not in scripts/examples/quickstart.mjs: ${line}`);
});

test("the client package's README snippet runs as written: it prints, exits by itself, and warns of nothing", () => {
  const readme = readFileSync(new URL('../../../clients/js/README.md', import.meta.url), 'utf8');
  const [, snippet] = /```js\n([\s\S]*?)```/.exec(readme);
  assert.match(snippet, /ws:\/\/127\.0\.0\.1:9944/);
  // Inside the repository, so that its imports resolve to the workspace's packages.
  const dir = mkdtempSync(join(new URL('../..', import.meta.url).pathname, '.snippet-'));
  try {
    const file = join(dir, 'record.mjs');
    writeFileSync(file, snippet.replace('ws://127.0.0.1:9944', node.url));
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, `it exits by itself, successfully: ${run.stderr}`);
    assert.equal(run.stderr, '', 'no warning');
    assert.match(run.stdout, /^fee 10 OPEN \(exactly 10 OPEN\)\nAlice owns datanets 0, 1\n$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
