import type { SpotCheckRow } from '../../db/schema/index.ts';
import { baseDocument, recordSettings } from './common.ts';

/** spot-checks index: what a consumer types (product, brand, company) ranks first. */
export const spotCheckIndexSettings = recordSettings(
  ['productName', 'brand', 'manufacturerName', 'sampledUnitName', 'store', 'manufacturerUscc', 'model', 'unqualifiedItems', 'announcementNo', 'platform'],
  ['result', 'level', 'channel', 'enterpriseIds'],
);

export function spotCheckDocument(row: SpotCheckRow) {
  const verdict = row.result === 'unqualified' ? '不合格' : '合格';
  return {
    ...baseDocument('spot-checks', row, `${row.productName}（${verdict}）`, row.manufacturerName ?? row.sampledUnitName ?? undefined),
    productName: row.productName,
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
    unqualifiedItems: row.unqualifiedItems.map((u) => u.item),
    announcementNo: row.announcementNo,
    enterpriseIds: [row.manufacturerId, row.sampledUnitId].filter((id): id is string => Boolean(id)),
  };
}
