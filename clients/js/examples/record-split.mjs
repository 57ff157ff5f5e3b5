#!/usr/bin/env node
// How a fee was split: reads an attribution record through @openledger/api and prints each
// part in OPEN, with the contributors' datasets and the challenge status. docs/clients.md
// shows it; the end-to-end journey runs it against its node and checks what it prints.
//
//   node clients/js/examples/record-split.mjs --record 0 [--url ws://127.0.0.1:9944]

import { parseArgs } from 'node:util';
import { amount, answer, definitions, formatAmount, percent } from '@openledger/api';

/** Every part to the unit: a split is exact, so is what it prints. */
const exactly = (value) => formatAmount(value, { exact: true });

import { ApiPromise, WsProvider } from '@polkadot/api';

const { values } = parseArgs({
  options: { url: { type: 'string', default: 'ws://127.0.0.1:9944' }, record: { type: 'string' } },
});
if (values.record === undefined) {
  console.error('usage: record-split.mjs --record ID [--url ws://127.0.0.1:9944]');
  process.exit(2);
}

const api = await ApiPromise.create({ provider: new WsProvider(values.url), noInitWarn: true, ...definitions });
try {
  /** @type {import('@openledger/api').AttributionRecord} */
  const record = answer(await api.rpc.attribution.rewardSplit(values.record));
  const { split } = record;
  console.log(`record ${record.id}: model ${record.model} v${record.modelVersion}, fee ${exactly(record.fee)}`);
  console.log(`  status ${record.status}, challengeable until block ${record.challengeDeadline}`);
  for (const { dataset, perbill } of record.scores) console.log(`  score of dataset ${dataset}: ${percent(perbill)}`);
  console.log(`  treasury        ${exactly(split.treasury.total)}`);
  if (split.agentOperator) console.log(`  agent operator  ${exactly(split.agentOperator.amount)}`);
  console.log(`  model owner     ${exactly(split.modelOwner.amount)}`);
  for (const a of split.ancestors) console.log(`  ancestor ${a.model}      ${exactly(a.amount)}`);
  for (const d of split.datasets) console.log(`  dataset ${d.dataset}       ${exactly(d.amount)}`);
  const parts = [
    split.treasury.total,
    split.agentOperator?.amount ?? '0',
    split.modelOwner.amount,
    ...split.ancestors.map((a) => a.amount),
    ...split.datasets.map((d) => d.amount),
  ].reduce((sum, part) => sum + amount(part), 0n);
  console.log(
    `  sum of the parts: ${exactly(parts)} (${parts === amount(record.fee) ? 'the fee, exactly' : 'NOT the fee'})`,
  );
} catch (error) {
  console.error(`cannot read record ${values.record}: ${error.message}`);
  process.exitCode = 1;
} finally {
  await api.disconnect();
}
