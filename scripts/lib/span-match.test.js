// The JavaScript span-match/1 against the specification's worked example and the tokenizer
// rules; the Rust implementation asserts the same evidence hash.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attribute, tokenize } from './span-match.js';

test('the worked example of the specification reproduces exactly', () => {
  const { document, hash } = attribute({
    model: 3,
    modelVersion: 1,
    output: 'Quick brown fox jumps; the lazy dog sleeps!',
    minSpan: 3,
    datasets: [
      {
        dataset: 1,
        version: 1,
        root: `0x${'01'.repeat(32)}`,
        contributions: [{ id: 9, text: 'a lazy dog sleeps all day' }],
      },
      {
        dataset: 0,
        version: 2,
        root: `0x${'00'.repeat(32)}`,
        contributions: [{ id: 4, text: 'The quick brown fox jumps over the lazy dog' }],
      },
    ],
  });
  assert.deepEqual(document.scores, [
    { dataset: 0, perbill: 750_000_000 },
    { dataset: 1, perbill: 250_000_000 },
  ]);
  assert.deepEqual(
    document.spans.map((s) => [s.start, s.length, s.dataset, s.contribution, s.offset]),
    [
      [0, 4, 0, 4, 1],
      [4, 3, 0, 4, 6],
      [5, 3, 1, 9, 1],
    ],
  );
  assert.equal(hash, '0x3401b8c846dbb341bcc4cc2f2835bccc000e465569611e459c95ca63455cdbc0');
});

test('tokens are lower-cased alphanumeric runs, as in Rust', () => {
  assert.deepEqual(tokenize('Hello, World! 42x — ok?'), ['hello', 'world', '42x', 'ok']);
  assert.deepEqual(tokenize('Ünïcödé Straße ΣΊΣΥΦΟΣ'), ['ünïcödé', 'straße', 'σίσυφος']);
  assert.deepEqual(tokenize('Ⅻ ²³ 東京 a\u0301b'), ['ⅻ', '²³', '東京', 'a', 'b']);
  assert.deepEqual(tokenize('İstanbul'), ['i\u0307stanbul']);
  assert.deepEqual(tokenize(''), []);
});
