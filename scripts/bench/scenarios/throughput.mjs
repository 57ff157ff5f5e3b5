// The throughput scenarios: balance transfers as the baseline; attribution records over 1, 4
// and 16 datasets at lineage depth 0 and 3; contributions to one big dataset; the same record
// against a pool of one contribution and one of all the big dataset's; and claims.

import { blake2AsHex } from '@polkadot/util-crypto';
import { log, tx } from '../lib/bench.mjs';
import { ATTESTORS, PER_CONTRIBUTOR, PERCENT, seeds, TRANSFER_SENDERS, UNIT } from './world.mjs';

const FEE = UNIT / 100n;

/** Runs every throughput scenario in `world`; returns their figures by key. */
export async function runThroughput(bench, world, { big }) {
  const { api } = bench;
  const results = {};
  let recordCounter = 0;
  const record = (model, datasets) => (i) => {
    const per = Math.floor((100 * PERCENT) / datasets.length);
    recordCounter += 1;
    return tx(
      seeds.attestor(i % ATTESTORS),
      'attribution',
      'recordInference',
      model,
      1,
      null,
      FEE,
      blake2AsHex(`inference ${recordCounter}`),
      { id: 'influence/1', paramsHash: blake2AsHex('params') },
      blake2AsHex(`evidence ${recordCounter}`),
      datasets.map((d) => [d, per]),
      0,
    );
  };

  results.transfer = await bench.scenario('balances.transfer_keep_alive', (i) =>
    tx(
      seeds.sender(i % TRANSFER_SENDERS),
      'balances',
      'transferKeepAlive',
      bench.account(seeds.sender((i + 1) % TRANSFER_SENDERS)).address,
      1_000_000n,
    ),
  );
  for (const depth of [0, 3]) {
    for (const count of [1, 4, 16]) {
      results[`record_${count}_${depth}`] = await bench.scenario(
        `attribution.record_inference (${count} datasets, lineage depth ${depth})`,
        record(world.models[depth], world.scored.slice(0, count)),
      );
    }
  }

  // submit_contribution: `big` contributions into one dataset, from accounts of 500 each.
  results.submit = await bench.scenario(
    'datasets.submit_contribution',
    (i) =>
      tx(
        seeds.contributor(1 + Math.floor(i / PER_CONTRIBUTOR)),
        'datasets',
        'submitContribution',
        world.bigDataset,
        blake2AsHex(`big row ${i}`),
        'row',
        0,
      ),
    { cap: big, blocks: 1000 },
  );
  const submittedBig = (await bench.eventsOf(results.submit.blocks, 'datasets', 'ContributionSubmitted')).map((e) => ({
    id: e.data.contribution.toNumber(),
    who: e.data.contributor.toString(),
  }));
  const bigIds = submittedBig.map((c) => c.id);
  log(`accepting ${bigIds.length} contributions into dataset ${world.bigDataset}`);
  const reviews = [];
  for (let i = 0; i < bigIds.length; i += 1000) {
    const calls = bigIds
      .slice(i, i + 1000)
      .map((c) => api.tx.datasets.reviewContribution(c, { Accept: { shares: 1 } }).method.toHex());
    reviews.push(tx(seeds.curator, 'utility', 'batchAll', calls));
  }
  await bench.setup(reviews, 'accept the big dataset');
  const bigInfo = await bench.rpc.call('datasets_get', [world.bigDataset]);
  log(`dataset ${world.bigDataset}: ${bigInfo.accepted} accepted contributions, ${bigInfo.totalShares} shares`);

  // The same record against a pool of one contribution and one of `big`: same weight, same rate.
  results.recordBig = await bench.scenario(
    `attribution.record_inference (1 dataset of ${bigInfo.accepted} contributions)`,
    record(world.models[0], [world.bigDataset]),
  );
  // scored[1], like the big dataset, is not the model's training set (a dataset both scored and
  // trained on is paid once: one pool write less), so the two records differ only in pool size.
  results.recordOne = await bench.scenario(
    'attribution.record_inference (1 dataset of 1 contribution)',
    record(world.models[0], [world.scored[1]]),
  );
  return { results, bigInfo, submittedBig };
}

/** claim_rewards: each big-dataset contribution claims its share, one per transaction. The pool
 * pays every contribution, so each claim pays out something. */
export async function runClaims(bench, world, submittedBig) {
  const contributorSeed = new Map(
    Array.from({ length: world.contributors }, (_, i) => [
      bench.account(seeds.contributor(1 + i)).address,
      seeds.contributor(1 + i),
    ]),
  );
  return bench.scenario(
    'datasets.claim_rewards (1 contribution)',
    (i) => tx(contributorSeed.get(submittedBig[i].who), 'datasets', 'claimRewards', [submittedBig[i].id]),
    { cap: submittedBig.length },
  );
}
