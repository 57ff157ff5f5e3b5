// The web page (web/) in Debian's Chromium, against the real node: built with Vite, served by
// `vite preview` as scripts/run.sh serves it, driven by puppeteer-core on the system browser.
// It checks what the page draws against the node's RPC answers: the lineage graph's nodes, a
// record's split amounts, a claim that changes the balance, live updates, and the error pages.
// Screenshots of each view go to $OPENLEDGER_WEB_SCREENSHOTS (default: a temporary directory);
// docs/web.md shows the ones taken with OPENLEDGER_WEB_SCREENSHOTS=docs/web.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amount, answer } from '@openledger/api';
import puppeteer from 'puppeteer-core';
import { build, preview } from 'vite';
import { freePort, startNode, until } from '../../lib/node.js';
import { populate } from '../../lib/scenario.js';
import { findEvent, submit } from '../../lib/tx.js';

const WEB = fileURLToPath(new URL('../../../web', import.meta.url));
const CHROMIUM = process.env.OPENLEDGER_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS = resolve(
  fileURLToPath(new URL('../../..', import.meta.url)),
  process.env.OPENLEDGER_WEB_SCREENSHOTS ?? mkdtempSync(join(tmpdir(), 'openledger-web-')),
);

let node;
let api;
let server;
let browser;
let page;
let state;
let base;
const pageErrors = [];

before(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} not found: install Debian's chromium (scripts/setup.sh does with OPENLEDGER_SETUP_BROWSER=1)`,
    );
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  // The page is built here, so that it is never an old build that is tested.
  await build({ root: WEB, logLevel: 'warn' });
  node = await startNode();
  api = node.api;
  const port = await freePort();
  server = await preview({ root: WEB, logLevel: 'warn', preview: { port, host: '127.0.0.1', strictPort: true } });
  base = `http://127.0.0.1:${port}/?rpc=${encodeURIComponent(node.url)}`;
  browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root in CI containers: Chromium's sandbox needs user namespaces it may not have.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
    defaultViewport: { width: 1200, height: 860 },
  });
  page = await browser.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

after(async () => {
  await browser?.close();
  await server?.close();
  await node?.stop();
});

/** Opens `#/…` and waits until the view for it is drawn (and `selector` is in it). */
async function open(route, selector) {
  const url = `${base}${route}`;
  if (page.url().startsWith(base.split('#')[0]) && page.url() !== 'about:blank') {
    await page.evaluate((hash) => {
      location.hash = hash;
    }, route);
  } else {
    await page.goto(url);
  }
  await page.waitForSelector(`#view[data-route="${route}"] ${selector}`, { timeout: 30_000 });
}

const shot = (name) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

test('an empty chain says so; the list fills in as datanets are created, without a reload', async () => {
  await open('#/', '.empty');
  assert.match(await page.$eval('#view', (v) => v.textContent), /No datanets yet/);
  state = await populate(api);
  await page.waitForFunction(() => document.querySelectorAll('#datanets tbody tr').length === 2, { timeout: 30_000 });
});

test('the datanets list and a datanet with its contributions', async () => {
  await open('#/', '#datanets');
  const ids = await page.$$eval('#datanets tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual(
    ids,
    [...state.datasets].reverse().map((id) => `#${id}`),
    'newest first',
  );
  await shot('datanets');

  const [first] = state.datasets;
  await open(`#/datanet/${first}`, '#contributions');
  const rows = await page.$$eval('#contributions tbody tr td:first-child', (cells) => cells.map((c) => c.textContent));
  const expected = answer(await api.rpc.datasets.contributions(first, null, { limit: 20 })).items.map(
    (c) => `#${c.id}`,
  );
  assert.deepEqual(rows, expected);
  assert.equal(await page.$$eval('#versions tbody tr', (r) => r.length), 1);
  await shot('datanet');
});

test('a model: the lineage graph has the nodes the RPC answers', async () => {
  await open(`#/model/${state.model}`, '#lineage');
  const nodes = await page.$$eval('#lineage .node', (gs) =>
    gs.map((g) => ({ kind: g.dataset.kind, id: Number(g.dataset.id), perbill: g.dataset.perbill ?? null })),
  );
  const model = answer(await api.rpc.models.get(state.model));
  const lineage = answer(await api.rpc.models.lineage(state.model));
  const of = (kind) => nodes.filter((n) => n.kind === kind);
  assert.deepEqual(
    of('ancestor').map((n) => [n.id, Number(n.perbill)]),
    [...lineage.ancestors].reverse().map((a) => [a.model, a.royaltyPerbill]),
  );
  assert.deepEqual(
    of('ancestor').map((n) => n.id),
    [state.baseModel],
  );
  assert.deepEqual(
    of('model').map((n) => n.id),
    [state.model],
  );
  assert.deepEqual(
    of('derivative').map((n) => n.id),
    lineage.derivatives,
  );
  assert.deepEqual(
    of('derivative').map((n) => n.id),
    [state.derivative],
  );
  const training = model.versions.at(-1).training;
  assert.deepEqual(
    of('dataset').map((n) => [n.id, Number(n.perbill)]),
    training.map((t) => [t.dataset, t.weightPerbill]),
  );
  assert.equal(training.length, 2);
  await shot('model');

  // A node is a link: the ancestor opens its own page, where our model is a derivative.
  await page.click(`#lineage .node.ancestor[data-id="${state.baseModel}"]`);
  await page.waitForSelector(
    `#view[data-route="#/model/${state.baseModel}"] #lineage .node.derivative[data-id="${state.model}"]`,
  );
});

test("a record: the split drawn is the node's, to the unit, and sums to the fee", async () => {
  for (const id of state.records) {
    await open(`#/record/${id}`, '#split');
    const record = answer(await api.rpc.attribution.rewardSplit(id));
    const { split } = record;
    const expected = [['protocol', split.treasury.protocol]];
    if (split.agentOperator) expected.push(['operator', split.agentOperator.amount]);
    expected.push(['owner', split.modelOwner.amount]);
    for (const a of split.ancestors) expected.push([`ancestor-${a.model}`, a.amount]);
    for (const d of split.datasets) expected.push([`dataset-${d.dataset}`, d.amount]);
    expected.push(['unattributed', split.treasury.unattributed], ['dust', split.treasury.dust]);
    const rows = await page.$$eval('#split tbody tr', (trs) => trs.map((tr) => [tr.dataset.part, tr.dataset.amount]));
    assert.deepEqual(rows, expected, `record ${id}`);
    const sum = rows.reduce((total, [, x]) => total + BigInt(x), 0n);
    assert.equal(sum, amount(record.fee), 'the parts shown sum to the fee');
    assert.match(await page.$eval('#split tfoot', (f) => f.textContent), /= the fee, exactly/);
    // Every non-zero part is a segment of the bar.
    const segments = await page.$$eval('#split-bar rect', (rects) => rects.map((r) => r.dataset.part));
    assert.deepEqual(
      segments,
      rows.filter(([, x]) => x !== '0').map(([part]) => part),
    );
    assert.equal(await page.$eval('#record-status', (s) => s.textContent), record.status);
    if (id === state.records[0]) await shot('record');
  }
  assert.equal(answer(await api.rpc.attribution.rewardSplit(state.records[2])).status, 'challenged');
  await open(`#/record/${state.records[2]}`, '#record-status');
  assert.match(await page.$eval('#view', (v) => v.textContent), /challenged by .* with a bond of 10 OPEN/);
  await shot('record-challenged');
});

test('an account claims its rewards with the Claim button and its balance changes', async () => {
  const bob = state.people.bob.address;
  const pending = amount(answer(await api.rpc.attribution.pendingRewards(bob)).total);
  assert.ok(pending > 0n, 'Bob has something to claim');
  const before = (await api.query.system.account(bob)).data.free.toBigInt();

  await open(`#/account/${bob}`, '#claim');
  assert.equal(await page.$eval('#pending', (p) => p.dataset.amount), pending.toString());
  assert.equal(await page.$eval('#balance', (b) => b.dataset.free), before.toString());
  await shot('account');
  await page.click('#claim');
  const status = await page.waitForSelector('#claim-status.ok', { timeout: 30_000 });
  const { claimed, fee } = await status.evaluate((p) => ({ claimed: p.dataset.claimed, fee: p.dataset.fee }));
  assert.equal(BigInt(claimed), pending, 'it claimed exactly what was pending');
  const after = (await api.query.system.account(bob)).data.free.toBigInt();
  assert.equal(after, before + pending - BigInt(fee), 'the balance grew by the claim, less the fee');
  // The page redraws with the new balance at the next block, and has nothing left to claim.
  await page.waitForFunction((free) => document.querySelector('#balance')?.dataset.free === free, {}, after.toString());
  assert.equal(await page.$eval('#pending', (p) => p.dataset.amount), '0');
  assert.equal(await page.$('#claim'), null, 'no Claim button when nothing is pending');
  await shot('account-claimed');
});

test("an account's page lists what it owns and runs, each list read with one call", async () => {
  const { curator, attestor, tuner } = state.people;
  const links = (selector) => page.$$eval(`${selector} a`, (as) => as.map((a) => a.getAttribute('href')));
  await open(`#/account/${curator.address}`, '#owned-datanets');
  assert.deepEqual(
    await links('#owned-datanets'),
    state.datasets.map((id) => `#/datanet/${id}`),
  );
  await open(`#/account/${tuner.address}`, '#owned-models');
  assert.deepEqual(await links('#owned-models'), [`#/model/${state.model}`]);
  await open(`#/account/${attestor.address}`, '#owned-records');
  const attested = answer(await api.rpc.attribution.records({ attestor: attestor.address })).items;
  assert.deepEqual(
    attested.map((r) => r.id),
    state.records,
  );
  assert.deepEqual(
    await links('#owned-records'),
    state.records.map((id) => `#/record/${id}`),
  );
  await shot('account-owns');
  // Amounts are rounded for reading, exact on hover.
  const fee = await page.$eval('.amount', (a) => ({ shown: a.textContent, exact: a.title }));
  assert.match(fee.exact, /^[0-9]+(\.[0-9]+)? OPEN$/);
  assert.match(fee.shown, /^[0-9]+(\.[0-9]{1,4})? OPEN$|^0\.0+[0-9]{1,2} OPEN$/);
});

test('with a wallet extension, the Claim button signs through it', async () => {
  // A wallet as extensions inject it (`window.injectedWeb3`), holding Charlie's key; it signs
  // the payload the page hands it the way the polkadot{.js} extension does.
  const { charlie } = state.people;
  let signed = 0;
  const wallet = await browser.newPage();
  wallet.on('pageerror', (error) => pageErrors.push(error.message));
  await wallet.exposeFunction('testWalletSign', (payload) => {
    signed += 1;
    return api.registry.createType('ExtrinsicPayload', payload, { version: payload.version }).sign(charlie).signature;
  });
  await wallet.evaluateOnNewDocument((address) => {
    window.injectedWeb3 = {
      'test-wallet': {
        version: '0.0.1',
        enable: async () => ({
          accounts: { get: async () => [{ address, name: 'Charlie (wallet)', type: 'sr25519' }] },
          signer: { signPayload: async (payload) => ({ id: 1, signature: await window.testWalletSign(payload) }) },
        }),
      },
    };
  }, charlie.address);

  const pending = amount(answer(await api.rpc.attribution.pendingRewards(charlie.address)).total);
  assert.ok(pending > 0n, 'Charlie has something to claim');
  const before = (await api.query.system.account(charlie.address)).data.free.toBigInt();
  await wallet.goto(`${base}#/account/${charlie.address}`);
  await wallet.waitForSelector('#claim', { timeout: 30_000 });
  assert.equal(
    await wallet.$eval('h1', (h) => h.textContent),
    "Charlie (wallet)'s account",
    'the wallet account first',
  );
  await wallet.goto(`${base}#/accounts`);
  await wallet.waitForSelector('#accounts');
  assert.match(await wallet.$eval('#accounts', (t) => t.textContent), /Charlie \(wallet\).*your wallet extension/);
  await wallet.goto(`${base}#/account/${charlie.address}`);
  await wallet.waitForSelector('#claim', { timeout: 30_000 });
  await wallet.click('#claim');
  const status = await wallet.waitForSelector('#claim-status.ok', { timeout: 30_000 });
  const { claimed, fee } = await status.evaluate((p) => ({ claimed: p.dataset.claimed, fee: p.dataset.fee }));
  assert.equal(signed, 1, 'the wallet signed the claim');
  assert.equal(BigInt(claimed), pending);
  const after = (await api.query.system.account(charlie.address)).data.free.toBigInt();
  assert.equal(after, before + pending - BigInt(fee));
  await wallet.close();
});

test('live: a contribution submitted elsewhere appears without reloading', async () => {
  const [, second] = state.datasets;
  await open(`#/datanet/${second}`, '#contributions');
  const count = () => page.$$eval('#contributions tbody tr', (r) => r.length);
  const rows = await count();
  const submitted = await submit(
    api,
    api.tx.datasets.submitContribution(second, '0x'.padEnd(66, '7'), 'Charlie: knife skills', 10n ** 18n),
    state.people.charlie,
  );
  const id = findEvent(submitted.events, 'datasets', 'ContributionSubmitted').data.contribution.toNumber();
  await until('the new contribution on the page', async () => (await count()) === rows + 1, 30_000);
  assert.match(
    await page.$eval('#contributions', (t) => t.textContent),
    new RegExp(`#${id}.*Charlie: knife skills.*pending`),
  );
});

test('clear error pages: an unknown id, a malformed address, and a node that is down', async () => {
  await open('#/record/999999', '#error');
  assert.match(await page.$eval('#error', (e) => e.textContent), /Not found.*Record 999999 not found/);
  await shot('not-found');
  await open('#/account/5NotAnAddress', '#error');
  assert.match(await page.$eval('#error', (e) => e.textContent), /"5NotAnAddress" is not an account address/);

  const nobody = await freePort();
  const down = await browser.newPage();
  await down.goto(`http://${new URL(base).host}/?rpc=ws://127.0.0.1:${nobody}#/`);
  await down.waitForSelector('#status.down', { timeout: 30_000 });
  assert.match(
    await down.$eval('#status', (s) => s.textContent),
    new RegExp(`Cannot reach the node at ws://127.0.0.1:${nobody}`),
  );
  assert.match(await down.$eval('#view', (v) => v.textContent), /Waiting for the node/);
  await down.screenshot({ path: join(SCREENSHOTS, 'node-down.png') });
  await down.close();
  assert.deepEqual(pageErrors, [], 'no uncaught error in the page');
});
