// Starting the real openledger-node for tests, tools and examples, and stopping it afterwards,
// whatever happens: the one place that knows how to run the binary.
//
// The binary is $OPENLEDGER_NODE, or $CARGO_TARGET_DIR/release/openledger-node, or the default
// shared target directory. Each node gets free loopback ports and its own base path, so nodes
// never collide with each other or with a node you are running. Every process started here is
// killed when this process exits, even when a test throws or the runner is interrupted.

import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';

/** The path of the node binary. */
export function nodeBinary() {
  if (process.env.OPENLEDGER_NODE) return process.env.OPENLEDGER_NODE;
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/openledger/target');
  const binary = join(target, 'release/openledger-node');
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: build it with 'cargo build --release -p openledger-node'`);
  }
  return binary;
}

/** Runs a node subcommand (`key …`, `build-spec …`) to completion; returns its stdout. */
export function runNodeCommand(args) {
  const result = spawnSync(nodeBinary(), args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`openledger-node ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
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

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value; returns it. */
export async function until(what, check, timeoutMs = 120_000, everyMs = 500) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    try {
      last = await check();
      if (last) return last;
    } catch (error) {
      last = error;
    }
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what} (last: ${last?.message ?? JSON.stringify(last)})`);
}

/** A JSON-RPC call over HTTP: returns the whole response object (`result` or `error`). */
export async function rawRpc(port, method, params = []) {
  const response = await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 1, jsonrpc: '2.0', method, params }),
  });
  return response.json();
}

/** A JSON-RPC call over HTTP: returns its result, or throws its error. */
export async function rpc(port, method, params = []) {
  const answer = await rawRpc(port, method, params);
  if (answer.error) throw new Error(`${method}: ${answer.error.message}`);
  return answer.result;
}

const running = new Set();
for (const signal of ['exit', 'SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    for (const child of running) child.kill('SIGKILL');
    if (signal !== 'exit') process.exit(130);
  });
}

/**
 * Starts `binary args…` (the node unless said otherwise) with its output appended to
 * `logFile`, and waits until `ready()` holds (for the node: it answers RPC on `rpcPort`).
 * Returns `{ child, stop(signal) }`; `stop` waits for the process to exit (SIGKILL after
 * 20 s). The process is killed if this one exits.
 */
export async function launch({
  args,
  rpcPort,
  logFile,
  name = 'the node',
  timeoutMs = 60_000,
  binary = nodeBinary(),
  env = process.env,
  ready = () => rpc(rpcPort, 'system_health'),
}) {
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const log = createWriteStream(logFile, { flags: 'a' });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  running.add(child);
  child.once('exit', () => running.delete(child));

  const stop = async (signal = 'SIGINT') => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return { code: child.exitCode, signal: child.signalCode };
    }
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };

  try {
    await until(
      `${name} to be ready`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited with code ${child.exitCode}`);
        return ready();
      },
      timeoutMs,
      250,
    );
  } catch (error) {
    await stop('SIGKILL');
    const lines = existsSync(logFile) ? readFileSync(logFile, 'utf8').trim().split('\n') : [];
    error.message += ` (log: ${logFile}; its end:\n${lines.slice(-5).join('\n')})`;
    throw error;
  }
  return { child, stop };
}

/**
 * Starts a single node: `--dev --sealing instant` unless `args` says otherwise, in a fresh
 * temporary base path. Returns `{ api, rpcPort, url, basePath, logFile, rpc(method, params),
 * pause(), resume(), stop() }`; `api` is a connected polkadot.js client unless `api: false`,
 * `rpc` returns the whole JSON-RPC response, `pause` stops the process and `resume` starts it
 * again on the same base path and ports (the chain goes on where it was).
 */
export async function startNode({
  args = ['--dev', '--sealing', 'instant'],
  api: withApi = true,
  timeoutMs = 60_000,
} = {}) {
  const rpcPort = await freePort();
  const p2pPort = await freePort();
  const basePath = mkdtempSync(join(tmpdir(), 'openledger-node-'));
  const logFile = join(basePath, 'node.log');
  const fullArgs = [
    ...args,
    '--base-path',
    basePath,
    '--rpc-port',
    String(rpcPort),
    '--port',
    String(p2pPort),
    '--no-prometheus',
    '--no-mdns',
    '--rpc-cors',
    'all',
  ];
  let nodeProcess = await launch({ args: fullArgs, rpcPort, logFile, timeoutMs });
  const url = `ws://127.0.0.1:${rpcPort}`;
  const api = withApi
    ? await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true, ...definitions })
    : null;
  return {
    api,
    rpcPort,
    url,
    basePath,
    logFile,
    rpc: (method, params) => rawRpc(rpcPort, method, params),
    async pause() {
      return nodeProcess.stop();
    },
    async resume() {
      nodeProcess = await launch({ args: fullArgs, rpcPort, logFile, timeoutMs });
    },
    async stop() {
      if (api) await api.disconnect();
      const result = await nodeProcess.stop();
      rmSync(basePath, { recursive: true, force: true });
      return result;
    },
  };
}
