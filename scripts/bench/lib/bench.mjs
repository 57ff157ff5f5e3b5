// The measuring core of the load tool: authoring blocks on demand and reading back what is in
// them, running small set-up transactions, and measuring one throughput scenario.
//
// The node runs `--dev --sealing manual`. A scenario signs its transactions offline (worker
// threads, pre-funded accounts, explicit nonces), keeps three blocks' worth of them in the
// pool, and authors blocks one at a time (`engine_createBlock`) until all are in. It counts
// from the blocks themselves: the extrinsics of the scenario's call in each block, their
// `ExtrinsicSuccess` events and weights, the block's consumed weight and its timestamp. A full
// block is what the chain carries in one 6-second slot, so throughput = extrinsics per full
// block / 6 s.

import { Keyring } from '@polkadot/keyring';
import { blake2AsHex } from '@polkadot/util-crypto';
import { RpcClient, Signers, submitAll } from './chain.mjs';

/** Seconds per block under Aura. */
export const BLOCK_SECONDS = 6;

export const log = (...args) => console.error(`[${new Date().toISOString().slice(11, 19)}]`, ...args);

/** A transaction to sign: arguments cross to the signing workers by structured clone, so
 * nested calls go as SCALE hex. */
export const tx = (seed, section, method, ...args) => ({ seed, section, method, args });

export class Bench {
  /** Connects to the node at `url` (polkadot.js `api` already connected to it). */
  static async connect(api, url) {
    const rpc = await RpcClient.connect(url);
    const signers = await Signers.start(url);
    return new Bench(api, url, rpc, signers);
  }

  constructor(api, url, rpc, signers) {
    this.api = api;
    this.url = url;
    this.rpc = rpc;
    this.signers = signers;
    this.keyring = new Keyring({ type: 'sr25519' });
    this.nonces = new Map();
    this.pairs = new Map();
    const weights = api.consts.system.blockWeights;
    /** The block's weight limit for normal calls (ref time, ps). */
    this.maxNormal = weights.perClass.normal.maxTotal.unwrap().refTime.toBigInt();
    /** What every extrinsic costs on top of its call (ref time, ps): the measured base weight. */
    this.baseExtrinsic = weights.perClass.normal.baseExtrinsic.refTime.toBigInt();
  }

  /** The key pair of `seed`, derived once: a derivation from a URI runs the mnemonic's
   * PBKDF2, milliseconds each, and scenarios ask for an address per transaction (thousands
   * in a row would block the event loop for minutes, and the node drops a connection that
   * does not answer its pings). */
  account(seed) {
    let pair = this.pairs.get(seed);
    if (!pair) {
      pair = this.keyring.addFromUri(seed);
      this.pairs.set(seed, pair);
    }
    return pair;
  }

  async close() {
    await this.signers.stop();
    this.rpc.close();
  }

  async nonceOf(seed) {
    if (!this.nonces.has(seed)) {
      this.nonces.set(seed, (await this.api.rpc.system.accountNextIndex(this.account(seed).address)).toNumber());
    }
    const nonce = this.nonces.get(seed);
    this.nonces.set(seed, nonce + 1);
    return nonce;
  }

  async withNonces(txs) {
    const out = [];
    for (const one of txs) out.push({ ...one, nonce: await this.nonceOf(one.seed) });
    return out;
  }

  /** Authors one block; returns what is in it, read from the chain. */
  async seal() {
    const { api } = this;
    const started = process.hrtime.bigint();
    const { hash } = await this.rpc.call('engine_createBlock', [true, true, null]);
    const authoring = Number(process.hrtime.bigint() - started) / 1e6;
    const at = await api.at(hash);
    const [block, events, weight, now] = await Promise.all([
      api.rpc.chain.getBlock(hash),
      at.query.system.events(),
      at.query.system.blockWeight(),
      at.query.timestamp.now(),
    ]);
    const extrinsics = block.block.extrinsics.map((xt, index) => ({
      hash: xt.hash.toHex(),
      call: `${xt.method.section}.${xt.method.method}`,
      signed: xt.isSigned,
      index,
    }));
    for (const { phase, event } of events) {
      if (!phase.isApplyExtrinsic) continue;
      const xt = extrinsics[phase.asApplyExtrinsic.toNumber()];
      if (event.section === 'system' && event.method === 'ExtrinsicSuccess') {
        xt.ok = true;
        xt.weight = event.data.dispatchInfo.weight.refTime.toBigInt();
      } else if (event.section === 'system' && event.method === 'ExtrinsicFailed') {
        xt.ok = false;
        const error = event.data.dispatchError;
        xt.error = error.isModule
          ? (({ section, name }) => `${section}.${name}`)(api.registry.findMetaError(error.asModule))
          : error.toString();
      }
      xt.events = (xt.events ?? 0) + 1;
    }
    return {
      number: block.block.header.number.toNumber(),
      hash,
      timestamp: now.toNumber(),
      authoringMs: authoring,
      normalWeight: weight.normal.refTime.toBigInt(),
      extrinsics,
    };
  }

  /**
   * Submits signed `hexes`, then authors blocks until all are in; returns those blocks. With
   * `window`, at most that many of them wait in the pool at once: the rest are submitted as
   * blocks take them in.
   *
   * The window is what lets a scenario of 100,000 transactions run. With all of them in the
   * pool, the pool's upkeep after a block (taking out what the block included, revalidating
   * the rest) outlasts the time the block author waits for it (an eighth of the proposal's
   * time), and the author then proposes from the pool as it was: it tries the transactions
   * the last block already included, they fail as stale, and reporting them invalid takes
   * every later transaction of their senders out of the pool with them, without an error.
   */
  async run(hexes, label, { window = hexes.length } = {}) {
    const wanted = new Set(hexes.map((hex) => blake2AsHex(hex, 256)));
    const submitted = { seconds: 0, errors: {} };
    let next = 0;
    const topUp = async () => {
      const waiting = next - (hexes.length - wanted.size);
      if (next >= hexes.length || waiting >= window) return;
      const chunk = hexes.slice(next, next + window - waiting);
      next += chunk.length;
      const { seconds, errors } = await submitAll(this.url, chunk);
      submitted.seconds += seconds;
      for (const [error, count] of Object.entries(errors))
        submitted.errors[error] = (submitted.errors[error] ?? 0) + count;
    };
    await topUp();
    const blocks = [];
    let idle = 0;
    while (wanted.size > 0 && idle < 2) {
      const block = await this.seal();
      const ours = block.extrinsics.filter((xt) => wanted.delete(xt.hash));
      idle = ours.length ? 0 : idle + 1;
      blocks.push({ ...block, ours });
      await topUp();
    }
    if (Object.keys(submitted.errors).length) log(`${label}: pool refused`, submitted.errors);
    const failed = blocks.flatMap((b) => b.ours.filter((xt) => xt.ok === false));
    if (failed.length) log(`${label}: ${failed.length} failed, e.g. ${failed[0].error}`);
    if (wanted.size) log(`${label}: ${wanted.size} never included`);
    return { blocks, submitted, missing: wanted.size, failed: failed.length };
  }

  /** Signs and runs small set-up transactions, failing loudly if any fails. */
  async setup(txs, label) {
    const hexes = await this.signers.sign(await this.withNonces(txs));
    const result = await this.run(hexes, label);
    if (result.failed || result.missing) throw new Error(`setup '${label}' failed`);
    return result;
  }

  /** The events `section.method` of `blocks`. */
  async eventsOf(blocks, section, method) {
    const out = [];
    for (const block of blocks) {
      for (const { event } of await (await this.api.at(block.hash)).query.system.events()) {
        if (event.section === section && event.method === method) out.push(event);
      }
    }
    return out;
  }

  /**
   * Runs one throughput scenario: `make(i)` gives the i-th transaction. A probe transaction
   * in a block of its own tells the weight the call is actually charged (calls whose cost
   * depends on storage declare their worst case and are refunded after dispatch); that sizes
   * the run at `fill` full blocks and a half.
   */
  async scenario(name, make, { blocks: fill = 4, cap = 60_000 } = {}) {
    const { maxNormal } = this;
    const probe = await this.run(await this.signers.sign(await this.withNonces([make(0)])), `${name} (probe)`);
    const probed = probe.blocks.flatMap((b) => b.ours)[0];
    if (!probed?.ok) throw new Error(`${name}: the probe failed: ${probed?.error}`);
    const weight = probed.weight + this.baseExtrinsic;
    const perBlock = Number(maxNormal / weight);
    const count = Math.min(cap - 1, perBlock * fill + Math.ceil(perBlock / 2));
    const txs = await this.withNonces(Array.from({ length: count }, (_, i) => make(i + 1)));
    const signStarted = Date.now();
    const hexes = await this.signers.sign(txs);
    const signSeconds = (Date.now() - signStarted) / 1000;
    log(
      `${name}: ${count} signed in ${signSeconds.toFixed(1)} s; weight ${(Number(weight) / 1e6).toFixed(1)} µs, ~${perBlock} per block`,
    );
    // Three blocks' worth waiting at a time: every block is full, and the pool stays small.
    const result = await this.run(hexes, name, { window: perBlock * 3 });
    const withOurs = result.blocks.filter((b) => b.ours.length);
    // Full blocks: all but the last, which drains the pool.
    const full = withOurs.slice(0, -1);
    const included = full.reduce((sum, b) => sum + b.ours.filter((xt) => xt.ok).length, 0);
    const span = full.length
      ? (full.at(-1).timestamp - result.blocks[0].timestamp + BLOCK_SECONDS * 1000) / 1000
      : Number.NaN;
    const figures = {
      name,
      weightUs: Number(weight) / 1e6,
      perBlock: full.length ? Math.round(included / full.length) : 0,
      tps: included / span,
      fullBlocks: full.length,
      fillPercent: full.length
        ? Math.round(full.reduce((s, b) => s + Number((b.normalWeight * 1000n) / maxNormal), 0) / full.length) / 10
        : 0,
      authoringMs: full.length ? Math.round(full.reduce((s, b) => s + b.authoringMs, 0) / full.length) : 0,
      submittedPerSecond: Math.round(count / result.submitted.seconds),
      failed: result.failed,
      missing: result.missing,
      chargedWeights: [...new Set(withOurs.flatMap((b) => b.ours.filter((xt) => xt.ok).map((xt) => xt.weight)))],
    };
    log(
      `${name}: ${figures.perBlock} per full block over ${figures.fullBlocks} blocks = ${figures.tps.toFixed(1)} tx/s (blocks ${figures.fillPercent}% full, authored in ${figures.authoringMs} ms)`,
    );
    return { ...figures, blocks: result.blocks };
  }
}
