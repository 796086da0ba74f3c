import type { Settings } from 'meilisearch';
import type { Database } from '../../db/client.ts';
import { enterpriseFacts } from '../../db/queries/enterprise-facts.ts';
import {
  enterprises,
  licenseRevocations,
  penalties,
  spotChecks,
  typicalCases,
  VISIBLE_STATUSES,
  type RecordStatus,
  type RecordType,
} from '../../db/schema/index.ts';
import { enterpriseDocument, enterpriseIndexSettings } from './enterprises.ts';
import { licenseRevocationDocument, licenseRevocationIndexSettings } from './license-revocations.ts';
import { penaltyDocument, penaltyIndexSettings } from './penalties.ts';
import { spotCheckDocument, spotCheckIndexSettings } from './spot-checks.ts';
import { typicalCaseDocument, typicalCaseIndexSettings } from './typical-cases.ts';
import { anyOf } from '../../db/queries/any-of.ts';

export type IndexName = RecordType | 'enterprises';
export const INDEX_NAMES: IndexName[] = ['spot-checks', 'license-revocations', 'penalties', 'typical-cases', 'enterprises'];

/** What the sync worker needs per index: its settings and how to load documents for some ids. */
export interface IndexDef {
  settings: Settings;
  /** Documents for the ids that are visible; ids not returned are removed from the index. */
  load(db: Database, ids: string[]): Promise<{ id: string }[]>;
}

/** A record index: load the rows, keep the visible ones, build their documents. */
function recordIndex<T extends { id: string; status: RecordStatus }>(
  table: typeof spotChecks | typeof licenseRevocations | typeof penalties | typeof typicalCases,
  settings: Settings,
  toDocument: (row: T) => { id: string },
): IndexDef {
  return {
    settings,
    load: async (db, ids) =>
      ((await db.select().from(table).where(anyOf(table.id, ids))) as unknown as T[])
        .filter((row) => VISIBLE_STATUSES.includes(row.status))
        .map(toDocument),
  };
}

export const INDEXES: Record<IndexName, IndexDef> = {
  'spot-checks': recordIndex(spotChecks, spotCheckIndexSettings, spotCheckDocument),
  'license-revocations': recordIndex(licenseRevocations, licenseRevocationIndexSettings, licenseRevocationDocument),
  penalties: recordIndex(penalties, penaltyIndexSettings, penaltyDocument),
  'typical-cases': recordIndex(typicalCases, typicalCaseIndexSettings, typicalCaseDocument),
  enterprises: {
    settings: enterpriseIndexSettings,
    load: async (db, ids) => {
      const rows = await db.select().from(enterprises).where(anyOf(enterprises.id, ids));
      const facts = await enterpriseFacts(db, ids);
      // An enterprise with no visible record left (all withdrawn) leaves search too.
      return rows
        .map((row) => enterpriseDocument(row, facts.get(row.id)!))
        .filter((doc) => doc.recordCount > 0);
    },
  },
};

