#!/usr/bin/env node
// The attestor's whole path on a dev chain, as docs/attestor.md tells it: contributors submit
// their text's hash; the curator accepts and publishes a version; a model is trained on it and
// names the attestor; the attestor bonds; the contributors upload their text to the attestor,
// which now serves their datanet; once the attestor has indexed the version, an answer that
// quotes one contribution is attributed and recorded (with the attestor's recording token).
// Prints each step, the scores and the `verify` command to run next.
//
//   scripts/run.sh --sealing instant                                     # terminal 1
//   OPENLEDGER_ATTESTOR_SURI=//Ferdie openledger-attestor serve          # terminal 2
//   npm ci && node scripts/examples/attestor-walkthrough.mjs             # terminal 3
//        [--url ws://127.0.0.1:9944] [--attestor http://127.0.0.1:8700] [--attestor-suri //Ferdie]
//        [--record http://127.0.0.1:8701] [--token-file ~/.local/share/openledger-attestor/record-token]
//
// Alice curates, Bob and Charlie contribute, Eve owns the model; the attestor's key must be the
// one `serve` signs with. Run it again for a new datanet and model: nothing it does is one-off.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { findEvent, submit } from '../lib/tx.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:9944' },
    attestor: { type: 'string', default: 'http://127.0.0.1:8700' },
    'attestor-suri': { type: 'string', default: '//Ferdie' },
    record: { type: 'string', default: 'http://127.0.0.1:8701' },
    'token-file': { type: 'string', default: join(homedir(), '.local/share/openledger-attestor/record-token') },
  },
});
const UNIT = 10n ** 18n;
const PERCENT = 10_000_000;
const ROWS = [
  ['Bob', 'Tide tables are printed every year so that harbour pilots know when the channel is deep enough.'],
  ['Charlie', 'Farmers in the valley rotate barley and lentils so that the soil keeps its nitrogen every year.'],
];
const ANSWER =
  'Good question. Farmers in the valley rotate barley and lentils so that the soil keeps its nitrogen, ' +
  'which is also why the harvest looks different every other summer.';

const hashOf = (text) => blake2AsHex(new TextEncoder().encode(text), 256);
const step = (text) => console.log(`\n== ${text}`);

async function attestor(method, path, body, { base = values.attestor, headers = {} } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(typeof body === 'string' ? {} : { 'content-type': 'application/json' }), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${answer.error}`);
  return answer;
}

async function tx(call, who, section, event) {
  const { events } = await submit(api, call, who);
  return event ? findEvent(events, section, event).data : undefined;
}

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(values.url), noInitWarn: true, ...definitions });
const keyring = new Keyring({ type: 'sr25519' });
const [alice, eve] = ['//Alice', '//Eve'].map((suri) => keyring.addFromUri(suri));
const attestorKey = keyring.addFromUri(values['attestor-suri']);

try {
  step('Alice creates a datanet');
  const created = await tx(
    api.tx.datasets.createDataset('ipfs://walkthrough', 'CC-BY-4.0', { minBond: UNIT, open: true }),
    alice,
    'datasets',
    'DatasetCreated',
  );
  const dataset = created.dataset.toNumber();
  console.log(`dataset ${dataset}`);

  step('Contributors submit the hashes of their rows; Alice accepts them');
  for (const [name, text] of ROWS) {
    const hash = hashOf(text);
    const submitted = await tx(
      api.tx.datasets.submitContribution(dataset, hash, 'row', 0),
      keyring.addFromUri(`//${name}`),
      'datasets',
      'ContributionSubmitted',
    );
    const contribution = submitted.contribution.toNumber();
    await tx(api.tx.datasets.reviewContribution(contribution, { Accept: { shares: 1 } }), alice);
    console.log(`${name}: content ${hash} is contribution ${contribution}, accepted`);
  }
  const published = await tx(api.tx.datasets.publishVersion(dataset), alice, 'datasets', 'VersionPublished');
  console.log(`version ${published.version.toNumber()} published, root ${published.root.toHex()}`);

  step('Eve registers a model trained on it and names the attestor; the attestor bonds');
  const registered = await tx(
    api.tx.models.registerModel('hf://walkthrough', 'Apache-2.0', null, 0, 0, { modelShare: 40 * PERCENT }),
    eve,
    'models',
    'ModelRegistered',
  );
  const model = registered.model.toNumber();
  await tx(api.tx.models.publishVersion(model, hashOf('weights'), [[dataset, 1, 100 * PERCENT]], null), eve);
  await tx(api.tx.models.setAttestors(model, [attestorKey.address]), eve);
  const bond = await api.query.attribution.attestors(attestorKey.address);
  if (bond.isNone) await tx(api.tx.attribution.bondAttestor(1_000n * UNIT), attestorKey);
  console.log(`model ${model} version 1, attestor ${attestorKey.address} (bonded)`);

  step('The attestor now serves the datanet: the contributors upload their rows');
  for (const [name, text] of ROWS) {
    for (let waited = 0; ; waited += 1) {
      try {
        const { hash } = await attestor('PUT', '/v1/content', text, { headers: { 'x-content-hash': hashOf(text) } });
        console.log(`${name}: ${hash} stored`);
        break;
      } catch (error) {
        // 403 until the attestor has seen the model name it in a finalized block.
        if (waited === 30) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  step('The attestor indexes the version from finalized blocks');
  for (let waited = 0; ; waited += 1) {
    const { versions } = await attestor('GET', '/v1/status');
    const status = versions.find((v) => v.dataset === dataset && v.version === 1);
    if (status?.state === 'indexed') {
      console.log(`indexed: ${status.tokens} tokens in ${status.contributions} contributions`);
      break;
    }
    if (waited === 60) throw new Error(`not indexed after 60 s: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }

  step('An answer is attributed, then recorded');
  const answer = { model, modelVersion: 1, output: ANSWER };
  const attributed = await attestor('POST', '/v1/attribute', answer);
  for (const span of attributed.evidence.spans) {
    console.log(`span of ${span.length} tokens at ${span.start}: contribution ${span.contribution}`);
  }
  const token = readFileSync(values['token-file'], 'utf8').trim();
  const recorded = await attestor(
    'POST',
    '/v1/record',
    { ...answer, fee: String(UNIT) },
    { base: values.record, headers: { authorization: `Bearer ${token}` } },
  );
  console.log(`record ${recorded.record}: scores ${JSON.stringify(recorded.scores)}`);
  console.log(`evidence ${values.attestor}/v1/content/${recorded.evidenceHash}`);

  step('Check it');
  console.log(`openledger-attestor verify ${recorded.record} --node ${values.url} --content ${values.attestor}`);
} catch (error) {
  console.error(`failed: ${error.message}`);
  process.exitCode = 1;
} finally {
  await api.disconnect();
}
