// RPC latency: closed-loop WebSocket clients, each one request at a time, for `seconds`.

import { log } from '../lib/bench.mjs';
import { RpcClient } from '../lib/chain.mjs';

/** `clients` clients call `method(params)` in a closed loop; returns rate and p50/p99. */
async function rpcLoad(url, method, params, clients, seconds) {
  const sockets = await Promise.all(Array.from({ length: clients }, () => RpcClient.connect(url)));
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    sockets.map(async (socket) => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        await socket.call(method, params);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  for (const socket of sockets) socket.close();
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    method,
    clients,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  };
}

/** Measures each of `cases` ([method, params]) at 1, 10 and 100 clients. */
export async function runRpc(url, cases, seconds) {
  const rows = [];
  for (const clients of [1, 10, 100]) {
    for (const [method, params] of cases) {
      const figures = await rpcLoad(url, method, params, clients, seconds);
      log(
        `${method} × ${clients} clients: ${figures.perSecond.toFixed(0)} req/s, p50 ${figures.p50.toFixed(2)} ms, p99 ${figures.p99.toFixed(2)} ms`,
      );
      rows.push(figures);
    }
  }
  return rows;
}
