import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, gt, inArray, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { parseEnv } from '../../core/env.ts';
import { watchlistEntries, watchlists, type WatchKind } from '../../db/schema/index.ts';
import { watchKey } from '../../ops/webhooks/keys.ts';
import { newSecret } from '../../ops/webhooks/signing.ts';
import { checkTarget, parseTargetUrl, TargetRefused } from '../../ops/webhooks/target.ts';
import { DomainError, NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import {
  MAX_ENTRIES_PER_LIST,
  MAX_LISTS_PER_KEY,
  type addEntriesInput,
  type entriesRemovedSchema,
  type removeEntriesInput,
  type createWatchlistInput,
  type createdWatchlistSchema,
  type entriesAddedSchema,
  type entriesPageSchema,
  type listEntriesInput,
  type watchlistSchema,
} from './watchlist-schemas.ts';

/*
 * Watchlists of one API key. Every function takes the owner's key id and looks a list up by
 * (id, owner): another key's list is "not found", never "forbidden", so ids reveal nothing.
 */

type Watchlist = z.output<typeof watchlistSchema>;
type Refusal = { index: number; message: string };

const policy = () => ({ allowPrivate: parseEnv().WEBHOOK_ALLOW_PRIVATE_TARGETS });

/** Refuses a target as ops/webhooks/target.ts says why: a 400 with that message. */
async function checkedUrl(value: string): Promise<string> {
  try {
    const url = parseTargetUrl(value, policy());
    await checkTarget(url, policy());
    return url.href;
  } catch (error) {
    if (error instanceof TargetRefused) throw new DomainError('BAD_REQUEST', error.message);
    throw error;
  }
}

/** The list of this owner, or a 404. */
export async function ownList(portal: Portal, owner: number, id: string) {
  const [row] = await portal.db.db.select().from(watchlists).where(and(eq(watchlists.id, id), eq(watchlists.ownerKeyId, owner)));
  if (!row) throw new NotFoundError(`No watchlist "${id}" for this API key`);
  return row;
}

async function entryCount(portal: Portal, id: string): Promise<number> {
  const [row] = await portal.db.db.select({ n: count() }).from(watchlistEntries).where(eq(watchlistEntries.watchlistId, id));
  return row?.n ?? 0;
}

const shown = (row: typeof watchlists.$inferSelect, entries: number): Watchlist => ({
  id: row.id,
  name: row.name,
  webhook_url: row.webhookUrl,
  entries,
  disabled: row.disabled,
  created_at: row.createdAt.toISOString(),
});

export async function createWatchlist(portal: Portal, owner: number, input: z.output<typeof createWatchlistInput>): Promise<z.output<typeof createdWatchlistSchema>> {
  const webhookUrl = await checkedUrl(input.webhook_url);
  const [lists] = await portal.db.db.select({ n: count() }).from(watchlists).where(eq(watchlists.ownerKeyId, owner));
  if ((lists?.n ?? 0) >= MAX_LISTS_PER_KEY) throw new DomainError('CONFLICT', `An API key may have at most ${MAX_LISTS_PER_KEY} watchlists; delete one first`);
  const id = `wl_${randomBytes(12).toString('hex')}`;
  const secret = newSecret();
  const [row] = await portal.db.db.insert(watchlists).values({ id, ownerKeyId: owner, name: input.name, webhookUrl, secret }).returning();
  const added = input.entries.length ? await addEntries(portal, owner, { id, entries: input.entries }) : { refused: [], total: 0 };
  return { watchlist: shown(row!, added.total), secret, refused: added.refused };
}

export async function listWatchlists(portal: Portal, owner: number): Promise<{ watchlists: Watchlist[] }> {
  const rows = await portal.db.db.select().from(watchlists).where(eq(watchlists.ownerKeyId, owner)).orderBy(asc(watchlists.createdAt));
  const counts = rows.length
    ? await portal.db.db.select({ id: watchlistEntries.watchlistId, n: count() }).from(watchlistEntries).where(inArray(watchlistEntries.watchlistId, rows.map((r) => r.id))).groupBy(watchlistEntries.watchlistId)
    : [];
  const byId = new Map(counts.map((c) => [c.id, c.n]));
  return { watchlists: rows.map((r) => shown(r, byId.get(r.id) ?? 0)) };
}

export async function getWatchlist(portal: Portal, owner: number, id: string): Promise<Watchlist> {
  const row = await ownList(portal, owner, id);
  return shown(row, await entryCount(portal, id));
}

export async function deleteWatchlist(portal: Portal, owner: number, id: string): Promise<{ deleted: boolean }> {
  await ownList(portal, owner, id);
  // Its entries, events and attempts go with it (on delete cascade).
  await portal.db.db.delete(watchlists).where(and(eq(watchlists.id, id), eq(watchlists.ownerKeyId, owner)));
  return { deleted: true };
}

export async function rotateSecret(portal: Portal, owner: number, id: string): Promise<{ secret: string }> {
  await ownList(portal, owner, id);
  const secret = newSecret();
  await portal.db.db.update(watchlists).set({ secret, updatedAt: new Date() }).where(eq(watchlists.id, id));
  return { secret };
}

/**
 * Adds entries (up to 10,000 a request). The list's row is locked while its entries are counted
 * and written, so two concurrent requests cannot together pass 100,000; a request that would is
 * refused whole (409), nothing added.
 */
export async function addEntries(portal: Portal, owner: number, input: Pick<z.output<typeof addEntriesInput>, 'id' | 'entries'>): Promise<z.output<typeof entriesAddedSchema>> {
  const refused: Refusal[] = [];
  const keyed = new Map<string, { kind: WatchKind; value: string; key: string }>();
  input.entries.forEach((entry, index) => {
    const key = watchKey(entry.kind, entry.value);
    if (!key) refused.push({ index, message: entry.kind === 'uscc' ? `"${entry.value}" is not a valid USCC` : `"${entry.value}" names nothing` });
    else keyed.set(`${entry.kind}:${key}`, { ...entry, key });
  });
  return portal.db.db.transaction(async (tx) => {
    const [row] = await tx.select({ id: watchlists.id }).from(watchlists).where(and(eq(watchlists.id, input.id), eq(watchlists.ownerKeyId, owner))).for('update');
    if (!row) throw new NotFoundError(`No watchlist "${input.id}" for this API key`);
    const [{ n: before } = { n: 0 }] = await tx.select({ n: count() }).from(watchlistEntries).where(eq(watchlistEntries.watchlistId, input.id));
    const values = [...keyed.values()].map((e) => ({ watchlistId: input.id, kind: e.kind, value: e.value, key: e.key }));
    let added = 0;
    for (let i = 0; i < values.length; i += 2000) {
      added += (await tx.insert(watchlistEntries).values(values.slice(i, i + 2000)).onConflictDoNothing().returning({ id: watchlistEntries.id })).length;
    }
    if (before + added > MAX_ENTRIES_PER_LIST) {
      throw new DomainError('CONFLICT', `A watchlist holds at most ${MAX_ENTRIES_PER_LIST.toLocaleString('en')} entries: it has ${before.toLocaleString('en')}, and these would add ${added.toLocaleString('en')}; nothing was added`);
    }
    return { added, skipped: input.entries.length - refused.length - added, refused, total: before + added };
  });
}

export async function listEntries(portal: Portal, owner: number, input: z.output<typeof listEntriesInput>): Promise<z.output<typeof entriesPageSchema>> {
  await ownList(portal, owner, input.id);
  const rows = await portal.db.db
    .select()
    .from(watchlistEntries)
    .where(and(eq(watchlistEntries.watchlistId, input.id), input.cursor ? gt(watchlistEntries.id, Number(input.cursor)) : undefined))
    .orderBy(asc(watchlistEntries.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const hasMore = rows.length > input.limit;
  return {
    entries: page.map((e) => ({ id: String(e.id), kind: e.kind, value: e.value, created_at: e.createdAt.toISOString() })),
    meta: { next_cursor: hasMore ? String(page.at(-1)!.id) : null, has_more: hasMore },
  };
}

/** Removes entries by kind and value (the same folding as when they were added), up to 10,000 a request. */
export async function removeEntries(portal: Portal, owner: number, input: z.output<typeof removeEntriesInput>): Promise<z.output<typeof entriesRemovedSchema>> {
  await ownList(portal, owner, input.id);
  const keyed = new Map<string, { kind: WatchKind; key: string }>();
  for (const entry of input.entries) {
    const key = watchKey(entry.kind, entry.value);
    if (key) keyed.set(`${entry.kind}:${key}`, { kind: entry.kind, key });
  }
  const all = [...keyed.values()];
  let removed = 0;
  for (let i = 0; i < all.length; i += 2000) {
    const part = all.slice(i, i + 2000);
    const rows = await portal.db.db
      .delete(watchlistEntries)
      .where(and(eq(watchlistEntries.watchlistId, input.id), sql`(${watchlistEntries.kind}, ${watchlistEntries.key}) in (select * from unnest(${sql.param(part.map((e) => e.kind))}::text[], ${sql.param(part.map((e) => e.key))}::text[]))`))
      .returning({ id: watchlistEntries.id });
    removed += rows.length;
  }
  return { removed, not_found: input.entries.length - removed, total: await entryCount(portal, input.id) };
}

export async function deleteEntry(portal: Portal, owner: number, id: string, entryId: string): Promise<{ deleted: boolean }> {
  await ownList(portal, owner, id);
  const gone = await portal.db.db.delete(watchlistEntries).where(and(eq(watchlistEntries.watchlistId, id), eq(watchlistEntries.id, Number(entryId)))).returning({ id: watchlistEntries.id });
  if (gone.length === 0) throw new NotFoundError(`No entry ${entryId} on watchlist "${id}"`);
  return { deleted: true };
}

