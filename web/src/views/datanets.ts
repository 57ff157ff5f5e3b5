// Datanets: the list, newest first, and one datanet with its versions and contributions.

import type { ApiPromise } from '@polkadot/api';
import { open, read } from '../chain';
import { empty, facts, h, section, table } from '../dom';
import { accountLink, hash, nextLink, pageFrom, text, tokens } from './common';

const PAGE = 20;

/**
 * `#/` and `#/datanets?start=N`: datanets N, N-1, … (newest first), 20 per page, read with one
 * `datasets_list` call (ids N-19 to N).
 */
export async function datanetList(api: ApiPromise, start: number | null): Promise<HTMLElement> {
  const count = Number((await api.query.datasets.nextDatasetId()).toString());
  if (count === 0) {
    return h(
      'div',
      {},
      h('h1', {}, 'Datanets'),
      empty('No datanets yet. A curator creates one with datasets.createDataset (see docs/datanets.md).'),
    );
  }
  // A `start` that is not an id (a hand-edited address) reads as the newest.
  const newest = start !== null && Number.isSafeInteger(start) && start >= 0 ? Math.min(start, count - 1) : count - 1;
  const oldest = Math.max(0, newest - PAGE + 1);
  const page = await read<'datasets_list'>(api.rpc.datasets.list(null, { start: oldest, limit: PAGE }));
  const rows = page.items
    .filter((d) => d.id <= newest)
    .reverse()
    .map((d) => [
      h('a', { href: `#/datanet/${d.id}` }, `#${d.id}`),
      text(d.metadata),
      accountLink(d.owner),
      d.status,
      d.version === 0 ? 'none yet' : `v${d.version}`,
      `${d.accepted} accepted, ${d.pending} pending`,
      tokens(d.poolBalance),
    ]);
  return h(
    'div',
    {},
    h('h1', {}, 'Datanets'),
    h('p', {}, `${count} created on this chain, newest first.`),
    table(['Datanet', 'Metadata', 'Owner', 'Status', 'Version', 'Contributions', 'Reward pool'], rows, {
      id: 'datanets',
    }),
    oldest > 0 ? nextLink(`#/datanets?start=${oldest - 1}`) : null,
  );
}

/** `#/datanet/ID?start=N`: a datanet, its published versions and a page of its contributions. */
export async function datanet(api: ApiPromise, id: number, start: number | null): Promise<HTMLElement> {
  const d = await read<'datasets_get'>(api.rpc.datasets.get(id));
  const page = await read<'datasets_contributions'>(api.rpc.datasets.contributions(id, null, pageFrom(start, PAGE)));
  return h(
    'div',
    {},
    h('h1', {}, `Datanet #${d.id}`),
    facts([
      ['Metadata', text(d.metadata)],
      ['License', text(d.license)],
      ['Owner', accountLink(d.owner)],
      ['Curators', d.curators.length ? h('span', {}, ...d.curators.map(accountLink)) : 'the owner only'],
      ['Status', `${d.status}, ${d.open ? 'open to anyone' : 'closed (curators only)'}`],
      ['Minimum bond', tokens(d.minBond)],
      ['Contributions', `${d.accepted} accepted, ${d.pending} pending review`],
      ['Reward pool', `${open(d.poolBalance)} for ${d.totalShares} shares`],
      ['Created at block', d.createdAt],
    ]),
    section(
      'Versions',
      d.versions.length
        ? table(
            ['Version', 'Root', 'Contributions', 'Published at block'],
            d.versions.map((v) => [`v${v.version}`, hash(v.root), v.contributions, v.publishedAt]),
            { id: 'versions' },
          )
        : empty('No version published yet: a curator publishes one with datasets.publishVersion.'),
    ),
    section(
      'Contributions',
      page.items.length
        ? table(
            ['Contribution', 'Contributor', 'Content hash', 'Metadata', 'Status', 'Shares', 'Bond', 'Claimed'],
            page.items.map((c) => [
              `#${c.id}`,
              accountLink(c.contributor),
              hash(c.contentHash),
              text(c.metadata),
              c.status,
              c.shares,
              tokens(c.bond),
              tokens(c.claimed),
            ]),
            { id: 'contributions' },
          )
        : empty(start ? 'No more contributions.' : 'No contributions yet.'),
      page.next !== null ? nextLink(`#/datanet/${id}?start=${page.next}`) : null,
    ),
  );
}
