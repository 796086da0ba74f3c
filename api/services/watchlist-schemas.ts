import { z } from 'zod';
import { wholeNumber } from '../../core/whole-number.ts';
import { DELIVERY_STATUSES, WATCH_KINDS, WEBHOOK_EVENT_TYPES } from '../../db/schema/index.ts';

/** The limits of one watchlist, said in the errors and the documentation. */
export const MAX_ENTRIES_PER_LIST = 100_000;
export const MAX_ENTRIES_PER_REQUEST = 10_000;
export const MAX_LISTS_PER_KEY = 100;

const id = (what: string) => z.string().trim().min(1, 'is required').max(100, 'is too long').describe(`The ${what}’s id`);

export const watchEntryInput = z
  .object({
    kind: z.enum(WATCH_KINDS, { error: `must be one of: ${WATCH_KINDS.join(', ')}` }).describe('What the value is: a USCC, an enterprise name or a brand'),
    value: z.string({ error: 'is required (a string)' }).trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters').describe('The USCC, name or brand'),
  })
  .strict();

const entriesField = z
  .array(watchEntryInput, { error: 'must be an array of entries' })
  .max(MAX_ENTRIES_PER_REQUEST, `must contain at most ${MAX_ENTRIES_PER_REQUEST.toLocaleString('en')} entries per request; send more in further requests`);

export const createWatchlistInput = z
  .object({
    name: z.string({ error: 'is required (a string)' }).trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').describe('Your name for the list'),
    webhook_url: z.string({ error: 'is required (a string)' }).trim().min(1, 'must not be empty').max(2000, 'must be at most 2,000 characters').describe('Where events are POSTed: a public https URL'),
    entries: entriesField.default([]).describe('The first entries (more with POST /watchlists/{id}/entries)'),
  })
  .strict();

export const watchlistIdInput = z.object({ id: id('watchlist') }).strict();

export const addEntriesInput = z.object({ id: id('watchlist'), entries: entriesField.min(1, 'must contain at least one entry').describe('Entries to add; ones already on the list are skipped') }).strict();

export const removeEntriesInput = z.object({ id: id('watchlist'), entries: entriesField.min(1, 'must contain at least one entry').describe('Entries to remove, as they were added (kind and value); ones not on the list are counted in not_found') }).strict();

export const listEntriesInput = z
  .object({
    id: id('watchlist'),
    cursor: z.string().max(40).regex(/^\d{1,15}$/, 'is not a cursor from this API (use meta.next_cursor)').optional().describe('Continue after this cursor (meta.next_cursor)'),
    limit: wholeNumber(1, 1000).default(500).describe('Entries per page'),
  })
  .strict();

export const deleteEntryInput = z.object({ id: id('watchlist'), entryId: z.string().regex(/^\d{1,18}$/, 'must be an entry id').describe('The entry’s id') }).strict();

export const listEventsInput = z
  .object({
    id: id('watchlist'),
    cursor: z.string().max(200).optional().describe('Continue after this cursor (meta.next_cursor)'),
    status: z.enum(DELIVERY_STATUSES, { error: `must be one of: ${DELIVERY_STATUSES.join(', ')}` }).optional().describe('Only events in this delivery state'),
    limit: wholeNumber(1, 200).default(50).describe('Events per page'),
  })
  .strict();

export const replayInput = z
  .object({
    id: id('watchlist'),
    event_id: z.string().trim().regex(/^evt_[0-9a-f]{32}$/, 'must be an event id (evt_…)').optional().describe('Send this one event again'),
    since: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, e.g. 2026-12-01T00:00:00Z' }).optional().describe('Send every event made at or after this time again'),
  })
  .strict()
  .refine((v) => (v.event_id === undefined) !== (v.since === undefined), 'give exactly one of event_id or since');

const refusal = z.object({ index: z.number().int().describe('The entry’s position in the request'), message: z.string().describe('Why it was not added') });

export const watchlistSchema = z
  .object({
    id: z.string().describe('The watchlist’s id'),
    name: z.string().describe('Its name'),
    webhook_url: z.string().describe('Where events are POSTed'),
    entries: z.number().int().describe('How many entries it has'),
    disabled: z.boolean().describe('True when it sends nothing'),
    created_at: z.string().describe('When it was made (ISO 8601)'),
  })
  .meta({ id: 'Watchlist', description: 'A watchlist: USCCs, names and brands whose records are pushed to a webhook' });

export const createdWatchlistSchema = z
  .object({
    watchlist: watchlistSchema,
    secret: z.string().describe('The signing secret (whsec_…): shown only now; keep it to verify webhook-signature'),
    refused: z.array(refusal).describe('Entries not added, with why (an invalid USCC…)'),
  })
  .meta({ id: 'CreatedWatchlist', description: 'A new watchlist and its signing secret, shown once' });

export const watchlistsResponseSchema = z.object({ watchlists: z.array(watchlistSchema).describe('Oldest first') }).meta({ id: 'WatchlistList', description: 'The watchlists of the calling API key' });

export const entriesAddedSchema = z
  .object({
    added: z.number().int().describe('Entries added'),
    skipped: z.number().int().describe('Entries already on the list'),
    refused: z.array(refusal).describe('Entries not added, with why'),
    total: z.number().int().describe('Entries on the list now'),
  })
  .meta({ id: 'EntriesAdded', description: 'What adding entries did' });

export const entriesRemovedSchema = z
  .object({
    removed: z.number().int().describe('Entries removed'),
    not_found: z.number().int().describe('Entries that were not on the list'),
    total: z.number().int().describe('Entries on the list now'),
  })
  .meta({ id: 'EntriesRemoved', description: 'What removing entries did' });

export const watchEntrySchema = z.object({ id: z.string().describe('The entry’s id'), kind: z.enum(WATCH_KINDS).describe('uscc, name or brand'), value: z.string().describe('As given'), created_at: z.string().describe('When it was added') }).meta({ id: 'WatchEntry' });

const pageMeta = z.object({ next_cursor: z.string().nullable().describe('Pass as cursor for the next page; null at the end'), has_more: z.boolean().describe('Whether another page follows') });

export const entriesPageSchema = z.object({ entries: z.array(watchEntrySchema).describe('Oldest first'), meta: pageMeta.describe('Paging') }).meta({ id: 'WatchEntryPage', description: 'A page of a watchlist’s entries' });

export const attemptSchema = z
  .object({
    at: z.string().describe('When (ISO 8601)'),
    status_code: z.number().int().nullable().describe('The receiver’s HTTP status; null when none came'),
    error: z.string().nullable().describe('Why it failed; null when delivered'),
    duration_ms: z.number().int().describe('How long the attempt took'),
  })
  .meta({ id: 'DeliveryAttempt' });

export const webhookEventSchema = z
  .object({
    id: z.string().describe('The event id, sent as webhook-id on every attempt and replay'),
    type: z.enum(WEBHOOK_EVENT_TYPES).describe('What happened to the record'),
    record: z.object({ type: z.string().describe('The record’s type'), id: z.string().describe('Its id'), version: z.number().int().describe('The version the change made') }).describe('The record'),
    created_at: z.string().describe('When the event was made'),
    status: z.enum(DELIVERY_STATUSES).describe('pending (retrying), delivered or failed (retries over)'),
    attempts: z.array(attemptSchema).describe('Every attempt, oldest first'),
    next_attempt_at: z.string().nullable().describe('When the next attempt is due, while pending'),
    payload: z.record(z.string(), z.unknown()).describe('The JSON body each attempt sends'),
  })
  .meta({ id: 'WebhookEvent', description: 'An event and its delivery log' });

export const eventsPageSchema = z.object({ events: z.array(webhookEventSchema).describe('Newest first'), meta: pageMeta.describe('Paging') }).meta({ id: 'WebhookEventPage', description: 'A page of a watchlist’s events, newest first' });

export const replayResultSchema = z.object({ replayed: z.number().int().describe('Events queued to be sent again (with the same webhook-id)') }).meta({ id: 'ReplayResult' });
export const secretSchema = z.object({ secret: z.string().describe('The new signing secret, shown only now; the old one stops signing at once') }).meta({ id: 'WebhookSecret' });
export const deletedSchema = z.object({ deleted: z.boolean().describe('True: it is gone') }).meta({ id: 'Deleted' });
