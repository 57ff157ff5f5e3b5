// A forkless runtime upgrade, rehearsed as docs/upgrades.md tells it, on four validators on
// loopback running the release runtime with datanets, contributions, records and pending
// rewards:
//   1. the rehearsal wasm (spec_version + 1 and the next migration, built by cargo as
//      openledger-runtime-rehearsal) passes openledger-upgrade-check against the live state;
//      a state its migration cannot handle, and a wasm that is not an upgrade, fail it;
//   2. the Council enacts `system.authorizeUpgrade(hash)` by motion (two of three, after the
//      delay); the code cannot be applied before, nor a different one after;
//   3. anyone applies the authorised code; every validator imports and authors under the
//      new version, finality goes on, the migrated item has its new layout, no balance, hold,
//      reward, record or RPC answer changed, and polkadot.js decodes blocks before and after.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { Keyring } from '@polkadot/keyring';
import { u8aToHex } from '@polkadot/util';
import { blake2AsHex, cryptoWaitReady, xxhashAsHex } from '@polkadot/util-crypto';
import { enactAfterDelay, enacted } from '../../lib/governance.js';
import { figure, LocalNetwork, rpc, until, waitForAuthor } from '../../lib/network.js';
import { startNode } from '../../lib/node.js';
import { populate } from '../../lib/scenario.js';
import { devKeys, refusedWith, submit } from '../../lib/tx.js';

const target = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/openledger/target');
const REHEARSAL = join(
  target,
  'release/wbuild/openledger-runtime-rehearsal/openledger_runtime_rehearsal.compact.compressed.wasm',
);
const RELEASE = join(target, 'release/wbuild/openledger-runtime/openledger_runtime.compact.compressed.wasm');
const CHECK = join(target, 'release/openledger-upgrade-check');

let network;
let validators;
let api;
let dev;
let world;
// A second connection opened after the upgrade, which reads blocks on either side of it.
// A long-lived ApiPromise re-reads the metadata when the runtime changes and decodes new
// blocks with it, but it swaps the new metadata into its default registry in place, so a
// block it had already decoded before the upgrade may be read again with the new types
// (docs/upgrades.md).
let reader;
const state = {};

before(async () => {
  for (const file of [REHEARSAL, RELEASE, CHECK]) {
    assert.ok(existsSync(file), `${file} is missing: build the workspace (cargo build --release --workspace)`);
  }
  await cryptoWaitReady();
  const keyring = new Keyring({ type: 'sr25519' });
  dev = devKeys(['Alice', 'Bob', 'Charlie', 'Dave']);
  state.auraKeys = [1, 2, 3, 4].map((i) => u8aToHex(keyring.addFromUri(`//Validator${i}`).publicKey));
  network = new LocalNetwork(4);
  validators = await network.startValidators();
  api = await validators[0].client();
});

after(async () => {
  if (network) await network.stop();
});

/** `openledger-upgrade-check` against the node at `rpcPort`: `{ status, out }`. */
function upgradeCheck(wasm, rpcPort, ...extra) {
  const run = spawnSync(CHECK, ['--wasm', wasm, '--uri', `ws://127.0.0.1:${rpcPort}`, ...extra], {
    encoding: 'utf8',
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** The raw storage key of `pallet`'s `item`. */
const key = (pallet, item) => xxhashAsHex(pallet, 128) + xxhashAsHex(item, 128).slice(2);

/**
 * Everything the upgrade must not change, at block `hash`: every account's balances, every
 * hold, the attribution records and attestors, the datasets' pools and contributions, and
 * the chain's own answers about them (record splits, pending rewards).
 */
async function money(hash) {
  const at = await reader.at(hash);
  const entries = async (query) => Object.fromEntries((await query.entries()).map(([k, v]) => [k.toHex(), v.toHex()]));
  const answers = {};
  for (const record of world.records)
    answers[`split ${record}`] = await rpc(validators[0].rpcPort, 'attribution_rewardSplit', [record, hash]);
  for (const who of [world.people.bob, world.people.charlie]) {
    answers[`pending ${who.address}`] = await rpc(validators[0].rpcPort, 'attribution_pendingRewards', [
      who.address,
      null,
      hash,
    ]);
  }
  for (const dataset of world.datasets)
    answers[`dataset ${dataset}`] = await rpc(validators[0].rpcPort, 'datasets_get', [dataset, hash]);
  return {
    issuance: (await at.query.balances.totalIssuance()).toString(),
    accounts: await entries(at.query.system.account),
    holds: await entries(at.query.balances.holds),
    records: await entries(at.query.attribution.records),
    attestors: await entries(at.query.attribution.attestors),
    datasets: await entries(at.query.datasets.datasets),
    contributions: await entries(at.query.datasets.contributions),
    answers,
  };
}

test('the release runtime runs with datanets, contributions, records and pending rewards', async () => {
  await until('finality', async () => (await validators[0].finalized()) >= 2);
  const started = Date.now();
  world = await populate(api, { finalized: false });
  figure('filling the network (16 transactions, each waiting for its block)', (Date.now() - started) / 1000, 's');
  const version = await api.rpc.state.getRuntimeVersion();
  state.oldVersion = version.specVersion.toNumber();
  assert.equal(state.oldVersion, 114);
  const pending = await rpc(validators[0].rpcPort, 'attribution_pendingRewards', [world.people.bob.address]);
  assert.ok(BigInt(pending.total) > 0n, 'Bob has rewards to claim');
  // The validator set's layout of storage version 1: two values.
  assert.ok(await rpc(validators[0].rpcPort, 'state_getStorage', [key('ValidatorSet', 'SessionLength')]));
  assert.equal(
    await rpc(validators[0].rpcPort, 'state_getStorage', [key('ValidatorSet', ':__STORAGE_VERSION__:')]),
    '0x0100',
  );
});

test('the rehearsal passes openledger-upgrade-check; what is not an upgrade fails it', async () => {
  const info = spawnSync(CHECK, ['--wasm', REHEARSAL, '--info'], { encoding: 'utf8' });
  const code = readFileSync(REHEARSAL);
  state.code = u8aToHex(code);
  state.codeHash = blake2AsHex(code);
  assert.equal(info.stdout.trim(), `openledger 115 ${state.codeHash}`, 'the one command that prints the hash');

  let started = Date.now();
  const ok = upgradeCheck(REHEARSAL, validators[0].rpcPort);
  figure('openledger-upgrade-check of the rehearsal against the live state', (Date.now() - started) / 1000, 's');
  assert.equal(ok.status, 0, ok.out);
  assert.match(
    ok.out,
    new RegExp(
      `checking openledger 115 \\(${state.codeHash}\\) against the chain's state \\(it runs openledger 114\\)`,
    ),
  );
  assert.match(ok.out, /^ok: every migration ran with its checks/m);

  const same = upgradeCheck(RELEASE, validators[0].rpcPort);
  assert.equal(same.status, 1, same.out);
  assert.match(same.out, /openledger 114 is not an upgrade \(system.SpecVersionNeedsToIncrease\)/);

  // A chain whose state the migration cannot handle: a development node whose session
  // length sudo set below the minimum. The check fails, naming the migration's check.
  const broken = await startNode();
  try {
    const alice = new Keyring({ type: 'sr25519' }).addFromUri('//Alice');
    const one = u8aToHex(broken.api.createType('u32', 1).toU8a()); // SCALE: little-endian
    await submit(
      broken.api,
      broken.api.tx.sudo.sudo(broken.api.tx.system.setStorage([[key('ValidatorSet', 'SessionLength'), one]])),
      alice,
    );
    started = Date.now();
    const failed = upgradeCheck(REHEARSAL, broken.rpcPort);
    figure('openledger-upgrade-check of a broken state', (Date.now() - started) / 1000, 's');
    assert.equal(failed.status, 1, failed.out);
    assert.match(failed.out, /upgrade check FAILED/);
    assert.match(failed.out, /below MinSessionLength/);
  } finally {
    await broken.stop();
  }
});

test('the Council authorises the upgrade by motion, after the delay; nothing else can be applied', async () => {
  const refused = (tx, signer, name) => refusedWith(submit(api, tx, signer, { finalized: false }), name);
  // Before any authorisation, the code cannot be applied.
  await refused(api.tx.system.applyAuthorizedUpgrade(state.code), dev.dave, 'system.NothingAuthorized');
  const started = Date.now();
  const scheduled = await enactAfterDelay(api, api.tx.system.authorizeUpgrade(state.codeHash), [dev.alice, dev.bob]);
  assert.ok((await api.query.system.authorizedUpgrade()).isNone, 'not before the delay');
  const { result } = await enacted(api, scheduled);
  assert.ok(result.isOk);
  figure(
    'a Council motion to authorise an upgrade, proposed to enacted (10-block delay)',
    (Date.now() - started) / 1000,
    's',
  );
  assert.equal((await api.query.system.authorizedUpgrade()).unwrap().codeHash.toHex(), state.codeHash);
  // Only the authorised code: the release wasm is refused.
  await refused(api.tx.system.applyAuthorizedUpgrade(u8aToHex(readFileSync(RELEASE))), dev.dave, 'system.Unauthorized');
});

test('anyone applies it; every validator authors under the new version and finality goes on', async () => {
  const started = Date.now();
  const daveBefore = (await api.query.system.account(dev.dave.address)).data.free.toBigInt();
  // Submitted and watched without decoding the block's events through `api`: its metadata is
  // about to change under it (see `reader`).
  const signed = await api.tx.system.applyAuthorizedUpgrade(state.code).signAsync(dev.dave);
  state.beforeHash = await new Promise((resolve, reject) => {
    api.rpc.author
      .submitAndWatchExtrinsic(signed, (status) => {
        if (status.isInBlock) resolve(status.asInBlock.toHex());
        else if (status.isInvalid || status.isDropped || status.isUsurped) reject(new Error(`apply: ${status.type}`));
      })
      .catch(reject);
  });
  const upgradeBlock = (await api.rpc.chain.getHeader(state.beforeHash)).number.toNumber();
  await until(
    `${validators[1].name} runs spec 115`,
    async () => (await rpc(validators[1].rpcPort, 'state_getRuntimeVersion')).specVersion === 115,
  );
  reader = await validators[1].client();
  const upgradeEvents = (await (await reader.at(state.beforeHash)).query.system.events()).map(
    ({ event }) => `${event.section}.${event.method}`,
  );
  assert.ok(upgradeEvents.includes('system.CodeUpdated'), upgradeEvents.join(', '));
  const daveAfter = (
    await (await reader.at(state.beforeHash)).query.system.account(dev.dave.address)
  ).data.free.toBigInt();
  assert.equal(daveAfter, daveBefore, 'applying authorised code is free');
  await until('the next block, under the new runtime', async () => (await validators[0].best()) > upgradeBlock);
  state.migrationHash = (await api.rpc.chain.getBlockHash(upgradeBlock + 1)).toHex();
  for (const node of validators) {
    await until(
      `${node.name} runs spec 115`,
      async () => (await rpc(node.rpcPort, 'state_getRuntimeVersion')).specVersion === 115,
    );
  }
  figure('applying the code to every validator running spec 115', (Date.now() - started) / 1000, 's');
  // Every validator authors under the new runtime.
  for (const [i, keyHex] of state.auraKeys.entries()) {
    const block = await waitForAuthor(api, keyHex, 120_000);
    assert.ok(block > upgradeBlock, `validator${i + 1} authored block ${block} after the upgrade`);
  }
  await until(
    'finality beyond the upgrade',
    async () => (await validators[3].finalized()) >= upgradeBlock + 3,
    120_000,
  );
  for (const node of validators) assert.ok((await node.finalized()) > upgradeBlock, `${node.name} finalises`);
});

test('the migration ran: the new layout, storage version 2, and nothing else changed', async () => {
  const port = validators[0].rpcPort;
  // polkadot.js re-read the metadata: the new item is there, the old ones are gone.
  const session = await reader.query.validatorSet.session();
  assert.equal(session.length.toNumber(), 10, 'the session length moved into Session');
  assert.equal(reader.query.validatorSet.sessionLength, undefined);
  // The connection opened before the upgrade re-read the metadata.
  assert.equal(api.runtimeVersion.specVersion.toNumber(), 115);
  assert.equal(api.query.validatorSet.sessionLength, undefined);
  assert.equal((await api.query.validatorSet.session()).length.toNumber(), 10, 'read by the long-lived API');
  assert.equal(await rpc(port, 'state_getStorage', [key('ValidatorSet', 'SessionLength')]), null);
  assert.equal(await rpc(port, 'state_getStorage', [key('ValidatorSet', 'SessionStart')]), null);
  assert.equal(await rpc(port, 'state_getStorage', [key('ValidatorSet', ':__STORAGE_VERSION__:')]), '0x0200');
  const migrated = await reader.at(state.migrationHash);
  const upgraded = (await migrated.query.system.events()).map(({ event }) => `${event.section}.${event.method}`);
  assert.ok(!upgraded.includes('system.ExtrinsicFailed'), upgraded.join(', '));
  assert.equal((await migrated.query.system.lastRuntimeUpgrade()).unwrap().specVersion.toNumber(), 115);

  // No balance, hold, record, pool or answer changed in the block that migrated.
  const before = await money(state.beforeHash);
  const after = await money(state.migrationHash);
  assert.deepEqual(after, before);
  assert.ok(Object.keys(before.accounts).length > 10 && Object.keys(before.records).length === 3);
});

test('polkadot.js decodes blocks and events before and after the upgrade', async () => {
  for (const hash of [state.beforeHash, state.migrationHash]) {
    const { block } = await reader.rpc.chain.getBlock(hash);
    assert.ok(block.extrinsics.length > 0);
    for (const extrinsic of block.extrinsics) assert.ok(extrinsic.method.section, 'a named call');
    const at = await reader.at(hash);
    for (const { event } of await at.query.system.events()) {
      assert.ok(at.registry.findMetaEvent(event.index) && event.section !== 'unknown');
    }
  }
  const before = await reader.at(state.beforeHash);
  assert.equal(before.runtimeVersion.specVersion.toNumber(), 114);
  assert.ok(
    (await before.query.validatorSet.sessionLength()).toNumber() > 0,
    'the old layout, read with the old metadata',
  );
  // The connection opened before the upgrade decodes the blocks after it with the new metadata.
  const migrated = await api.at(state.migrationHash);
  assert.equal(migrated.runtimeVersion.specVersion.toNumber(), 115);
  for (const { event } of await migrated.query.system.events()) {
    assert.ok(migrated.registry.findMetaEvent(event.index) && event.section !== 'unknown');
  }
  // After the upgrade the check refuses the same wasm: it is the running runtime now.
  const again = upgradeCheck(REHEARSAL, validators[0].rpcPort);
  assert.equal(again.status, 1, again.out);
  assert.match(again.out, /not an upgrade/);
});
