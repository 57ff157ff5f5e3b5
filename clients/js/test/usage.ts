// Type-checked by `tsc -p .` (npm test): the package's types as a TypeScript user meets them.
// It is compiled, not run; the same calls run against the real node in scripts/e2e/tests.

import {
  type AttributionRecord,
  address,
  amount,
  answer,
  type Contribution,
  type Dataset,
  definitions,
  formatAmount,
  type Lineage,
  type Page,
  units,
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

export async function myDatasetsAndRecords(url: string, me: string): Promise<string> {
  const api = await ApiPromise.create({ provider: new WsProvider(url), ...definitions });
  const mine = answer<Page<Dataset>>(await api.rpc.datasets.list(me, { limit: 10 }));
  const all = answer<Page<Dataset>>(await api.rpc.datasets.list());
  const models = await api.rpc.models.list(null, { start: mine.next ?? 0 });
  const agents = await api.rpc.agents.list(me);
  const records = answer<Page<AttributionRecord>>(await api.rpc.attribution.records({ attestor: me }, { limit: 5 }));
  await api.disconnect();
  const fees = records.items.reduce((sum, r) => sum + amount(r.fee), 0n);
  return `${mine.items.length}/${all.items.length} ${models.toString()} ${agents.toString()} ${formatAmount(fees, { exact: true })} of ${formatAmount(units('1.5'))}`;
}
