// A signing worker: connects to the node once for its metadata, then signs batches of
// transactions offline (immortal, explicit nonces) and hands back their SCALE hex.
//
// Message in:  { id, txs: [{ seed, nonce, section, method, args }] }
// Message out: { id, signed: [hex] } or { id, error }

import { parentPort, workerData } from 'node:worker_threads';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';

await cryptoWaitReady();
const api = await ApiPromise.create({ provider: new WsProvider(workerData.url), noInitWarn: true });
const keyring = new Keyring({ type: 'sr25519' });
const pairs = new Map();
const pair = (seed) => {
  if (!pairs.has(seed)) pairs.set(seed, keyring.addFromUri(seed));
  return pairs.get(seed);
};

parentPort.on('message', async ({ id, txs }) => {
  try {
    const signed = [];
    for (const { seed, nonce, section, method, args } of txs) {
      const tx = api.tx[section][method](...args);
      // Immortal (era 0): the signature does not depend on a recent block.
      signed.push(
        tx
          .sign(pair(seed), {
            nonce,
            era: 0,
            tip: 0,
            blockHash: api.genesisHash,
            genesisHash: api.genesisHash,
            runtimeVersion: api.runtimeVersion,
            signedExtensions: api.registry.signedExtensions,
            version: api.extrinsicType,
          })
          .toHex(),
      );
    }
    parentPort.postMessage({ id, signed });
  } catch (error) {
    parentPort.postMessage({ id, error: error.stack ?? String(error) });
  }
});
parentPort.postMessage({ ready: true });
