// The load tool: how much OpenLedger's calls cost next to a balance transfer, measured on a
// real node on loopback, side by side in one run.
//
//   scripts/bench/load.sh                 # everything; rewrites the figures in docs/performance.md
//   node load.mjs --quick --no-write      # a smaller run that leaves the docs alone
//
// How: the node runs `--dev --sealing manual` with a large transaction pool. For each scenario
// the tool signs transactions offline (worker threads, pre-funded accounts, explicit nonces),
// fills the pool with several blocks' worth, then authors blocks one at a time
// (`engine_createBlock`) until the pool is drained. It counts from the blocks themselves: the
// extrinsics of the scenario's call in each block, their `ExtrinsicSuccess` events and
// weights, the block's consumed weight and its timestamp. A full block is what the chain
// carries in one 6-second slot, so throughput = extrinsics per full block / 6 s. Then the RPC
// part: 1, 10 and 100 WebSocket clients call a method in a closed loop; requests per second
// and p50/p99 latency, against `system_health` as the baseline.

import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { RpcClient, Signers, startNode, submitAll } from './lib/chain.mjs';

const argv = new Set(process.argv.slice(2));
const QUICK = argv.has('--quick');
const WRITE = !argv.has('--no-write');
const UNIT = 10n ** 18n;
const PERCENT = 10_000_000;
const BLOCK_SECONDS = 6;
/** Contributions in the big dataset (spread over accounts: each may hold 512). */
const BIG = QUICK ? 5_000 : 100_000;
const PER_CONTRIBUTOR = 500;
const TRANSFER_SENDERS = 64;
const ATTESTORS = 16;
const RPC_SECONDS = QUICK ? 2 : 5;

const log = (...args) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

await cryptoWaitReady();
const keyring = new Keyring({ type: 'sr25519' });
const seeds = {
  alice: '//Alice',
  curator: '//Load/curator',
  owner: '//Load/owner',
  sender: (i) => `//Load/sender/${i}`,
  attestor: (i) => `//Load/attestor/${i}`,
  contributor: (i) => `//Load/contributor/${i}`,
};
const account = (seed) => keyring.addFromUri(seed);

const node = await startNode([
  '--dev', '--sealing', 'manual',
  // Room for every transaction of a scenario at once (the defaults are 8,192 and 20 MiB).
  '--pool-limit', '250000', '--pool-kbytes', '1048576',
  '--rpc-max-connections', '1000', '--rpc-max-request-size', '64', '--rpc-max-response-size', '64',
]);
log(`node up at ${node.url} (log: ${node.logFile})`);
const api = await ApiPromise.create({ provider: new WsProvider(node.url, 1000, {}, 120_000), noInitWarn: true });
const rpc = await RpcClient.connect(node.url);
const signers = await Signers.start(node.url);
const nonces = new Map();
const nonceOf = async (seed) => {
  if (!nonces.has(seed)) nonces.set(seed, (await api.rpc.system.accountNextIndex(account(seed).address)).toNumber());
  const nonce = nonces.get(seed);
  nonces.set(seed, nonce + 1);
  return nonce;
};

const maxNormal = (() => {
  const weights = api.consts.system.blockWeights;
  return weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
})();

/** Authors one block; returns what is in it, read from the chain. */
async function seal() {
  const started = process.hrtime.bigint();
  const { hash } = await rpc.call('engine_createBlock', [true, true, null]);
  const authoring = Number(process.hrtime.bigint() - started) / 1e6;
  const at = await api.at(hash);
  const [block, events, weight, now] = await Promise.all([
    api.rpc.chain.getBlock(hash), at.query.system.events(), at.query.system.blockWeight(), at.query.timestamp.now(),
  ]);
  const extrinsics = block.block.extrinsics.map((xt, index) => ({
    hash: xt.hash.toHex(), call: `${xt.method.section}.${xt.method.method}`, signed: xt.isSigned, index,
  }));
  for (const { phase, event } of events) {
    if (!phase.isApplyExtrinsic) continue;
    const xt = extrinsics[phase.asApplyExtrinsic.toNumber()];
    if (event.section === 'system' && event.method === 'ExtrinsicSuccess') {
      xt.ok = true;
      xt.weight = event.data.dispatchInfo.weight.refTime.toBigInt();
    } else if (event.section === 'system' && event.method === 'ExtrinsicFailed') {
      xt.ok = false;
      const error = event.data.dispatchError;
      xt.error = error.isModule ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(error.asModule)) : error.toString();
    }
    xt.events = (xt.events ?? 0) + 1;
  }
  return {
    number: block.block.header.number.toNumber(), hash, timestamp: now.toNumber(), authoringMs: authoring,
    normalWeight: weight.normal.refTime.toBigInt(), extrinsics,
  };
}

/** Submits signed `hexes`, then authors blocks until all are in; returns those blocks. */
async function run(hexes, label) {
  const submitted = await submitAll(node.url, hexes);
  if (Object.keys(submitted.errors).length) log(`${label}: pool refused`, submitted.errors);
  const wanted = new Set(hexes.map((hex) => blake2AsHex(hex, 256)));
  const blocks = [];
  let idle = 0;
  while (wanted.size > 0 && idle < 2) {
    const block = await seal();
    const ours = block.extrinsics.filter((xt) => wanted.delete(xt.hash));
    idle = ours.length ? 0 : idle + 1;
    blocks.push({ ...block, ours });
  }
  const failed = blocks.flatMap((b) => b.ours.filter((xt) => xt.ok === false));
  if (failed.length) log(`${label}: ${failed.length} failed, e.g. ${failed[0].error}`);
  if (wanted.size) log(`${label}: ${wanted.size} never included`);
  return { blocks, submitted, missing: wanted.size, failed: failed.length };
}

/** Signs and runs small setup transactions, failing loudly if any fails. */
async function setup(txs, label) {
  const hexes = await signers.sign(await withNonces(txs));
  const result = await run(hexes, label);
  if (result.failed || result.missing) throw new Error(`setup '${label}' failed`);
  return result;
}

async function withNonces(txs) {
  const out = [];
  for (const tx of txs) out.push({ ...tx, nonce: await nonceOf(tx.seed) });
  return out;
}

// Arguments cross to the signing workers by structured clone: nested calls go as SCALE hex.
const tx = (seed, section, method, ...args) => ({ seed, section, method, args });
const eventsOf = async (blocks, section, method) => {
  const out = [];
  for (const block of blocks) {
    for (const { event } of await (await api.at(block.hash)).query.system.events()) {
      if (event.section === section && event.method === method) out.push(event);
    }
  }
  return out;
};

/** What every extrinsic costs on top of its call (ref time, ps): the measured base weight. */
const baseExtrinsic = api.consts.system.blockWeights.perClass.normal.baseExtrinsic.refTime.toBigInt();

/**
 * Runs one throughput scenario: `make(i)` gives the i-th transaction. A probe transaction in a
 * block of its own tells the weight the call is actually charged (calls whose cost depends on
 * storage declare their worst case and are refunded after dispatch); that sizes the run at
 * `fill` full blocks and a half.
 */
async function scenario(name, make, { blocks: fill = 4, cap = 60_000 } = {}) {
  const probe = await run(await signers.sign(await withNonces([make(0)])), `${name} (probe)`);
  const probed = probe.blocks.flatMap((b) => b.ours)[0];
  if (!probed?.ok) throw new Error(`${name}: the probe failed: ${probed?.error}`);
  const weight = probed.weight + baseExtrinsic;
  const perBlock = Number(maxNormal / weight);
  const count = Math.min(cap - 1, perBlock * fill + Math.ceil(perBlock / 2));
  const txs = await withNonces(Array.from({ length: count }, (_, i) => make(i + 1)));
  const signStarted = Date.now();
  const hexes = await signers.sign(txs);
  const signSeconds = (Date.now() - signStarted) / 1000;
  log(`${name}: ${count} signed in ${signSeconds.toFixed(1)} s; weight ${(Number(weight) / 1e6).toFixed(1)} µs, ~${perBlock} per block`);
  const result = await run(hexes, name);
  const withOurs = result.blocks.filter((b) => b.ours.length);
  // Full blocks: all but the last, which drains the pool.
  const full = withOurs.slice(0, -1);
  const included = full.reduce((sum, b) => sum + b.ours.filter((xt) => xt.ok).length, 0);
  const span = full.length ? (full.at(-1).timestamp - result.blocks[0].timestamp + BLOCK_SECONDS * 1000) / 1000 : NaN;
  const figures = {
    name,
    weightUs: Number(weight) / 1e6,
    perBlock: full.length ? Math.round(included / full.length) : 0,
    tps: included / span,
    fullBlocks: full.length,
    fillPercent: full.length ? Math.round(full.reduce((s, b) => s + Number((b.normalWeight * 1000n) / maxNormal), 0) / full.length) / 10 : 0,
    authoringMs: full.length ? Math.round(full.reduce((s, b) => s + b.authoringMs, 0) / full.length) : 0,
    submittedPerSecond: Math.round(count / result.submitted.seconds),
    failed: result.failed,
    missing: result.missing,
    chargedWeights: [...new Set(withOurs.flatMap((b) => b.ours.filter((xt) => xt.ok).map((xt) => xt.weight)))],
  };
  log(`${name}: ${figures.perBlock} per full block over ${figures.fullBlocks} blocks = ${figures.tps.toFixed(1)} tx/s (blocks ${figures.fillPercent}% full, authored in ${figures.authoringMs} ms)`);
  return { ...figures, blocks: result.blocks };
}

// ---------------------------------------------------------------------------------------------
// The world: funded accounts, 16 scored datasets plus a big one, a lineage of four models,
// sixteen bonded attestors.
log('setting up accounts, datasets, models and attestors');
const contributors = Math.ceil(BIG / PER_CONTRIBUTOR);
const funding = [
  ...Array.from({ length: TRANSFER_SENDERS }, (_, i) => [seeds.sender(i), 100n * UNIT]),
  ...Array.from({ length: ATTESTORS }, (_, i) => [seeds.attestor(i), 20_000n * UNIT]),
  ...Array.from({ length: contributors + 1 }, (_, i) => [seeds.contributor(i), 100n * UNIT]),
  [seeds.curator, 10_000n * UNIT],
  [seeds.owner, 10_000n * UNIT],
];
const batches = [];
for (let i = 0; i < funding.length; i += 200) {
  batches.push(tx(seeds.alice, 'utility', 'batchAll', funding.slice(i, i + 200).map(([seed, amount]) => api.tx.balances.transferKeepAlive(account(seed).address, amount).method.toHex())));
}
await setup(batches, 'funding');

const SCORED = 16;
await setup(Array.from({ length: SCORED + 1 }, (_, i) => tx(seeds.curator, 'datasets', 'createDataset', `bench dataset ${i}`, 'CC-BY-4.0', { minBond: 0, open: true })), 'datasets');
const datasetIds = (await api.query.datasets.datasets.entries()).map(([key]) => key.args[0].toNumber()).sort((a, b) => a - b);
const scored = datasetIds.slice(0, SCORED);
const bigDataset = datasetIds[SCORED];
// One contribution in each scored dataset, accepted: every pool has exactly one shareholder.
const first = await setup(scored.map((d) => tx(seeds.contributor(0), 'datasets', 'submitContribution', d, blake2AsHex(`row of ${d}`), 'row')), 'contributions');
const firstIds = (await eventsOf(first.blocks, 'datasets', 'ContributionSubmitted')).map((e) => e.data.contribution.toNumber());
await setup(firstIds.map((c) => tx(seeds.curator, 'datasets', 'reviewContribution', c, { Accept: { shares: 1 } })), 'reviews');
await setup([tx(seeds.curator, 'datasets', 'publishVersion', scored[0])], 'version');

// A lineage: model 0 has no base; 1 derives from 0, 2 from 1, 3 from 2 (three ancestors).
const attestorAddresses = Array.from({ length: ATTESTORS }, (_, i) => account(seeds.attestor(i)).address);
const models = [];
for (let depth = 0; depth < 4; depth += 1) {
  const registered = await setup([tx(seeds.owner, 'models', 'registerModel', `hf://bench/${depth}`, 'Apache-2.0', depth ? models[depth - 1] : null, 5 * PERCENT, 0, { modelShare: 40 * PERCENT })], 'model');
  const [event] = await eventsOf(registered.blocks, 'models', 'ModelRegistered');
  const model = event.data.model.toNumber();
  models.push(model);
  await setup([
    tx(seeds.owner, 'models', 'publishVersion', model, blake2AsHex(`weights ${depth}`), [[scored[0], 1, 50 * PERCENT]]),
    tx(seeds.owner, 'models', 'setAttestors', model, attestorAddresses),
  ], 'model version');
}
await setup(Array.from({ length: ATTESTORS }, (_, i) => tx(seeds.attestor(i), 'attribution', 'bondAttestor', 1_000n * UNIT)), 'bonds');

// ---------------------------------------------------------------------------------------------
const results = {};
let recordCounter = 0;
const FEE = UNIT / 100n;
const record = (model, datasets) => (i) => {
  const per = Math.floor(100 * PERCENT / datasets.length);
  recordCounter += 1;
  return tx(seeds.attestor(i % ATTESTORS), 'attribution', 'recordInference', model, 1, null, FEE, blake2AsHex(`inference ${recordCounter}`),
    { id: 'influence/1', paramsHash: blake2AsHex('params') }, blake2AsHex(`evidence ${recordCounter}`), datasets.map((d) => [d, per]));
};

results.transfer = await scenario('balances.transfer_keep_alive', (i) => tx(seeds.sender(i % TRANSFER_SENDERS), 'balances', 'transferKeepAlive', account(seeds.sender((i + 1) % TRANSFER_SENDERS)).address, 1_000_000n));
for (const depth of [0, 3]) {
  for (const count of [1, 4, 16]) {
    results[`record_${count}_${depth}`] = await scenario(`attribution.record_inference (${count} datasets, lineage depth ${depth})`, record(models[depth], scored.slice(0, count)));
  }
}

// submit_contribution: BIG contributions into one dataset, from accounts of 500 each.
results.submit = await scenario('datasets.submit_contribution', (i) => tx(seeds.contributor(1 + Math.floor(i / PER_CONTRIBUTOR)), 'datasets', 'submitContribution', bigDataset, blake2AsHex(`big row ${i}`), 'row'), { cap: BIG, blocks: 1000 });
const submittedBig = (await eventsOf(results.submit.blocks, 'datasets', 'ContributionSubmitted')).map((e) => ({ id: e.data.contribution.toNumber(), who: e.data.contributor.toString() }));
const bigIds = submittedBig.map((c) => c.id);
log(`accepting ${bigIds.length} contributions into dataset ${bigDataset}`);
const reviews = [];
for (let i = 0; i < bigIds.length; i += 1000) {
  reviews.push(tx(seeds.curator, 'utility', 'batchAll', bigIds.slice(i, i + 1000).map((c) => api.tx.datasets.reviewContribution(c, { Accept: { shares: 1 } }).method.toHex())));
}
await setup(reviews, 'accept the big dataset');
const bigInfo = (await rpc.call('datasets_get', [bigDataset]));
log(`dataset ${bigDataset}: ${bigInfo.accepted} accepted contributions, ${bigInfo.totalShares} shares`);

// The same record against a pool of one contribution and one of BIG: same weight, same rate.
results.recordBig = await scenario(`attribution.record_inference (1 dataset of ${bigInfo.accepted} contributions)`, record(models[0], [bigDataset]));
// scored[1], like the big dataset, is not the model's training set (a dataset both scored and
// trained on is paid once: one pool write less), so the two records differ only in pool size.
results.recordOne = await scenario('attribution.record_inference (1 dataset of 1 contribution)', record(models[0], [scored[1]]));

// ---------------------------------------------------------------------------------------------
// RPC: closed-loop clients, each one request at a time.
const recordIds = (await eventsOf(results.record_16_3.blocks.slice(0, 1), 'attribution', 'InferenceRecorded')).map((e) => e.data.record.toNumber());
const someContributor = account(seeds.contributor(1)).address;
const rpcCases = [
  ['system_health', []],
  ['attribution_rewardSplit', [recordIds[0]]],
  ['attribution_pendingRewards', [someContributor]],
];
async function rpcLoad(method, params, clients) {
  const sockets = await Promise.all(Array.from({ length: clients }, () => RpcClient.connect(node.url)));
  const latencies = [];
  const deadline = Date.now() + RPC_SECONDS * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(sockets.map(async (socket) => {
    while (Date.now() < deadline) {
      const t0 = process.hrtime.bigint();
      await socket.call(method, params);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  sockets.forEach((socket) => socket.close());
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { method, clients, requests: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99) };
}
const pending = await rpc.call('attribution_pendingRewards', [someContributor]);
log(`pendingRewards of a contributor: ${pending.contributions.length} contributions`);
results.rpc = [];
for (const clients of [1, 10, 100]) {
  for (const [method, params] of rpcCases) {
    const figures = await rpcLoad(method, params, clients);
    log(`${method} × ${clients} clients: ${figures.perSecond.toFixed(0)} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms`);
    results.rpc.push(figures);
  }
}

// claim_rewards: each big-dataset contribution claims its share, one per transaction.
// The pool pays every contribution: each claim pays out something.
const contributorSeed = new Map(Array.from({ length: contributors }, (_, i) => [account(seeds.contributor(1 + i)).address, seeds.contributor(1 + i)]));
results.claim = await scenario('datasets.claim_rewards (1 contribution)', (i) => tx(contributorSeed.get(submittedBig[i].who), 'datasets', 'claimRewards', [submittedBig[i].id]), { cap: submittedBig.length });

await signers.stop();
rpc.close();
await api.disconnect();
await node.stop();

// ---------------------------------------------------------------------------------------------
const table = (rows) => rows.map((row) => `| ${row.join(' | ')} |`).join('\n');
const baseline = results.transfer;
const throughputRows = Object.entries(results).filter(([key]) => key !== 'rpc').map(([, r]) => [
  `\`${r.name}\``, r.weightUs.toFixed(1), r.perBlock, r.tps.toFixed(1), (r.tps / baseline.tps).toFixed(3), `${r.fillPercent}%`, r.authoringMs, r.fullBlocks,
]);
const r43 = results.record_4_3;
const direct32 = baseline.tps / (4 * 32); // one transfer per contributor of each of 4 datasets of 32
const rpcRows = results.rpc.map((r) => [`\`${r.method}\``, r.clients, r.perSecond.toFixed(0), r.p50.toFixed(2), r.p99.toFixed(2)]);
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const machine = `${cpus()[0].model}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Node ${process.version}`;
const markdown = `<!-- generated by scripts/bench/load.sh: do not edit by hand -->
Measured on ${new Date().toISOString().slice(0, 10)} at commit \`${commit}\` by \`scripts/bench/load.sh${QUICK ? ' --quick' : ''}\`
on ${machine}. One node (\`--dev --sealing manual\`); block limit for normal calls:
${(Number(maxNormal) / 1e12).toFixed(2)} s of weight; a block every ${BLOCK_SECONDS} s.

### Throughput, counted from the blocks

| call | weight (µs) | per full block | tx/s | × transfer | block weight used | authoring (ms) | full blocks |
|---|---|---|---|---|---|---|---|
${table(throughputRows)}

- \`record_inference\` with 4 scored datasets and lineage depth 3 runs at **${(r43.tps / baseline.tps).toFixed(3)}×** the
  transfer rate (target ≥ 0.333×) and its weight is **${(r43.weightUs / baseline.weightUs).toFixed(2)}×** a transfer's (target ≤ 3×).
- Paying each contributor of 4 datasets of 32 contributions directly would take 128 transfers per
  inference: ${direct32.toFixed(1)} inferences/s. Recording them carries **${(r43.tps / direct32).toFixed(1)}×** that (target ≥ 10×).
- A record on a dataset of ${bigInfo.accepted} contributions is charged ${results.recordBig.chargedWeights.map((w) => Number(w) / 1e6).join(', ')} µs;
  on a dataset of 1 contribution ${results.recordOne.chargedWeights.map((w) => Number(w) / 1e6).join(', ')} µs
  (${results.recordBig.chargedWeights.join() === results.recordOne.chargedWeights.join() ? 'equal' : '**not equal**'}),
  and the rates are ${results.recordBig.tps.toFixed(1)} and ${results.recordOne.tps.toFixed(1)} tx/s.

### RPC, closed-loop WebSocket clients (${RPC_SECONDS} s each)

| method | clients | requests/s | p50 (ms) | p99 (ms) |
|---|---|---|---|---|
${table(rpcRows)}

\`attribution_rewardSplit\` reads a record with 16 scored datasets and 3 ancestors;
\`attribution_pendingRewards\` an account with ${pending.contributions.length} contributions.
<!-- end of generated figures -->`;
console.log(markdown);
if (WRITE) {
  const path = new URL('../../docs/performance.md', import.meta.url);
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf('<!-- generated by scripts/bench/load.sh');
  const end = doc.indexOf('<!-- end of generated figures -->');
  if (start < 0 || end < 0) throw new Error('docs/performance.md lacks the generated-figures markers');
  writeFileSync(path, doc.slice(0, start) + markdown + doc.slice(end + '<!-- end of generated figures -->'.length));
  log('docs/performance.md updated');
}
