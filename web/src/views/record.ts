// An attribution record: what was answered, by whom, its challenge status, and how its fee
// was split, drawn as a stacked bar and listed exactly.

import { type AttributionRecord, amount, percent, type Split } from '@openledger/api';
import type { ApiPromise } from '@polkadot/api';
import { exactly, open, read } from '../chain';
import { facts, h, s, section } from '../dom';
import { accountLink, hash, tokens } from './common';

/** One part of a split. */
export interface Part {
  /** Stable name: protocol, unattributed, dust, operator, owner, ancestor-ID, dataset-ID. */
  key: string;
  label: string;
  account: string | null;
  amount: bigint;
  note?: string;
}

/** Every part of a split, in the order the fee is divided (docs/attribution.md). */
export function parts(split: Split): Part[] {
  const list: Part[] = [
    { key: 'protocol', label: 'Protocol (treasury)', account: null, amount: amount(split.treasury.protocol) },
  ];
  if (split.agentOperator) {
    list.push({
      key: 'operator',
      label: 'Agent operator',
      account: split.agentOperator.account,
      amount: amount(split.agentOperator.amount),
    });
  }
  list.push({
    key: 'owner',
    label: 'Model owner',
    account: split.modelOwner.account,
    amount: amount(split.modelOwner.amount),
  });
  for (const a of split.ancestors) {
    list.push({
      key: `ancestor-${a.model}`,
      label: `Ancestor model #${a.model} (royalty)`,
      account: a.owner,
      amount: amount(a.amount),
    });
  }
  for (const d of split.datasets) {
    list.push({
      key: `dataset-${d.dataset}`,
      label: `Datanet #${d.dataset}`,
      account: null,
      amount: amount(d.amount),
      note: `${open(d.scored)} for its score + ${open(d.fromTraining)} for its training weight; ${
        d.intoPool ? 'into its reward pool' : 'nobody held shares: paid to its owner'
      }`,
    });
  }
  list.push(
    {
      key: 'unattributed',
      label: 'Treasury (unattributed data share)',
      account: null,
      amount: amount(split.treasury.unattributed),
    },
    { key: 'dust', label: 'Treasury (rounding dust)', account: null, amount: amount(split.treasury.dust) },
  );
  return list;
}

const COLOURS = ['#5b8def', '#f2a541', '#3fb68b', '#b36ae2', '#e5585d', '#46b3c9', '#8a9a5b', '#d47fa6', '#7f8c9d'];

/** A part's share of the fee as a percentage with two decimals, computed exactly and truncated. */
function share(part: bigint, fee: bigint): string {
  if (fee === 0n) return '0%';
  const basis = (part * 10_000n) / fee;
  return `${basis / 100n}.${String(basis % 100n).padStart(2, '0')}%`;
}

/** The split as a stacked bar: one rectangle per non-zero part, as wide as its share of the fee. */
export function splitBar(list: Part[], fee: bigint): SVGSVGElement {
  const width = 900;
  let x = 0;
  const rects = [];
  for (const [i, part] of list.entries()) {
    if (part.amount === 0n || fee === 0n) continue;
    const w = Number((part.amount * BigInt(width * 1000)) / fee) / 1000;
    rects.push(
      s(
        'rect',
        { x, y: 0, width: w, height: 36, fill: COLOURS[i % COLOURS.length], 'data-part': part.key },
        s('title', {}, `${part.label}: ${open(part.amount)} (${share(part.amount, fee)})`),
      ),
    );
    x += w;
  }
  return s(
    'svg',
    {
      id: 'split-bar',
      viewBox: `0 0 ${width} 36`,
      preserveAspectRatio: 'none',
      role: 'img',
      'aria-label': 'Split of the fee',
    },
    ...rects,
  );
}

/** An attribution method's id, such as `span-match/1` (hex only when it is not UTF-8 text). */
function methodName(id: string): HTMLElement {
  return h('code', id.startsWith('0x') ? { title: 'not UTF-8 text: its bytes in hex' } : {}, id);
}

function status(record: AttributionRecord, best: number): HTMLElement {
  const badge = h('span', { class: `badge ${record.status}`, id: 'record-status' }, record.status);
  const left = record.challengeDeadline - best;
  switch (record.status) {
    case 'unchallenged':
      return h(
        'span',
        {},
        badge,
        left > 0
          ? ` — may be challenged until block ${record.challengeDeadline} (${left} blocks from now)`
          : ` — its challenge window closed at block ${record.challengeDeadline}`,
      );
    case 'challenged':
      return h(
        'span',
        {},
        badge,
        ' by ',
        record.challenge ? accountLink(record.challenge.account) : '?',
        record.challenge ? ` with a bond of ${open(record.challenge.amount)}; governance decides` : '',
      );
    case 'confirmed':
      return h('span', {}, badge, ' — a challenge was rejected; the split stands');
    case 'invalidated':
      return h('span', {}, badge, ' — a challenge was upheld; the attestor was slashed');
  }
}

/** `#/record/ID`: a record with its split drawn and its challenge status. */
export async function record(api: ApiPromise, id: number, best: number): Promise<HTMLElement> {
  const r = await read<'attribution_rewardSplit'>(api.rpc.attribution.rewardSplit(id));
  const fee = amount(r.fee);
  const list = parts(r.split);
  const sum = list.reduce((total, part) => total + part.amount, 0n);
  const scores = r.scores.length
    ? h(
        'span',
        {},
        ...r.scores.map((x) =>
          h('a', { href: `#/datanet/${x.dataset}`, class: 'chip' }, `#${x.dataset}: ${percent(x.perbill)}`),
        ),
      )
    : 'none (no dataset influenced the answer)';
  return h(
    'div',
    {},
    h('h1', {}, `Attribution record #${r.id}`),
    facts([
      ['Fee', h('strong', { id: 'fee', 'data-amount': r.fee }, tokens(fee))],
      ['Model', h('a', { href: `#/model/${r.model}` }, `model #${r.model} v${r.modelVersion}`)],
      ['Agent', r.agent === null ? 'none (called directly)' : `agent #${r.agent}`],
      ['Attestor', accountLink(r.attestor)],
      ['Method', methodName(r.method)],
      ['Data scores', scores],
      ['Inference', hash(r.inferenceHash)],
      ['Evidence', hash(r.evidenceHash)],
      ['Recorded at block', r.block],
      ['Status', status(r, best)],
    ]),
    section(
      'How the fee was split',
      h('div', { class: 'bar' }, splitBar(list, fee)),
      h(
        'table',
        { id: 'split' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, ''),
            h('th', {}, 'To'),
            h('th', {}, 'Account'),
            h('th', { class: 'num' }, 'Amount'),
            h('th', { class: 'num' }, 'Share'),
          ),
        ),
        h(
          'tbody',
          {},
          ...list.map((part, i) =>
            h(
              'tr',
              { 'data-part': part.key, 'data-amount': part.amount.toString() },
              h('td', {}, h('span', { class: 'swatch', style: `background:${COLOURS[i % COLOURS.length]}` })),
              h('td', {}, part.label, part.note ? h('div', { class: 'muted' }, part.note) : null),
              h('td', {}, part.account ? accountLink(part.account) : '—'),
              h('td', { class: 'num' }, exactly(part.amount)),
              h('td', { class: 'num' }, share(part.amount, fee)),
            ),
          ),
        ),
        h(
          'tfoot',
          {},
          h(
            'tr',
            {},
            h('td', {}, ''),
            h('td', {}, 'Sum of the parts'),
            h('td', {}, ''),
            h('td', { class: 'num', id: 'split-sum' }, exactly(sum)),
            h('td', { class: 'num' }, sum === fee ? '= the fee, exactly' : `≠ the fee (${open(fee)})`),
          ),
        ),
      ),
    ),
  );
}
