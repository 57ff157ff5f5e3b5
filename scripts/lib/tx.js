// Submitting transactions and reading their outcome through the runtime metadata.

import assert from 'node:assert/strict';
import { Keyring } from '@polkadot/keyring';

/**
 * Signs and submits `tx` from `signer`, waits until its block is finalised (or only
 * included, with `{ finalized: false }`), and returns `{ blockHash, events, fee }` where
 * `events` are the decoded events of this extrinsic (`{ section, method, data }`) and `fee`
 * the `TransactionFeePaid` actual fee as a BigInt. Rejects with an Error whose `.name` is
 * `<pallet>.<Error>` if the call failed on chain. `options` are polkadot.js's signer options
 * (`tip`, and `mode` with `metadataHash` for CheckMetadataHash).
 */
export function submit(api, tx, signer, { finalized = true, options = {} } = {}) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, options, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      if (!(status.isFinalized || (!finalized && status.isInBlock))) return;
      unsubscribe();
      const blockHash = status.isFinalized ? status.asFinalized : status.asInBlock;
      const decoded = events.map(({ event }) => decodeEvent(api, event));
      const feeEvent = decoded.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
      const fee = feeEvent ? feeEvent.data[1].toBigInt() : 0n;
      if (dispatchError) {
        reject(dispatchErrorToError(api, dispatchError, { blockHash, events: decoded, fee }));
        return;
      }
      resolve({ blockHash, events: decoded, fee });
    })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
}

/**
 * The name of a DispatchError: `<pallet>.<Error>` (via the metadata) for a pallet error,
 * `Token.<kind>` and `Arithmetic.<kind>` for those, the variant's name (e.g. `BadOrigin`)
 * otherwise.
 */
export function errorName(api, dispatchError) {
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    return `${meta.section}.${meta.name}`;
  }
  if (dispatchError.isToken) return `Token.${dispatchError.asToken.type}`;
  if (dispatchError.isArithmetic) return `Arithmetic.${dispatchError.asArithmetic.type}`;
  return dispatchError.type;
}

/** Turns a DispatchError into an Error named after the pallet error, via the metadata. */
export function dispatchErrorToError(api, dispatchError, details = {}) {
  const name = errorName(api, dispatchError);
  const docs = dispatchError.isModule ? api.registry.findMetaError(dispatchError.asModule).docs.join(' ') : '';
  const error = new Error(`${name}${docs ? `: ${docs}` : ''}`);
  error.name = name;
  Object.assign(error, details);
  return error;
}

/** Expects `promise` to fail with the error `name` (e.g. 'datasets.DuplicateContent'). */
export async function refusedWith(promise, name) {
  await assert.rejects(promise, (error) => {
    assert.equal(error.name, name, `expected ${name}, got ${error.name}: ${error.message}`);
    return true;
  });
}

/** The single event `section.method` among `events`; throws if there is not exactly one. */
/**
 * Submits `call` through `proxy.proxy` for the account `real`, signed by `delegate`. The outer
 * transaction succeeds whatever the call does: returns its events and the call's error name
 * (`errorName`), or `null` if the call succeeded.
 */
export async function throughProxy(api, real, call, delegate) {
  const { events } = await submit(api, api.tx.proxy.proxy(real, null, call), delegate);
  const { result } = findEvent(events, 'proxy', 'ProxyExecuted').data;
  return { events, error: result.isErr ? errorName(api, result.asErr) : null };
}

export function findEvent(events, section, method) {
  const found = events.filter((e) => e.section === section && e.method === method);
  if (found.length !== 1) {
    throw new Error(
      `expected one ${section}.${method} event, got ${found.length}: ${events.map((e) => `${e.section}.${e.method}`).join(', ')}`,
    );
  }
  return found[0];
}

/** An event with its pallet and name from the metadata; throws if polkadot.js cannot name it. */
export function decodeEvent(api, event) {
  const meta = api.registry.findMetaEvent(event.index);
  if (!meta || !event.section || !event.method || event.section === 'unknown') {
    throw new Error(`polkadot.js could not decode event ${event.index.toHex()}`);
  }
  return { section: event.section, method: event.method, data: event.data, event };
}

/**
 * Waits until the extrinsic with hash `txHash` is in a finalised block; returns
 * `{ blockHash, events, fee }` for it, as `submit` does.
 */
export async function waitForExtrinsic(api, txHash, timeoutMs = 30_000) {
  const wanted = txHash.toString();
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`${wanted} not included within ${timeoutMs} ms`));
    }, timeoutMs);
    api.rpc.chain
      .subscribeFinalizedHeads(async (header) => {
        const blockHash = header.hash;
        const block = await api.rpc.chain.getBlock(blockHash);
        const index = block.block.extrinsics.findIndex((xt) => xt.hash.toHex() === wanted);
        if (index < 0) return;
        clearTimeout(timer);
        unsubscribe();
        const records = await (await api.at(blockHash)).query.system.events();
        const events = records
          .filter(({ phase }) => phase.isApplyExtrinsic && phase.asApplyExtrinsic.toNumber() === index)
          .map(({ event }) => decodeEvent(api, event));
        const feeEvent = events.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
        resolve({ blockHash, events, fee: feeEvent ? feeEvent.data[1].toBigInt() : 0n });
      })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
}

/**
 * The sr25519 development keys `//<Name>` of `names`, by lower-cased name
 * (`devKeys(['Alice', 'Bob']).bob`); call after `cryptoWaitReady()`.
 */
export function devKeys(names) {
  const keyring = new Keyring({ type: 'sr25519', ss58Format: 42 });
  return Object.fromEntries(names.map((name) => [name.toLowerCase(), keyring.addFromUri(`//${name}`)]));
}
