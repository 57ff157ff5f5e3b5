// An account: its balance, what its contributions have earned and not yet claimed, its
// contributions, and a Claim button when the page can sign for it.

import { type Address, amount, sameAccount, address as toAddress } from '@openledger/api';
import type { ApiPromise } from '@polkadot/api';
import type { AccountInfo } from '@polkadot/types/interfaces';
import type { ISubmittableResult } from '@polkadot/types/types';
import { type Account, open, read } from '../chain';
import { empty, facts, h, section, table } from '../dom';
import { hash, nextLink, pageFrom, text, tokens } from './common';

/** Where a claim stands, by account; kept across re-renders (a new block redraws the page). */
type Claim =
  | { state: 'signing' | 'submitted' }
  | { state: 'claimed'; claimed: bigint; fee: bigint; block: number }
  | { state: 'failed'; message: string };
const claims = new Map<Address, Claim>();

/** `#/accounts`: the accounts the page can sign for. */
export function accountList(accounts: Account[]): HTMLElement {
  return h(
    'div',
    {},
    h('h1', {}, 'Accounts'),
    accounts.length
      ? table(
          ['Name', 'Address', 'Signs with'],
          accounts.map((a) => [
            a.name,
            h('a', { href: `#/account/${a.address}`, class: 'account' }, a.address),
            a.source === 'extension' ? 'your wallet extension' : 'its well-known development key',
          ]),
          { id: 'accounts' },
        )
      : empty(
          'No account to sign with: install a wallet extension (polkadot{.js}, Talisman, SubWallet) and let this page see an account. ',
          'Any account can still be looked at: type its address above.',
        ),
  );
}

/** Signs and submits `datasets.claimAll` for `account` (with its number of contributions, which
 * the call is charged by); `changed` redraws the page. */
async function claim(api: ApiPromise, account: Account, changed: () => void): Promise<void> {
  const key = account.address;
  claims.set(key, { state: 'signing' });
  changed();
  // claimAll is charged for as many contributions as it is told the account has (then for
  // what it did): tell it exactly, read just before signing.
  const contributions = ((await api.query.datasets.accountContributions(key)).toJSON() as unknown[]).length;
  const tx = api.tx.datasets.claimAll(contributions);
  let done = false;
  const onResult = async (result: ISubmittableResult) => {
    if (result.status.isInvalid || result.status.isDropped || result.status.isUsurped) {
      claims.set(key, { state: 'failed', message: `the transaction was ${result.status.type.toLowerCase()}` });
      changed();
      return;
    }
    // The first block it is in (instant sealing may report it finalised straight away).
    const block = result.status.isInBlock
      ? result.status.asInBlock
      : result.status.isFinalized
        ? result.status.asFinalized
        : null;
    if (!block || done) return;
    done = true;
    if (result.dispatchError) {
      let message = result.dispatchError.toString();
      if (result.dispatchError.isModule) {
        const error = api.registry.findMetaError(result.dispatchError.asModule);
        message = `${error.section}.${error.name}: ${error.docs.join(' ')}`;
      }
      claims.set(key, { state: 'failed', message });
    } else {
      const claimed = result.events.find(({ event }) => api.events.datasets.RewardsClaimed.is(event));
      const fee = result.events.find(({ event }) => api.events.transactionPayment.TransactionFeePaid.is(event));
      const header = await api.rpc.chain.getHeader(block);
      claims.set(key, {
        state: 'claimed',
        claimed: claimed ? BigInt(claimed.event.data[1]?.toString() ?? '0') : 0n,
        fee: fee ? BigInt(fee.event.data[1]?.toString() ?? '0') : 0n,
        block: header.number.toNumber(),
      });
    }
    changed();
  };
  try {
    if ('pair' in account.sign) await tx.signAndSend(account.sign.pair, onResult);
    else await tx.signAndSend(account.address, { signer: account.sign.signer }, onResult);
    if (claims.get(key)?.state === 'signing') claims.set(key, { state: 'submitted' });
  } catch (error) {
    claims.set(key, { state: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  changed();
}

function claimStatus(who: Address): HTMLElement | null {
  const c = claims.get(who);
  if (!c) return null;
  switch (c.state) {
    case 'signing':
      return h('p', { id: 'claim-status', class: 'pending' }, 'Waiting for the signature…');
    case 'submitted':
      return h('p', { id: 'claim-status', class: 'pending' }, 'Submitted; waiting for a block…');
    case 'claimed':
      return h(
        'p',
        {
          id: 'claim-status',
          class: 'ok',
          'data-claimed': c.claimed.toString(),
          'data-fee': c.fee.toString(),
          'data-block': c.block,
        },
        `Claimed ${open(c.claimed)} in block #${c.block} (transaction fee ${open(c.fee)}).`,
      );
    case 'failed':
      return h('p', { id: 'claim-status', class: 'error' }, `The claim failed: ${c.message}`);
  }
}

/**
 * What the account owns or runs: its datanets, models and agents, and the recent records it
 * attested (from the oldest record the chain has not swept out of state) — the first page of
 * each of the listings `datasets_list`, `models_list`, `agents_list` and `attribution_records`,
 * filtered by the account.
 */
async function ownedBy(api: ApiPromise, address: Address): Promise<HTMLElement> {
  const first = { limit: 20 };
  const [datanets, models, agents, records] = await Promise.all([
    read<'datasets_list'>(api.rpc.datasets.list(address, first)),
    read<'models_list'>(api.rpc.models.list(address, first)),
    read<'agents_list'>(api.rpc.agents.list(address, first)),
    read<'attribution_records'>(api.rpc.attribution.records({ attestor: address }, first)),
  ]);
  const links = (kind: string, ids: number[]) =>
    ids.flatMap((id, i) => [i ? ', ' : '', h('a', { href: `#/${kind}/${id}` }, `#${id}`)]);
  // A listing looks at a bounded number of ids per call: a short page, even an empty one, may
  // not be the end of the list.
  const more = (page: { items: unknown[]; next: number | null }) =>
    page.next === null
      ? ''
      : page.items.length
        ? ' and possibly more'
        : `none among the first ids; the list goes on from #${page.next}`;
  const shown = (page: { items: unknown[]; next: number | null }) => page.items.length > 0 || page.next !== null;
  const rows: [string, HTMLElement][] = [];
  if (shown(datanets))
    rows.push([
      'Datanets it owns',
      h(
        'span',
        { id: 'owned-datanets' },
        ...links(
          'datanet',
          datanets.items.map((d) => d.id),
        ),
        more(datanets),
      ),
    ]);
  if (shown(models))
    rows.push([
      'Models it owns',
      h(
        'span',
        { id: 'owned-models' },
        ...links(
          'model',
          models.items.map((m) => m.id),
        ),
        more(models),
      ),
    ]);
  if (shown(agents))
    rows.push([
      'Agents it operates',
      h('span', { id: 'owned-agents' }, agents.items.map((a) => `#${a.id} (${a.status})`).join(', '), more(agents)),
    ]);
  if (shown(records))
    rows.push([
      'Recent records it attested (still in state)',
      h(
        'span',
        { id: 'owned-records' },
        ...links(
          'record',
          records.items.map((r) => r.id),
        ),
        more(records),
      ),
    ]);
  return rows.length
    ? section('Owns and runs', facts(rows))
    : section(
        'Owns and runs',
        h('p', { class: 'muted', id: 'owns-nothing' }, 'No datanet, model, agent or recent record in state.'),
      );
}

/** `#/account/ADDRESS?start=N`. */
export async function account(
  api: ApiPromise,
  who: string,
  start: number | null,
  signers: Account[],
  changed: () => void,
): Promise<HTMLElement> {
  let address: Address;
  try {
    address = toAddress(who);
  } catch {
    throw new Error(`"${who}" is not an account address (SS58, such as 5Grw…)`);
  }
  const { data } = (await api.query.system.account(address)) as AccountInfo;
  const pending = await read<'attribution_pendingRewards'>(api.rpc.attribution.pendingRewards(address));
  const page = await read<'datasets_contributionsOf'>(api.rpc.datasets.contributionsOf(address, pageFrom(start, 20)));
  const owned = await ownedBy(api, address);
  // A wallet extension's key first, a development key otherwise.
  const signer =
    signers.find((a) => a.source === 'extension' && sameAccount(a.address, address)) ??
    signers.find((a) => sameAccount(a.address, address));
  const total = amount(pending.total);
  const busy = ['signing', 'submitted'].includes(claims.get(address)?.state ?? '');

  let claimArea: HTMLElement;
  if (total === 0n) claimArea = h('p', { class: 'muted' }, 'Nothing to claim.');
  else if (!signer)
    claimArea = h(
      'p',
      { class: 'muted' },
      'To claim, open this page with a wallet extension that holds this account (on a development chain, the development accounts sign here).',
    );
  else
    claimArea = h(
      'button',
      { id: 'claim', type: 'button', disabled: busy, onclick: () => void claim(api, signer, changed) },
      `Claim ${open(total)}`,
      signer.source === 'development' ? ` as ${signer.name}` : '',
    );

  return h(
    'div',
    {},
    h('h1', {}, signer ? `${signer.name}'s account` : 'Account'),
    facts([
      ['Address', h('code', { id: 'address' }, address)],
      ['Free balance', h('strong', { id: 'balance', 'data-free': data.free.toString() }, tokens(data.free.toBigInt()))],
      ['On hold (deposits, bonds)', tokens(data.reserved.toBigInt())],
    ]),
    section(
      'Rewards not yet claimed',
      h(
        'p',
        {},
        h('strong', { id: 'pending', 'data-amount': pending.total }, tokens(total)),
        ' earned by its accepted contributions.',
      ),
      pending.datasets.length
        ? table(
            ['Datanet', 'Pending'],
            pending.datasets.map((d) => [
              h('a', { href: `#/datanet/${d.dataset}` }, `#${d.dataset}`),
              tokens(d.amount),
            ]),
            { id: 'pending-datasets' },
          )
        : null,
      claimArea,
      claimStatus(address),
    ),
    owned,
    section(
      'Contributions',
      page.items.length
        ? table(
            ['Contribution', 'Datanet', 'Content hash', 'Metadata', 'Status', 'Shares', 'Pending', 'Claimed'],
            page.items.map((c) => [
              `#${c.id}`,
              h('a', { href: `#/datanet/${c.dataset}` }, `#${c.dataset}`),
              hash(c.contentHash),
              text(c.metadata),
              c.status,
              c.shares,
              tokens(c.pendingReward),
              tokens(c.claimed),
            ]),
            { id: 'contributions' },
          )
        : empty(start ? 'No more contributions.' : 'No contributions from this account.'),
      page.next !== null ? nextLink(`#/account/${address}?start=${page.next}`) : null,
    ),
  );
}
