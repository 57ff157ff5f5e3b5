#!/usr/bin/env node
// Produces docs/rpc-examples.md: starts a dev node (instant sealing), walks a small journey
// (a datanet with two contributors, a base and a fine-tuned model, an agent, two records),
// then calls every OpenLedger RPC method with curl-style requests and records the answers.
//
//   npm ci && node scripts/examples/rpc-examples.mjs   (at the root of the clone)
//
// The page cannot drift from the node: e2e test 12-docs renders it again on every run of
// scripts/test.sh and fails when the committed page differs (run this script to update it).
// Everything in it is deterministic: the dev chain's genesis, one block per transaction, and
// the one signed extrinsic shown (signatures are random) written as a placeholder.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UNIT } from '@openledger/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import { submit } from '../lib/tx.js';

const PERCENT = 10_000_000n;

/** Where the page lives. */
export const RPC_EXAMPLES_PAGE = new URL('../../docs/rpc-examples.md', import.meta.url);

/** What the page shows in place of the signed extrinsic's hex, which changes with each signature. */
const SIGNED = '0x…(a signed datasets.submitContribution extrinsic)';

/** The page, rendered against a fresh dev node. */
export async function renderRpcExamples() {
  await cryptoWaitReady();
  const node = await startNode();
  try {
    return await render(node);
  } finally {
    await node.stop();
  }
}

async function render(node) {
  const { api } = node;
  const keyring = new Keyring({ type: 'sr25519' });
  const [alice, bob, charlie, dave, eve, ferdie] = ['Alice', 'Bob', 'Charlie', 'Dave', 'Eve', 'Ferdie'].map((n) =>
    keyring.addFromUri(`//${n}`),
  );

  await submit(
    api,
    api.tx.datasets.createDataset('ipfs://medical-qa', 'CC-BY-4.0', { minBond: UNIT, open: true }),
    alice,
  );
  await submit(api, api.tx.datasets.submitContribution(0, blake2AsHex('row from bob'), 'ipfs://bob-row', UNIT), bob);
  await submit(
    api,
    api.tx.datasets.submitContribution(0, blake2AsHex('row from charlie'), 'ipfs://charlie-row', UNIT),
    charlie,
  );
  await submit(api, api.tx.datasets.reviewContribution(0, { Accept: { shares: 1 } }), alice);
  await submit(api, api.tx.datasets.reviewContribution(1, { Accept: { shares: 3 } }), alice);
  await submit(api, api.tx.datasets.publishVersion(0), alice);
  await submit(
    api,
    api.tx.models.registerModel('hf://base', 'Apache-2.0', null, 10n * PERCENT, 0, { modelShare: 40n * PERCENT }),
    dave,
  );
  await submit(
    api,
    api.tx.models.registerModel('hf://medical-tune', 'Apache-2.0', 0, 5n * PERCENT, UNIT, {
      modelShare: 40n * PERCENT,
    }),
    eve,
  );
  await submit(api, api.tx.models.publishVersion(1, blake2AsHex('weights v1'), [[0, 1, 60n * PERCENT]], null), eve);
  await submit(api, api.tx.models.setAttestors(1, [ferdie.address]), eve);
  await submit(api, api.tx.agents.registerAgent('https://agent.example', [1], 10n * PERCENT), dave);
  await submit(api, api.tx.attribution.bondAttestor(1_000n * UNIT), ferdie);
  const method = { id: 'influence-functions/1', paramsHash: blake2AsHex('params') };
  await submit(
    api,
    api.tx.attribution.recordInference(
      1,
      1,
      0,
      10n * UNIT,
      blake2AsHex('inference 0'),
      method,
      blake2AsHex('evidence 0'),
      [[0, 50n * PERCENT]],
      10n * PERCENT,
    ),
    ferdie,
  );
  await submit(
    api,
    api.tx.attribution.recordInference(
      1,
      1,
      null,
      3n * UNIT + 1n,
      blake2AsHex('inference 1'),
      method,
      blake2AsHex('evidence 1'),
      [],
      0,
    ),
    ferdie,
  );

  const duplicate = await api.tx.datasets
    .submitContribution(0, blake2AsHex('row from bob'), '', UNIT)
    .signAsync(charlie);
  const calls = [
    ['datasets_get', [0]],
    ['datasets_contribution', [1]],
    ['datasets_contributions', [0, 'accepted', { limit: 10 }]],
    ['datasets_contributionsOf', [charlie.address]],
    ['datasets_acceptedContributions', [0, { start: 0, limit: 10 }]],
    ['models_get', [1]],
    ['models_lineage', [0, { start: 0, limit: 10 }]],
    ['agents_get', [0]],
    ['attribution_rewardSplit', [0]],
    ['attribution_contributionEarnings', [0, 1]],
    ['attribution_pendingRewards', [charlie.address]],
    ['attribution_previewSplit', [1, 1, 0, '10000000000000000000', [{ dataset: 0, perbill: 500000000 }]]],
    [
      'attribution_previewSplit',
      [
        1,
        1,
        null,
        '10',
        [
          { dataset: 0, perbill: 600000000 },
          { dataset: 0, perbill: 1 },
        ],
      ],
    ],
    ['datasets_submitContribution', [duplicate.toHex()]],
    ['datasets_list', [null, { limit: 10 }]],
    ['models_list', [eve.address]],
    ['agents_list', [dave.address]],
    ['attribution_records', [{ attestor: ferdie.address, agent: 0 }, { limit: 10 }]],
    ['attribution_rewardSplit', [42]],
    ['attribution_pendingRewards', ['not-an-address']],
    ['datasets_list', [null, { limit: 101 }]],
  ];
  let markdown =
    '# JSON-RPC examples\n\n<!-- generated by scripts/examples/rpc-examples.mjs: do not edit by hand -->\n' +
    'Generated by `scripts/examples/rpc-examples.mjs` against a `--dev --sealing instant` node\n' +
    '(accounts are the well-known dev accounts; see [rpc.md](rpc.md) for the conventions).\n' +
    'Every run of `scripts/test.sh` renders it again (e2e `12-docs`) and fails if it differs.\n' +
    'Dataset 0 has Bob (1 share) and Charlie (3 shares); model 1 is a fine-tune of model 0\n' +
    'trained on dataset 0 v1; agent 0 calls model 1; record 0 paid 10 OPEN through agent 0\n' +
    'scoring dataset 0 at 50%, record 1 paid 3 OPEN + 1 unit with no scores.\n';
  for (const [name, params] of calls) {
    const shown = params.map((p) => (p === duplicate.toHex() ? SIGNED : p));
    const body = JSON.stringify({ id: 1, jsonrpc: '2.0', method: name, params: shown });
    const answer = await node.rpc(name, params);
    markdown += `\n## \`${name}\`\n\n\`\`\`sh\ncurl -s -H 'Content-Type: application/json' -d '${body}' http://127.0.0.1:9944\n\`\`\`\n\n\`\`\`json\n${JSON.stringify(answer, null, 2)}\n\`\`\`\n`;
  }
  return markdown;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(RPC_EXAMPLES_PAGE, await renderRpcExamples());
  console.log('wrote docs/rpc-examples.md');
}
