import type { SpotCheckRow } from '../../db/schema/index.ts';
import { baseDocument, recordSettings } from './common.ts';

/** spot-checks index: what a consumer types (product, brand, company) ranks first. */
export const spotCheckIndexSettings = recordSettings(
  ['productName', 'verdict', 'brand', 'manufacturerName', 'sampledUnitName', 'store', 'model', 'unqualifiedItems', 'announcementNo', 'platform'],
  ['result', 'level', 'channel', 'enterpriseIds'],
);

export function spotCheckDocument(row: SpotCheckRow) {
  const verdict = row.result === 'unqualified' ? '不合格' : '合格';
  const items = row.unqualifiedItems.map((u) => u.item);
  return {
    ...baseDocument('spot-checks', row, `${row.productName}（${verdict}）`, row.manufacturerName ?? row.sampledUnitName ?? undefined, {
      identifiers: [row.manufacturerUscc],
      names: [row.manufacturerName, row.sampledUnitName, row.brand, row.store],
      text: [row.productName, ...items],
    }),
    productName: row.productName,
    // The result in words people type (电线 不合格, failed cable).
    verdict: row.result === 'unqualified' ? '不合格 unqualified failed' : '合格 qualified passed',
    brand: row.brand,
    model: row.model,
    manufacturerName: row.manufacturerName,
    manufacturerUscc: row.manufacturerUscc,
    sampledUnitName: row.sampledUnitName,
    platform: row.platform,
    store: row.store,
    result: row.result,
    level: row.level,
    channel: row.channel,
    unqualifiedItems: items,
    announcementNo: row.announcementNo,
    enterpriseIds: [row.manufacturerId, row.sampledUnitId].filter((id): id is string => Boolean(id)),
  };
}
