// The whole user journey on a real node, as separate people would walk it, each with its
// own key: datanet, contributions, models, an agent, attribution records, exact splits over
// JSON-RPC, claims, refusals with the pallet's error names, and a dispute resolved by the
// Arbiters' motion.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { amount, answer } from '@openledger/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { motion, treasuryAccount } from '../../lib/governance.js';
import { startNode } from '../../lib/node.js';
import { BILLION, Pool, split as referenceSplit } from '../../lib/reference.js';
import { findEvent, refusedWith, submit, waitForExtrinsic } from '../../lib/tx.js';

const RECORD_SPLIT_EXAMPLE = fileURLToPath(new URL('../../../clients/js/examples/record-split.mjs', import.meta.url));

const UNIT = 10n ** 18n;
const PERCENT = 10_000_000n; // parts per billion

let node;
let api;
let people;
const state = {};

before(async () => {
  await cryptoWaitReady();
  node = await startNode();
  api = node.api;
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  const names = ['curator', 'alice', 'bob', 'carol', 'baseOwner', 'tuner', 'attestor', 'operator', 'challenger'];
  people = Object.fromEntries(names.map((name) => [name, keyring.addFromUri(`//Journey/${name}`)]));
  people.sudo = keyring.addFromUri('//Alice');
  people.arbiters = ['//Dave', '//Eve', '//Ferdie'].map((uri) => keyring.addFromUri(uri));
  await submit(
    api,
    api.tx.utility.batchAll(
      names.map((name) => api.tx.balances.transferKeepAlive(people[name].address, 10_000n * UNIT)),
    ),
    people.sudo,
  );
});

after(async () => {
  if (node) await node.stop();
});

const free = async (who) => (await api.query.system.account(who.address)).data.free.toBigInt();
// What `who` holds for one pallet's hold reason, e.g. held(carol, 'Datasets', 'ContributionDeposit').
const held = async (who, pallet, reason) =>
  (await api.query.balances.holds(who.address))
    .filter((hold) => hold.id[`is${pallet}`] && hold.id[`as${pallet}`][`is${reason}`])
    .reduce((sum, hold) => sum + hold.amount.toBigInt(), 0n);

test('1. a curator creates a datanet; contributions are submitted, reviewed and versioned', async () => {
  const { curator, alice, bob, carol } = people;
  const created = await submit(
    api,
    api.tx.datasets.createDataset('ipfs://journey', 'CC-BY-4.0', { minBond: UNIT, open: true }),
    curator,
  );
  state.dataset = findEvent(created.events, 'datasets', 'DatasetCreated').data.dataset.toNumber();
  const other = await submit(
    api,
    api.tx.datasets.createDataset('ipfs://other', 'MIT', { minBond: 0, open: true }),
    curator,
  );
  state.otherDataset = findEvent(other.events, 'datasets', 'DatasetCreated').data.dataset.toNumber();
  // An allow-list entry holds a storage deposit from whoever added it (1 OPEN and a
  // thousandth per byte of its 81 bytes), released when it is removed.
  await submit(api, api.tx.datasets.setAllowed(state.otherDataset, carol.address, true), curator);
  assert.equal(await held(curator, 'Datasets', 'AllowListDeposit'), UNIT + 81n * (UNIT / 1000n));
  await submit(api, api.tx.datasets.setAllowed(state.otherDataset, carol.address, false), curator);
  assert.equal(await held(curator, 'Datasets', 'AllowListDeposit'), 0n);

  // Alice signs offline and submits through datasets_submitContribution.
  state.aliceContent = blake2AsHex('alice row');
  const signed = await api.tx.datasets
    .submitContribution(state.dataset, state.aliceContent, 'row 1', UNIT)
    .signAsync(alice);
  // The package's definition: api.rpc.datasets.submitContribution answers the transaction hash.
  const txHash = await api.rpc.datasets.submitContribution(signed.toHex());
  const included = await waitForExtrinsic(api, txHash.toHex());
  state.aliceContribution = findEvent(
    included.events,
    'datasets',
    'ContributionSubmitted',
  ).data.contribution.toNumber();

  const bobs = await submit(
    api,
    api.tx.datasets.submitContribution(state.dataset, blake2AsHex('bob row'), 'row 2', UNIT),
    bob,
  );
  state.bobContribution = findEvent(bobs.events, 'datasets', 'ContributionSubmitted').data.contribution.toNumber();
  const carols = await submit(
    api,
    api.tx.datasets.submitContribution(state.dataset, blake2AsHex('carol row'), 'row 3', UNIT),
    carol,
  );
  const carolContribution = findEvent(carols.events, 'datasets', 'ContributionSubmitted').data.contribution.toNumber();

  await submit(api, api.tx.datasets.reviewContribution(state.aliceContribution, { Accept: { shares: 1 } }), curator);
  await submit(api, api.tx.datasets.reviewContribution(state.bobContribution, { Accept: { shares: 3 } }), curator);
  // Each contribution also holds a storage deposit: one OPEN and a thousandth per byte of its
  // footprint (229 bytes with 5 bytes of metadata), released when it leaves state.
  const storageDeposit = (who) => held(who, 'Datasets', 'ContributionDeposit');
  const deposit = UNIT + 229n * (UNIT / 1000n);
  assert.equal(await storageDeposit(carol), deposit);
  const carolBefore = await free(carol);
  const curatorBefore = await free(curator);
  const rejected = await submit(
    api,
    api.tx.datasets.reviewContribution(carolContribution, { Reject: { slash: 50n * PERCENT } }),
    curator,
  );
  const event = findEvent(rejected.events, 'datasets', 'ContributionRejected');
  assert.equal(event.data.slashed.toBigInt(), UNIT / 2n);
  assert.equal(
    (await free(carol)) - carolBefore,
    UNIT / 2n + deposit,
    'half of the bond came back, and the whole storage deposit: the contribution left state',
  );
  assert.equal(await storageDeposit(carol), 0n);
  // The other half went to the treasury: the curator who decides a slash is not paid by it.
  assert.deepEqual(event.data.slashedTo.toU8a(), treasuryAccount(api), 'slashed to the treasury');
  assert.equal((await free(curator)) - curatorBefore, -rejected.fee, 'the curator only paid its fee');
  assert.equal((await api.query.datasets.contributions(carolContribution)).isNone, true);
  assert.equal(await storageDeposit(alice), deposit, 'an accepted contribution keeps its deposit');

  const published = await submit(api, api.tx.datasets.publishVersion(state.dataset), curator);
  assert.equal(findEvent(published.events, 'datasets', 'VersionPublished').data.version.toNumber(), 1);

  const dataset = answer(await api.rpc.datasets.get(state.dataset));
  assert.equal(dataset.accepted, 2);
  assert.equal(dataset.totalShares, '4');
  assert.equal(dataset.versions.length, 1);
  const accepted = answer(await api.rpc.datasets.contributions(state.dataset, 'accepted', { limit: 10 }));
  assert.deepEqual(accepted.items.map((c) => c.id).sort(), [state.aliceContribution, state.bobContribution].sort());
  const ofBob = answer(await api.rpc.datasets.contributionsOf(bob.address));
  assert.deepEqual(
    ofBob.items.map((c) => c.id),
    [state.bobContribution],
  );
});

test('2. a base model, a fine-tune trained on the datanet version, and an agent', async () => {
  const { baseOwner, tuner, attestor, operator } = people;
  const base = await submit(
    api,
    api.tx.models.registerModel('hf://base', 'Apache-2.0', null, 10n * PERCENT, 0, { modelShare: 40n * PERCENT }),
    baseOwner,
  );
  state.baseModel = findEvent(base.events, 'models', 'ModelRegistered').data.model.toNumber();
  const tuned = await submit(
    api,
    api.tx.models.registerModel('hf://tuned', 'Apache-2.0', state.baseModel, 5n * PERCENT, UNIT, {
      modelShare: 40n * PERCENT,
    }),
    tuner,
  );
  state.model = findEvent(tuned.events, 'models', 'ModelRegistered').data.model.toNumber();
  await submit(
    api,
    api.tx.models.publishVersion(state.model, blake2AsHex('weights'), [[state.dataset, 1, 60n * PERCENT]], null),
    tuner,
  );
  // The version's storage deposit: one OPEN for the model's versions and a thousandth per
  // byte of each one's largest encoding (170 bytes).
  assert.equal(await held(tuner, 'Models', 'VersionDeposit'), UNIT + 170n * (UNIT / 1000n));
  await submit(api, api.tx.models.setAttestors(state.model, [attestor.address]), tuner);
  const agent = await submit(api, api.tx.agents.registerAgent('https://agent', [state.model], 10n * PERCENT), operator);
  state.agent = findEvent(agent.events, 'agents', 'AgentRegistered').data.agent.toNumber();

  const lineage = answer(await api.rpc.models.lineage(state.model));
  assert.deepEqual(
    lineage.ancestors.map((a) => a.model),
    [state.baseModel],
  );
  const down = answer(await api.rpc.models.lineage(state.baseModel));
  assert.deepEqual(down.derivatives, [state.model]);
  assert.equal(answer(await api.rpc.agents.get(state.agent)).status, 'active');
  assert.equal(answer(await api.rpc.models.get(state.model)).versions.length, 1);
});

test('3-4. an attestor records inferences; every split, preview and pending reward is exact', async () => {
  const { attestor, operator, baseOwner, tuner, alice, bob } = people;
  await submit(api, api.tx.attribution.bondAttestor(1_000n * UNIT), attestor);
  const params = (await api.query.attribution.params()).toJSON();
  const pool = new Pool();
  pool.join(state.aliceContribution, 1);
  pool.join(state.bobContribution, 3);

  const inferences = [
    { fee: 10n * UNIT, agent: state.agent, scores: [[state.dataset, 50n * PERCENT]] },
    { fee: 3_333_333_333_333_333_333n, agent: null, scores: [[state.dataset, 333_333_333n]] },
    { fee: UNIT + 7n, agent: state.agent, scores: [] },
  ];
  state.records = [];
  const depositsBefore = (await api.query.attribution.recordDeposits(attestor.address)).unwrapOr(null);
  const [countBefore, bytesBefore] = depositsBefore
    ? [depositsBefore[0].count.toNumber(), depositsBefore[0].size_.toBigInt()]
    : [0, 0n];
  for (const [i, inference] of inferences.entries()) {
    const expected = referenceSplit({
      fee: inference.fee,
      params: {
        protocol: params.protocolShare,
        minData: params.minDataShare,
        maxModel: params.maxModelShare,
        maxOperator: params.maxOperatorShare,
      },
      operatorShare: inference.agent === null ? null : 10n * PERCENT,
      modelShare: 40n * PERCENT,
      royalties: [10n * PERCENT],
      scores: inference.scores,
      training: [[state.dataset, 60n * PERCENT]],
    });
    const scores = inference.scores.map(([dataset, perbill]) => ({ dataset, perbill: Number(perbill) }));
    // The fee as a bigint: the package sends it as the decimal string the node reads.
    const preview = answer(
      await api.rpc.attribution.previewSplit(state.model, 1, inference.agent, inference.fee, scores),
    );

    const recorded = await submit(
      api,
      api.tx.attribution.recordInference(
        state.model,
        1,
        inference.agent,
        inference.fee,
        blake2AsHex(`inference ${i}`),
        { id: 'influence/1', paramsHash: blake2AsHex('params') },
        blake2AsHex(`evidence ${i}`),
        inference.scores,
        10n * PERCENT,
      ),
      attestor,
    );
    const record = findEvent(recorded.events, 'attribution', 'InferenceRecorded').data.record.toNumber();
    state.records.push(record);
    const got = answer(await api.rpc.attribution.rewardSplit(record)).split;
    assert.deepEqual(got, preview, 'the preview was exactly the split');
    assert.equal(BigInt(got.treasury.protocol), expected.protocol);
    assert.equal(BigInt(got.treasury.unattributed), expected.undeclared);
    assert.equal(BigInt(got.treasury.dust), expected.dust);
    assert.equal(got.agentOperator ? BigInt(got.agentOperator.amount) : 0n, expected.operator);
    if (got.agentOperator) assert.equal(got.agentOperator.account, operator.address);
    assert.equal(got.modelOwner.account, tuner.address);
    assert.equal(BigInt(got.modelOwner.amount), expected.modelOwner);
    assert.deepEqual(
      got.ancestors.map((a) => [a.owner, BigInt(a.amount)]),
      [[baseOwner.address, expected.ancestors[0]]],
    );
    assert.deepEqual(
      got.datasets.map((d) => [d.dataset, BigInt(d.amount)]),
      [...expected.datasets.entries()],
    );
    const sum =
      BigInt(got.treasury.total) +
      (got.agentOperator ? BigInt(got.agentOperator.amount) : 0n) +
      BigInt(got.modelOwner.amount) +
      got.ancestors.reduce((a, x) => a + BigInt(x.amount), 0n) +
      got.datasets.reduce((a, x) => a + BigInt(x.amount), 0n);
    assert.equal(sum, inference.fee, 'the parts sum to the fee');
    pool.pay(expected.datasets.get(state.dataset));

    const earnings = answer(await api.rpc.attribution.contributionEarnings(record, state.bobContribution));
    assert.equal(earnings.dataset, state.dataset);
    assert.equal(BigInt(earnings.datasetAmount), expected.datasets.get(state.dataset));
  }

  for (const [who, contribution] of [
    [alice, state.aliceContribution],
    [bob, state.bobContribution],
  ]) {
    const pending = answer(await api.rpc.attribution.pendingRewards(who.address));
    assert.equal(BigInt(pending.total), pool.pending(contribution), `${who.address} pending`);
    assert.deepEqual(
      pending.contributions.map((c) => c.contribution),
      [contribution],
    );
  }
  // What one contribution earned from each record sums to what it may claim.
  let earned = 0n;
  for (const record of state.records) {
    earned += amount(answer(await api.rpc.attribution.contributionEarnings(record, state.aliceContribution)).earned);
  }
  assert.equal(earned, pool.pending(state.aliceContribution));
  state.pool = pool;

  // The attestor holds one storage deposit for its records in state: 1 OPEN, plus 0.001 OPEN
  // per byte of each (its encoding with its status at its largest, 49 bytes, and its 40-byte
  // inference-hash entry).
  let bytes = bytesBefore;
  for (const record of state.records) {
    const stored = (await api.query.attribution.records(record)).unwrap();
    bytes += BigInt(stored.encodedLength - stored.status.encodedLength + 49 + 40);
  }
  // (polkadot.js names the field `size_`: `size` is reserved, a codec struct is a Map.)
  const [footprint] = (await api.query.attribution.recordDeposits(attestor.address)).unwrap();
  assert.deepEqual(
    [footprint.count.toNumber(), footprint.size_.toBigInt()],
    [countBefore + state.records.length, bytes],
  );
  assert.equal(await held(attestor, 'Attribution', 'RecordDeposit'), UNIT + bytes * (UNIT / 1000n));

  // polkadot.js reaches the same runtime API through api.call.
  const viaCall = await api.call.attributionApi.rewardSplit(state.records[0]);
  assert.equal(viaCall.unwrap().fee.toBigInt(), 10n * UNIT);

  // docs/clients.md's example, run as a user runs it, against this node.
  const example = (...args) =>
    spawnSync(process.execPath, [RECORD_SPLIT_EXAMPLE, '--url', node.url, ...args], { encoding: 'utf8' });
  const shown = example('--record', String(state.records[0]));
  assert.equal(shown.status, 0, shown.stderr);
  assert.match(shown.stdout, /^record \d+: model \d+ v1, fee 10 OPEN$/m);
  assert.match(shown.stdout, /sum of the parts: 10 OPEN \(the fee, exactly\)/);
  const unknown = example('--record', '999999');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /cannot read record 999999: -32001: record 999999 not found/);
});

test('5. contributors claim exactly their pending rewards', async () => {
  const { alice, bob } = people;
  const aliceBefore = await free(alice);
  const aliceClaim = await submit(api, api.tx.datasets.claimAll(1), alice);
  const expectedAlice = state.pool.claim(state.aliceContribution);
  assert.equal(findEvent(aliceClaim.events, 'datasets', 'RewardsClaimed').data.amount.toBigInt(), expectedAlice);
  assert.equal((await free(alice)) - aliceBefore, expectedAlice - aliceClaim.fee);

  const bobBefore = await free(bob);
  const bobClaim = await submit(api, api.tx.datasets.claimRewards([state.bobContribution]), bob);
  const expectedBob = state.pool.claim(state.bobContribution);
  assert.equal((await free(bob)) - bobBefore, expectedBob - bobClaim.fee);
  assert.equal(amount(answer(await api.rpc.attribution.pendingRewards(bob.address)).total), 0n);
});

test('6. bad input is refused with the pallet error, and bad RPC calls get JSON-RPC errors', async () => {
  const { alice, bob, attestor, operator } = people;
  // Duplicate content: over datasets_submitContribution, then as a plain transaction.
  const dup = await api.tx.datasets.submitContribution(state.dataset, state.aliceContent, 'again', UNIT).signAsync(bob);
  const refusedAnswer = await node.rpc('datasets_submitContribution', [dup.toHex()]);
  assert.equal(refusedAnswer.error?.code, -32002, JSON.stringify(refusedAnswer));
  assert.equal(refusedAnswer.error.message, 'Datasets.DuplicateContent');
  await refusedWith(
    submit(api, api.tx.datasets.submitContribution(state.dataset, state.aliceContent, 'again', UNIT), bob),
    'datasets.DuplicateContent',
  );

  // Scores over 100%.
  await refusedWith(
    submit(
      api,
      api.tx.attribution.recordInference(
        state.model,
        1,
        null,
        UNIT,
        blake2AsHex('over'),
        { id: 'x', paramsHash: blake2AsHex('p') },
        blake2AsHex('e'),
        [
          [state.dataset, 60n * PERCENT],
          [state.otherDataset, 50n * PERCENT],
        ],
        0,
      ),
      attestor,
    ),
    'attribution.ScoresOverflow',
  );
  // A bonded account that the model's owner has not authorised.
  await submit(api, api.tx.attribution.bondAttestor(1_000n * UNIT), operator);
  await refusedWith(
    submit(
      api,
      api.tx.attribution.recordInference(
        state.model,
        1,
        null,
        UNIT,
        blake2AsHex('rogue'),
        { id: 'x', paramsHash: blake2AsHex('p') },
        blake2AsHex('e'),
        [],
        0,
      ),
      operator,
    ),
    'attribution.UnauthorisedAttestor',
  );
  // Claiming twice.
  await refusedWith(submit(api, api.tx.datasets.claimAll(1), alice), 'datasets.NothingToClaim');

  // Malformed RPC calls: errors, not crashes.
  assert.equal((await node.rpc('attribution_rewardSplit', ['not a number'])).error?.code, -32602);
  assert.equal((await node.rpc('attribution_rewardSplit', [999_999])).error?.code, -32001);
  // Through the package, the same error reaches the caller as polkadot.js's RpcError.
  await assert.rejects(api.rpc.attribution.rewardSplit(999_999), { code: -32001, message: /record 999999 not found/ });
  assert.equal((await node.rpc('datasets_submitContribution', ['0xdeadbeef'])).error?.code, -32602);
  assert.equal((await node.rpc('attribution_pendingRewards', ['5NotAnAddress'])).error?.code, -32602);
  assert.equal((await node.rpc('attribution_previewSplit', [state.model, 1, null, '12x', []])).error?.code, -32602);
  assert.ok((await node.rpc('system_health')).result, 'the node still serves');
});

test('7. a challenge is upheld by a motion of the Arbiters and the attestor is slashed', async () => {
  const { challenger, attestor } = people;
  const before = await free(challenger);
  const challenged = await submit(api, api.tx.attribution.challenge(state.records[0], 10n * UNIT), challenger);
  findEvent(challenged.events, 'attribution', 'RecordChallenged');
  const resolve = api.tx.attribution.resolveChallenge(state.records[0], true);
  // One arbiter alone, or the challenger, cannot resolve it.
  await refusedWith(submit(api, resolve, people.arbiters[0]), 'BadOrigin');
  const alone = await motion(api, 'arbiters', resolve, people.arbiters.slice(0, 1));
  assert.ok(alone.result.isErr, 'a third of the Arbiters is not a majority');
  // Two of the three (Dave proposes, Dave and Eve vote, Dave closes).
  const { closed: resolved, result } = await motion(api, 'arbiters', resolve, people.arbiters.slice(0, 2));
  assert.ok(result.isOk);
  const event = findEvent(resolved.events, 'attribution', 'ChallengeResolved');
  assert.equal(event.data.slashed.toBigInt(), 500n * UNIT);
  assert.equal(event.data.toChallenger.toBigInt(), 250n * UNIT);
  assert.equal((await free(challenger)) - before, 250n * UNIT - challenged.fee, 'bond back plus reward, less the fee');
  const bond = (await api.query.attribution.attestors(attestor.address)).unwrap().bond.toBigInt();
  assert.equal(bond, 500n * UNIT);
  assert.equal(answer(await api.rpc.attribution.rewardSplit(state.records[0])).status, 'invalidated');
  assert.equal(BILLION, 1_000_000_000n);
});
