// A light client follows the chain: smoldot (the light client that runs in browsers),
// started from the chain spec with a boot node reachable over WebSocket, warp-syncs with
// GRANDPA proofs, follows new blocks, and answers a runtime API call (`DatasetsApi_dataset`)
// that it verifies against storage proofs: byte for byte what the full node answers. The
// node's custom RPC methods are not among what it serves (docs/clients.md, "Light clients").

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import * as smoldot from 'smoldot';
import { figure, LocalNetwork, until } from '../../lib/network.js';
import { freePort } from '../../lib/node.js';
import { submit } from '../../lib/tx.js';

let network;
let validator;
let light;
let chain;
let nextId = 0;
let lightStarted;
const waiting = new Map();

/** A JSON-RPC call to the light client; resolves with the whole response. */
function lightRpc(method, params = []) {
  return new Promise((resolve) => {
    const id = ++nextId;
    waiting.set(id, resolve);
    chain.sendJsonRpc(JSON.stringify({ id, jsonrpc: '2.0', method, params }));
  });
}

before(async () => {
  await cryptoWaitReady();
  network = new LocalNetwork(1);
  const ws = await freePort();
  validator = await network.add('validator1', {
    validatorSeed: '//Validator1',
    // A second listening address over WebSocket: the transport a browser's light client has.
    extraArgs: ['--listen-addr', `/ip4/127.0.0.1/tcp/${ws}/ws`],
  });
  await validator.start();
  const spec = JSON.parse(readFileSync(network.spec, 'utf8'));
  spec.bootNodes = [`/ip4/127.0.0.1/tcp/${ws}/ws/p2p/${validator.peerId}`];

  light = smoldot.start({ maxLogLevel: 1 });
  lightStarted = Date.now();
  chain = await light.addChain({ chainSpec: JSON.stringify(spec) });
  (async () => {
    for (;;) {
      const answer = JSON.parse(await chain.nextJsonRpcResponse());
      waiting.get(answer.id)?.(answer);
      waiting.delete(answer.id);
    }
  })().catch(() => {}); // ends when the light client is terminated
});

after(async () => {
  light?.terminate();
  if (network) await network.stop();
});

test("smoldot follows the chain and verifies a runtime API answer equal to the full node's", async () => {
  const api = await validator.client();
  const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
  const { blockHash } = await submit(
    api,
    api.tx.datasets.createDataset('Seen by a light client', 'MIT', { minBond: 0, open: true }),
    alice,
  );
  const dataset = '0x0000000000000000'; // DatasetsApi_dataset(0): the id as SCALE u64
  const full = (await api.rpc.state.call('DatasetsApi_dataset', dataset, blockHash)).toHex();
  assert.ok(full.length > 100, 'the full node answers the dataset');

  await until(
    'the light client to know the finalised block',
    async () => (await lightRpc('chain_getHeader', [blockHash.toHex()])).result,
    120_000,
  );
  figure(
    'light client: from its start to knowing a block the full node finalised',
    (Date.now() - lightStarted) / 1000,
    's',
  );
  const verified = await lightRpc('state_call', ['DatasetsApi_dataset', dataset, blockHash.toHex()]);
  assert.equal(verified.error, undefined, JSON.stringify(verified.error));
  assert.equal(verified.result, full, 'the same bytes, checked by the light client against storage proofs');
  assert.ok(
    verified.result.includes(Buffer.from('Seen by a light client').toString('hex')),
    'the datanet just created',
  );

  const custom = await lightRpc('datasets_get', [0]);
  assert.equal(custom.error?.code, -32601, 'custom RPC methods are not served by a light client');
});
