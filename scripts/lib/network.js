// A local network of real openledger-node processes on loopback, for the validator and
// fault tests: a raw chain spec for N validators (`local-N`: //Validator1 … //ValidatorN),
// keys in each node's keystore, node 1 as the bootnode, and kill / restart at will.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definitions } from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { freePort, launch, rpc, runNodeCommand as run } from './node.js';

export { rpc, sleep, until } from './node.js';

export class LocalNode {
  constructor(network, name, { validatorSeed = null, validator = Boolean(validatorSeed), extraArgs = [] } = {}) {
    this.network = network;
    this.name = name;
    this.basePath = join(network.dir, name);
    this.validatorSeed = validatorSeed;
    this.validator = validator;
    this.extraArgs = extraArgs;
    this.process = null;
    this.api = null;
    mkdirSync(this.basePath, { recursive: true });
  }

  async init() {
    this.p2pPort = await freePort();
    this.rpcPort = await freePort();
    if (this.validatorSeed) this.insertKeys(this.validatorSeed);
    // A validator needs a network identity of its own on disk (the node refuses to make one
    // up on the fly): what an operator does once with `key generate-node-key`.
    run(['key', 'generate-node-key', '--chain', this.network.spec, '--base-path', this.basePath]);
  }

  insertKeys(seed) {
    for (const [type, scheme] of [
      ['aura', 'sr25519'],
      ['gran', 'ed25519'],
    ]) {
      run([
        'key',
        'insert',
        '--base-path',
        this.basePath,
        '--chain',
        this.network.spec,
        '--key-type',
        type,
        '--scheme',
        scheme,
        '--suri',
        seed,
      ]);
    }
  }

  args() {
    const args = [
      '--chain',
      this.network.spec,
      '--base-path',
      this.basePath,
      '--name',
      this.name,
      '--rpc-port',
      String(this.rpcPort),
      '--listen-addr',
      `/ip4/127.0.0.1/tcp/${this.p2pPort}`,
      '--no-prometheus',
      '--no-mdns',
      '--allow-private-ip',
      '--rpc-cors',
      'all',
      ...this.extraArgs,
    ];
    if (this.validator) args.push('--validator');
    if (this.network.bootnode && this.network.bootnode !== this)
      args.push('--bootnodes', this.network.bootnode.address());
    if (this.nodeKey) args.push('--node-key', this.nodeKey);
    return args;
  }

  address() {
    return `/ip4/127.0.0.1/tcp/${this.p2pPort}/p2p/${this.peerId}`;
  }

  /** Starts the process and waits for its RPC. */
  async start() {
    const logFile = join(this.network.dir, `${this.name}.log`);
    this.process = await launch({ args: this.args(), rpcPort: this.rpcPort, logFile, name: this.name });
    return this;
  }

  /** A polkadot.js client on this node (one per start). */
  async client() {
    if (!this.api) {
      this.api = await ApiPromise.create({
        provider: new WsProvider(`ws://127.0.0.1:${this.rpcPort}`),
        noInitWarn: true,
        ...definitions,
      });
    }
    return this.api;
  }

  async disconnect() {
    if (this.api) {
      const api = this.api;
      this.api = null;
      await api.disconnect().catch(() => {});
    }
  }

  /** Kills the process with `signal` and waits for it to exit. */
  async kill(signal = 'SIGKILL') {
    await this.disconnect();
    if (this.process) await this.process.stop(signal);
  }

  async best() {
    return parseInt((await rpc(this.rpcPort, 'chain_getHeader')).number, 16);
  }

  async finalized() {
    const hash = await rpc(this.rpcPort, 'chain_getFinalizedHead');
    return parseInt((await rpc(this.rpcPort, 'chain_getHeader', [hash])).number, 16);
  }
}

export class LocalNetwork {
  /** A network of `validators` validators; nothing runs until `start`. */
  constructor(validators) {
    this.count = validators;
    this.dir = mkdtempSync(join(tmpdir(), 'openledger-net-'));
    this.spec = join(this.dir, 'spec.json');
    writeFileSync(
      this.spec,
      run(['build-spec', '--chain', `local-${validators}`, '--raw', '--disable-default-bootnode']),
    );
    this.nodes = [];
    this.bootnode = null;
  }

  /** Adds a node: a validator with seed `//Validator<i>`, or a full node. */
  async add(name, options = {}) {
    const node = new LocalNode(this, name, options);
    await node.init();
    if (!this.bootnode) {
      // The bootnode has a fixed identity so that others can find it.
      node.nodeKey = '0000000000000000000000000000000000000000000000000000000000000001';
      const keyFile = join(this.dir, 'bootnode.key');
      writeFileSync(keyFile, node.nodeKey);
      node.peerId = run(['key', 'inspect-node-key', '--file', keyFile]).trim();
      this.bootnode = node;
    }
    this.nodes.push(node);
    return node;
  }

  /** Starts `count` validators, //Validator1 first (the bootnode). */
  async startValidators() {
    for (let i = 1; i <= this.count; i += 1) {
      const node = await this.add(`validator${i}`, { validatorSeed: `//Validator${i}` });
      await node.start();
    }
    return this.nodes;
  }

  /** Stops every node and removes the network's directory (kept, with the nodes' logs, when
   *  OPENLEDGER_KEEP_NETWORK is set). */
  async stop() {
    for (const node of this.nodes) await node.kill('SIGINT');
    if (process.env.OPENLEDGER_KEEP_NETWORK) console.log(`# network kept in ${this.dir}`);
    else rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A block's Aura slot. */
export function slotOf(api, header) {
  const preRuntime = header.digest.logs.find((log) => log.isPreRuntime && log.asPreRuntime[0].toString() === 'aura');
  return api.createType('u64', preRuntime.asPreRuntime[1]).toBigInt();
}

/** The Aura key (hex) of the author of the block with hash `hash`. */
export async function authorKey(api, hash) {
  const header = await api.rpc.chain.getHeader(hash);
  const authorities = await (await api.at(header.parentHash)).query.aura.authorities();
  return authorities[Number(slotOf(api, header) % BigInt(authorities.length))].toHex();
}

/** Waits for a new best block authored by the Aura key `key` (hex); returns its number. */
export function waitForAuthor(api, key, timeoutMs = 120_000) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no block by ${key} within ${timeoutMs} ms`));
    }, timeoutMs);
    api.rpc.chain
      .subscribeNewHeads(async (header) => {
        try {
          if ((await authorKey(api, header.hash)) === key) {
            clearTimeout(timer);
            unsubscribe();
            resolve(header.number.toNumber());
          }
        } catch {
          // the block may already be pruned from the fork tree: ignore it
        }
      })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
}

/** Records a measured figure: tests print them, docs/validator.md quotes them. */
export function figure(name, value, unit) {
  console.log(`FIGURE ${JSON.stringify({ name, value, unit })}`);
}
