// A small world on a development chain, for the browser test and for looking at the web page:
// two datanets with accepted contributions from the development accounts Bob and Charlie
// (whose keys the page signs with on a development chain), a base model, a fine-tune trained
// on both datanets, a model derived from the fine-tune, an agent, and three attribution
// records of which one is challenged.
//
//   node scripts/lib/scenario.js ws://127.0.0.1:9944    # fills a running dev node (scripts/run.sh)

import { pathToFileURL } from 'node:url';
import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { findEvent, submit as submitTx } from './tx.js';

export const UNIT = 10n ** 18n;
export const PERCENT = 10_000_000n; // parts per billion

/**
 * Fills the chain behind `api` (a development chain: //Alice is rich); returns the ids.
 * With `{ finalized: false }` each transaction waits only for its block, not for finality
 * (faster on a network of Aura validators).
 */
export async function populate(api, { finalized = true } = {}) {
  const submit = (api, tx, signer) => submitTx(api, tx, signer, { finalized });
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const dev = (name) => keyring.addFromUri(`//${name}`);
  const people = {
    sudo: dev('Alice'),
    bob: dev('Bob'),
    charlie: dev('Charlie'),
    curator: keyring.addFromUri('//Web/curator'),
    baseOwner: keyring.addFromUri('//Web/base-owner'),
    tuner: keyring.addFromUri('//Web/tuner'),
    attestor: keyring.addFromUri('//Web/attestor'),
    operator: keyring.addFromUri('//Web/operator'),
    challenger: keyring.addFromUri('//Web/challenger'),
  };
  const newcomers = ['curator', 'baseOwner', 'tuner', 'attestor', 'operator', 'challenger'];
  await submit(
    api,
    api.tx.utility.batchAll(
      newcomers.map((name) => api.tx.balances.transferKeepAlive(people[name].address, 10_000n * UNIT)),
    ),
    people.sudo,
  );
  const id = (result, section, method, field) => findEvent(result.events, section, method).data[field].toNumber();
  const state = { people, datasets: [], contributions: {}, records: [] };

  // Two datanets; Bob contributes to both, Charlie to the first.
  for (const [metadata, license] of [
    ['Open recipes, curated', 'CC-BY-4.0'],
    ['Cooking Q&A pairs', 'CC-BY-SA-4.0'],
  ]) {
    const created = await submit(
      api,
      api.tx.datasets.createDataset(metadata, license, { minBond: UNIT, open: true }),
      people.curator,
    );
    state.datasets.push(id(created, 'datasets', 'DatasetCreated', 'dataset'));
  }
  const contribute = async (who, dataset, row) =>
    id(
      await submit(api, api.tx.datasets.submitContribution(dataset, blake2AsHex(row), row, UNIT), people[who]),
      'datasets',
      'ContributionSubmitted',
      'contribution',
    );
  const [first, second] = state.datasets;
  state.contributions.bob = [
    await contribute('bob', first, 'Bob: tomato soup'),
    await contribute('bob', second, 'Bob: why salt pasta water?'),
  ];
  state.contributions.charlie = [await contribute('charlie', first, 'Charlie: bread, 4 ingredients')];
  const shares = [
    [state.contributions.bob[0], 3],
    [state.contributions.charlie[0], 1],
    [state.contributions.bob[1], 2],
  ];
  await submit(
    api,
    api.tx.utility.batchAll([
      ...shares.map(([contribution, n]) => api.tx.datasets.reviewContribution(contribution, { Accept: { shares: n } })),
      api.tx.datasets.publishVersion(first),
      api.tx.datasets.publishVersion(second),
    ]),
    people.curator,
  );

  // A base model, a fine-tune of it trained on both datanets, and a model derived from the fine-tune.
  const register = async (who, metadata, base, royalty, share) =>
    id(
      await submit(
        api,
        api.tx.models.registerModel(metadata, 'Apache-2.0', base, royalty, UNIT, { modelShare: share }),
        people[who],
      ),
      'models',
      'ModelRegistered',
      'model',
    );
  state.baseModel = await register('baseOwner', 'Base LM 7B', null, 10n * PERCENT, 40n * PERCENT);
  state.model = await register('tuner', 'Chef assistant (fine-tune)', state.baseModel, 5n * PERCENT, 40n * PERCENT);
  await submit(
    api,
    api.tx.utility.batchAll([
      api.tx.models.publishVersion(
        state.model,
        blake2AsHex('chef weights'),
        [
          [first, 1, 60n * PERCENT],
          [second, 1, 20n * PERCENT],
        ],
        null,
      ),
      api.tx.models.setAttestors(state.model, [people.attestor.address]),
    ]),
    people.tuner,
  );
  state.derivative = await register('baseOwner', 'Chef assistant, distilled', state.model, 2n * PERCENT, 30n * PERCENT);
  state.agent = id(
    await submit(
      api,
      api.tx.agents.registerAgent('https://chef.example', [state.model], 10n * PERCENT),
      people.operator,
    ),
    'agents',
    'AgentRegistered',
    'agent',
  );

  // Three paid inferences, attested; the last one is challenged.
  await submit(api, api.tx.attribution.bondAttestor(1_000n * UNIT), people.attestor);
  const inferences = [
    {
      fee: 10n * UNIT,
      agent: state.agent,
      scores: [
        [first, 50n * PERCENT],
        [second, 25n * PERCENT],
      ],
    },
    { fee: 3_333_333_333_333_333_333n, agent: null, scores: [[first, 333_333_333n]] },
    { fee: 2n * UNIT, agent: state.agent, scores: [] },
  ];
  for (const [i, inference] of inferences.entries()) {
    const recorded = await submit(
      api,
      api.tx.attribution.recordInference(
        state.model,
        1,
        inference.agent,
        inference.fee,
        blake2AsHex(`web inference ${i}`),
        { id: 'span-match/1', paramsHash: blake2AsHex('params') },
        blake2AsHex(`web evidence ${i}`),
        inference.scores,
        10n * PERCENT,
      ),
      people.attestor,
    );
    state.records.push(id(recorded, 'attribution', 'InferenceRecorded', 'record'));
  }
  await submit(api, api.tx.attribution.challenge(state.records[2], 10n * UNIT), people.challenger);
  return state;
}

// As a script: fill the node at the given address.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, ...definitions });
  const state = await populate(api);
  const { people, ...ids } = state;
  console.log(JSON.stringify(ids, null, 2));
  await api.disconnect();
}
