// Bad input at the edges of the RPC: every custom method gets malformed parameters (wrong
// types, out-of-range numbers, unknown ids, huge pages, garbage extrinsic bytes, oversized
// payloads). Each must be answered with a JSON-RPC error (or, for a huge page, a page capped
// at the method's maximum), and the node must keep serving after every one.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { startNode } from '../../lib/node.js';

let node;
before(async () => {
  node = await startNode();
});
after(async () => {
  if (node) await node.stop();
});

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const U64_OVERFLOW = '18446744073709551616';
const wrongTypes = ['x', -1, 1.5, true, {}, [], 2 ** 53, U64_OVERFLOW];

/** Every custom method with the bad parameter lists it must refuse. */
const cases = {
  datasets_get: [...wrongTypes.map((v) => [v]), [], [0, 'not a block hash'], [999_999]],
  datasets_contribution: [...wrongTypes.map((v) => [v]), [], [999_999]],
  datasets_contributions: [
    ...wrongTypes.map((v) => [v]),
    [999_999],
    [0, 'nonsense-status'],
    [0, 'accepted', { start: 'x' }],
    [0, 'accepted', { limit: -1 }],
  ],
  datasets_contributionsOf: [['5NotAnAddress'], [42], [''], ['0x1234'], [ALICE, { limit: 'all' }]],
  datasets_acceptedContributions: [
    ...wrongTypes.map((v) => [v]),
    [],
    [999_999],
    [0, { start: 'x' }],
    [0, { start: 2 ** 40 }],
    [0, { limit: -1 }],
  ],
  datasets_submitContribution: [
    ['0x'],
    ['0xdeadbeef'],
    ['not hex'],
    [`0x${randomBytes(200).toString('hex')}`],
    [42],
    [],
    [`0x${'ff'.repeat(100_000)}`],
  ],
  datasets_list: [['5NotAnAddress'], [42], [{}], [null, { limit: 0 }], [null, { start: 'x' }], [null, { page: 1 }]],
  models_get: [...wrongTypes.map((v) => [v]), [], [999_999]],
  models_list: [['5NotAnAddress'], [42], [null, { limit: 101 }], [null, { start: -1 }]],
  agents_list: [['5NotAnAddress'], [true], [null, { limit: 'all' }]],
  attribution_records: [
    ['attestor'],
    [{ attestor: '5NotAnAddress' }],
    [{ model: 'x' }],
    [{ agent: -1 }],
    [{ owner: ALICE }],
    [null, { limit: 1_000 }],
  ],
  models_lineage: [...wrongTypes.map((v) => [v]), [999_999], [0, { start: -5 }]],
  agents_get: [...wrongTypes.map((v) => [v]), [], [999_999]],
  attribution_rewardSplit: [...wrongTypes.map((v) => [v]), [], [999_999]],
  attribution_contributionEarnings: [[0], ['x', 0], [0, 'x'], [999_999, 999_999]],
  attribution_pendingRewards: [['5NotAnAddress'], [42], [], [null]],
  attribution_previewSplit: [
    [],
    [0],
    [0, 1, null, '12x', []],
    [0, 1, null, '-5', []],
    [0, 1, null, U64_OVERFLOW + U64_OVERFLOW, []],
    [999_999, 1, null, '100', []],
    [0, 1, null, '100', 'scores'],
    [0, 1, null, '100', [{ dataset: 'x', perbill: 1 }]],
    [0, 1, null, '100', Array.from({ length: 1_000 }, (_, i) => ({ dataset: i, perbill: 1 }))],
  ],
};

test('every custom method answers malformed input with a JSON-RPC error and keeps serving', async () => {
  let checked = 0;
  for (const [method, paramLists] of Object.entries(cases)) {
    for (const params of paramLists) {
      const answer = await node.rpc(method, params);
      const shown = JSON.stringify(params).slice(0, 80);
      assert.ok(answer.error, `${method}(${shown}) must fail, got ${JSON.stringify(answer).slice(0, 200)}`);
      assert.equal(typeof answer.error.code, 'number', `${method}(${shown}): a JSON-RPC error code`);
      assert.ok(answer.error.message.length > 0, `${method}(${shown}): an error message`);
      checked += 1;
    }
    assert.ok((await node.rpc('system_health')).result, `the node still serves after ${method}`);
  }
  assert.ok(checked > 80, `${checked} malformed calls`);
});

test('a page larger than 100, or of 0, is refused by every listing with the bounds, not silently capped', async () => {
  const listings = [
    ['datasets_contributions', (page) => [0, null, page]],
    ['datasets_contributionsOf', (page) => [ALICE, page]],
    ['datasets_acceptedContributions', (page) => [0, page]],
    ['datasets_list', (page) => [null, page]],
    ['models_list', (page) => [ALICE, page]],
    ['models_lineage', (page) => [0, page]],
    ['agents_list', (page) => [null, page]],
    ['attribution_records', (page) => [{ attestor: ALICE }, page]],
    ['attribution_pendingRewards', (page) => [ALICE, page]],
  ];
  for (const [method, params] of listings) {
    for (const limit of [0, 101, 4_294_967_295]) {
      const answer = await node.rpc(method, params({ start: 0, limit }));
      assert.equal(answer.error?.code, -32602, `${method} with limit ${limit}: ${JSON.stringify(answer)}`);
      assert.equal(answer.error.message, `page.limit ${limit} is not between 1 and 100 (the most items a page holds)`);
    }
    // The largest page is answered (or its object is not found, at genesis).
    const answer = await node.rpc(method, params({ limit: 100 }));
    if (answer.error) assert.equal(answer.error.code, -32001, `${method}: ${answer.error.message}`);
  }
});

test('oversized and garbage payloads are refused at the door; the node keeps serving', async () => {
  const url = `http://127.0.0.1:${node.rpcPort}`;
  const post = (body) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  // Over the server's request limit (15 MiB by default): answered 413 or an error, or the
  // server closes the connection before reading it all (the client sees a reset).
  const refused = await post(
    JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'datasets_submitContribution',
      params: [`0x${'00'.repeat(16 * 1024 * 1024)}`],
    }),
  )
    .then(async (huge) => huge.status === 413 || Boolean((await huge.json()).error))
    .catch((error) => /fetch failed|ECONNRESET|EPIPE|socket/i.test(`${error.message} ${error.cause?.code ?? ''}`));
  assert.ok(refused, 'an oversized request is refused');
  for (const body of [
    '{',
    'null',
    '[]',
    '{"jsonrpc":"2.0"}',
    '{"jsonrpc":"2.0","id":1,"method":42}',
    randomBytes(512).toString('latin1'),
  ]) {
    const response = await post(body);
    const text = await response.text();
    assert.ok(
      response.status >= 400 || /"error"/.test(text),
      `garbage ${JSON.stringify(body).slice(0, 40)} → ${response.status} ${text.slice(0, 100)}`,
    );
  }
  const unknown = await node.rpc('attribution_noSuchMethod', []);
  assert.equal(unknown.error?.code, -32601);
  assert.ok((await node.rpc('system_health')).result, 'the node still serves');
  assert.ok((await node.api.rpc.chain.getHeader()).number.toNumber() >= 0, 'and polkadot.js still talks to it');
});
