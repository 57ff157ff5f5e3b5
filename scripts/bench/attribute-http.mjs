#!/usr/bin/env node
// `/v1/attribute` over HTTP, measured on the real thing: a dev node and the real
// `openledger-attestor serve`, a datanet of real text that nobody here wrote, accepted and
// published on chain, uploaded to the attestor's content store and indexed by it in segments,
// then answers of 1,000 tokens asked one after the other by one HTTP client, right after the
// indexing, then the same answers once more, then as many new ones. Prints one JSON object:
// the corpus, the upload and indexing times, and the latencies of the three passes (p50, p90,
// p99, max) as the client saw them (HTTP, matching, evidence), as the attestor reports them
// (its Server-Timing header: the matching, and the whole answer), and the attestor's page
// faults during each pass (minor, and major: read from disk).
//
//   node scripts/bench/attribute-http.mjs CORPUS_DIR... [--mb 1000] [--answers 200] [--lock]
//
// The corpus is read in path order (text files only, as scripts/bench-attribution.sh reads it)
// and packed into contributions of at most 64 MiB each (files joined by a newline; a file is
// never split), so a 10 GB datanet is about 160 contributions on chain. Answers are made as the
// Rust benchmarks make them: quoted spans of 8 to 40 tokens from sampled files, alternating with
// as many tokens drawn at random from their vocabulary. Run on an otherwise idle machine.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { blake2AsHex, cryptoWaitReady } from '@polkadot/util-crypto';
import { startAttestor } from '../lib/attestor.js';
import { startNode, until } from '../lib/node.js';
import { tokenize } from '../lib/span-match.js';
import { devKeys, findEvent, submit } from '../lib/tx.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    mb: { type: 'string', default: '1000' },
    answers: { type: 'string', default: '200' },
    'segment-mb': { type: 'string', default: '256' },
    // The attestor locks its index segments in memory (--lock-indexes, twice the corpus).
    lock: { type: 'boolean', default: false },
  },
});
if (positionals.length === 0) throw new Error('usage: attribute-http.mjs CORPUS_DIR... [--mb N] [--answers N]');
const BUDGET = Number(values.mb) * 1_000_000;
const CHUNK = 64 * 1024 * 1024;
const PERCENT = 10_000_000;
const decoder = new TextDecoder('utf-8', { fatal: true });

/** A small deterministic generator (xorshift64*), as the Rust examples use. */
let state = 0x5eed0f1ed6e7n;
function below(n) {
  state ^= state >> 12n;
  state ^= (state << 25n) & 0xffffffffffffffffn;
  state ^= state >> 27n;
  return Number(((state * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) % BigInt(Math.max(n, 1)));
}

function files(dirs) {
  const out = [];
  for (const dir of dirs) {
    const stack = [dir];
    const found = [];
    while (stack.length) {
      const path = stack.pop();
      for (const entry of readdirSync(path, { withFileTypes: true })) {
        const full = join(path, entry.name);
        if (entry.isDirectory()) stack.push(full);
        else if (entry.isFile()) found.push(full);
      }
    }
    found.sort();
    for (const path of found) out.push(path);
  }
  return out;
}

/** The text of `path`, or null if it is binary or not UTF-8. */
function text(path) {
  const raw = readFileSync(path);
  if (raw.includes(0)) return null;
  try {
    decoder.decode(raw);
  } catch {
    return null;
  }
  return raw;
}

/** Packs the corpus into contributions: lists of files of at most CHUNK bytes in all. */
function pack(all) {
  const chunks = [];
  let current = { files: [], bytes: 0 };
  let total = 0;
  const sample = [];
  for (const path of all) {
    if (total >= BUDGET) break;
    const size = statSync(path).size;
    if (size === 0 || size > CHUNK) continue;
    const raw = text(path);
    if (raw === null) continue;
    if (current.bytes + raw.length + 1 > CHUNK) {
      chunks.push(current);
      current = { files: [], bytes: 0 };
    }
    current.files.push(path);
    current.bytes += raw.length + 1;
    total += raw.length + 1;
    // One file in 200 is kept (tokenized) to make answers from.
    if (below(200) === 0 && sample.length < 2_000) sample.push(tokenize(raw.toString('utf8')));
  }
  if (current.files.length) chunks.push(current);
  return { chunks, total, sample };
}

function bytesOf(chunk) {
  return Buffer.concat(chunk.files.flatMap((path) => [readFileSync(path), Buffer.from('\n')]));
}

function answer(sample, vocabulary, length) {
  const tokens = [];
  while (tokens.length < length) {
    const quoted = 8 + below(33);
    const source = sample[below(sample.length)];
    if (source.length > quoted) {
      const at = below(source.length - quoted);
      tokens.push(...source.slice(at, at + quoted));
    }
    for (let i = 0; i < quoted; i += 1) tokens.push(vocabulary[below(vocabulary.length)]);
  }
  return tokens.slice(0, length).join(' ');
}

const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

await cryptoWaitReady();
const started = Date.now();
const { chunks, total, sample } = pack(files(positionals));
const vocabulary = [...new Set(sample.flat())];
console.error(
  `${chunks.length} contributions, ${(total / 1e6).toFixed(1)} MB, packed in ${(Date.now() - started) / 1000} s`,
);
const hashes = chunks.map((chunk) => blake2AsHex(bytesOf(chunk), 256));

const node = await startNode();
const { api } = node;
const people = devKeys(['Alice', 'Bob', 'Eve', 'Ferdie']);
const attestor = await startAttestor({
  nodeUrl: node.url,
  suri: '//Ferdie',
  args: [
    '--store-quota',
    String(4 * BUDGET + 1e9),
    '--rate-limit',
    '0',
    '--segment-bytes',
    String(Number(values['segment-mb']) << 20),
    // The index is about 1.25 bytes a byte of text: room for it, and some.
    ...(values.lock ? ['--lock-indexes', String(2 * BUDGET)] : []),
  ],
});
try {
  const created = await submit(
    api,
    api.tx.datasets.createDataset('bench://attribute-http', 'various', { minBond: 0, open: true }),
    people.alice,
  );
  const dataset = findEvent(created.events, 'datasets', 'DatasetCreated').data.dataset.toNumber();
  const submitted = await submit(
    api,
    api.tx.utility.batchAll(hashes.map((hash) => api.tx.datasets.submitContribution(dataset, hash, 'bench', 0))),
    people.bob,
  );
  const ids = submitted.events
    .filter(({ event }) => event.section === 'datasets' && event.method === 'ContributionSubmitted')
    .map(({ event }) => event.data.contribution.toNumber());
  await submit(
    api,
    api.tx.utility.batchAll(ids.map((id) => api.tx.datasets.reviewContribution(id, { Accept: { shares: 1 } }))),
    people.alice,
  );
  await submit(api, api.tx.datasets.publishVersion(dataset), people.alice);
  const registered = await submit(
    api,
    api.tx.models.registerModel('bench://model', 'Apache-2.0', null, 0, 0, { modelShare: 40 * PERCENT }),
    people.eve,
  );
  const model = findEvent(registered.events, 'models', 'ModelRegistered').data.model.toNumber();
  await submit(
    api,
    api.tx.models.publishVersion(model, blake2AsHex('weights'), [[dataset, 1, 50 * PERCENT]], null),
    people.eve,
  );
  await submit(api, api.tx.models.setAttestors(model, [people.ferdie.address]), people.eve);

  // Upload every contribution once the attestor serves the datanet.
  const uploadStarted = Date.now();
  for (const [i, chunk] of chunks.entries()) {
    await until(`contribution ${i} uploaded`, async () => {
      const response = await fetch(`${attestor.url}/v1/content`, {
        method: 'PUT',
        headers: { 'x-content-hash': hashes[i] },
        body: bytesOf(chunk),
      });
      return [200, 201].includes(response.status);
    });
  }
  const uploadSeconds = (Date.now() - uploadStarted) / 1000;
  const indexed = await until(
    'the version indexed',
    async () => {
      const status = await (await fetch(`${attestor.url}/v1/status`)).json();
      const version = status.versions.find((v) => v.dataset === dataset && v.version === 1);
      return version?.state === 'indexed' && version;
    },
    3_600_000,
    1_000,
  );
  const indexSeconds = (Date.now() - uploadStarted) / 1000 - uploadSeconds;

  const attribute = `${attestor.url}/v1/attribute`;
  const outputs = Array.from({ length: Number(values.answers) }, () => answer(sample, vocabulary, 1000));
  // The attestor's page faults so far (minor: a page already in memory mapped; major: read
  // from disk), from /proc/PID/stat (fields 10 and 12).
  const faults = () => {
    const fields = readFileSync(`/proc/${attestor.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { minor: Number(fields[7]), major: Number(fields[9]) };
  };
  // What the attestor says it spent (its Server-Timing header): `match` is the attribution,
  // `total` the whole answer.
  const serverTiming = (header) =>
    Object.fromEntries(
      (header ?? '').split(',').map((part) => {
        const [name, dur] = part.trim().split(';dur=');
        return [name, Number(dur)];
      }),
    );
  const ask = async (output) => {
    const t = performance.now();
    const response = await fetch(attribute, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, modelVersion: 1, output }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(`${response.status}: ${body.error}`);
    return { client: performance.now() - t, ...serverTiming(response.headers.get('server-timing')) };
  };
  const percentiles = (times) => {
    times.sort((a, b) => a - b);
    return {
      p50ms: quantile(times, 0.5),
      p90ms: quantile(times, 0.9),
      p99ms: quantile(times, 0.99),
      maxms: times.at(-1),
    };
  };
  const pass = async (answers) => {
    const before = faults();
    const asked = [];
    for (const output of answers) asked.push(await ask(output));
    const after = faults();
    return {
      ...percentiles(asked.map((a) => a.client)),
      server: { match: percentiles(asked.map((a) => a.match)), total: percentiles(asked.map((a) => a.total)) },
      faults: { minor: after.minor - before.minor, major: after.major - before.major },
    };
  };
  for (const output of outputs.slice(0, 10)) await ask(output); // warm-up, not counted
  // Right after indexing: what the index's pages cost to come (back) into memory shows here.
  const first = await pass(outputs);
  // The same answers again: the pages of the index they touch are in memory by now.
  const again = await pass(outputs);
  // As many answers never asked: an attestor that has been serving for a while.
  const fresh = await pass(Array.from({ length: outputs.length }, () => answer(sample, vocabulary, 1000)));
  const log = attestor.log();
  const segments = log.match(/(\d+) new segment\(s\)/);
  console.log(
    JSON.stringify({
      corpusMB: total / 1e6,
      contributions: chunks.length,
      tokens: indexed.tokens ?? null,
      segments: segments ? Number(segments[1]) : null,
      lockIndexes: values.lock,
      uploadSeconds,
      indexSeconds,
      answers: outputs.length,
      ...first,
      again,
      fresh,
    }),
  );
} finally {
  await attestor.stop();
  await node.stop();
}
