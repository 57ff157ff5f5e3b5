// Latency of mid-sized RPC responses: chain_getBlock of blocks of 20, 60 and 150 remarks
// (9 to 64 KB), p50 of 30 calls over one WebSocket. Before patches/sc-rpc-server set
// TCP_NODELAY, each took a fixed ~44 ms (Nagle and delayed ACK); now under a millisecond.
//   (from scripts/) OPENLEDGER_NODE=… node bench/response-latency.mjs
import { ApiPromise, WsProvider } from '@polkadot/api';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady } from '@polkadot/util-crypto';
import { startNode } from '../lib/node.js';
import { RpcClient } from './lib/chain.mjs';

await cryptoWaitReady();
const node = await startNode({ args: ['--dev', '--sealing', 'manual'], api: false });
const api = await ApiPromise.create({ provider: new WsProvider(node.url), noInitWarn: true });
const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
const c = await RpcClient.connect(node.url);
for (const n of [20, 60, 150]) {
  let nonce = (await api.rpc.system.accountNextIndex(alice.address)).toNumber();
  for (let i = 0; i < n; i++)
    await c.call('author_submitExtrinsic', [
      (await api.tx.system.remark('x'.repeat(100)).signAsync(alice, { nonce: nonce++, era: 0 })).toHex(),
    ]);
  const { hash } = await c.call('engine_createBlock', [true, true, null]);
  const t = [];
  let size = 0;
  for (let i = 0; i < 30; i++) {
    const t0 = process.hrtime.bigint();
    const r = await c.call('chain_getBlock', [hash]);
    size = JSON.stringify(r).length;
    t.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  t.sort((a, b) => a - b);
  console.log(`chain_getBlock of ${n} remarks: ${size} bytes, p50 ${t[15].toFixed(2)} ms`);
}
c.close();
await api.disconnect();
await node.stop();
process.exit(0);
