// The plumbing of the load tool: a raw pipelined JSON-RPC client over WebSocket, signing in
// worker threads, and submitting many transactions at once. (The node itself is started by
// ../../lib/node.js.)

import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import WebSocket from 'ws';

/** A minimal JSON-RPC client over one WebSocket: any number of calls in flight. */
export class RpcClient {
  static connect(url) {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { maxPayload: 256 * 1024 * 1024 });
      socket.once('open', () => resolve(new RpcClient(socket)));
      socket.once('error', reject);
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.next = 1;
    this.pending = new Map();
    socket.on('message', (data) => {
      const answer = JSON.parse(data);
      const waiter = this.pending.get(answer.id);
      if (!waiter) return;
      this.pending.delete(answer.id);
      if (answer.error)
        waiter.reject(
          Object.assign(new Error(answer.error.message), { code: answer.error.code, data: answer.error.data }),
        );
      else waiter.resolve(answer.result);
    });
    socket.on('close', () => {
      for (const waiter of this.pending.values()) waiter.reject(new Error('connection closed'));
      this.pending.clear();
    });
  }

  call(method, params = []) {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    });
  }

  close() {
    this.socket.close();
  }
}

/** Signs transactions in parallel, one worker thread per core. */
export class Signers {
  static async start(url, count = Math.max(1, cpus().length)) {
    const workers = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise((resolve, reject) => {
            const worker = new Worker(new URL('./sign-worker.mjs', import.meta.url), { workerData: { url } });
            worker.once('message', () => resolve(worker));
            worker.once('error', reject);
          }),
      ),
    );
    return new Signers(workers);
  }

  constructor(workers) {
    this.workers = workers;
    this.next = 1;
  }

  /**
   * Signs `txs` ([{ seed, nonce, section, method, args }]); returns their hex in order.
   * Transactions of one sender go to one worker, so the split never reorders nonces.
   */
  async sign(txs) {
    const shares = this.workers.map(() => []);
    const senders = new Map();
    txs.forEach((tx, index) => {
      if (!senders.has(tx.seed)) senders.set(tx.seed, senders.size % this.workers.length);
      shares[senders.get(tx.seed)].push({ index, tx });
    });
    const out = new Array(txs.length);
    await Promise.all(
      shares.map(
        (share, w) =>
          new Promise((resolve, reject) => {
            if (share.length === 0) return resolve();
            const id = this.next++;
            const worker = this.workers[w];
            const onMessage = (message) => {
              if (message.id !== id) return;
              worker.off('message', onMessage);
              if (message.error) return reject(new Error(message.error));
              message.signed.forEach((hex, i) => {
                out[share[i].index] = hex;
              });
              resolve();
            };
            worker.on('message', onMessage);
            worker.postMessage({ id, txs: share.map((s) => s.tx) });
          }),
      ),
    );
    return out;
  }

  async stop() {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }
}

/** Submits signed transactions over `connections` WebSockets, `inFlight` at a time each. */
export async function submitAll(url, hexes, { connections = 4, inFlight = 64 } = {}) {
  const clients = await Promise.all(Array.from({ length: connections }, () => RpcClient.connect(url)));
  const errors = new Map();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    clients.flatMap((client) =>
      Array.from({ length: inFlight }, async () => {
        while (next < hexes.length) {
          const hex = hexes[next++];
          try {
            await client.call('author_submitExtrinsic', [hex]);
          } catch (error) {
            errors.set(error.message, (errors.get(error.message) ?? 0) + 1);
          }
        }
      }),
    ),
  );
  const seconds = (Date.now() - started) / 1000;
  for (const client of clients) client.close();
  return { seconds, errors: Object.fromEntries(errors) };
}
