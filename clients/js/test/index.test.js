// Unit tests of @openledger/api: the helpers, and what polkadot.js sends for the definitions'
// parameters (encoded by a real polkadot.js type registry). The definitions against the real
// node are tested by scripts/e2e/tests (every custom method the node lists is defined, and the
// journey reads its answers through them).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TypeRegistry } from '@polkadot/types';
import {
  address,
  amount,
  bytes,
  chain,
  definitions,
  formatAmount,
  percent,
  rpc,
  sameAccount,
  types,
} from '../src/index.js';

const ALICE = '5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY';
const ALICE_KEY = '0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d';
const ALICE_POLKADOT = '15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5';

/** The JSON polkadot.js sends for each parameter of a method, given its inputs. */
function sent(namespace, method, inputs) {
  const registry = new TypeRegistry();
  registry.register(types);
  return inputs.map((input, i) => registry.createType(rpc[namespace][method].params[i].type, input).toJSON());
}

test('every method has a description, named parameters and an answer type', () => {
  const methods = Object.entries(rpc).flatMap(([ns, ms]) => Object.keys(ms).map((m) => `${ns}_${m}`));
  assert.equal(methods.length, 13);
  for (const [ns, ms] of Object.entries(rpc)) {
    for (const [name, def] of Object.entries(ms)) {
      assert.ok(def.description.length > 10, `${ns}_${name} is described`);
      assert.ok(def.type, `${ns}_${name} has an answer type`);
      for (const p of def.params) assert.ok(p.name && p.type, `${ns}_${name}: ${JSON.stringify(p)}`);
      // Optional parameters only at the end: polkadot.js drops trailing ones that are omitted.
      const firstOptional = def.params.findIndex((p) => p.isOptional);
      if (firstOptional >= 0)
        assert.ok(
          def.params.slice(firstOptional).every((p) => p.isOptional),
          `${ns}_${name}`,
        );
    }
  }
  assert.deepEqual(definitions, { rpc, types });
});

test('previewSplit sends an amount as a decimal string and scores as objects', () => {
  const fee = 12_345_678_901_234_567_890_123n; // more than a u64, more than a JS number
  assert.deepEqual(sent('attribution', 'previewSplit', [7, 1, null, fee, [{ dataset: 3, perbill: 250_000_000 }]]), [
    7,
    1,
    null,
    '12345678901234567890123',
    [{ dataset: 3, perbill: 250000000 }],
  ]);
  assert.equal(sent('attribution', 'previewSplit', [7, 1, 2, 0n, []])[3], '0', 'a zero fee is "0", not ""');
  assert.equal(sent('attribution', 'previewSplit', [7, 1, 2, '1000', []])[3], '1000');
  assert.equal(sent('attribution', 'previewSplit', [7, 1, 2, 5, []])[2], 2, 'an agent id');
});

test('pages and statuses are sent as the node reads them, and null when omitted', () => {
  assert.deepEqual(sent('datasets', 'contributions', [4, 'accepted', { start: 10, limit: 5 }]), [
    4,
    'accepted',
    { start: 10, limit: 5 },
  ]);
  assert.deepEqual(sent('datasets', 'contributions', [4, undefined, undefined]), [4, null, null]);
  assert.deepEqual(sent('models', 'lineage', [9, { limit: 2 }]), [9, { limit: 2 }]);
});

test('amounts are bigints, exactly, and anything else is refused', () => {
  assert.equal(amount('340282366920938463463374607431768211455'), 2n ** 128n - 1n);
  assert.equal(amount(42), 42n);
  assert.equal(amount(7n), 7n);
  for (const bad of ['', '1.5', '-1', '0x10', ' 1', 1.5, -1, 2 ** 60, -1n, null, undefined]) {
    assert.throws(() => amount(bad), `${String(bad)} is refused`);
  }
});

test('formatAmount writes whole tokens without rounding', () => {
  assert.equal(formatAmount('1500000000000000000'), '1.5 OPEN');
  assert.equal(formatAmount(1n), '0.000000000000000001 OPEN');
  assert.equal(formatAmount('0'), '0 OPEN');
  assert.equal(formatAmount(10n ** 24n, { symbol: '' }), '1000000');
  assert.equal(formatAmount(1234n, { decimals: 2, symbol: 'X' }), '12.34 X');
});

test('percent reads parts per billion', () => {
  assert.equal(percent(125_000_000), '12.5%');
  assert.equal(percent(1_000_000_000), '100%');
  assert.equal(percent(0), '0%');
  for (const bad of [-1, 1_000_000_001, 0.5, '5']) assert.throws(() => percent(bad));
});

test('addresses come back in the chain form, from any form of the same account', () => {
  assert.equal(chain.ss58Format, 42);
  assert.equal(address(ALICE_POLKADOT), ALICE);
  assert.equal(address(ALICE_KEY), ALICE);
  assert.ok(sameAccount(ALICE_POLKADOT, ALICE_KEY));
  assert.ok(!sameAccount(ALICE, '5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty'));
  assert.throws(() => address('5NotAnAddress'));
});

test('what users wrote reads back as bytes from either form the node answers', () => {
  assert.deepEqual([...bytes('MIT')], [77, 73, 84]);
  assert.deepEqual([...bytes('0xff00')], [255, 0]);
  assert.deepEqual([...bytes('0x30783132')], [...new TextEncoder().encode('0x12')]);
  assert.deepEqual([...bytes('')], []);
  assert.throws(() => bytes('0xnothex'));
});
