#!/usr/bin/env node
// A contributor's client: hashes some content, signs a `datasets.submitContribution`
// extrinsic offline, and submits it through `datasets_submitContribution`, which checks it
// with the runtime first. Prints the transaction hash and, once included, the contribution id;
// or the exact reason the chain would refuse it. It signs for the datanet's bond as it reads it
// now: if the owner raises the bond before the contribution is included, it is refused
// (`Datasets.BondAboveMax`) and nothing is held.
//
//   npm ci        # at the root of the clone
//   node scripts/examples/submit-contribution.mjs --dataset 0 --content 'my row of data' [--suri //Bob] \
//        [--metadata ipfs://…] [--url ws://127.0.0.1:9944]

import { parseArgs } from 'node:util';
import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { findEvent, waitForExtrinsic } from '../lib/tx.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'ws://127.0.0.1:9944' },
    suri: { type: 'string', default: '//Bob' },
    dataset: { type: 'string' },
    content: { type: 'string' },
    metadata: { type: 'string', default: '' },
  },
});
if (values.dataset === undefined || values.content === undefined) {
  console.error(
    'usage: node examples/submit-contribution.mjs --dataset <id> --content <text> [--suri //Bob] [--metadata …] [--url ws://…]',
  );
  process.exit(2);
}

await cryptoWaitReady();
const provider = new WsProvider(values.url);
const api = await ApiPromise.create({ provider, noInitWarn: true, ...definitions });
const signer = new Keyring({ type: 'sr25519' }).addFromUri(values.suri);
const contentHash = blake2AsHex(values.content);

// The bond the datanet asks now: the most this contribution will ever have held.
const datanet = await api.query.datasets.datasets(Number(values.dataset));
const bond = datanet.isSome ? datanet.unwrap().policy.minBond.toBigInt() : 0n;
const extrinsic = await api.tx.datasets
  .submitContribution(Number(values.dataset), contentHash, values.metadata, bond)
  .signAsync(signer);
try {
  // A refusal comes back as a JSON-RPC error naming the pallet error, e.g.
  // "-32002: Datasets.DuplicateContent".
  const hash = await provider.send('datasets_submitContribution', [extrinsic.toHex()]);
  console.log(`submitted ${hash} (content ${contentHash})`);
  const { events } = await waitForExtrinsic(api, hash, 120_000);
  const submitted = findEvent(events, 'datasets', 'ContributionSubmitted');
  console.log(
    `contribution ${submitted.data.contribution.toString()} in dataset ${values.dataset}, bond ${submitted.data.bond.toString()}`,
  );
} catch (error) {
  console.error(`refused: ${error.message}`);
  process.exitCode = 1;
} finally {
  await api.disconnect();
}
