// The RPC answer cache, measured with a native load generator (oha), side by side in one run:
// a node with the answer cache (the default) and a second node on the same chain without it
// (`--rpc-answer-cache 0`), each against `system_health` (no runtime, no state) and
// `state_getStorage` of one key (the cheapest state read the node serves).
//
//   scripts/bench/rpc-load.sh                  # rewrites the RPC figures in docs/performance.md
//   node bench/rpc-load.mjs --quick --no-write # (from scripts/) a smaller run, docs left alone
//
// Closed loop: `c` connections, each sending its next request when the answer arrives.
// Open loop: requests at a fixed offered rate whatever the answers do (oha `-q` with
// `--latency-correction`, so a slow answer delays the latency of the ones queued behind it
// as it would for real clients). oha runs on the same two cores as the node.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { blake2AsHex, cryptoWaitReady, xxhashAsHex } from '@polkadot/util-crypto';
import { startNode, until } from '../lib/node.js';
import { populate } from '../lib/scenario.js';
import { findEvent, submit } from '../lib/tx.js';

const argv = new Set(process.argv.slice(2));
const QUICK = argv.has('--quick');
const WRITE = !argv.has('--no-write');
const SECONDS = QUICK ? 2 : 5;
const RATES = [1000, 4000];
const CONNECTIONS = [10, 100];
/** Contributions of the account whose pending rewards are asked for. */
const HEAVY = QUICK ? 120 : 499;
const OHA = process.env.OHA ?? 'oha';
const log = (...args) => console.error(new Date().toISOString().slice(11, 19), ...args);

function oha(url, body, { connections, rate }) {
  const args = ['--no-tui', '--output-format', 'json', '-z', `${SECONDS}s`, '-m', 'POST'];
  args.push('-H', 'content-type: application/json', '-d', body);
  if (rate) args.push('-q', String(rate), '--latency-correction', '-c', '200');
  else args.push('-c', String(connections));
  args.push(url);
  const run = spawnSync(OHA, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`oha failed: ${run.stderr}`);
  const result = JSON.parse(run.stdout);
  const ok = result.statusCodeDistribution?.['200'] ?? 0;
  const all = Object.values(result.statusCodeDistribution ?? {}).reduce((a, b) => a + b, 0);
  // The requests still in flight when the time is up are "aborted due to deadline": not errors.
  const failed = Object.entries(result.errorDistribution ?? {})
    .filter(([reason]) => !reason.includes('deadline'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    rps: result.summary.requestsPerSec,
    p50: result.latencyPercentiles.p50 * 1000,
    p99: result.latencyPercentiles.p99 * 1000,
    errors: all - ok + failed,
  };
}

await cryptoWaitReady();
log('starting the node with the answer cache');
const common = ['--dev', '--sealing', 'instant', '--enable-offchain-indexing', 'true', '--rpc-max-connections', '1000'];
const cached = await startNode({ args: common });
const api = cached.api;
const world = await populate(api);
const { people } = world;

// An account with many contributions, all rewarded: what a busy contributor's dashboard asks.
log(`an account with ${HEAVY} rewarded contributions`);
const heavy = people.sudo.derive('//Heavy');
await submit(api, api.tx.balances.transferKeepAlive(heavy.address, 100_000n * 10n ** 18n), people.sudo);
const created = await submit(
  api,
  api.tx.datasets.createDataset('Many small rows', 'CC0-1.0', { minBond: 0, open: true }),
  people.curator,
);
const dataset = findEvent(created.events, 'datasets', 'DatasetCreated').data.dataset.toNumber();
const first = (await api.query.datasets.nextContributionId()).toNumber();
const rows = [...Array(HEAVY).keys()].map((n) => `row ${n}`);
await submit(
  api,
  api.tx.utility.batchAll(rows.map((row) => api.tx.datasets.submitContribution(dataset, blake2AsHex(row), row, 0))),
  heavy,
);
await submit(
  api,
  api.tx.utility.batchAll(rows.map((_, n) => api.tx.datasets.reviewContribution(first + n, { Accept: { shares: 1 } }))),
  people.curator,
);
await submit(
  api,
  api.tx.attribution.recordInference(
    world.model,
    1,
    null,
    10n ** 18n,
    blake2AsHex('rpc load inference'),
    { id: 'span-match/1', paramsHash: blake2AsHex('params') },
    blake2AsHex('rpc load evidence'),
    [[dataset, 500_000_000]],
    0,
  ),
  people.attestor,
);

log('starting a second node on the same chain, without the answer cache');
const [address] = await api.rpc.system.localListenAddresses();
const uncached = await startNode({
  args: [...common, '--bootnodes', address.toString(), '--rpc-answer-cache', '0'],
});
const best = (await api.rpc.chain.getHeader()).number.toNumber();
await until(
  'the second node to sync',
  async () => (await uncached.api.rpc.chain.getHeader()).number.toNumber() >= best,
);

const numberKey = xxhashAsHex('System', 128) + xxhashAsHex('Number', 128).slice(2);
const methods = [
  ['system_health', []],
  ['state_getStorage', [numberKey]],
  ['attribution_rewardSplit', [world.records[0]]],
  ['datasets_get', [world.datasets[0]]],
  ['attribution_pendingRewards', [heavy.address]],
];
const sizes = {};
for (const [method, params] of methods) {
  const answer = await cached.rpc(method, params);
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  sizes[method] = JSON.stringify(answer).length;
  const other = await uncached.rpc(method, params);
  // (system_health tells each node's own peers: not the same.)
  if (method !== 'system_health' && JSON.stringify(other.result) !== JSON.stringify(answer.result)) {
    throw new Error(`${method}: the nodes answer differently`);
  }
}

const results = [];
for (const [label, node] of [
  ['cache', cached],
  ['no cache', uncached],
]) {
  const url = `http://127.0.0.1:${node.rpcPort}/`;
  for (const [method, params] of methods) {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
    oha(url, body, { connections: 10 }); // warm-up (and, for the cache, the one computation)
    for (const connections of CONNECTIONS) {
      const r = oha(url, body, { connections });
      log(label, method, `c=${connections}`, r);
      results.push({ label, method, load: `closed, ${connections} connections`, ...r });
    }
    for (const rate of RATES) {
      const r = oha(url, body, { rate });
      log(label, method, `${rate}/s`, r);
      results.push({ label, method, load: `open, ${rate} req/s offered`, ...r });
    }
  }
}
await uncached.stop();
await cached.stop();

const fmt = (x, digits = 2) => x.toFixed(digits);
const find = (label, method, load) => results.find((r) => r.label === label && r.method === method && r.load === load);
// `-dirty` when the tree measured has changes not committed yet.
const commit = spawnSync('git', ['describe', '--always', '--dirty'], { encoding: 'utf8' }).stdout.trim();
const ohaVersion = spawnSync(OHA, ['--version'], { encoding: 'utf8' }).stdout.trim();
let md = '<!-- generated by scripts/bench/rpc-load.sh: do not edit by hand -->\n';
md += `Measured on ${new Date().toISOString().slice(0, 10)} at commit \`${commit}\` by \`scripts/bench/rpc-load.sh\` with ${ohaVersion} (HTTP, ${SECONDS} s per row), on the same 2 cores as the node. Answer sizes: ${methods.map(([m]) => `\`${m}\` ${sizes[m]} B`).join(', ')}. \`pendingRewards\` is asked for an account of ${HEAVY} rewarded contributions (its first page of 100).\n\n`;
md += '| method | load | cache: req/s | p50 (ms) | p99 (ms) | no cache: req/s | p50 (ms) | p99 (ms) | req/s × |\n';
md += '|---|---|---|---|---|---|---|---|---|\n';
for (const [method] of methods) {
  for (const load of [
    ...CONNECTIONS.map((c) => `closed, ${c} connections`),
    ...RATES.map((r) => `open, ${r} req/s offered`),
  ]) {
    const a = find('cache', method, load);
    const b = find('no cache', method, load);
    const errors = a.errors + b.errors ? ` (errors: ${a.errors} / ${b.errors})` : '';
    md += `| \`${method}\` | ${load}${errors} | ${fmt(a.rps, 0)} | ${fmt(a.p50)} | ${fmt(a.p99)} | ${fmt(b.rps, 0)} | ${fmt(b.p50)} | ${fmt(b.p99)} | ${fmt(a.rps / b.rps)} |\n`;
  }
}
md += '<!-- end of generated RPC figures -->';
console.log(md);
if (WRITE) {
  const path = new URL('../../docs/performance.md', import.meta.url);
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf('<!-- generated by scripts/bench/rpc-load.sh');
  const endMarker = '<!-- end of generated RPC figures -->';
  const end = doc.indexOf(endMarker);
  if (start < 0 || end < 0) throw new Error('docs/performance.md lacks the RPC figures markers');
  writeFileSync(path, doc.slice(0, start) + md + doc.slice(end + endMarker.length));
}
process.exit(0);
