import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { apiKeys } from './access.ts';
import { xid8 } from './common.ts';

/**
 * Watchlists that push (ops/webhooks/): a platform's list of USCCs, names and brands, owned by
 * one API key, with the webhook URL that is told when a matching record is published, corrected,
 * withdrawn or expired. `secret` (`whsec_…`) signs every delivery (Standard Webhooks); it is
 * stored as given out, because signing needs it, and shown only at creation and rotation.
 */
export const watchlists = pgTable(
  'watchlists',
  {
    id: text('id').primaryKey(),
    ownerKeyId: bigint('owner_key_id', { mode: 'number' })
      .notNull()
      .references(() => apiKeys.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    webhookUrl: text('webhook_url').notNull(),
    secret: text('secret').notNull(),
    disabled: boolean('disabled').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('watchlists_owner_idx').on(t.ownerKeyId)],
);

export const WATCH_KINDS = ['uscc', 'name', 'brand'] as const;
export type WatchKind = (typeof WATCH_KINDS)[number];

/**
 * One entry: what the platform gave (`value`) and its matching key (`key`: a USCC in canonical
 * form, a name or brand folded by normalizeName). The matcher looks entries up by (kind, key).
 */
export const watchlistEntries = pgTable(
  'watchlist_entries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    watchlistId: text('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: WATCH_KINDS }).notNull(),
    value: text('value').notNull(),
    key: text('key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('watchlist_entries_unique').on(t.watchlistId, t.kind, t.key), index('watchlist_entries_lookup_idx').on(t.kind, t.key)],
);

export const WEBHOOK_EVENT_TYPES = ['record.published', 'record.corrected', 'record.withdrawn', 'record.expired'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;

/**
 * One event for one watchlist, with its delivery state (one delivery per event, so they share a
 * row): `id` is the webhook-id every attempt and replay sends, unique per (watchlist, audit
 * entry), so the matcher replaying a batch after a crash cannot make a second event.
 */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: text('id').primaryKey(),
    watchlistId: text('watchlist_id')
      .notNull()
      .references(() => watchlists.id, { onDelete: 'cascade' }),
    auditId: bigint('audit_id', { mode: 'number' }).notNull(),
    eventType: text('event_type', { enum: WEBHOOK_EVENT_TYPES }).notNull(),
    recordType: text('record_type').notNull(),
    recordId: text('record_id').notNull(),
    version: integer('version').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** Retries stop here (24 h after the event, or after a replay asked for it again). */
    retryUntil: timestamp('retry_until', { withTimezone: true }).notNull().default(sql`now() + interval '24 hours'`),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_events_once').on(t.watchlistId, t.auditId),
    index('webhook_events_due_idx').on(t.nextAttemptAt).where(sql`status = 'pending'`),
    index('webhook_events_list_idx').on(t.watchlistId, t.createdAt),
  ],
);

/** Every delivery attempt: when, the answer's status (null when none came), the error, how long. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    eventId: text('event_id')
      .notNull()
      .references(() => webhookEvents.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    statusCode: integer('status_code'),
    error: text('error'),
    durationMs: integer('duration_ms').notNull(),
  },
  (t) => [index('webhook_attempts_event_idx').on(t.eventId)],
);

/**
 * The matcher's position in the audit log (one row): the (txid, id) of the last entry it matched,
 * advanced in the same transaction as the events it inserted.
 */
export const webhookCursor = pgTable(
  'webhook_cursor',
  {
    name: text('name').notNull(),
    txid: xid8('txid').notNull(),
    auditId: bigint('audit_id', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.name] })],
);
