import { brandNames } from '../../core/normalize/placeholders.ts';
import { completeUscc } from '../../core/normalize/uscc.ts';
import type { SpotCheckRow } from './table.ts';
import { baseDocument, recordSettings } from '../shared/search-document.ts';

/** spot-checks index: what a consumer types (product, brand, company) ranks first. */
export const spotCheckIndexSettings = recordSettings(
  ['productName', 'verdict', 'brand', 'manufacturerName', 'sampledUnitName', 'otherParties', 'store', 'model', 'unqualifiedItems', 'productKind', 'announcementNo', 'platform'],
  ['result', 'level', 'channel', 'enterpriseIds'],
);

export function spotCheckDocument(row: SpotCheckRow) {
  const verdict = row.result === 'unqualified' ? '不合格' : '合格';
  const items = row.unqualifiedItems.map((u) => u.item);
  // Producers, distributors and importers named beside the nominal manufacturer and the sampled unit.
  const otherParties = row.namedParties.filter((p) => p.name !== row.manufacturerName && p.name !== row.sampledUnitName).map((p) => p.name);
  return {
    ...baseDocument('spot-checks', row, `${row.productName}（${verdict}）`, row.manufacturerName ?? row.namedParties[0]?.name ?? row.sampledUnitName ?? undefined, {
      identifiers: [completeUscc(row.manufacturerUscc)],
      names: [row.manufacturerName, row.sampledUnitName, ...otherParties, ...brandNames(row.brand), row.store],
      text: [row.productName, row.productKind, ...items],
    }),
    productName: row.productName,
    // The result in words people type (电线 不合格, failed cable).
    verdict: row.result === 'unqualified' ? '不合格 unqualified failed' : '合格 qualified passed',
    brand: row.brand,
    model: row.model,
    manufacturerName: row.manufacturerName,
    manufacturerUscc: row.manufacturerUscc,
    sampledUnitName: row.sampledUnitName,
    otherParties,
    productKind: row.productKind,
    platform: row.platform,
    store: row.store,
    result: row.result,
    level: row.level,
    channel: row.channel,
    unqualifiedItems: items,
    announcementNo: row.announcementNo,
    enterpriseIds: row.enterpriseIds,
  };
}
