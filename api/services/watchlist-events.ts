import { and, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { webhookAttempts, webhookEvents } from '../../db/schema/index.ts';
import { NotFoundError, DomainError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import { ownList } from './watchlists.ts';
import type { eventsPageSchema, listEventsInput, replayInput } from './watchlist-schemas.ts';

/* A watchlist's delivery log and replays, for the API key that owns the list. */

const cursorOf = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
function readCursor(value: string): { at: Date; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as [string, string];
    const date = new Date(at);
    if (typeof id !== 'string' || Number.isNaN(date.getTime())) throw new Error('bad');
    return { at: date, id };
  } catch {
    throw new DomainError('BAD_REQUEST', 'cursor: is not a cursor from this API (use meta.next_cursor)');
  }
}

/** Events newest first, each with every attempt (time, status code, error, duration). */
export async function listEvents(portal: Portal, owner: number, input: z.output<typeof listEventsInput>): Promise<z.output<typeof eventsPageSchema>> {
  await ownList(portal, owner, input.id);
  const after = input.cursor ? readCursor(input.cursor) : undefined;
  const rows = await portal.db.db
    .select()
    .from(webhookEvents)
    .where(
      and(
        eq(webhookEvents.watchlistId, input.id),
        input.status ? eq(webhookEvents.status, input.status) : undefined,
        after ? sql`(${webhookEvents.createdAt}, ${webhookEvents.id}) < (${after.at.toISOString()}::timestamptz, ${after.id})` : undefined,
      ),
    )
    .orderBy(desc(webhookEvents.createdAt), desc(webhookEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const attempts = page.length ? await portal.db.db.select().from(webhookAttempts).where(inArray(webhookAttempts.eventId, page.map((e) => e.id))).orderBy(webhookAttempts.id) : [];
  const byEvent = new Map<string, typeof attempts>();
  for (const a of attempts) byEvent.set(a.eventId, [...(byEvent.get(a.eventId) ?? []), a]);
  const hasMore = rows.length > input.limit;
  const last = page.at(-1);
  return {
    events: page.map((e) => ({
      id: e.id,
      type: e.eventType,
      record: { type: e.recordType, id: e.recordId, version: e.version },
      created_at: e.createdAt.toISOString(),
      status: e.status,
      attempts: (byEvent.get(e.id) ?? []).map((a) => ({ at: a.at.toISOString(), status_code: a.statusCode, error: a.error, duration_ms: a.durationMs })),
      next_attempt_at: e.status === 'pending' ? e.nextAttemptAt.toISOString() : null,
      payload: e.payload,
    })),
    meta: { next_cursor: hasMore && last ? cursorOf(last.createdAt, last.id) : null, has_more: hasMore },
  };
}

/**
 * Queues events to be sent again, now, with their own ids (the receiver sees the same
 * webhook-id) and a fresh 24 hours of retries; their earlier attempts stay in the log.
 */
export async function replay(portal: Portal, owner: number, input: z.output<typeof replayInput>): Promise<{ replayed: number }> {
  await ownList(portal, owner, input.id);
  const which = input.event_id ? eq(webhookEvents.id, input.event_id) : gte(webhookEvents.createdAt, new Date(input.since!));
  const rows = await portal.db.db
    .update(webhookEvents)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, retryUntil: sql`now() + interval '24 hours'`, deliveredAt: null })
    .where(and(eq(webhookEvents.watchlistId, input.id), which))
    .returning({ id: webhookEvents.id });
  if (input.event_id && rows.length === 0) throw new NotFoundError(`No event ${input.event_id} on watchlist "${input.id}"`);
  return { replayed: rows.length };
}
