import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { recordTypeColumn, xid8 } from './common.ts';

/** One row per import run: which file, with which options, by whom, and what it did. */
export const imports = pgTable('imports', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  type: recordTypeColumn('type'),
  fileName: text('file_name').notNull(),
  fileHash: text('file_hash').notNull(),
  options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
  operator: text('operator').notNull(),
  isSample: boolean('is_sample').notNull().default(false),
  status: text('status', { enum: ['running', 'succeeded', 'rejected', 'failed'] }).notNull().default('running'),
  rowsTotal: integer('rows_total').notNull().default(0),
  rowsCreated: integer('rows_created').notNull().default(0),
  rowsCorrected: integer('rows_corrected').notNull().default(0),
  rowsUnchanged: integer('rows_unchanged').notNull().default(0),
  rowsRejected: integer('rows_rejected').notNull().default(0),
  /** Warnings the report gave (inferred results, unmapped columns, skipped rows…). */
  warnings: integer('warnings').notNull().default(0),
  error: text('error'),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  durationMs: integer('duration_ms'),
});

/** Every version of every record, so corrections keep the old text readable. */
export const recordVersions = pgTable(
  'record_versions',
  {
    type: recordTypeColumn('type'),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    contentHash: text('content_hash').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
    importId: bigint('import_id', { mode: 'number' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.type, t.recordId, t.version] })],
);

// `link`: a record's links to enterprise profiles changed (a foreign alert matched a new profile); its content did not.
export const AUDIT_ACTIONS = ['create', 'correct', 'withdraw', 'restore', 'expire', 'link'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * Append-only audit log; also the source of the public change feed. `txid` records the writing
 * transaction so a feed cursor can wait for slower concurrent commits instead of skipping them.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    txid: xid8('txid').notNull().default(sql`pg_current_xact_id()`),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    type: recordTypeColumn('type'),
    recordId: text('record_id').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    version: integer('version').notNull(),
    actor: text('actor').notNull(),
    /** What made the change: `import`, `withdraw`, `restore`, `expire`, or the admin API route. */
    command: text('command').notNull().default('import'),
    importId: bigint('import_id', { mode: 'number' }),
    source: text('source'),
    reason: text('reason'),
    beforeHash: text('before_hash'),
    afterHash: text('after_hash'),
  },
  // The change feed and the webhook matcher read the log in (txid, id) order after a cursor; without
  // this index each poll sorted the whole log (100,000 rows a second at bench scale, idle).
  (t) => [index('audit_log_record_idx').on(t.type, t.recordId), index('audit_log_feed_idx').on(t.txid, t.id)],
);

/**
 * Transactional outbox: written in the same transaction as each record or enterprise change and
 * drained by the search sync worker, so Meilisearch never misses a change even if it was down.
 * `target` is a record type or 'enterprises'. Writers leave `instance` at 0; a trigger
 * (migration 0011) copies each statement's rows to every other registered Meilisearch, so each
 * instance drains its own rows and one that is down falls behind alone. The primary key leads
 * with `instance`: one index, as before, serves each instance's drain in id order.
 */
export const searchOutbox = pgTable(
  'search_outbox',
  {
    id: bigserial('id', { mode: 'number' }).notNull(),
    /** Which Meilisearch (search_instances.id) still has to apply this change. */
    instance: smallint('instance').notNull().default(0),
    target: text('target').notNull(),
    recordId: text('record_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.instance, t.id] })],
);

/**
 * The Meilisearch instances the outbox feeds, registered by the worker from MEILI_URL
 * (search/instances.ts). Id 0 receives the writers' rows; the others get copies.
 */
export const searchInstances = pgTable('search_instances', {
  id: smallint('id').primaryKey(),
  url: text('url').notNull().unique(),
  addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  /** Set when the instance joined after records existed: it gets a full rebuild before it drains. */
  needsRebuild: boolean('needs_rebuild').notNull().default(false),
});
