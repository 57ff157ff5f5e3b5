// A model and its lineage graph: the models it derives from (with their royalties), the
// dataset versions its latest version was trained on (with their weights), and the models
// derived from it.

import { type Lineage, type Model, percent } from '@openledger/api';
import type { ApiPromise } from '@polkadot/api';
import { read } from '../chain';
import { empty, facts, h, s, section, table } from '../dom';
import { accountLink, hash, nextLink, pageFrom, text, tokens } from './common';

const NODE_W = 150;
const NODE_H = 46;
const GAP_X = 70;
const GAP_Y = 24;

interface GraphNode {
  kind: 'ancestor' | 'model' | 'derivative' | 'dataset';
  id: number;
  label: string;
  detail: string;
  href: string;
  x: number;
  y: number;
  /** The node's part, in parts per billion: an ancestor's royalty, a dataset's weight. */
  perbill?: number;
}

/**
 * The lineage as an SVG drawing: ancestors left to right (the root first), the model, then
 * its derivatives stacked on the right; the training datasets in a row below the model.
 * Every node is a link and carries `data-kind`, `data-id` (and `data-perbill`) for tests.
 */
export function lineageGraph(model: Model, lineage: Lineage): SVGSVGElement {
  const ancestors = [...lineage.ancestors].reverse(); // the root first
  const training = model.versions[model.versions.length - 1]?.training ?? [];
  const column = (i: number) => i * (NODE_W + GAP_X);
  const modelX = column(ancestors.length);
  const derivativesX = column(ancestors.length + 1);
  const derivativeRows = Math.max(1, lineage.derivatives.length);
  const chainY = ((derivativeRows - 1) * (NODE_H + GAP_Y)) / 2;
  const datasetsY = Math.max(chainY, (derivativeRows - 1) * (NODE_H + GAP_Y)) + NODE_H + 2 * GAP_Y + 20;

  const nodes: GraphNode[] = [
    ...ancestors.map((a, i) => ({
      kind: 'ancestor' as const,
      id: a.model,
      label: `Model #${a.model}`,
      detail: `royalty ${percent(a.royaltyPerbill)}`,
      href: `#/model/${a.model}`,
      x: column(i),
      y: chainY,
      perbill: a.royaltyPerbill,
    })),
    {
      kind: 'model',
      id: model.id,
      label: `Model #${model.id}`,
      detail: `royalty ${percent(model.royaltyPerbill)}`,
      href: `#/model/${model.id}`,
      x: modelX,
      y: chainY,
      perbill: model.royaltyPerbill,
    },
    ...lineage.derivatives.map((id, i) => ({
      kind: 'derivative' as const,
      id,
      label: `Model #${id}`,
      detail: 'derived from it',
      href: `#/model/${id}`,
      x: derivativesX,
      y: i * (NODE_H + GAP_Y),
    })),
  ];
  const datasetsWidth = training.length * NODE_W + Math.max(0, training.length - 1) * 20;
  const datasetsLeft = Math.max(0, modelX + NODE_W / 2 - datasetsWidth / 2);
  for (const [i, t] of training.entries()) {
    nodes.push({
      kind: 'dataset',
      id: t.dataset,
      label: `Datanet #${t.dataset} v${t.version}`,
      detail: `weight ${percent(t.weightPerbill)}`,
      href: `#/datanet/${t.dataset}`,
      x: datasetsLeft + i * (NODE_W + 20),
      y: datasetsY,
      perbill: t.weightPerbill,
    });
  }

  const edges: SVGElement[] = [];
  const line = (x1: number, y1: number, x2: number, y2: number, kind: string) =>
    s('line', { x1, y1, x2, y2, class: `edge ${kind}`, 'marker-end': 'url(#arrow)' });
  const center = (n: GraphNode) => n.y + NODE_H / 2;
  const chain = nodes.filter((n) => n.kind === 'ancestor' || n.kind === 'model');
  for (let i = 1; i < chain.length; i += 1) {
    const [from, to] = [chain[i - 1], chain[i]];
    if (from && to) edges.push(line(from.x + NODE_W, center(from), to.x - 4, center(to), 'derived'));
  }
  const me = chain[chain.length - 1];
  for (const n of nodes) {
    if (!me) break;
    if (n.kind === 'derivative') edges.push(line(me.x + NODE_W, center(me), n.x - 4, center(n), 'derived'));
    if (n.kind === 'dataset') edges.push(line(n.x + NODE_W / 2, n.y, me.x + NODE_W / 2, me.y + NODE_H + 4, 'trained'));
  }

  const width = Math.max(...nodes.map((n) => n.x + NODE_W)) + 10;
  const height = Math.max(...nodes.map((n) => n.y + NODE_H)) + 10;
  return s(
    'svg',
    { id: 'lineage', viewBox: `-5 -5 ${width} ${height}`, width, height, role: 'img', 'aria-label': 'Lineage graph' },
    s(
      'defs',
      {},
      s(
        'marker',
        { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' },
        s('path', { d: 'M0,0 L10,5 L0,10 z' }),
      ),
    ),
    ...edges,
    ...nodes.map((n) =>
      s(
        'a',
        { href: n.href },
        s(
          'g',
          {
            class: `node ${n.kind}`,
            'data-kind': n.kind,
            'data-id': n.id,
            'data-perbill': n.perbill,
            transform: `translate(${n.x},${n.y})`,
          },
          s('rect', { width: NODE_W, height: NODE_H, rx: 8 }),
          s('text', { x: NODE_W / 2, y: 19, class: 'label' }, n.label),
          s('text', { x: NODE_W / 2, y: 36, class: 'detail' }, n.detail),
        ),
      ),
    ),
  );
}

/** `#/model/ID?start=N`: a model, its versions and its lineage graph. */
export async function model(api: ApiPromise, id: number, start: number | null): Promise<HTMLElement> {
  const m = await read<'models_get'>(api.rpc.models.get(id));
  const lineage = await read<'models_lineage'>(api.rpc.models.lineage(id, pageFrom(start, 8)));
  const shown = (start ?? 0) + lineage.derivatives.length;
  return h(
    'div',
    {},
    h('h1', {}, `Model #${m.id}`),
    facts([
      ['Metadata', text(m.metadata)],
      ['License', text(m.license)],
      ['Owner', accountLink(m.owner)],
      ['Status', m.status],
      ['Price', tokens(m.price)],
      ['Royalty to it from derivatives', percent(m.royaltyPerbill)],
      ["Model's share of a fee", percent(m.modelSharePerbill)],
      ['Attestors', m.attestors.length ? h('span', {}, ...m.attestors.map(accountLink)) : 'none yet'],
      [
        'Derived from',
        m.baseModel === null
          ? 'nothing (a base model)'
          : h('a', { href: `#/model/${m.baseModel}` }, `model #${m.baseModel}`),
      ],
    ]),
    section(
      'Lineage',
      h(
        'p',
        { class: 'legend' },
        'Arrows point from a model to what derives from it, and from a dataset version to the model trained on it. ',
        `${lineage.ancestors.length} ancestors, ${lineage.derivativeCount} derivatives`,
        lineage.derivativeCount > lineage.derivatives.length ? ` (showing ${lineage.derivatives.length})` : '',
        '.',
      ),
      h('div', { class: 'graph' }, lineageGraph(m, lineage)),
      lineage.next !== null && shown < lineage.derivativeCount ? nextLink(`#/model/${id}?start=${lineage.next}`) : null,
    ),
    section(
      'Versions',
      m.versions.length
        ? table(
            ['Version', 'Artifact', 'Trained on', 'Published at block'],
            m.versions.map((v) => [
              `v${v.version}`,
              hash(v.artifactHash),
              v.training.length
                ? h(
                    'span',
                    {},
                    ...v.training.map((t) =>
                      h(
                        'a',
                        { href: `#/datanet/${t.dataset}`, class: 'chip' },
                        `#${t.dataset} v${t.version}: ${percent(t.weightPerbill)}`,
                      ),
                    ),
                  )
                : 'no dataset',
              v.publishedAt,
            ]),
          )
        : empty('No version published yet: its owner publishes one with models.publishVersion.'),
    ),
  );
}
