// A second, independent implementation of the attribution method `span-match/1`
// (shared/ATTRIBUTION.md), in the most literal way: every contribution scanned for every
// position of the answer. The end-to-end tests check that the attestor's evidence document is
// byte for byte the one this computes.

import { blake2AsU8a } from '@polkadot/util-crypto';

export const METHOD_ID = 'span-match/1';
const BILLION = 1_000_000_000n;

/** Lower-cased maximal runs of alphanumeric characters (Unicode Alphabetic or N*). */
export function tokenize(text) {
  return (text.match(/[\p{Alphabetic}\p{N}]+/gu) ?? []).map((token) => token.toLowerCase());
}

/** How many tokens of `output` from `i` match `tokens` from `at`. */
function common(output, i, tokens, at) {
  let n = 0;
  while (i + n < output.length && at + n < tokens.length && output[i + n] === tokens[at + n]) n += 1;
  return n;
}

/**
 * The evidence document of `output` (an answer of `model` version `modelVersion`) over
 * `datasets`: [{ dataset, version, root, contributions: [{ id, text }] }]. Returns
 * `{ document, json, hash }`: the document, its canonical JSON and its blake2-256 (hex).
 */
export function attribute({ model, modelVersion, output, datasets, minSpan = 8 }) {
  const tokens = tokenize(output);
  const n = tokens.length;
  const sorted = [...datasets].sort((a, b) => a.dataset - b.dataset);
  const spans = [];
  const covers = new Map();
  for (const { dataset, contributions } of sorted) {
    const tokenized = contributions.map(({ id, text }) => ({ id, tokens: tokenize(text) }));
    const m = tokens.map((_, i) => {
      let best = 0;
      for (const c of tokenized) {
        for (let at = 0; at < c.tokens.length; at += 1) best = Math.max(best, common(tokens, i, c.tokens, at));
      }
      return best;
    });
    const cover = new Array(n).fill(false);
    for (let i = 0; i < n; i += 1) {
      if (m[i] < minSpan || (i > 0 && m[i - 1] >= m[i] + 1)) continue;
      let source = null;
      for (const c of tokenized) {
        for (let at = 0; at < c.tokens.length; at += 1) {
          if (common(tokens, i, c.tokens, at) < m[i]) continue;
          if (!source || c.id < source.id || (c.id === source.id && at < source.at)) source = { id: c.id, at };
        }
      }
      spans.push({ start: i, length: m[i], dataset, contribution: source.id, offset: source.at });
      for (let p = i; p < i + m[i]; p += 1) cover[p] = true;
    }
    covers.set(dataset, cover);
  }
  spans.sort((a, b) => a.start - b.start || a.dataset - b.dataset);
  const scores = [];
  if (n > 0) {
    const k = tokens.map((_, p) => [...covers.values()].filter((cover) => cover[p]).length);
    for (const [dataset, cover] of covers) {
      let c = 0n;
      for (let p = 0; p < n; p += 1) if (cover[p]) c += BILLION / BigInt(k[p]);
      const perbill = Number(c / BigInt(n));
      if (perbill > 0) scores.push({ dataset, perbill });
    }
  }
  const document = {
    method: METHOD_ID,
    params: { minSpan },
    model,
    modelVersion,
    output,
    tokens: n,
    datasets: sorted.map(({ dataset, version, root }) => ({ dataset, version, root })),
    spans,
    scores,
  };
  const json = JSON.stringify(document);
  return { document, json, hash: hexOf(blake2AsU8a(new TextEncoder().encode(json), 256)) };
}

function hexOf(bytes) {
  return `0x${Buffer.from(bytes).toString('hex')}`;
}
