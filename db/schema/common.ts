import { inArray, sql, type Column } from 'drizzle-orm';
import type { PartyRole } from '../../core/normalize/parties.ts';
import { bigint, customType, date, index, integer, jsonb, pgEnum, text, timestamp, type ExtraConfigColumn } from 'drizzle-orm/pg-core';


/**
 * Lifecycle: published → corrected (a new version) → withdrawn or expired. Withdrawn and expired
 * records leave search and verdicts but keep their permalink (a tombstone).
 */
export const RECORD_STATUSES = ['published', 'corrected', 'withdrawn', 'expired'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export const VISIBLE_STATUSES: readonly RecordStatus[] = ['published', 'corrected'];

/** SQL condition: the record is visible (in search, verdicts and listings). */
export const isVisible = (status: Column) => inArray(status, [...VISIBLE_STATUSES]);
/** The same, for a status already read. */
export const isVisibleStatus = (status: unknown) => VISIBLE_STATUSES.includes(status as RecordStatus);
/** Withdrawn or expired: no longer in force, its page a tombstone. */
export const isGoneStatus = (status: unknown) => status === 'withdrawn' || status === 'expired';

export const emptyTextArray = sql`'{}'::text[]`;

/**
 * A record type's name (`types/registry.ts` lists them), in the tables every type shares: text,
 * not an enum, so that a new type needs no migration of the lifecycle tables.
 */
export const recordTypeColumn = (name: string) => text(name).notNull();
export const recordStatusEnum = pgEnum('record_status', RECORD_STATUSES);

/**
 * Where a record came from: the announcement (title, number, authority, date, URL) and the exact
 * cell range it was imported from (file name, the file's SHA-256 under which the original bytes
 * are archived, sheet or table, row).
 */
export interface RecordSource {
  title?: string;
  number?: string;
  url?: string;
  authority?: string;
  publishedAt?: string;
  file?: string;
  fileSha256?: string;
  sheet?: string;
  row?: number;
}

/** One party a record names, with its role, linked to its own enterprise profile. */
export interface RecordParty {
  role: PartyRole;
  /** The name as published, without annotations such as (标称经销商). */
  name: string;
  uscc?: string;
  address?: string;
  kind?: 'enterprise' | 'person';
  enterpriseId?: string;
  /** The annotation the publisher wrote beside the name, e.g. 标称经销商, 受托方. */
  annotation?: string;
}

/** PostgreSQL's 64-bit transaction id; the change feed orders by it so a cursor never skips a commit. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => 'xid8' });

/**
 * Columns every record type has. A function, because each table needs its own column builders.
 * `natural_key` is what makes re-import idempotent; `content_hash` tells a correction from a repeat.
 */
export function recordColumns() {
  return {
    id: text('id').primaryKey(),
    naturalKey: text('natural_key').notNull().unique(),
    status: recordStatusEnum('status').notNull().default('published'),
    statusReason: text('status_reason'),
    statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
    version: integer('version').notNull().default(1),
    contentHash: text('content_hash').notNull(),
    authority: text('authority').notNull(),
    publishedAt: date('published_at', { mode: 'string' }).notNull(),
    source: jsonb('source').$type<RecordSource>().notNull().default({}),
    regionCode: text('region_code'),
    regionProvince: text('region_province'),
    regionCity: text('region_city'),
    productCategory: text('product_category'),
    campaign: text('campaign'),
    /** The announcement the record was published in (its published totals live there). */
    announcementId: text('announcement_id'),
    /** Every party the record names, by role; `enterpriseIds` lists their profiles for look-ups. */
    namedParties: jsonb('named_parties').$type<RecordParty[]>().notNull().default([]),
    enterpriseIds: text('enterprise_ids').array().notNull().default(emptyTextArray),
    /** Columns of the imported file that no field maps to: kept, not dropped. */
    extra: jsonb('extra').$type<Record<string, string>>().notNull().default({}),
    importId: bigint('import_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  };
}

/** The indexes every record table wants: listing by status and date, facets, enterprise pages. */
type IndexedColumns = Record<'status' | 'publishedAt' | 'productCategory' | 'regionCode' | 'campaign' | 'announcementId' | 'enterpriseIds', ExtraConfigColumn>;
export function recordIndexes(name: string, t: IndexedColumns) {
  return [
    index(`${name}_status_published_idx`).on(t.status, t.publishedAt),
    index(`${name}_category_idx`).on(t.productCategory),
    index(`${name}_region_idx`).on(t.regionCode),
    index(`${name}_campaign_idx`).on(t.campaign),
    index(`${name}_announcement_id_idx`).on(t.announcementId),
    index(`${name}_enterprise_ids_idx`).using('gin', t.enterpriseIds),
  ];
}
