import {
  addEntriesInput,
  createWatchlistInput,
  listEntriesInput,
  listEventsInput,
  removeEntriesInput,
  MAX_ENTRIES_PER_LIST,
  replayInput,
} from '../services/watchlist-schemas.ts';
import { RECORD_TYPES } from '../../types/registry.ts';
import { COMMON_HEADERS, ok } from './responses.ts';
import { inputSchema, ref, type JsonSchema } from './schemas.ts';

/*
 * /watchlists: what an API key owns. Every operation needs the key (401 without it) and finds only
 * that key's lists (404 for another key's). Answers are `Cache-Control: no-store` and carry no
 * ETag: they are one caller's and change with every delivery.
 */

const r = (name: string) => ({ $ref: `#/components/responses/${name}` });
/** 401 here means no valid API key (the shared Unauthorized response speaks of admin tokens). */
const NO_KEY = {
  description: 'No valid API key: watchlists belong to a key (Authorization: Bearer qp_…)',
  headers: COMMON_HEADERS,
  content: { 'application/json': { schema: ref('Error'), example: { error: { code: 'UNAUTHORIZED', message: 'An API key is required: send Authorization: Bearer qp_… (keys are made by the operator with npm run keys -- create)', requestId: '7f1c9e2a-5b7d-4c1e-9a55-0c3f2b1d8e64' } } } },
};
const KEYED = { '400': r('BadRequest'), '401': NO_KEY, '404': r('NotFound'), '405': r('MethodNotAllowed'), '429': r('TooManyRequests'), '503': r('ServiceUnavailable') };
const KEYED_POST = { ...KEYED, '409': r('Conflict'), '413': r('PayloadTooLarge'), '415': r('UnsupportedMediaType') };
const security = [{ apiKey: [] }];
const done = (schema: string, example: unknown, description = 'OK') => ok(ref(schema), example, { etag: false, description });
const listId = { name: 'id', in: 'path', required: true, description: 'The watchlist’s id (wl_…)', schema: { type: 'string', minLength: 1, maxLength: 100 } };

/** The input's fields as query parameters, without the path's `id`. */
function query(schema: Parameters<typeof inputSchema>[0]): Record<string, unknown>[] {
  const json = inputSchema(schema);
  return Object.entries(json.properties ?? {})
    .filter(([name]) => name !== 'id')
    .map(([name, property]) => {
      const { description, ...rest } = property as JsonSchema & { description?: string };
      return { name, in: 'query', required: (json.required ?? []).includes(name), description, schema: rest };
    });
}
/** The body schema of an input whose `id` comes from the path. */
function body(schema: Parameters<typeof inputSchema>[0], example: unknown) {
  const json = inputSchema(schema);
  const { id: _id, ...properties } = json.properties ?? {};
  return { required: true, content: { 'application/json': { schema: { ...json, properties, required: (json.required ?? []).filter((n) => n !== 'id') }, example } } };
}

/** The portal's own address in the examples; /developers shows its real one instead. */
export const EXAMPLE_ORIGIN = 'https://portal.example.org';

const WATCHLIST = { id: 'wl_5c1f0e9a2b7d4c3e8f6a1b2c', name: 'Sellers on our platform', webhook_url: 'https://platform.example.com/webhooks/quality-portal', entries: 2, disabled: false, created_at: '2026-12-01T08:00:00.000Z' };
/** The documentation's example secret (never one the portal made): /developers signs its example delivery with it. */
export const EXAMPLE_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw8Z4rYFsSeq0=';
const SECRET = EXAMPLE_SECRET;
/** The record type the examples show (the second of the registry, as in examples.ts). */
export const EXAMPLE_TYPE = RECORD_TYPES[1];
const EVENT = 'evt_3b9f2c81d0a44e6f9c1b7a2e5d8f0c13';
const PAYLOAD = {
  type: 'record.withdrawn', timestamp: '2026-12-02T09:30:00.000Z',
  data: { event_id: EVENT, watchlist_id: WATCHLIST.id, action: 'withdraw', reason: '发布机关撤回该批次结果', record: { type: EXAMPLE_TYPE, id: 'pn-3f9a2c81d0b14e2a', version: 1, status: 'withdrawn', url: `${EXAMPLE_ORIGIN}/${EXAMPLE_TYPE}/pn-3f9a2c81d0b14e2a` }, matched: [{ kind: 'uscc', value: '91330110MA2XXXXX0X' }] },
};
export const WATCHLIST_EXAMPLES = {
  createWatchlist: { watchlist: WATCHLIST, secret: SECRET, refused: [] },
  listWatchlists: { watchlists: [WATCHLIST] },
  getWatchlist: WATCHLIST,
  deleteWatchlist: { deleted: true },
  rotateWatchlistSecret: { secret: SECRET },
  addWatchlistEntries: { added: 2, skipped: 0, refused: [], total: 2 },
  listWatchlistEntries: { entries: [{ id: '1', kind: 'uscc', value: '91330110MA2XXXXX0X', created_at: '2026-12-01T08:00:00.000Z' }, { id: '2', kind: 'brand', value: '示例光', created_at: '2026-12-01T08:00:00.000Z' }], meta: { next_cursor: null, has_more: false } },
  deleteWatchlistEntry: { deleted: true },
  removeWatchlistEntries: { removed: 1, not_found: 0, total: 1 },
  listWatchlistEvents: {
    events: [{ id: EVENT, type: 'record.withdrawn', record: { type: EXAMPLE_TYPE, id: 'pn-3f9a2c81d0b14e2a', version: 1 }, created_at: '2026-12-02T09:30:01.000Z', status: 'delivered', next_attempt_at: null, payload: PAYLOAD,
      attempts: [{ at: '2026-12-02T09:30:01.200Z', status_code: 503, error: 'HTTP 503', duration_ms: 41 }, { at: '2026-12-02T09:30:06.300Z', status_code: 200, error: null, duration_ms: 38 }] }],
    meta: { next_cursor: null, has_more: false },
  },
  replayWatchlistEvents: { replayed: 1 },
};
const E = WATCHLIST_EXAMPLES;

export function watchlistPaths(): Record<string, unknown> {
  return {
    '/watchlists': {
      get: { operationId: 'listWatchlists', summary: 'Your watchlists', description: 'The watchlists of the calling API key, with their entry counts.', security, responses: { '200': done('WatchlistList', E.listWatchlists), ...KEYED } },
      post: {
        operationId: 'createWatchlist', summary: 'Register a watchlist and its webhook',
        description: `A list of USCCs, names and brands (up to ${MAX_ENTRIES_PER_LIST.toLocaleString('en')} entries; 10,000 a request) and the https URL told, signed as Standard Webhooks says, when a matching record is published, corrected, withdrawn or expired. The answer holds the signing secret, shown only this once. A URL on a private, loopback or link-local address (after DNS resolution) is a 400 unless the operator allows it.`,
        security, requestBody: { required: true, content: { 'application/json': { schema: inputSchema(createWatchlistInput), example: { name: WATCHLIST.name, webhook_url: WATCHLIST.webhook_url, entries: [{ kind: 'uscc', value: '91330110MA2XXXXX0X' }, { kind: 'brand', value: '示例光' }] } } } },
        responses: { '200': done('CreatedWatchlist', E.createWatchlist, 'The new watchlist and its secret'), ...KEYED_POST },
      },
    },
    '/watchlists/{id}': {
      get: { operationId: 'getWatchlist', summary: 'One watchlist', description: 'A watchlist of the calling key (404 for any other).', security, parameters: [listId], responses: { '200': done('Watchlist', E.getWatchlist), ...KEYED } },
      delete: { operationId: 'deleteWatchlist', summary: 'Delete a watchlist', description: 'Deletes the list with its entries, events and delivery log; nothing more is sent.', security, parameters: [listId], responses: { '200': done('Deleted', E.deleteWatchlist), ...KEYED } },
    },
    '/watchlists/{id}/secret': {
      post: { operationId: 'rotateWatchlistSecret', summary: 'A new signing secret', description: 'Replaces the secret (shown only now); deliveries from now on are signed with the new one.', security, parameters: [listId], responses: { '200': done('WebhookSecret', E.rotateWatchlistSecret), ...KEYED_POST } },
    },
    '/watchlists/{id}/entries': {
      get: { operationId: 'listWatchlistEntries', summary: 'A watchlist’s entries', description: 'Oldest first, paged with a cursor.', security, parameters: [listId, ...query(listEntriesInput)], responses: { '200': done('WatchEntryPage', E.listWatchlistEntries), ...KEYED } },
      post: {
        operationId: 'addWatchlistEntries', summary: 'Add entries', description: `Up to 10,000 entries a request: entries already on the list are skipped, invalid ones listed in refused. A request that would take the list past ${MAX_ENTRIES_PER_LIST.toLocaleString('en')} entries is a 409 and adds nothing.`,
        security, parameters: [listId], requestBody: body(addEntriesInput, { entries: [{ kind: 'uscc', value: '91330110MA2XXXXX0X' }, { kind: 'name', value: '宁波示例灯饰有限公司' }] }),
        responses: { '200': done('EntriesAdded', E.addWatchlistEntries), ...KEYED_POST },
      },
    },
    '/watchlists/{id}/entries/remove': {
      post: {
        operationId: 'removeWatchlistEntries', summary: 'Remove entries', description: 'Removes up to 10,000 entries a request, named as they were added (kind and value, folded the same way); entries not on the list are counted in not_found.',
        security, parameters: [listId], requestBody: body(removeEntriesInput, { entries: [{ kind: 'name', value: '宁波示例灯饰有限公司' }] }),
        responses: { '200': done('EntriesRemoved', E.removeWatchlistEntries), ...KEYED_POST },
      },
    },
    '/watchlists/{id}/entries/{entryId}': {
      delete: { operationId: 'deleteWatchlistEntry', summary: 'Remove an entry', description: 'Removes one entry by its id.', security, parameters: [listId, { name: 'entryId', in: 'path', required: true, description: 'The entry’s id', schema: { type: 'string', pattern: '^\\d{1,18}$' } }], responses: { '200': done('Deleted', E.deleteWatchlistEntry), ...KEYED } },
    },
    '/watchlists/{id}/events': {
      get: { operationId: 'listWatchlistEvents', summary: 'The delivery log', description: 'The list’s events, newest first, each with its delivery state and every attempt (time, status code, error, duration). Retries follow 5 s, 5 min, 30 min, 2 h, 5 h, then every 10 h, for 24 h; then the event is failed.', security, parameters: [listId, ...query(listEventsInput)], responses: { '200': done('WebhookEventPage', E.listWatchlistEvents), ...KEYED } },
    },
    '/watchlists/{id}/replay': {
      post: {
        operationId: 'replayWatchlistEvents', summary: 'Send events again', description: 'Sends one event (event_id), or every event made since a time (since), again now, with the same webhook-id and another 24 hours of retries.',
        security, parameters: [listId], requestBody: body(replayInput, { event_id: EVENT }),
        responses: { '200': done('ReplayResult', E.replayWatchlistEvents), ...KEYED_POST },
      },
    },
  };
}
