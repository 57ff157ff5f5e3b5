// Submitting transactions and reading their outcome through the runtime metadata.

/**
 * Signs and submits `tx` from `signer`, waits until its block is finalised, and returns
 * `{ blockHash, events, fee }` where `events` are the decoded events of this extrinsic
 * (`{ section, method, data }`) and `fee` the `TransactionFeePaid` actual fee as a BigInt.
 * Rejects with an Error whose `.name` is `<pallet>.<Error>` if the call failed on chain.
 */
export function submit(api, tx, signer) {
  return new Promise((resolve, reject) => {
    let unsubscribe = () => {};
    tx.signAndSend(signer, (result) => {
      const { status, events, dispatchError } = result;
      if (status.isInvalid || status.isDropped || status.isUsurped) {
        unsubscribe();
        reject(new Error(`transaction ${status.type}`));
        return;
      }
      if (!status.isFinalized) return;
      unsubscribe();
      const decoded = events.map(({ event }) => ({
        section: event.section,
        method: event.method,
        data: event.data,
        event,
      }));
      const feeEvent = decoded.find((e) => e.section === 'transactionPayment' && e.method === 'TransactionFeePaid');
      const fee = feeEvent ? feeEvent.data[1].toBigInt() : 0n;
      if (dispatchError) {
        reject(dispatchErrorToError(api, dispatchError, { blockHash: status.asFinalized, events: decoded, fee }));
        return;
      }
      resolve({ blockHash: status.asFinalized, events: decoded, fee });
    })
      .then((unsub) => {
        unsubscribe = unsub;
      })
      .catch(reject);
  });
}

/** Turns a DispatchError into an Error named after the pallet error, via the metadata. */
export function dispatchErrorToError(api, dispatchError, details = {}) {
  let name = dispatchError.type;
  let docs = '';
  if (dispatchError.isModule) {
    const meta = api.registry.findMetaError(dispatchError.asModule);
    name = `${meta.section}.${meta.name}`;
    docs = meta.docs.join(' ');
  } else if (dispatchError.isToken) {
    name = `Token.${dispatchError.asToken.type}`;
  } else if (dispatchError.isArithmetic) {
    name = `Arithmetic.${dispatchError.asArithmetic.type}`;
  }
  const error = new Error(`${name}${docs ? `: ${docs}` : ''}`);
  error.name = name;
  Object.assign(error, details);
  return error;
}

/** The single event `section.method` among `events`; throws if there is not exactly one. */
export function findEvent(events, section, method) {
  const found = events.filter((e) => e.section === section && e.method === method);
  if (found.length !== 1) {
    throw new Error(`expected one ${section}.${method} event, got ${found.length}: ${events.map((e) => `${e.section}.${e.method}`).join(', ')}`);
  }
  return found[0];
}
