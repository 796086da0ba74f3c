import { date, integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { emptyTextArray, recordTypeColumn } from './common.ts';

/**
 * One publication records were released in (an announcement, a notice, a list): who published it,
 * when, where, and the totals it prints (共抽查200批次，发现不合格12批次). Failure rates are computed
 * from those totals; an announcement that lists only its unqualified batches and prints no totals
 * says nothing about a rate, so it never counts as 100 % failed.
 */
export const announcements = pgTable('announcements', {
  /** `an-` + a hash of the announcement's key (authority and number, else title or URL, and date). */
  id: text('id').primaryKey(),
  type: recordTypeColumn('type'),
  authority: text('authority').notNull(),
  number: text('number'),
  title: text('title'),
  url: text('url'),
  publishedAt: date('published_at', { mode: 'string' }),
  level: text('level'),
  /** Totals as published, from options, columns or the announcement's own text; null when not printed. */
  batchesTested: integer('batches_tested'),
  batchesFailed: integer('batches_failed'),
  /** Where the totals came from: `option`, `column` or `text` (read out of the announcement text). */
  totalsSource: text('totals_source'),
  /**
   * What the imported lists of this announcement hold: `all` (every batch tested, with its result),
   * `unqualified` (an unqualified-products list), `qualified` (a qualified-products list).
   * Rates from rows need `all`, or both lists.
   */
  listKinds: text('list_kinds').array().notNull().default(emptyTextArray),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export type Announcement = typeof announcements.$inferSelect;
