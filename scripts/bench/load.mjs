// The load tool: how much OpenLedger's calls cost next to a balance transfer, measured on a
// real node on loopback, side by side in one run.
//
//   scripts/bench/load.sh                 # everything; rewrites the figures in docs/performance.md
//   node bench/load.mjs --quick --no-write  # (from scripts/) a smaller run that leaves the docs alone
//
// This file runs the parts in order: the node (`--dev --sealing manual`, a large pool), the
// world (scenarios/world.mjs), the throughput scenarios (scenarios/throughput.mjs, measured by
// lib/bench.mjs), RPC latency at 1, 10 and 100 clients against `system_health` as the baseline
// (scenarios/rpc.mjs), the claims, and the report (report.mjs).

import { ApiPromise, WsProvider } from '@polkadot/api';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import { Bench, log } from './lib/bench.mjs';
import { report, writeReport } from './report.mjs';
import { runRpc } from './scenarios/rpc.mjs';
import { runClaims, runThroughput } from './scenarios/throughput.mjs';
import { seeds, setUpWorld } from './scenarios/world.mjs';

const argv = new Set(process.argv.slice(2));
const QUICK = argv.has('--quick');
const WRITE = !argv.has('--no-write');
/** Contributions in the big dataset. */
const BIG = QUICK ? 5_000 : 100_000;
const RPC_SECONDS = QUICK ? 2 : 5;

await cryptoWaitReady();
const node = await startNode({
  api: false,
  args: [
    '--dev',
    '--sealing',
    'manual',
    // Room for every transaction of a scenario at once (the defaults are 8,192 and 20 MiB).
    '--pool-limit',
    '250000',
    '--pool-kbytes',
    '1048576',
    '--rpc-max-connections',
    '1000',
    '--rpc-max-request-size',
    '64',
    '--rpc-max-response-size',
    '64',
  ],
});
log(`node up at ${node.url} (log: ${node.logFile})`);
const api = await ApiPromise.create({ provider: new WsProvider(node.url, 1000, {}, 120_000), noInitWarn: true });
const bench = await Bench.connect(api, node.url);

const world = await setUpWorld(bench, { big: BIG });
const { results, bigInfo, submittedBig } = await runThroughput(bench, world, { big: BIG });

const recordIds = (
  await bench.eventsOf(results.record_16_3.blocks.slice(0, 1), 'attribution', 'InferenceRecorded')
).map((e) => e.data.record.toNumber());
const someContributor = bench.account(seeds.contributor(1)).address;
const pending = await bench.rpc.call('attribution_pendingRewards', [someContributor]);
log(`pendingRewards of a contributor: ${pending.contributions.length} contributions`);
const rpc = await runRpc(
  node.url,
  [
    ['system_health', []],
    ['attribution_rewardSplit', [recordIds[0]]],
    ['attribution_pendingRewards', [someContributor]],
  ],
  RPC_SECONDS,
);
results.claim = await runClaims(bench, world, submittedBig);

await bench.close();
await api.disconnect();
await node.stop();

const markdown = report({
  results,
  rpc,
  bigInfo,
  pending,
  maxNormal: bench.maxNormal,
  quick: QUICK,
  rpcSeconds: RPC_SECONDS,
});
console.log(markdown);
if (WRITE) {
  writeReport(markdown);
  log('docs/performance.md updated');
}
