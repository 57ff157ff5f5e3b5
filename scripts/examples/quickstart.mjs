#!/usr/bin/env node
// The quickstart of docs/quickstart.md, every step with polkadot.js: a datanet gets
// contributions, a model is trained on it, an agent calls the model, an attestor records
// inferences, contributors get paid, and a record is disputed and resolved by the Arbiters.
//
//   scripts/run.sh --sealing instant                          # a dev node, in another terminal
//   npm ci                                                    # once, at the root of the clone
//   node scripts/examples/quickstart.mjs [ws://127.0.0.1:9944]
//
// Outside this repository: `npm install @polkadot/api @openledger/api` (and copy this file).
// Each step prints what happened; every id is read from its event, so the script also runs on
// a chain that already has datanets (on a fresh one they are the ids the guide shows).
// e2e test 13-quickstart runs it against a fresh node on every `scripts/test.sh`, and checks
// that every polkadot.js line of docs/quickstart.md is a line of this file.

import { fileURLToPath } from 'node:url';
import { answer, definitions, formatAmount, units } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

/**
 * Signs and submits `tx` as `signer` and waits for its block; returns its events. A call that
 * fails on chain throws an Error named after the pallet error (`attribution.ScoresOverflow`).
 */
export function send(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, ({ status, events, dispatchError }) => {
      if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`transaction ${status.type}`));
      // Its first block (instant sealing may report it final straight away).
      if (!status.isInBlock && !status.isFinalized) return;
      unsubscribe();
      if (dispatchError) {
        const { section, name } = dispatchError.isModule
          ? api.registry.findMetaError(dispatchError.asModule)
          : { section: 'dispatch', name: dispatchError.type };
        const error = new Error(`${section}.${name}`);
        error.name = `${section}.${name}`;
        reject(error);
      } else {
        resolve(events.map(({ event }) => event));
      }
    })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
}

/** The field `field` of the `section.method` event among `events` (a polkadot.js codec). */
const field = (events, section, method, name) => {
  const event = events.find((e) => e.section === section && e.method === method);
  if (!event) throw new Error(`no ${section}.${method} event`);
  return event.data[name];
};
/** An id from an event. */
const from = (events, section, method, name) => field(events, section, method, name).toNumber();

/** The name of the error `attempt()` fails with (it must fail). */
async function failure(attempt) {
  try {
    await attempt();
  } catch (error) {
    // A pallet error by its name; anything else (a refusal of the client) by its message.
    return error.name.includes('.') ? error.name : error.message;
  }
  throw new Error('it should have failed');
}

/**
 * Walks the quickstart on the chain `api` is connected to, printing each step with `log`;
 * returns what it saw, for the e2e test to check.
 */
export async function quickstart(api, log = console.log) {
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const [alice, bob, charlie, dave, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((name) =>
    keyring.addFromUri(`//${name}`),
  );
  const seen = {};

  // 1. A datanet and its contributions.
  let events = await send(
    api,
    api.tx.datasets.createDataset('ipfs://my-data', 'CC-BY-4.0', { minBond: units('1'), open: true }),
    alice,
  );
  const dataset = from(events, 'datasets', 'DatasetCreated', 'dataset');
  log(`1.1 Alice created datanet ${dataset}`);
  events = await send(
    api,
    api.tx.datasets.submitContribution(dataset, `0x${'11'.repeat(32)}`, 'row 1', units('1')),
    bob,
  );
  const bobs = from(events, 'datasets', 'ContributionSubmitted', 'contribution');
  events = await send(
    api,
    api.tx.datasets.submitContribution(dataset, `0x${'22'.repeat(32)}`, 'row 2', units('1')),
    charlie,
  );
  const charlies = from(events, 'datasets', 'ContributionSubmitted', 'contribution');
  log(`1.2 Bob submitted contribution ${bobs}, Charlie ${charlies}`);
  events = await send(
    api,
    api.tx.datasets.submitContribution(dataset, `0x${'11'.repeat(32)}`, 'a copy', units('1')),
    charlie,
  );
  const copy = from(events, 'datasets', 'ContributionSubmitted', 'contribution');
  log(`1.3 Charlie's copy of Bob's row is pending too, as contribution ${copy}`);
  const pending = answer(await api.rpc.datasets.contributions(dataset, 'pending'));
  seen.pending = pending.items.map((c) => c.id);
  log(`1.4 pending: ${seen.pending.join(', ')}, each with a bond of ${formatAmount(pending.items[0].bond)}`);
  await send(api, api.tx.datasets.reviewContribution(bobs, { Accept: { shares: 1 } }), alice);
  await send(api, api.tx.datasets.reviewContribution(charlies, { Accept: { shares: 3 } }), alice);
  seen.duplicate = await failure(() =>
    send(api, api.tx.datasets.reviewContribution(copy, { Accept: { shares: 1 } }), alice),
  );
  await send(api, api.tx.datasets.reviewContribution(copy, { Reject: { slash: 0 } }), alice);
  events = await send(api, api.tx.datasets.publishVersion(dataset), alice);
  log(
    `1.5 accepted ${bobs} and ${charlies} (the copy: ${seen.duplicate}, rejected); published version ${from(events, 'datasets', 'VersionPublished', 'version')}`,
  );

  // 2. Models and an agent.
  events = await send(
    api,
    api.tx.models.registerModel('hf://base', 'Apache-2.0', null, 100_000_000, 0, { modelShare: 400_000_000 }),
    dave,
  );
  const base = from(events, 'models', 'ModelRegistered', 'model');
  events = await send(
    api,
    api.tx.models.registerModel('hf://tuned', 'Apache-2.0', base, 50_000_000, units('1'), { modelShare: 400_000_000 }),
    eve,
  );
  const model = from(events, 'models', 'ModelRegistered', 'model');
  await send(api, api.tx.models.publishVersion(model, `0x${'33'.repeat(32)}`, [[dataset, 1, 600_000_000]], null), eve);
  await send(api, api.tx.models.setAttestors(model, [ferdie.address]), eve);
  events = await send(api, api.tx.agents.registerAgent('https://agent', [model], 100_000_000), dave);
  const agent = from(events, 'agents', 'AgentRegistered', 'agent');
  const lineage = answer(await api.rpc.models.lineage(model));
  seen.ancestors = lineage.ancestors.map((a) => [a.model, a.royaltyPerbill]);
  log(
    `2. Dave's base model ${base}, Eve's fine-tune ${model} (royalty to ${base}: ${lineage.ancestors[0].royaltyPerbill} ppb), Dave's agent ${agent}`,
  );

  // 3. Attribution records.
  await send(api, api.tx.attribution.bondAttestor(units('1000')), ferdie);
  const scores = [{ dataset, perbill: 500_000_000 }];
  const preview = answer(await api.rpc.attribution.previewSplit(model, 1, agent, units('10'), scores));
  const method = { id: 'influence/1', paramsHash: `0x${'00'.repeat(32)}` };
  const record = async (who, scored, hash) =>
    send(
      api,
      api.tx.attribution.recordInference(
        model,
        1,
        agent,
        units('10'),
        hash,
        method,
        `0x${'55'.repeat(32)}`,
        scored,
        100_000_000,
      ),
      who,
    );
  events = await record(ferdie, [[dataset, 500_000_000]], `0x${'44'.repeat(32)}`);
  const recorded = from(events, 'attribution', 'InferenceRecorded', 'record');
  const split = answer(await api.rpc.attribution.rewardSplit(recorded));
  const earned = answer(await api.rpc.attribution.contributionEarnings(recorded, charlies));
  seen.record = { id: recorded, split: split.split, preview, earned: earned.earned };
  log(
    `3. record ${recorded}: ${formatAmount(split.fee)} split as previewed; Charlie's contribution earned ${formatAmount(earned.earned)}`,
  );

  // 3.5 Bad records: each refused with a named error.
  events = await send(
    api,
    api.tx.datasets.createDataset('ipfs://second', 'CC-BY-4.0', { minBond: units('1'), open: true }),
    alice,
  );
  const second = from(events, 'datasets', 'DatasetCreated', 'dataset');
  const tooMuch = [
    [dataset, 600_000_000],
    [second, 500_000_000],
  ];
  // The runtime API answers the refusal as a value (the RPC method as an error, -32002).
  const refused = await api.call.attributionApi.previewSplit(model, 1, agent, units('10'), tooMuch);
  seen.previewOverflow = `${refused.asErr.asRefused.pallet}.${refused.asErr.asRefused.error}`;
  seen.overflow = await failure(() => record(ferdie, tooMuch, `0x${'46'.repeat(32)}`));
  seen.aboveOne = await failure(() => record(ferdie, [[dataset, 2_000_000_000]], `0x${'47'.repeat(32)}`));
  seen.notBonded = await failure(() => record(bob, [], `0x${'48'.repeat(32)}`));
  await send(api, api.tx.attribution.bondAttestor(units('1000')), bob);
  seen.unauthorised = await failure(() => record(bob, [], `0x${'48'.repeat(32)}`));
  log(
    `3.5 scores above 100%: ${seen.overflow} (preview: ${seen.previewOverflow}); a part above 10^9: refused before sending`,
  );
  log(`    Bob, not bonded: ${seen.notBonded}; bonded but not an attestor of model ${model}: ${seen.unauthorised}`);

  // 4. Contributors get paid.
  const rewards = answer(await api.rpc.attribution.pendingRewards(charlie.address));
  const contributions = (await api.query.datasets.accountContributions(charlie.address)).length;
  events = await send(api, api.tx.datasets.claimAll(contributions), charlie);
  seen.claim = { pending: rewards.total, claimed: field(events, 'datasets', 'RewardsClaimed', 'amount').toString() };
  seen.claimAgain = await failure(() => send(api, api.tx.datasets.claimAll(contributions), charlie));
  log(
    `4. Charlie claimed ${formatAmount(seen.claim.claimed)} (pending: ${formatAmount(rewards.total)}); again: ${seen.claimAgain}`,
  );

  // 5. A dispute, resolved by a motion of the Arbiters (Dave, Eve and Ferdie on a dev chain).
  await send(api, api.tx.attribution.challenge(recorded, units('10')), bob);
  const resolve = api.tx.attribution.resolveChallenge(recorded, true);
  const length = resolve.method.encodedLength;
  events = await send(api, api.tx.arbiters.propose(2, resolve, length), dave);
  const index = from(events, 'arbiters', 'Proposed', 'proposalIndex');
  const hash = field(events, 'arbiters', 'Proposed', 'proposalHash');
  await send(api, api.tx.arbiters.vote(hash, index, true), dave);
  await send(api, api.tx.arbiters.vote(hash, index, true), eve);
  const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(resolve.method, length);
  events = await send(api, api.tx.arbiters.close(hash, index, weight, length), dave);
  seen.slashed = field(events, 'attribution', 'ChallengeResolved', 'slashed').toString();
  seen.status = answer(await api.rpc.attribution.rewardSplit(recorded)).status;
  log(
    `5. the Arbiters upheld the challenge: ${formatAmount(seen.slashed)} of Ferdie's bond slashed, record ${recorded} ${seen.status}`,
  );

  // After the slash Ferdie's bond is below the minimum: it tops it up before recording again.
  seen.afterSlash = await failure(() => record(ferdie, [], `0x${'49'.repeat(32)}`));
  await send(api, api.tx.attribution.bondAttestor(units('500')), ferdie);
  events = await record(ferdie, [], `0x${'49'.repeat(32)}`);
  seen.after = from(events, 'attribution', 'InferenceRecorded', 'record');
  log(`5.3 Ferdie recording with half a bond: ${seen.afterSlash}; topped up, record ${seen.after}`);
  return seen;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const url = process.argv[2] ?? 'ws://127.0.0.1:9944';
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, ...definitions });
  try {
    await quickstart(api);
  } finally {
    await api.disconnect();
  }
}
