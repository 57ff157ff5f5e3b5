// Pages made from the running chain cannot drift from it: each is rendered again here, against
// a fresh dev node of the runtime just built, and must equal the committed page.
// OPENLEDGER_WRITE_DOCS=1 rewrites the pages instead (then commit them).
//
// (The fee tables of docs/performance.md and docs/validator.md are computed from the runtime's
// weights by runtime/tests/fees.rs, which checks them the same way.)

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { test } from 'node:test';
import { RPC_EXAMPLES_PAGE, renderRpcExamples } from '../../examples/rpc-examples.mjs';

test('docs/rpc-examples.md is what the node answers today', async () => {
  const rendered = await renderRpcExamples();
  if (process.env.OPENLEDGER_WRITE_DOCS) {
    writeFileSync(RPC_EXAMPLES_PAGE, rendered);
    return;
  }
  const committed = readFileSync(RPC_EXAMPLES_PAGE, 'utf8');
  if (rendered !== committed) {
    // The first differing line says what changed; the whole diff is a rerun away.
    const [a, b] = [committed.split('\n'), rendered.split('\n')];
    const line = a.findIndex((text, i) => text !== b[i]);
    assert.fail(
      `docs/rpc-examples.md is stale from line ${line + 1}:\n  committed: ${a[line]}\n  the node:  ${b[line]}\n` +
        'Rerun `node scripts/examples/rpc-examples.mjs` (or this test with OPENLEDGER_WRITE_DOCS=1) and commit the page.',
    );
  }
});
