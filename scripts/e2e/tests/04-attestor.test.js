// Proof of attribution, end to end: the real node and the real `openledger-attestor`. Contributors
// submit their content's hash and upload the text to the attestor of a model that names it; the
// store takes nothing else. Curators accept and publish versions; the attestor indexes those its
// models need, and only those, from finalized blocks, backing off on a version whose content is
// missing. An answer stitched from known contributions and unseen text is attributed and
// recorded (on the recording listener, with its token, within the fee caps), and the evidence
// is checked byte for byte against a second implementation of span-match/1
// (scripts/lib/span-match.js). `verify` says valid. A record whose data no store has is
// challenged by `watch --challenge` after the grace, and a later dishonest record (inflated
// scores) still is; sudo upholds the challenge and the dishonest bond is slashed. Bad input gets
// clear 4xx answers, a slow client is timed out, and when the node goes away and comes back the
// attestor resumes without indexing anything twice.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { attestorBinary, startAttestor } from '../../lib/attestor.js';
import { startNode, until } from '../../lib/node.js';
import { attribute } from '../../lib/span-match.js';
import { devKeys, findEvent, submit, throughProxy } from '../../lib/tx.js';

const UNIT = 10n ** 18n;
const PERCENT = 10_000_000;
const MAX_CONTENT = 4096;

const TEXTS = {
  river:
    'The river delta supports a dense network of wetlands where migratory birds rest each spring before crossing the northern mountains.',
  farm: 'Farmers in the valley rotate barley and lentils so that the soil keeps its nitrogen without any synthetic fertiliser at all.',
  light:
    'Old lighthouse keepers kept logbooks recording every storm, every ship and every change in the colour of the evening sea.',
  qubit:
    'Quantum error correction spreads one logical qubit across many physical qubits so that local noise can be detected and undone.',
  compiler:
    'A compiler translates source code into machine instructions after checking types, resolving names and allocating registers.',
  hidden: 'This contribution was never uploaded to any content store, so no attestor can index the version holding it.',
  unserved: 'A datanet that no model served by this attestor was trained on: the store does not take its rows.',
  later: 'A second version of the first datanet adds this row about tide tables printed every year for harbour pilots.',
};

const ANSWER =
  'As the report notes, farmers in the valley rotate barley and lentils so that the soil keeps its nitrogen. ' +
  'Meanwhile quantum error correction spreads one logical qubit across many physical qubits, which nobody here has measured yet.';

let node;
let api;
let honest;
let watcher;
let people;
const state = {};

const hashOf = (text) => blake2AsHex(new TextEncoder().encode(text), 256);

async function upload(text, headers = {}) {
  return fetch(`${honest.url}/v1/content`, {
    method: 'PUT',
    headers: { 'x-content-hash': hashOf(text), ...headers },
    body: text,
  });
}

/** Uploads `text` once its submission is finalized and seen by the attestor. */
async function uploadAccepted(text) {
  return until(`the store to take ${hashOf(text)}`, async () => [200, 201].includes((await upload(text)).status));
}

async function post(path, body, { url = honest.url, headers = {} } = {}) {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

/** A record request on the recording listener, with the token unless `token` says otherwise. */
function recordVia(body, token = honest.token()) {
  const headers = token === null ? {} : { authorization: `Bearer ${token}` };
  return post('/v1/record', body, { url: honest.recordUrl, headers });
}

/** A POST with `Expect: 100-continue`: the body is sent only if the server asks for it. */
function postExpectingContinue(path, body) {
  return new Promise((resolve, reject) => {
    let continued = false;
    const request = httpRequest(`${honest.url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    request.on('continue', () => {
      continued = true;
      request.end(body);
    });
    request.on('response', (response) => {
      response.resume();
      request.destroy();
      resolve({ status: response.statusCode, continued });
    });
    request.on('error', reject);
    request.flushHeaders();
  });
}

async function statusOf(dataset, version) {
  const status = await (await fetch(`${honest.url}/v1/status`)).json();
  return status.versions.find((v) => v.dataset === dataset && v.version === version);
}

/**
 * Creates a datanet whose contributions (`[who, text]`) are accepted and published as version 1
 * (nothing is uploaded).
 */
async function datanet(rows) {
  const created = await submit(
    api,
    api.tx.datasets.createDataset('ipfs://attestor-e2e', 'CC-BY-4.0', { minBond: 0, open: true }),
    people.alice,
  );
  const dataset = findEvent(created.events, 'datasets', 'DatasetCreated').data.dataset.toNumber();
  const contributions = [];
  for (const [who, text] of rows) {
    contributions.push({ id: await contribute(dataset, who, text), text });
  }
  await submit(api, api.tx.datasets.publishVersion(dataset), people.alice);
  return { dataset, contributions };
}

/** Submits `text` as a pending contribution of `dataset` from `who`: its id. */
async function submitRow(dataset, who, text, metadata = 'row') {
  const submitted = await submit(api, api.tx.datasets.submitContribution(dataset, hashOf(text), metadata, 0), who);
  return findEvent(submitted.events, 'datasets', 'ContributionSubmitted').data.contribution.toNumber();
}

/** Submits `text` to `dataset` from `who`, and accepts it: its id. */
async function contribute(dataset, who, text) {
  const id = await submitRow(dataset, who, text);
  await submit(api, api.tx.datasets.reviewContribution(id, { Accept: { shares: 1 } }), people.alice);
  return id;
}

async function rootOf(dataset, version) {
  const info = (await node.rpc('datasets_get', [dataset])).result;
  return info.versions.find((v) => v.version === version).root;
}

function runAttestor(args) {
  return spawnSync(attestorBinary(), args, { encoding: 'utf8', timeout: 120_000 });
}

before(async () => {
  await cryptoWaitReady();
  node = await startNode();
  api = node.api;
  people = devKeys(['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie']);
  honest = await startAttestor({
    nodeUrl: node.url,
    suri: '//Ferdie',
    args: [
      '--max-content-bytes',
      String(MAX_CONTENT),
      '--max-fee',
      String(5n * UNIT),
      '--max-fee-per-day',
      String(5n * UNIT),
      '--request-timeout',
      '3',
      '--header-timeout',
      '2',
    ],
  });
  watcher = await startAttestor({
    command: 'watch',
    nodeUrl: node.url,
    suri: '//Charlie',
    args: ['--challenge', '--bond', String(10n * UNIT), '--grace', '5', '--content', honest.url],
  });
});

after(async () => {
  for (const service of [watcher, honest]) if (service) await service.stop();
  if (node) await node.stop();
});

test('the store refuses content that is no contribution of a datanet it serves', async () => {
  const unknown = await upload(TEXTS.river);
  assert.equal(unknown.status, 403);
  assert.match(
    (await unknown.json()).error,
    /is not the content of an accepted contribution of a datanet this attestor serves/,
  );
  // Without the hash, refused before the body is read.
  const unnamed = await fetch(`${honest.url}/v1/content`, { method: 'PUT', body: TEXTS.river });
  assert.equal(unnamed.status, 400);
  assert.match((await unnamed.json()).error, /x-content-hash/);
  assert.equal((await fetch(`${honest.url}/v1/content/${hashOf(TEXTS.river)}`)).status, 404);
  const garbage = await upload(TEXTS.farm, { 'x-content-hash': 'not a hash' });
  assert.equal(garbage.status, 400);
  assert.equal((await fetch(`${honest.url}/v1/content/0x1234`)).status, 400);
});

test('contributions are submitted, then uploaded; the attestor indexes the versions its models need', async () => {
  const { bob, charlie, dave, eve, ferdie } = people;
  state.d0 = await datanet([
    [bob, TEXTS.river],
    [charlie, TEXTS.farm],
    [bob, TEXTS.light],
  ]);
  state.d1 = await datanet([
    [charlie, TEXTS.qubit],
    [eve, TEXTS.compiler],
  ]);
  // A datanet whose content nobody uploads: it can never be indexed.
  state.d2 = await datanet([[dave, TEXTS.hidden]]);
  // A datanet no model of this attestor uses.
  state.d3 = await datanet([[dave, TEXTS.unserved]]);

  // A base model trained on d1, and a fine-tune of it trained on d0: answers of the fine-tune
  // are attributed over both (its own training sets and its lineage's).
  const base = await submit(
    api,
    api.tx.models.registerModel('hf://base', 'Apache-2.0', null, 10 * PERCENT, 0, { modelShare: 40 * PERCENT }),
    dave,
  );
  state.base = findEvent(base.events, 'models', 'ModelRegistered').data.model.toNumber();
  await submit(
    api,
    api.tx.models.publishVersion(state.base, hashOf('base weights'), [[state.d1.dataset, 1, 50 * PERCENT]], null),
    dave,
  );
  const model = await submit(
    api,
    api.tx.models.registerModel('hf://tuned', 'Apache-2.0', state.base, 10 * PERCENT, UNIT, {
      modelShare: 40 * PERCENT,
    }),
    eve,
  );
  state.model = findEvent(model.events, 'models', 'ModelRegistered').data.model.toNumber();
  await submit(
    api,
    api.tx.models.publishVersion(state.model, hashOf('tuned weights'), [[state.d0.dataset, 1, 60 * PERCENT]], 1),
    eve,
  );
  await submit(api, api.tx.models.setAttestors(state.model, [ferdie.address, dave.address]), eve);
  const hidden = await submit(
    api,
    api.tx.models.registerModel('hf://hidden', 'Apache-2.0', null, 0, 0, { modelShare: 40 * PERCENT }),
    eve,
  );
  state.hiddenModel = findEvent(hidden.events, 'models', 'ModelRegistered').data.model.toNumber();
  await submit(
    api,
    api.tx.models.publishVersion(state.hiddenModel, hashOf('w'), [[state.d2.dataset, 1, 0]], null),
    eve,
  );
  await submit(api, api.tx.models.setAttestors(state.hiddenModel, [ferdie.address, dave.address]), eve);
  // Trained on d3, but naming another attestor: this attestor does not serve it.
  const other = await submit(
    api,
    api.tx.models.registerModel('hf://other', 'Apache-2.0', null, 0, 0, { modelShare: 40 * PERCENT }),
    eve,
  );
  state.otherModel = findEvent(other.events, 'models', 'ModelRegistered').data.model.toNumber();
  await submit(api, api.tx.models.publishVersion(state.otherModel, hashOf('o'), [[state.d3.dataset, 1, 0]], null), eve);
  await submit(api, api.tx.models.setAttestors(state.otherModel, [dave.address]), eve);
  for (const attestor of [ferdie, dave]) {
    await submit(api, api.tx.attribution.bondAttestor(1_000n * UNIT), attestor);
  }

  // The contributors upload their rows now that the store serves their datanets.
  for (const text of [TEXTS.river, TEXTS.farm, TEXTS.light, TEXTS.qubit, TEXTS.compiler]) {
    await uploadAccepted(text);
  }
  assert.equal((await upload(TEXTS.river)).status, 200, 'the same content again is no error');
  const got = await fetch(`${honest.url}/v1/content/${hashOf(TEXTS.river)}`);
  assert.equal(got.headers.get('content-length'), String(new TextEncoder().encode(TEXTS.river).length));
  assert.equal(await got.text(), TEXTS.river);
  // d2's row is admitted (accepted, served) but nobody has uploaded it: a body that hashes to
  // something else is refused, and nothing is kept. The attestor admits d2's row once it has
  // followed the block that named it for the hidden model, which may come after the uploads
  // above were taken: until then the store answers 403 (not served).
  const wrong = await until(`the store to admit ${hashOf(TEXTS.hidden)}`, async () => {
    const response = await upload('some other text', { 'x-content-hash': hashOf(TEXTS.hidden) });
    return response.status === 403 ? null : response;
  });
  assert.equal(wrong.status, 422);
  assert.match((await wrong.json()).error, /hashes to 0x[0-9a-f]{64}, not to/);
  assert.equal((await fetch(`${honest.url}/v1/content/${hashOf('some other text')}`)).status, 404);
  const tooLarge = await upload('x'.repeat(MAX_CONTENT + 1), { 'x-content-hash': hashOf(TEXTS.farm) });
  assert.equal(tooLarge.status, 413);
  assert.match((await tooLarge.json()).error, /larger than 4096 bytes/);
  const unserved = await upload(TEXTS.unserved);
  assert.equal(unserved.status, 403, 'd3 is not served');

  for (const { dataset, contributions } of [state.d0, state.d1]) {
    const indexed = await until(
      `dataset ${dataset} v1 indexed`,
      async () => {
        const s = await statusOf(dataset, 1);
        return s?.state === 'indexed' && s;
      },
      60_000,
    );
    assert.equal(indexed.contributions, contributions.length);
  }
  const waiting = await until('dataset d2 reported', async () => (await statusOf(state.d2.dataset, 1))?.reason, 60_000);
  assert.match(waiting, new RegExp(`not in the store: ${hashOf(TEXTS.hidden)}`));
  const status = await (await fetch(`${honest.url}/v1/status`)).json();
  assert.deepEqual(
    status.models,
    [state.model, state.hiddenModel].sort((a, b) => a - b),
  );
  assert.deepEqual(status.datasets, [state.d0.dataset, state.d1.dataset, state.d2.dataset]);
  assert.equal(await statusOf(state.d3.dataset, 1), undefined, 'a version no served model needs is not indexed');
  assert.ok(!honest.log().includes(`indexed dataset ${state.d3.dataset} `));

  // The incomplete version is tried again less and less often (2 s, 4 s, 8 s…), not every block.
  const first = await statusOf(state.d2.dataset, 1);
  await new Promise((resolve) => setTimeout(resolve, 8_000));
  const later = await statusOf(state.d2.dataset, 1);
  assert.ok(later.attempts - first.attempts <= 3, `${first.attempts} then ${later.attempts} attempts in 8 s`);
  assert.ok(later.retryInSeconds >= 4, JSON.stringify(later));
});

test('an answer is attributed exactly as a second implementation of span-match/1 computes it', async () => {
  const answer = await post('/v1/attribute', { model: state.model, modelVersion: 1, output: ANSWER });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const expected = attribute({
    model: state.model,
    modelVersion: 1,
    output: ANSWER,
    datasets: [
      { ...state.d0, version: 1, root: await rootOf(state.d0.dataset, 1) },
      { ...state.d1, version: 1, root: await rootOf(state.d1.dataset, 1) },
    ],
  });
  assert.equal(JSON.stringify(answer.body.evidence), expected.json, 'the evidence, byte for byte');
  assert.equal(answer.body.evidenceHash, expected.hash);

  // 15 tokens quoted from d0's second contribution, 11 from d1's first, 11 unseen: the scores
  // credit exactly those two datasets, in proportion to what each covers.
  const { spans, scores, tokens } = expected.document;
  assert.equal(tokens, 37);
  assert.deepEqual(
    spans.map((s) => [s.start, s.length, s.dataset, s.contribution, s.offset]),
    [
      [4, 15, state.d0.dataset, state.d0.contributions[1].id, 0],
      [20, 11, state.d1.dataset, state.d1.contributions[0].id, 0],
    ],
  );
  assert.deepEqual(scores, [
    { dataset: state.d0.dataset, perbill: Math.floor((15 * 1e9) / 37) },
    { dataset: state.d1.dataset, perbill: Math.floor((11 * 1e9) / 37) },
  ]);
  state.expected = expected;
});

test('bad requests get a clear 4xx, and a model whose data is not indexed is "not ready"', async () => {
  const empty = await post('/v1/attribute', { model: state.model, modelVersion: 1, output: '' });
  assert.equal(empty.status, 400);
  assert.match(empty.body.error, /no tokens/);
  const tenMegabytes = JSON.stringify({ model: state.model, modelVersion: 1, output: 'word '.repeat(2_000_000) });
  const huge = await post('/v1/attribute', tenMegabytes);
  assert.equal(huge.status, 413);
  assert.equal(huge.body.error, `the request is larger than ${1024 * 1024 + 4096} bytes`);
  // As curl sends it (Expect: 100-continue): refused on its declared length, the body never sent.
  const declared = await postExpectingContinue('/v1/attribute', tenMegabytes);
  assert.deepEqual(declared, { status: 413, continued: false });
  const garbage = await post('/v1/attribute', '{"model": "zero"');
  assert.equal(garbage.status, 400);
  const unknown = await post('/v1/attribute', { model: 999, modelVersion: 1, output: ANSWER });
  assert.equal(unknown.status, 404);
  const notReady = await post('/v1/attribute', { model: state.hiddenModel, modelVersion: 1, output: ANSWER });
  assert.equal(notReady.status, 409);
  assert.match(notReady.body.error, new RegExp(`not ready: dataset ${state.d2.dataset} version 1 is not indexed yet`));
  assert.match(notReady.body.error, new RegExp(hashOf(TEXTS.hidden)));
});

test('recording needs the token, a fee within the caps and an allowed agent', async () => {
  const request = { model: state.model, modelVersion: 1, output: ANSWER, fee: String(UNIT) };
  const publicly = await post('/v1/record', request);
  assert.equal(publicly.status, 403, 'not on the public listener');
  assert.match(publicly.body.error, /recording listener/);
  const anonymous = await recordVia(request, null);
  assert.equal(anonymous.status, 401);
  assert.match(anonymous.body.error, /Authorization: Bearer/);
  assert.equal((await recordVia(request, 'guessed')).status, 401);
  const tooDear = await recordVia({ ...request, fee: String(6n * UNIT) });
  assert.equal(tooDear.status, 403);
  assert.match(tooDear.body.error, /above this attestor's cap of 5000000000000000000 per record/);
  const agent = await recordVia({ ...request, agent: 0 });
  assert.equal(agent.status, 403);
  assert.match(agent.body.error, /agent 0 is not on this attestor's allow-list/);

  // The model pins the method's parameters: with minSpan 1 (which raises the data scores) named
  // instead of the attestor's 8, the attestor refuses to record, and says why.
  const { eve } = people;
  const methods = (minSpan) => [{ id: 'span-match/1', paramsHash: hashOf(`{"minSpan":${minSpan}}`) }];
  await submit(api, api.tx.models.setAttributionMethods(state.model, methods(1)), eve);
  const otherParams = await recordVia(request);
  assert.equal(otherParams.status, 409);
  assert.match(
    otherParams.body.error,
    /lets its records use only span-match\/1 with parameters 0x[0-9a-f]{64}, not span-match\/1 with this attestor's parameters \{"minSpan":8\}/,
  );
  await submit(api, api.tx.models.setAttributionMethods(state.model, methods(8)), eve);
  const model = (await node.rpc('models_get', [state.model])).result;
  assert.deepEqual(model.attributionMethods, methods(8));
  // Its version pins the version of its base it derives from, as its owner named it.
  assert.equal(model.versions[0].baseVersion, 1);
  assert.equal((await node.rpc('models_get', [state.base])).result.versions[0].baseVersion, null);
});

test('the attestor records the answer; its evidence is served; `verify` says valid', async () => {
  const recorded = await recordVia({ model: state.model, modelVersion: 1, output: ANSWER, fee: String(UNIT) });
  assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
  state.record = recorded.body.record;
  const record = (await node.rpc('attribution_rewardSplit', [state.record])).result;
  assert.equal(record.method, 'span-match/1');
  assert.equal(record.methodParamsHash, hashOf('{"minSpan":8}'));
  assert.equal(record.evidenceHash, state.expected.hash);
  assert.deepEqual(record.scores, state.expected.document.scores);
  assert.equal(record.attestor, people.ferdie.address);
  const evidence = await fetch(`${honest.url}/v1/content/${record.evidenceHash}`);
  assert.equal(await evidence.text(), state.expected.json);

  const verified = runAttestor([
    'verify',
    String(state.record),
    '--node',
    node.url,
    '--content',
    honest.url,
    '--base-path',
    join(honest.basePath, 'verifier'),
  ]);
  assert.equal(verified.status, 0, verified.stderr);
  assert.equal(verified.stdout.trim(), 'valid');

  // 1 OPEN spent today of 5: a record of 5 more would pass the day's cap, and nothing is spent.
  const overDay = await recordVia({ model: state.model, modelVersion: 1, output: ANSWER, fee: String(5n * UNIT) });
  assert.equal(overDay.status, 403);
  assert.match(
    overDay.body.error,
    /above this attestor's cap of 5000000000000000000 a day .* 4000000000000000000 is left/,
  );
});

test('an attestor that signs with an Attestor proxy key records as its bonded account, and the key can do nothing else', async () => {
  const { ferdie, eve } = people;
  const { hot } = devKeys(['Hot']);
  await submit(api, api.tx.balances.transferKeepAlive(hot.address, 10n * UNIT), eve);
  await submit(api, api.tx.proxy.addProxy(hot.address, 'Attestor', 0), ferdie);
  // A second serve of the same indexes, signing with the proxy key only.
  const basePath = mkdtempSync(join(tmpdir(), 'openledger-attestor-proxy-'));
  cpSync(honest.basePath, basePath, { recursive: true });
  const proxied = await startAttestor({
    nodeUrl: node.url,
    suri: '//Hot',
    basePath,
    args: ['--proxy-for', ferdie.address, '--max-fee', String(5n * UNIT), '--max-fee-per-day', String(20n * UNIT)],
  });
  try {
    const record = (fee) =>
      post(
        '/v1/record',
        { model: state.model, modelVersion: 1, output: ANSWER, fee: String(fee) },
        { url: proxied.recordUrl, headers: { authorization: `Bearer ${proxied.token()}` } },
      );
    const held = async (who) => (await api.query.system.account(who)).data.free.toBigInt();
    const [ferdieBefore, hotBefore] = [await held(ferdie.address), await held(hot.address)];
    const recorded = await record(2n * UNIT);
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    const made = (await node.rpc('attribution_rewardSplit', [recorded.body.record])).result;
    assert.equal(made.attestor, ferdie.address, 'made as the bonded attestor');
    assert.ok(ferdieBefore - (await held(ferdie.address)) >= 2n * UNIT, 'the fee came from the bonded account');
    assert.ok(hotBefore - (await held(hot.address)) < UNIT, 'the key paid the transaction fee only');

    // The key can do nothing but record: a transfer through the proxy is filtered.
    const stolen = await throughProxy(api, ferdie.address, api.tx.balances.transferKeepAlive(hot.address, UNIT), hot);
    assert.equal(stolen.error, 'system.CallFiltered');
    // Once the proxy is removed, recording fails and says why.
    await submit(api, api.tx.proxy.removeProxy(hot.address, 'Attestor', 0), ferdie);
    const refused = await record(UNIT);
    assert.equal(refused.status, 502);
    assert.match(refused.body.error, /NotProxy/);
  } finally {
    await proxied.stop();
  }
});

test('a slow client is timed out', async () => {
  // Headers that never end: the connection is closed after the header timeout (2 s here).
  const started = Date.now();
  const closed = await new Promise((resolve, reject) => {
    const socket = connect(Number(new URL(honest.url).port), '127.0.0.1', () =>
      socket.write('GET /v1/status HTTP/1.1\r\n'),
    );
    socket.on('close', () => resolve(Date.now() - started));
    socket.on('error', () => {});
    setTimeout(() => reject(new Error('the slow client was never timed out')), 20_000);
  });
  assert.ok(closed >= 1_500 && closed < 15_000, `closed after ${closed} ms`);
  // A body that never ends: 408 after the request timeout (3 s here).
  const answer = await new Promise((resolve, reject) => {
    const request = httpRequest(`${honest.url}/v1/content`, {
      method: 'PUT',
      // An admitted hash the store does not have yet: the body is read.
      headers: { 'content-length': 1000, 'x-content-hash': hashOf(TEXTS.hidden) },
    });
    request.on('response', (response) => resolve(response.statusCode));
    request.on('error', reject);
    request.write('x'.repeat(10));
  });
  assert.equal(answer, 408);
  assert.equal((await fetch(`${honest.url}/v1/status`)).status, 200, 'the attestor keeps serving');
});

test('a record whose data no store has is challenged after the grace, and a later dishonest one too', async () => {
  const { dave, alice } = people;
  // Dave records for the model trained on d2, whose content no store has: it cannot be re-run.
  const unverifiable = await submit(
    api,
    api.tx.attribution.recordInference(
      state.hiddenModel,
      1,
      null,
      UNIT,
      hashOf('unverifiable'),
      { id: 'span-match/1', paramsHash: hashOf('{"minSpan":8}') },
      state.expected.hash,
      [[state.d2.dataset, 100 * PERCENT]],
      0,
    ),
    dave,
  );
  const stuck = findEvent(unverifiable.events, 'attribution', 'InferenceRecorded').data.record.toNumber();
  await until(
    'the watcher to find the record unverifiable',
    () => watcher.log().includes(`record ${stuck}: ContentUnavailable`),
    30_000,
  );
  // Blocks pass (instant sealing: one a transaction); after the grace of 5 it is challenged.
  for (let i = 0; i < 6; i++) await submit(api, api.tx.system.remark(`block ${i}`), alice);
  await until(
    'the watcher to challenge the unverifiable record',
    async () => (await node.rpc('attribution_rewardSplit', [stuck])).result.status === 'challenged',
    60_000,
  );

  const inflated = [
    [state.d0.dataset, 10 * PERCENT],
    [state.d1.dataset, 80 * PERCENT],
  ];
  const recorded = await submit(
    api,
    api.tx.attribution.recordInference(
      state.model,
      1,
      null,
      UNIT,
      hashOf('another nonce'),
      { id: 'span-match/1', paramsHash: hashOf('{"minSpan":8}') },
      state.expected.hash,
      inflated,
      0,
    ),
    dave,
  );
  const id = findEvent(recorded.events, 'attribution', 'InferenceRecorded').data.record.toNumber();

  const verified = runAttestor([
    'verify',
    String(id),
    '--node',
    node.url,
    '--content',
    honest.url,
    '--base-path',
    join(honest.basePath, 'verifier'),
  ]);
  assert.equal(verified.status, 1, verified.stderr);
  assert.match(verified.stdout, /invalid: record \d+ does not verify/);
  assert.match(
    verified.stdout,
    /the record's scores dataset \d+: 100000000, dataset \d+: 800000000 are not the method's/,
  );

  const challenged = await until(
    'the watcher to challenge the dishonest record, after the unverifiable one',
    async () => {
      const record = (await node.rpc('attribution_rewardSplit', [id])).result;
      return record.status === 'challenged' && record;
    },
    60_000,
  );
  assert.equal(challenged.challenge.account, people.charlie.address);
  assert.equal(challenged.challenge.amount, String(10n * UNIT));
  // The honest record was checked and left alone.
  assert.equal((await node.rpc('attribution_rewardSplit', [state.record])).result.status, 'unchallenged');

  // The verdict report sits in the watcher's content store, its hash in the log.
  const [, reportHash] = watcher
    .log()
    .match(new RegExp(`record ${id}: challenged with a bond of \\d+; report (0x[0-9a-f]{64})`));
  const report = JSON.parse(
    readFileSync(join(watcher.basePath, 'content', 'own', reportHash.slice(2, 4), reportHash.slice(2)), 'utf8'),
  );
  assert.equal(report.verdict, 'invalid');
  assert.equal(report.record, id);
  assert.ok(report.differences.some((d) => d.includes('scores')));

  const before = (await api.query.attribution.attestors(dave.address)).unwrap().bond.toBigInt();
  await submit(api, api.tx.sudo.sudo(api.tx.attribution.resolveChallenge(id, true)), alice);
  const afterSlash = (await api.query.attribution.attestors(dave.address)).unwrap().bond.toBigInt();
  assert.equal(afterSlash, before / 2n, 'half of the dishonest bond is slashed');
  assert.equal((await node.rpc('attribution_rewardSplit', [id])).result.status, 'invalidated');
});

test('when the node goes away and comes back, the attestor resumes and indexes nothing twice', async () => {
  await node.pause();
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  assert.equal((await fetch(`${honest.url}/v1/status`)).status, 200, 'the attestor keeps serving');
  await node.resume();
  await until('polkadot.js to reconnect', () => api.isConnected, 30_000, 200);

  // Pending, the row is not taken (only accepted content of a datanet served through a model);
  // accepted, it is.
  const later = await submitRow(state.d0.dataset, people.bob, TEXTS.later);
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  assert.equal((await upload(TEXTS.later)).status, 403, 'pending');
  await submit(api, api.tx.datasets.reviewContribution(later, { Accept: { shares: 1 } }), people.alice);
  await uploadAccepted(TEXTS.later);
  await submit(api, api.tx.datasets.publishVersion(state.d0.dataset), people.alice);
  // Version 2 is needed once a served model is trained on it.
  await submit(
    api,
    api.tx.models.publishVersion(state.model, hashOf('tuned weights 2'), [[state.d0.dataset, 2, 60 * PERCENT]], 1),
    people.eve,
  );
  const indexed = await until(
    'version 2 of d0 indexed after the reconnection',
    async () => (await statusOf(state.d0.dataset, 2))?.state === 'indexed',
    90_000,
  );
  assert.ok(indexed);
  const log = honest.log();
  assert.equal(log.split(`indexed dataset ${state.d0.dataset} version 1:`).length - 1, 1, 'version 1 indexed once');
  assert.equal(log.split(`indexed dataset ${state.d0.dataset} version 2:`).length - 1, 1);
  // Version 2 is version 1's segment plus one over the new row, built alone.
  assert.match(
    log,
    new RegExp(
      `indexed dataset ${state.d0.dataset} version 2: 4 contributions, \\d+ tokens; 1 new segment\\(s\\), 1 reused`,
    ),
  );

  // Over the two segments, the evidence is the JavaScript implementation's, byte for byte.
  const output = `${ANSWER} Also, ${TEXTS.later}`;
  const answer = await post('/v1/attribute', { model: state.model, modelVersion: 2, output });
  assert.equal(answer.status, 200, JSON.stringify(answer.body));
  const expected = attribute({
    model: state.model,
    modelVersion: 2,
    output,
    datasets: [
      {
        dataset: state.d0.dataset,
        contributions: [...state.d0.contributions, { id: later, text: TEXTS.later }],
        version: 2,
        root: await rootOf(state.d0.dataset, 2),
      },
      { ...state.d1, version: 1, root: await rootOf(state.d1.dataset, 1) },
    ],
  });
  assert.equal(JSON.stringify(answer.body.evidence), expected.json);
  assert.ok(
    expected.document.spans.some((span) => span.contribution === later),
    'a span in the new segment',
  );
  assert.ok(
    expected.document.spans.some((span) => span.contribution === state.d0.contributions[1].id),
    'and one in the reused segment',
  );
});

test("a datanet's own store lets go of a withdrawn or taken-down pending contribution's bytes, and of nothing else", async () => {
  // An attestor that is the store of datanet d0 (--dataset): it takes pending content.
  let store = await startAttestor({ nodeUrl: node.url, args: ['--dataset', String(state.d0.dataset)] });
  try {
    const put = (text) =>
      fetch(`${store.url}/v1/content`, { method: 'PUT', headers: { 'x-content-hash': hashOf(text) }, body: text });
    const used = async () => (await (await fetch(`${store.url}/v1/status`)).json()).store.usedBytes;
    const held = async (text) => (await fetch(`${store.url}/v1/content/${hashOf(text)}`)).status === 200;
    /** Uploads `text` once the store has seen its contribution. */
    const uploaded = (text, what) =>
      until(`the store to take ${what}`, async () => [200, 201].includes((await put(text)).status));
    const pending = 'A pending row that its contributor withdraws before the curators read it, bytes and all.';
    const id = await submitRow(state.d0.dataset, people.bob, pending);
    await uploaded(pending, 'the pending row');
    // An accepted row of d0 too.
    await uploaded(TEXTS.later, 'an accepted row');
    const before = await used();
    assert.ok(await held(pending));

    await submit(api, api.tx.datasets.withdrawContribution(id), people.bob);
    await until('the withdrawn row to leave the store', async () => !(await held(pending)), 30_000);
    assert.equal(await used(), before - new TextEncoder().encode(pending).length, 'its bytes left the quota');
    assert.equal((await put(pending)).status, 403, 'no longer taken');
    assert.ok(await held(TEXTS.later), 'the accepted row stays');
    assert.match(
      store.log(),
      new RegExp(`contribution ${id} withdrawn, rejected or taken down while pending: its content ${hashOf(pending)}`),
    );

    // While the store is away: a row uploaded while pending is accepted, and a copy of its hash
    // (bytes unseen) is submitted, then withdrawn. Catching up must not take the accepted
    // row's bytes for the copy's.
    const row = 'A row uploaded while pending, accepted while its store was away: its bytes stay for good.';
    const rowId = await submitRow(state.d0.dataset, people.bob, row);
    await uploaded(row, 'the pending row');
    await store.stop({ keep: true });
    const copyId = await submitRow(state.d0.dataset, people.charlie, row, 'copy');
    await submit(api, api.tx.datasets.reviewContribution(rowId, { Accept: { shares: 1 } }), people.alice);
    await submit(api, api.tx.datasets.withdrawContribution(copyId), people.charlie);
    store = await startAttestor({
      nodeUrl: node.url,
      basePath: store.basePath,
      args: ['--dataset', String(state.d0.dataset)],
    });
    // Its log goes on in the same file: the second start's line.
    const starts = () => store.log().split('indexer: following finalized blocks').length - 1;
    await until('the store to follow the chain again', async () => starts() === 2, 30_000);
    // Past the catch-up: a later withdrawal is settled at once, so the sweep ran before it.
    const laterId = await submitRow(state.d0.dataset, people.bob, pending);
    await uploaded(pending, 'it again');
    await submit(api, api.tx.datasets.withdrawContribution(laterId), people.bob);
    await until('the later withdrawal settled', async () => !(await held(pending)), 30_000);
    assert.ok(await held(row), 'the row accepted while the store was away keeps its bytes');
    const name = hashOf(row).slice(2);
    assert.ok(existsSync(join(store.basePath, 'content', name.slice(0, 2), name)), 'out of the pending area');

    // Governance takes down the accepted row, then a pending one: the pending row's bytes go
    // as a withdrawn one's do; the accepted row's stay (records over it may be challenged).
    const takenDown = 'A pending row that governance takes down before the curators read it.';
    const takenDownId = await submitRow(state.d0.dataset, people.bob, takenDown);
    await uploaded(takenDown, 'the row governance takes down');
    await submit(api, api.tx.sudo.sudo(api.tx.datasets.removeContribution(rowId)), people.alice);
    await submit(api, api.tx.sudo.sudo(api.tx.datasets.removeContribution(takenDownId)), people.alice);
    await until('the taken-down pending row to leave the store', async () => !(await held(takenDown)), 30_000);
    assert.ok(await held(row), 'the accepted row taken down (a block earlier) keeps its bytes');
  } finally {
    await store.stop();
  }
});
