// Starting the real openledger-attestor for tests: `serve` (the public API, content store,
// indexer and attribution, and the recording API, each on a free loopback port) or `watch` (the
// verifier that challenges), each in its own base path, killed when the test process exits.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launch } from './node.js';

/** The path of the attestor binary. */
export function attestorBinary() {
  if (process.env.OPENLEDGER_ATTESTOR) return process.env.OPENLEDGER_ATTESTOR;
  const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/openledger/target');
  const binary = join(target, 'release/openledger-attestor');
  if (!existsSync(binary)) {
    throw new Error(`${binary} not found: build it with 'cargo build --release -p openledger-attestor'`);
  }
  return binary;
}

/**
 * Starts `openledger-attestor <command>` against the node at `nodeUrl`, signing with `suri`
 * (given in the environment, never on the command line), in `basePath` (default: a new
 * temporary directory). Returns `{ url, recordUrl, token(), basePath, logFile, log(), pid,
 * stop({ keep }) }`; `url` is the public HTTP API of `serve`, `recordUrl` its recording API and
 * `token()` the recording token it wrote to its base path; `stop` removes the base path unless
 * `keep` (to start again on it).
 */
export async function startAttestor({
  command = 'serve',
  nodeUrl,
  suri,
  args = [],
  name = `attestor ${command}`,
  basePath = mkdtempSync(join(tmpdir(), `openledger-attestor-${command}-`)),
}) {
  const logFile = join(basePath, 'attestor.log');
  const port = await freePort();
  const recordPort = await freePort();
  const listen =
    command === 'serve' ? ['--listen', `127.0.0.1:${port}`, '--record-listen', `127.0.0.1:${recordPort}`] : [];
  const url = `http://127.0.0.1:${port}`;
  const env = { ...process.env, RUST_LOG: 'info' };
  if (suri) env.OPENLEDGER_ATTESTOR_SURI = suri;
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const ready =
    command === 'serve' ? async () => (await fetch(`${url}/v1/status`)).ok : async () => log().includes('watching');
  const attestor = await launch({
    binary: attestorBinary(),
    args: [command, '--node', nodeUrl, '--base-path', basePath, ...listen, ...args],
    logFile,
    name,
    env,
    ready,
  });
  return {
    url,
    recordUrl: `http://127.0.0.1:${recordPort}`,
    token: () => readFileSync(join(basePath, 'record-token'), 'utf8').trim(),
    basePath,
    logFile,
    log,
    pid: attestor.child.pid,
    async stop({ keep = false } = {}) {
      await attestor.stop();
      if (!keep) rmSync(basePath, { recursive: true, force: true });
    },
  };
}
