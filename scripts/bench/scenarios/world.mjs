// The world the scenarios run in: funded accounts, 16 scored datasets plus a big one, a lineage
// of four models, sixteen bonded attestors.

import { blake2AsHex } from '@polkadot/util-crypto';
import { log, tx } from '../lib/bench.mjs';

export const UNIT = 10n ** 18n;
export const PERCENT = 10_000_000;
/** Contributions one account brings to the big dataset (each account may hold 512). */
export const PER_CONTRIBUTOR = 500;
/** Datasets a record may score. */
export const SCORED = 16;
export const TRANSFER_SENDERS = 64;
export const ATTESTORS = 16;

export const seeds = {
  alice: '//Alice',
  curator: '//Load/curator',
  owner: '//Load/owner',
  sender: (i) => `//Load/sender/${i}`,
  attestor: (i) => `//Load/attestor/${i}`,
  contributor: (i) => `//Load/contributor/${i}`,
};

/**
 * Sets up the world for `big` contributions to come; returns `{ contributors, scored,
 * bigDataset, models }` (model `i` has `i` ancestors).
 */
export async function setUpWorld(bench, { big }) {
  const { api } = bench;
  log('setting up accounts, datasets, models and attestors');
  const contributors = Math.ceil(big / PER_CONTRIBUTOR);
  const funding = [
    ...Array.from({ length: TRANSFER_SENDERS }, (_, i) => [seeds.sender(i), 100n * UNIT]),
    ...Array.from({ length: ATTESTORS }, (_, i) => [seeds.attestor(i), 20_000n * UNIT]),
    // 500 contributions' storage deposits (1.227 OPEN each for 3 bytes of metadata) and fees.
    ...Array.from({ length: contributors + 1 }, (_, i) => [seeds.contributor(i), 1_000n * UNIT]),
    [seeds.curator, 10_000n * UNIT],
    [seeds.owner, 10_000n * UNIT],
  ];
  const batches = [];
  for (let i = 0; i < funding.length; i += 200) {
    const transfers = funding
      .slice(i, i + 200)
      .map(([seed, amount]) => api.tx.balances.transferKeepAlive(bench.account(seed).address, amount).method.toHex());
    batches.push(tx(seeds.alice, 'utility', 'batchAll', transfers));
  }
  await bench.setup(batches, 'funding');

  const open = { minBond: 0, open: true };
  await bench.setup(
    Array.from({ length: SCORED + 1 }, (_, i) =>
      tx(seeds.curator, 'datasets', 'createDataset', `bench dataset ${i}`, 'CC-BY-4.0', open),
    ),
    'datasets',
  );
  const datasetIds = (await api.query.datasets.datasets.entries())
    .map(([key]) => key.args[0].toNumber())
    .sort((a, b) => a - b);
  const scored = datasetIds.slice(0, SCORED);
  const bigDataset = datasetIds[SCORED];
  // One contribution in each scored dataset, accepted: every pool has exactly one shareholder.
  const first = await bench.setup(
    scored.map((d) =>
      tx(seeds.contributor(0), 'datasets', 'submitContribution', d, blake2AsHex(`row of ${d}`), 'row', 0),
    ),
    'contributions',
  );
  const firstIds = (await bench.eventsOf(first.blocks, 'datasets', 'ContributionSubmitted')).map((e) =>
    e.data.contribution.toNumber(),
  );
  await bench.setup(
    firstIds.map((c) => tx(seeds.curator, 'datasets', 'reviewContribution', c, { Accept: { shares: 1 } })),
    'reviews',
  );
  await bench.setup([tx(seeds.curator, 'datasets', 'publishVersion', scored[0])], 'version');

  // A lineage: model 0 has no base; 1 derives from 0, 2 from 1, 3 from 2 (three ancestors).
  const attestorAddresses = Array.from({ length: ATTESTORS }, (_, i) => bench.account(seeds.attestor(i)).address);
  const models = [];
  for (let depth = 0; depth < 4; depth += 1) {
    const base = depth ? models[depth - 1] : null;
    const registered = await bench.setup(
      [
        tx(seeds.owner, 'models', 'registerModel', `hf://bench/${depth}`, 'Apache-2.0', base, 5 * PERCENT, 0, {
          modelShare: 40 * PERCENT,
        }),
      ],
      'model',
    );
    const [event] = await bench.eventsOf(registered.blocks, 'models', 'ModelRegistered');
    const model = event.data.model.toNumber();
    models.push(model);
    await bench.setup(
      [
        tx(seeds.owner, 'models', 'publishVersion', model, blake2AsHex(`weights ${depth}`), [
          [scored[0], 1, 50 * PERCENT],
        ]),
        tx(seeds.owner, 'models', 'setAttestors', model, attestorAddresses),
      ],
      'model version',
    );
  }
  await bench.setup(
    Array.from({ length: ATTESTORS }, (_, i) => tx(seeds.attestor(i), 'attribution', 'bondAttestor', 1_000n * UNIT)),
    'bonds',
  );
  return { contributors, scored, bigDataset, models };
}
