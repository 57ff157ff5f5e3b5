// The page: connects to the node, draws the view the address's #fragment names, and draws it
// again at every new block (live updates).
//
//   #/  #/datanets?start=N      datanets, newest first
//   #/datanet/ID?start=N        a datanet, its versions and contributions
//   #/model/ID?start=N          a model and its lineage graph
//   #/record/ID                 an attribution record and its split
//   #/accounts                  the accounts the page can sign for
//   #/account/ADDRESS?start=N   an account's rewards, contributions and Claim button

import './style.css';
import type { ApiPromise } from '@polkadot/api';
import { type Account, type Connection, connect, isNotFound, nodeUrl, signingAccounts } from './chain';
import { h } from './dom';
import { account, accountList } from './views/account';
import { datanet, datanetList } from './views/datanets';
import { model } from './views/model';
import { record } from './views/record';

const view = document.querySelector<HTMLElement>('#view') as HTMLElement;
const statusLine = document.querySelector<HTMLElement>('#status') as HTMLElement;

let api: ApiPromise | null = null;
let signers: Account[] = [];
let best = 0;
let connection: Connection = { kind: 'connecting' };

function showConnection(next: Connection): void {
  connection = next;
  if (next.kind === 'up') best = next.block;
  statusLine.className = next.kind;
  statusLine.dataset.block = next.kind === 'up' ? String(next.block) : '';
  statusLine.textContent =
    next.kind === 'up'
      ? `${next.chain} at ${nodeUrl} · best block #${next.block}`
      : next.kind === 'down'
        ? `Cannot reach the node at ${nodeUrl}; retrying every 2 s. Is it running (scripts/run.sh)? Another node: add ?rpc=ws://host:port to this page's address.`
        : `Connecting to ${nodeUrl}…`;
  if (!api) void render();
}

/** A route: the view's name, its argument, and the `start` of a paged list. */
function route(): { name: string; arg: string; start: number | null } {
  const [path = '', query = ''] = location.hash.replace(/^#/, '').split('?');
  const [, name = 'datanets', arg = ''] = path.split('/');
  const start = new URLSearchParams(query).get('start');
  return { name, arg: decodeURIComponent(arg), start: start === null ? null : Number(start) };
}

function id(arg: string, what: string): number {
  if (!/^\d+$/.test(arg)) throw new Error(`"${arg}" is not a ${what} id (a number such as 0 or 7)`);
  return Number(arg);
}

async function draw(chain: ApiPromise): Promise<HTMLElement> {
  const { name, arg, start } = route();
  switch (name) {
    case '':
    case 'datanets':
      return datanetList(chain, start);
    case 'datanet':
      return datanet(chain, id(arg, 'datanet'), start);
    case 'model':
      return model(chain, id(arg, 'model'), start);
    case 'record':
      return record(chain, id(arg, 'record'), best);
    case 'accounts':
      return accountList(signers);
    case 'account':
      return account(chain, arg, start, signers, render);
    default:
      throw new Error(`there is no page "${name}" here`);
  }
}

let drawing = 0;

/** Draws the current route; a newer call wins over one still reading the chain. */
async function render(): Promise<void> {
  const mine = ++drawing;
  if (!api) {
    view.replaceChildren(
      connection.kind === 'down'
        ? h('p', { class: 'error', id: 'waiting' }, 'Waiting for the node: nothing to show until the page reaches it.')
        : h('p', { class: 'empty', id: 'waiting' }, 'Waiting for the node…'),
    );
    return;
  }
  let content: HTMLElement;
  try {
    content = await draw(api);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    content = h(
      'div',
      { class: isNotFound(error) ? 'error not-found' : 'error', id: 'error' },
      h('h1', {}, isNotFound(error) ? 'Not found' : 'Something went wrong'),
      h('p', {}, message.charAt(0).toUpperCase() + message.slice(1), '.'),
      h('p', {}, h('a', { href: '#/' }, 'Back to the datanets')),
    );
  }
  if (mine !== drawing) return;
  const scroll = window.scrollY;
  view.replaceChildren(content);
  view.dataset.route = location.hash || '#/';
  view.dataset.block = String(best);
  window.scrollTo(0, scroll);
}

// A redraw per new block, but never two at once: blocks arriving while one is drawn are
// folded into the next.
let redrawing = false;
let again = false;
async function redraw(): Promise<void> {
  if (redrawing) {
    again = true;
    return;
  }
  redrawing = true;
  try {
    do {
      again = false;
      await render();
    } while (again);
  } finally {
    redrawing = false;
  }
}

document.querySelector<HTMLFormElement>('#go')?.addEventListener('submit', (event) => {
  event.preventDefault();
  const form = new FormData(event.target as HTMLFormElement);
  location.hash = `#/${form.get('kind')}/${encodeURIComponent(String(form.get('id')).trim())}`;
});
window.addEventListener('hashchange', () => void redraw());

showConnection(connection);
void render();
connect(showConnection, () => void redraw()).then(async (connected) => {
  api = connected;
  signers = await signingAccounts(connected).catch(() => []);
  await redraw();
});
