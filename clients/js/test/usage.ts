// Type-checked by `tsc -p .` (npm test): the package's types as a TypeScript user meets them.
// It is compiled, not run; the same calls run against the real node in scripts/e2e/tests.

import {
  type AttributionRecord,
  address,
  amount,
  answer,
  type Contribution,
  definitions,
  formatAmount,
  type Lineage,
  type Page,
} from '@openledger/api';
import { ApiPromise, WsProvider } from '@polkadot/api';

export async function feeOfRecord(url: string, id: number): Promise<string> {
  const api = await ApiPromise.create({ provider: new WsProvider(url), ...definitions });
  const record = answer<AttributionRecord>(await api.rpc.attribution.rewardSplit(id));
  const paid = record.split.datasets.reduce((sum, d) => sum + amount(d.amount), 0n);
  const lineage = answer<Lineage>(await api.rpc.models.lineage(record.model, { limit: 10 }));
  const accepted = answer<Page<Contribution>>(await api.rpc.datasets.contributions(1, 'accepted'));
  const preview = await api.rpc.attribution.previewSplit(record.model, 1, null, 10n ** 18n, [
    { dataset: 1, perbill: 5 },
  ]);
  await api.disconnect();
  return `${formatAmount(paid)} to ${lineage.ancestors.length} ancestors, ${accepted.items.length}, ${address(record.attestor)} ${preview.toString()}`;
}
