// Starts the real openledger-node for a test and stops it afterwards, whatever happens.
//
// The binary is $OPENLEDGER_NODE, or $CARGO_TARGET_DIR/release/openledger-node, or the
// default shared target directory. Each node gets free loopback ports and a fresh temporary
// base path, so tests never collide with each other or with a node you are running.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, homedir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

export function nodeBinary() {
  if (process.env.OPENLEDGER_NODE) return process.env.OPENLEDGER_NODE;
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/openledger/target');
  const binary = join(target, 'release/openledger-node');
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: build it with 'cargo build --release -p openledger-node'`);
  }
  return binary;
}

/** A TCP port on 127.0.0.1 that nobody is listening on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const running = new Set();
// Never leave a node behind, even when a test throws or the runner is interrupted.
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    if (signal !== 'exit') process.exit(130);
  });
}

async function waitForRpc(port, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the node exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: 1, jsonrpc: '2.0', method: 'system_health', params: [] }),
      });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no RPC on port ${port} after ${timeoutMs} ms`);
}

/**
 * Starts a node: `--dev --sealing instant` unless `args` says otherwise. Returns
 * `{ api, rpcPort, url, basePath, logFile, rpc(method, params), stop() }`.
 */
export async function startNode({ args = ['--dev', '--sealing', 'instant'], timeoutMs = 60_000 } = {}) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), 'openledger-e2e-'));
  const logFile = join(basePath, 'node.log');
  const child = spawn(
    nodeBinary(),
    [
      ...args,
      '--base-path', basePath,
      '--rpc-port', String(rpcPort),
      '--port', String(p2pPort),
      '--no-prometheus',
      '--no-mdns',
      '--rpc-cors', 'all',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  const log = createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
      child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const result = await exited;
      clearTimeout(timer);
      running.delete(child);
      return result;
    }
    running.delete(child);
    return { code: child.exitCode, signal: child.signalCode };
  };

  try {
    await waitForRpc(rpcPort, child, timeoutMs);
  } catch (error) {
    await stop();
    error.message += ` (node log: ${logFile})`;
    throw error;
  }
  const url = `ws://127.0.0.1:${rpcPort}`;
  const api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });

  /** A raw JSON-RPC call over HTTP: returns the whole response object. */
  const rpc = async (method, params = []) => {
    const response = await fetch(`http://127.0.0.1:${rpcPort}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
    });
    return response.json();
  };

  return {
    api,
    rpcPort,
    url,
    basePath,
    logFile,
    rpc,
    async stop() {
      await api.disconnect();
      const result = await stop();
      rmSync(basePath, { recursive: true, force: true });
      return result;
    },
  };
}
