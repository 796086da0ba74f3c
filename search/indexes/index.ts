import type { Settings } from 'meilisearch';
import type { Database } from '../../db/client.ts';
import { anyOf } from '../../db/queries/any-of.ts';
import { englishNamesOf } from '../../db/queries/english-names.ts';
import { enterprises, VISIBLE_STATUSES, type RecordStatus } from '../../db/schema/index.ts';
import { enterpriseFacts } from '../../types/enterprise-facts.ts';
import { RECORD_TYPES, TYPES, type RecordType } from '../../types/registry.ts';
import type { RecordTypeDescriptor } from '../../types/shared/descriptor.ts';
import { enterpriseDocument, enterpriseIndexSettings } from './enterprises.ts';

/** One Meilisearch index per record type, plus enterprises. */
export type IndexName = RecordType | 'enterprises';
export const INDEX_NAMES: IndexName[] = [...RECORD_TYPES, 'enterprises'];

/** What the sync worker needs per index: its settings and how to load documents for some ids. */
export interface IndexDef {
  settings: Settings;
  /** Documents for the ids that are visible; ids not returned are removed from the index. */
  load(db: Database, ids: string[]): Promise<{ id: string }[]>;
}

/**
 * What every hit needs to be shown as the pages show records (heading beside its badge, in both
 * languages, and the status): computed by the descriptor, stored with the document.
 */
const presentation = (type: RecordTypeDescriptor, row: Record<string, unknown> & { status: RecordStatus }, english: Map<string, string>) => {
  const subtitle = type.subtitle(row);
  return {
    heading: type.heading(row, 'zh'),
    headingEn: type.heading(row, 'en'),
    // The firm a hit names, by its known English name where it has one.
    ...(subtitle && english.has(subtitle) ? { subtitleEn: english.get(subtitle) } : {}),
    outcome: type.outcome(row),
    status: row.status,
  };
};

/** A record index: load the rows, keep the visible ones, build their documents (the type's own builder). */
function recordIndex(type: RecordTypeDescriptor): IndexDef {
  return {
    settings: type.search.settings,
    load: async (db, ids) => {
      const rows = ((await db.select().from(type.table).where(anyOf(type.table.id, ids))) as unknown as (Record<string, unknown> & { status: RecordStatus })[])
        .filter((row) => VISIBLE_STATUSES.includes(row.status));
      const english = await englishNamesOf(db, rows);
      return rows.map((row) => ({ ...type.search.document(row), ...presentation(type, row, english) }));
    },
  };
}

const enterpriseIndex: IndexDef = {
  settings: enterpriseIndexSettings,
  load: async (db, ids) => {
    const rows = await db.select().from(enterprises).where(anyOf(enterprises.id, ids));
    const facts = await enterpriseFacts(db, ids);
    // An enterprise with no visible record left (all withdrawn) leaves search too.
    return rows
      .map((row) => enterpriseDocument(row, facts.get(row.id)!))
      .filter((doc) => doc.recordCount > 0);
  },
};

export const INDEXES = {
  ...(Object.fromEntries(TYPES.map((type) => [type.name, recordIndex(type)])) as Record<RecordType, IndexDef>),
  enterprises: enterpriseIndex,
} as Record<IndexName, IndexDef>;
