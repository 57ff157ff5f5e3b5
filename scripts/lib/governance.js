// Governance as people do it: a motion of the Council or of the Arbiters proposed by one
// member, voted by the others and closed; the Council's enactments (`governance.enact`) run
// as Root `governance.enactmentDelay` blocks later (docs/governance.md).

import { errorName, findEvent, submit } from './tx.js';

/**
 * A motion of `body` ('council' or 'arbiters') for `call`, which exactly `ayes` (keyring
 * pairs) vote for, closed as soon as it passes. The first proposes it; proposing is not
 * voting, so it votes too. Returns
 * `{ index, hash, closed, result }`: `closed` is the closing transaction's outcome (its
 * events include what the call emitted), `result` the call's DispatchResult.
 */
export async function motion(api, body, call, ayes) {
  const pallet = api.tx[body];
  const length = call.method.encodedLength;
  const hash = call.method.hash.toHex();
  const proposed = await submit(api, pallet.propose(ayes.length, call, length), ayes[0]);
  if (ayes.length < 2) {
    return { index: null, hash, closed: proposed, result: executed(proposed, body, hash) };
  }
  const index = findEvent(proposed.events, body, 'Proposed').data.proposalIndex.toNumber();
  for (const member of ayes) {
    await submit(api, pallet.vote(hash, index, true), member);
  }
  const { weight } = await api.call.transactionPaymentCallApi.queryCallInfo(call.method, length);
  const closed = await submit(api, pallet.close(hash, index, weight, length), ayes[0]);
  return { index, hash, closed, result: executed(closed, body, hash) };
}

/** The DispatchResult of the motion `hash` executed among `outcome`'s events. */
function executed(outcome, body, hash) {
  const event = outcome.events.find(
    (e) => e.section === body && e.method === 'Executed' && e.data.proposalHash.toHex() === hash,
  );
  if (!event) throw new Error(`the ${body} motion ${hash} was not executed`);
  return event.data.result;
}

/**
 * A Council motion (two of `council`) enacting `call` after the delay: returns
 * `{ index, task, at }` of the `governance.EnactmentScheduled` event.
 */
export async function enactAfterDelay(api, call, council) {
  const { closed, result } = await motion(api, 'council', api.tx.governance.enact(call), council);
  if (result.isErr) throw new Error(`governance.enact failed: ${errorName(api, result.asErr)}`);
  // By position: the event's data is array-like, so `.at` would be Array.prototype.at.
  const [index, task, , at] = findEvent(closed.events, 'governance', 'EnactmentScheduled').data;
  return { index: index.toNumber(), task: task.toHex(), at: at.toNumber() };
}

/**
 * Waits until the enactment `{ index, at }` (from `enactAfterDelay`) ran, which it does in
 * block `at` unless that block was full; returns `{ result, block }`, `result` being what
 * its call returned (`governance.Enacted`). On a chain that seals only on transactions
 * (`--sealing instant`), `nudge()` is called to make blocks (e.g. by sending a remark).
 */
export async function enacted(api, { index, at }, nudge = async () => {}, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  let next = at;
  while (Date.now() < deadline) {
    const best = (await api.rpc.chain.getHeader()).number.toNumber();
    for (; next <= best; next++) {
      const hash = await api.rpc.chain.getBlockHash(next);
      for (const { event } of await (await api.at(hash)).query.system.events()) {
        if (event.section === 'governance' && event.method === 'Enacted' && event.data.index.toNumber() === index) {
          return { result: event.data.result, block: next };
        }
      }
    }
    await nudge();
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`enactment ${index} did not run within ${timeoutMs} ms`);
}

/** The treasury's account: `modl` ++ the pallet id, zero-padded (as FRAME derives it). */
export function treasuryAccount(api) {
  const id = api.consts.treasury.palletId.toU8a();
  const bytes = new Uint8Array(32);
  bytes.set(new TextEncoder().encode('modl'));
  bytes.set(id, 4);
  return bytes;
}
