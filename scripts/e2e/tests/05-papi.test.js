// polkadot-api (PAPI), the client the ecosystem now recommends, against the real node:
// descriptors generated from the built runtime's metadata (`papi add --wasm`, then `papi
// generate` into scripts/.papi, not committed), then a datanet, a contribution, a model and an
// attribution record made through its typed transactions, and read back through the typed
// runtime APIs, which must agree with what the node's JSON-RPC answers (through
// @openledger/api). docs/clients.md shows this file as the PAPI example.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { address, answer } from '@openledger/api';
import { blake2AsHex } from '@polkadot/util-crypto';
import { sr25519CreateDerive } from '@polkadot-labs/hdkd';
import { DEV_PHRASE, entropyToMiniSecret, mnemonicToEntropy } from '@polkadot-labs/hdkd-helpers';
import { Binary, createClient } from 'polkadot-api';
import { getPolkadotSigner } from 'polkadot-api/signer';
import { getWsProvider } from 'polkadot-api/ws';
import WebSocket from 'ws';
import { nodeBinary, startNode } from '../../lib/node.js';

const SCRIPTS = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG = join(SCRIPTS, '.papi/polkadot-api.json');
const UNIT = 10n ** 18n;
const PERCENT = 10_000_000;

/** Runs the papi command line in scripts/; throws with its output if it fails. */
function papi(...args) {
  const result = spawnSync('npx', ['--no-install', 'papi', ...args, '--config', CONFIG], {
    cwd: SCRIPTS,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`papi ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A dev account (`//Alice`, …) as a PAPI signer. */
function devSigner(derive, path) {
  const pair = derive(path);
  return getPolkadotSigner(pair.publicKey, 'Sr25519', pair.sign);
}

let node;
let client;
let ol;
let signers;
let derive;
const state = {};

before(async () => {
  // The runtime the node binary was built with, as the release ships it.
  const wasm = join(dirname(nodeBinary()), 'wbuild/openledger-runtime/openledger_runtime.compact.compressed.wasm');
  papi('add', 'openledger', '--wasm', wasm, '--skip-codegen');
  // Generate the descriptors in place: no package added to package.json, nothing installed.
  const config = JSON.parse(readFileSync(CONFIG, 'utf8'));
  config.options = { ...config.options, noDescriptorsPackage: true };
  writeFileSync(CONFIG, JSON.stringify(config, null, 2));
  papi('generate');
  const { openledger } = await import(join(SCRIPTS, '.papi/descriptors/dist/index.js'));

  node = await startNode();
  // Node 20 has no global WebSocket; PAPI takes the `ws` package's.
  client = createClient(getWsProvider(node.url, { websocketClass: WebSocket }));
  ol = client.getTypedApi(openledger);
  derive = sr25519CreateDerive(entropyToMiniSecret(mnemonicToEntropy(DEV_PHRASE)));
  signers = Object.fromEntries(['//Alice', '//Bob', '//Eve', '//Ferdie'].map((p) => [p, devSigner(derive, p)]));
});

after(async () => {
  client?.destroy();
  if (node) await node.stop();
});

/** Signs and submits a PAPI transaction; returns its events, failing with the dispatch error. */
async function send(tx, signer) {
  const result = await tx.signAndSubmit(signer);
  assert.ok(result.ok, `dispatch failed: ${JSON.stringify(result.dispatchError)}`);
  return result.events;
}

const eventOf = (events, pallet, name) => events.find((e) => e.type === pallet && e.value.type === name)?.value.value;

test('PAPI reads the chain with descriptors generated from the runtime wasm', async () => {
  const version = await ol.constants.System.Version();
  assert.equal(version.spec_name, 'openledger');
  const chain = await client.getChainSpecData();
  assert.equal(chain.name, 'OpenLedger Development');
  assert.equal(chain.properties.tokenSymbol, 'OPEN');
});

test('a datanet and a contribution through PAPI transactions, read back through the runtime API', async () => {
  const created = await send(
    ol.tx.Datasets.create_dataset({
      metadata: Binary.fromText('ipfs://papi-datanet'),
      license: Binary.fromText('MIT'),
      policy: { min_bond: 0n, open: true },
    }),
    signers['//Alice'],
  );
  state.dataset = eventOf(created, 'Datasets', 'DatasetCreated').dataset;

  const contentHash = blake2AsHex('papi row');
  const submitted = await send(
    ol.tx.Datasets.submit_contribution({
      dataset: state.dataset,
      content_hash: contentHash,
      metadata: Binary.fromText('row 1'),
      max_bond: 0n,
    }),
    signers['//Bob'],
  );
  state.contribution = eventOf(submitted, 'Datasets', 'ContributionSubmitted').contribution;
  await send(
    ol.tx.Datasets.review_contribution({
      contribution: state.contribution,
      verdict: { type: 'Accept', value: { shares: 3n } },
    }),
    signers['//Alice'],
  );
  await send(ol.tx.Datasets.publish_version({ dataset: state.dataset }), signers['//Alice']);

  const dataset = await ol.apis.DatasetsApi.dataset(state.dataset);
  assert.equal(dataset.version, 1);
  assert.equal(dataset.accepted, 1);
  assert.equal(dataset.total_shares, 3n);
  const contribution = await ol.apis.DatasetsApi.contribution(state.contribution);
  assert.equal(contribution.content_hash, contentHash);

  // The same state through the node's JSON-RPC (polkadot.js with @openledger/api).
  const overRpc = answer(await node.api.rpc.datasets.get(state.dataset));
  assert.equal(overRpc.owner, dataset.owner);
  assert.equal(BigInt(overRpc.totalShares), dataset.total_shares);
  assert.equal(overRpc.versionRoot, dataset.version_root);
  assert.equal(overRpc.metadata, 'ipfs://papi-datanet', 'metadata reads as the text it was written as');
});

test('a model, an attestor and an attribution record through PAPI; the split agrees with JSON-RPC', async () => {
  const registered = await send(
    ol.tx.Models.register_model({
      metadata: Binary.fromText('hf://papi-model'),
      license: Binary.fromText('Apache-2.0'),
      base_model: undefined,
      royalty: 0,
      price: 0n,
      split_policy: 40 * PERCENT,
    }),
    signers['//Eve'],
  );
  state.model = eventOf(registered, 'Models', 'ModelRegistered').model;
  await send(
    ol.tx.Models.publish_version({
      model: state.model,
      artifact_hash: `0x${'11'.repeat(32)}`,
      training: [[state.dataset, 1, 50 * PERCENT]],
      base_version: undefined,
    }),
    signers['//Eve'],
  );
  const ferdie = address(derive('//Ferdie').publicKey);
  await send(ol.tx.Models.set_attestors({ model: state.model, attestors: [ferdie] }), signers['//Eve']);
  await send(ol.tx.Attribution.bond_attestor({ amount: 1_000n * UNIT }), signers['//Ferdie']);

  const recorded = await send(
    ol.tx.Attribution.record_inference({
      model: state.model,
      model_version: 1,
      agent: undefined,
      fee: 10n * UNIT,
      inference_hash: `0x${'22'.repeat(32)}`,
      method: { id: Binary.fromText('span-match/1'), params_hash: `0x${'33'.repeat(32)}` },
      evidence_hash: `0x${'44'.repeat(32)}`,
      scores: [[state.dataset, 50 * PERCENT]],
      max_operator_share: 0,
    }),
    signers['//Ferdie'],
  );
  const record = eventOf(recorded, 'Attribution', 'InferenceRecorded').record;

  const viaApi = await ol.apis.AttributionApi.reward_split(record);
  const viaRpc = answer(await node.api.rpc.attribution.rewardSplit(record));
  assert.equal(viaApi.fee, 10n * UNIT);
  assert.equal(BigInt(viaRpc.fee), viaApi.fee);
  assert.equal(viaRpc.split.modelOwner.account, viaApi.split.model_owner);
  assert.equal(BigInt(viaRpc.split.modelOwner.amount), viaApi.split.model_owner_amount);
  assert.deepEqual(
    viaRpc.split.datasets.map((d) => [BigInt(d.dataset), BigInt(d.scored), BigInt(d.fromTraining)]),
    viaApi.split.datasets.map((d) => [d.dataset, d.scored, d.from_training]),
  );
  assert.ok(viaApi.split.datasets[0].scored > 0n, 'the dataset was paid for its score');
});
