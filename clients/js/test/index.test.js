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
  PERBILL_MAX,
  percent,
  rpc,
  sameAccount,
  types,
  UNIT,
  units,
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
  assert.equal(methods.length, 17);
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

test('listings send their filter, or null for all', () => {
  assert.deepEqual(sent('datasets', 'list', [ALICE, { limit: 5 }]), [ALICE, { limit: 5 }]);
  assert.deepEqual(sent('models', 'list', [undefined, { start: 3 }]), [null, { start: 3 }]);
  assert.deepEqual(sent('agents', 'list', [null, undefined]), [null, null]);
  assert.deepEqual(sent('attribution', 'records', [{ attestor: ALICE, model: 1 }, { limit: 2 }]), [
    { attestor: ALICE, model: 1 },
    { limit: 2 },
  ]);
});

test('a part above 100% is refused before anything is sent, in a call and in a preview', () => {
  const registry = new TypeRegistry();
  registry.register(types);
  assert.equal(registry.createType('Perbill', PERBILL_MAX).toNumber(), PERBILL_MAX);
  assert.equal(registry.createType('Perbill', 0).toNumber(), 0);
  assert.throws(
    () => registry.createType('Perbill', PERBILL_MAX + 1),
    /a part is at most 1000000000 parts per billion \(100%\), not 1000000001/,
  );
  assert.throws(() => registry.createType('(u64, Perbill)', [0, 2_000_000_000]), /not 2000000000/);
  assert.throws(
    () => sent('attribution', 'previewSplit', [7, 1, null, 1n, [{ dataset: 3, perbill: PERBILL_MAX + 1 }]]),
    /at most 1000000000 parts per billion/,
  );
});

test('amounts are bigints, exactly, and anything else is refused', () => {
  assert.equal(amount('340282366920938463463374607431768211455'), 2n ** 128n - 1n);
  assert.equal(amount(42), 42n);
  assert.equal(amount(7n), 7n);
  for (const bad of ['', '1.5', '-1', '0x10', ' 1', 1.5, -1, 2 ** 60, -1n, null, undefined]) {
    assert.throws(() => amount(bad), `${String(bad)} is refused`);
  }
});

test('formatAmount writes whole tokens for people: four decimals, rounded half up', () => {
  assert.equal(formatAmount('1500000000000000000'), '1.5 OPEN');
  assert.equal(formatAmount('1774444444566666666'), '1.7744 OPEN');
  assert.equal(formatAmount('1774450000000000000'), '1.7745 OPEN', 'half up');
  assert.equal(formatAmount('1999960000000000000'), '2 OPEN', 'carries into the whole part');
  assert.equal(formatAmount('0'), '0 OPEN');
  assert.equal(formatAmount(10n ** 24n, { symbol: '' }), '1000000');
  assert.equal(formatAmount('53832480000000000', { places: 8 }), '0.05383248 OPEN');
  // Too small for four decimals: two significant digits, never "0".
  assert.equal(formatAmount(1n), '0.000000000000000001 OPEN');
  assert.equal(formatAmount(12_345n), '0.000000000000012 OPEN');
  assert.equal(formatAmount(1_250_000_000_000n), '0.0000013 OPEN');
  assert.equal(formatAmount(50_000_000_000_000n), '0.00005 OPEN');
  assert.equal(formatAmount(99_990_000_000_000n), '0.0001 OPEN');
});

test('formatAmount writes every digit on demand, with no rounding', () => {
  assert.equal(formatAmount('1774444444566666666', { exact: true }), '1.774444444566666666 OPEN');
  assert.equal(formatAmount(1n, { exact: true }), '0.000000000000000001 OPEN');
  assert.equal(formatAmount(1234n, { decimals: 2, symbol: 'X', exact: true }), '12.34 X');
  assert.equal(formatAmount(1234n, { decimals: 2, symbol: 'X' }), '12.34 X');
  assert.equal(formatAmount(15n, { decimals: 0, symbol: '' }), '15');
  assert.equal(formatAmount('999995000000000000'), '1 OPEN', 'the rounding carries');
  for (const places of [-1, 1.5, Number.NaN]) assert.throws(() => formatAmount(1n, { places }), /places/);
});

test('units reads whole tokens exactly, and refuses what is not an amount', () => {
  assert.equal(UNIT, 10n ** 18n);
  assert.equal(units('1.5'), 1_500_000_000_000_000_000n);
  assert.equal(units('10'), 10n * UNIT);
  assert.equal(units(2), 2n * UNIT);
  assert.equal(units('0.000000000000000001'), 1n);
  assert.equal(units('12.34', { decimals: 2 }), 1234n);
  assert.equal(units('1.0', { decimals: 0 }), 1n, 'zeros after the last digit are not decimals');
  assert.equal(units('0.10000000000000000000'), 10n ** 17n);
  for (const bad of ['0.0000000000000000001', '-1', '1e3', '1.', '.5', '1,5', '', null, 1.5]) {
    assert.throws(() => units(bad), `${String(bad)} is refused`);
  }
  for (const n of ['1', '1.7744', '123456.000000000000000001']) {
    assert.equal(formatAmount(units(n), { exact: true, symbol: '' }), n, 'exact round trip');
  }
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
