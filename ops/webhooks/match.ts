import { randomBytes } from 'node:crypto';
import { inArray, sql } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.ts';
import { enterprises, isVisibleStatus, webhookEvents, type AuditAction, type WatchKind, type WebhookEventType } from '../../db/schema/index.ts';
import { publicFields } from '../../db/queries/public-fields.ts';
import { brandNames } from '../../core/normalize/placeholders.ts';
import { publicOrigin } from '../../core/public-url.ts';
import { isRecordType, typeNamed, type RecordType } from '../../types/registry.ts';
import { watchKey } from './keys.ts';

/**
 * The matcher: turns audit-log entries into webhook events. Why the audit log and not the search
 * outbox: outbox rows are deleted once Meilisearch applied them, so a second consumer would need
 * its own copy of every row; the audit log is append-only, written in the same transaction as
 * every record change, and says what happened (create, correct, withdraw, restore, expire). The
 * matcher keeps its own cursor (webhook_cursor) and reads entries after it with the change feed's
 * snapshot rule (api/services/changes.ts: only transactions older than every running one, ordered
 * by (txid, id)), so a slower concurrent commit is never skipped. The events it inserts and the
 * cursor it advances commit together: a crash replays the batch, and the unique
 * (watchlist, audit id) keeps a replayed batch from making a second event.
 */

const CURSOR = 'webhooks';
const BATCH = 500;

const EVENT_OF: Partial<Record<AuditAction, WebhookEventType>> = {
  create: 'record.published',
  correct: 'record.corrected',
  withdraw: 'record.withdrawn',
  expire: 'record.expired',
  // A restored record is published again. `link` (a record linked to another profile, its content
  // unchanged) is no event of its own.
  restore: 'record.published',
};

type AuditRow = {
  id: number;
  txid: string;
  at: Date | string;
  type: string;
  record_id: string;
  action: AuditAction;
  version: number;
  reason: string | null;
};

/**
 * One step: at most BATCH audit entries after the cursor, matched and stored with the cursor in
 * one transaction. Returns how many entries were read (0: caught up) and events made.
 */
export async function matchStep(handle: DbHandle): Promise<{ read: number; events: number }> {
  return handle.db.transaction(async (tx) => {
    const [cursor] = await tx.execute<{ txid: string; audit_id: number }>(sql`select txid::text, audit_id from webhook_cursor where name = ${CURSOR} for update`);
    if (!cursor) {
      // First run: start at the end of the log. Watchlists are told of changes from now on, not of
      // the whole history (the change feed serves that).
      await tx.execute(sql`
        insert into webhook_cursor (name, txid, audit_id)
        select ${CURSOR}, coalesce(max(txid), '0'::xid8), coalesce(max(id), 0) from audit_log where txid < pg_snapshot_xmin(pg_current_snapshot())
        on conflict do nothing`);
      return { read: 0, events: 0 };
    }
    // `audit_log.txid`, qualified: a bare `txid` in ORDER BY is the selected `txid::text`, and
    // text order puts 1000 before 999, so a batch would take later transactions before earlier ones.
    const rows = (await tx.execute<AuditRow>(sql`
      select id, txid::text, at, type, record_id, action, version, reason from audit_log
      where txid < pg_snapshot_xmin(pg_current_snapshot()) and (txid, id) > (${cursor.txid}::xid8, ${cursor.audit_id}::bigint)
      order by audit_log.txid, audit_log.id limit ${BATCH}`)) as unknown as AuditRow[];
    if (rows.length === 0) return { read: 0, events: 0 };
    // No entry on any list (most portals, most of the time): nothing can match, so a million-row
    // import costs one look-up per batch, not the records' keys.
    const [anyEntry] = await tx.execute<{ one: number }>(sql`select 1 as one from watchlist_entries limit 1`);
    const events = anyEntry ? await eventsFor(tx as unknown as DbHandle['db'], rows) : [];
    for (let i = 0; i < events.length; i += 500) {
      await tx.insert(webhookEvents).values(events.slice(i, i + 500)).onConflictDoNothing();
    }
    const last = rows.at(-1)!;
    await tx.execute(sql`update webhook_cursor set txid = ${last.txid}::xid8, audit_id = ${last.id} where name = ${CURSOR}`);
    return { read: rows.length, events: events.length };
  });
}

type Db = DbHandle['db'];

/** The keys a record is found by: its enterprises' USCCs and folded names, and its brands. */
async function keysOf(db: Db, rows: Record<string, unknown>[]): Promise<Map<string, { kind: WatchKind; key: string }[]>> {
  const ids = [...new Set(rows.flatMap((r) => (r.enterpriseIds as string[] | undefined) ?? []))];
  const found = ids.length ? await db.select({ id: enterprises.id, uscc: enterprises.uscc, nameKey: enterprises.nameKey, aliases: enterprises.aliases }).from(enterprises).where(inArray(enterprises.id, ids)) : [];
  const byId = new Map(found.map((e) => [e.id, e]));
  const out = new Map<string, { kind: WatchKind; key: string }[]>();
  for (const row of rows) {
    const keys = new Map<string, { kind: WatchKind; key: string }>();
    const add = (kind: WatchKind, value: string | null | undefined) => {
      const key = value ? watchKey(kind, value) : undefined;
      if (key) keys.set(`${kind}:${key}`, { kind, key });
    };
    for (const id of (row.enterpriseIds as string[] | undefined) ?? []) {
      const e = byId.get(id);
      if (!e) continue;
      add('uscc', e.uscc);
      add('name', e.nameKey);
      for (const alias of e.aliases) add('name', alias);
    }
    for (const party of (row.namedParties as { name?: string; uscc?: string }[] | undefined) ?? []) {
      add('uscc', party.uscc);
      add('name', party.name);
    }
    for (const brand of brandNames(typeof row.brand === 'string' ? row.brand : null)) add('brand', brand);
    out.set(String(row.id), [...keys.values()]);
  }
  return out;
}

async function eventsFor(db: Db, audit: AuditRow[]): Promise<(typeof webhookEvents.$inferInsert)[]> {
  const wanted = audit.filter((a) => EVENT_OF[a.action] && isRecordType(a.type));
  const records = new Map<string, Record<string, unknown>>();
  const byType = new Map<RecordType, string[]>();
  for (const a of wanted) byType.set(a.type as RecordType, [...(byType.get(a.type as RecordType) ?? []), a.record_id]);
  const keys = new Map<string, { kind: WatchKind; key: string }[]>();
  for (const [type, ids] of byType) {
    const table = typeNamed(type).table;
    const rows = (await db.select().from(table).where(inArray(table.id, [...new Set(ids)]))) as Record<string, unknown>[];
    for (const [id, k] of await keysOf(db, rows)) keys.set(`${type}/${id}`, k);
    for (const row of rows) records.set(`${type}/${String(row.id)}`, row);
  }
  const allKeys = [...new Map([...keys.values()].flat().map((k) => [`${k.kind}:${k.key}`, k])).values()];
  if (allKeys.length === 0) return [];
  const entries = (await db.execute<{ watchlist_id: string; kind: WatchKind; key: string; value: string }>(sql`
    select e.watchlist_id, e.kind, e.key, e.value from watchlist_entries e join watchlists w on w.id = e.watchlist_id
    where not w.disabled and (e.kind, e.key) in (select * from unnest(${sql.param(allKeys.map((k) => k.kind))}::text[], ${sql.param(allKeys.map((k) => k.key))}::text[]))`)) as unknown as { watchlist_id: string; kind: WatchKind; key: string; value: string }[];
  const watching = new Map<string, { watchlist_id: string; kind: WatchKind; value: string }[]>();
  for (const e of entries) watching.set(`${e.kind}:${e.key}`, [...(watching.get(`${e.kind}:${e.key}`) ?? []), e]);

  const origin = publicOrigin();
  const out: (typeof webhookEvents.$inferInsert)[] = [];
  for (const a of wanted) {
    const ref = `${a.type}/${a.record_id}`;
    const row = records.get(ref);
    if (!row) continue;
    const matched = new Map<string, { kind: WatchKind; value: string }[]>();
    for (const k of keys.get(ref) ?? []) {
      for (const e of watching.get(`${k.kind}:${k.key}`) ?? []) matched.set(e.watchlist_id, [...(matched.get(e.watchlist_id) ?? []), { kind: e.kind, value: e.value }]);
    }
    const eventType = EVENT_OF[a.action]!;
    for (const [watchlistId, entriesMatched] of matched) {
      const id = `evt_${randomBytes(16).toString('hex')}`;
      const visible = isVisibleStatus(row.status);
      out.push({
        id,
        watchlistId,
        auditId: a.id,
        eventType,
        recordType: a.type,
        recordId: a.record_id,
        version: a.version,
        payload: {
          type: eventType,
          timestamp: new Date(a.at).toISOString(),
          data: {
            event_id: id,
            watchlist_id: watchlistId,
            action: a.action,
            ...(a.reason ? { reason: a.reason } : {}),
            record: { type: a.type, id: a.record_id, version: a.version, status: row.status, url: `${origin}/${a.type}/${encodeURIComponent(a.record_id)}` },
            matched: entriesMatched,
            // Like the change feed, withdrawn or expired content does not leave through a webhook.
            ...(visible ? { fields: publicFields(row) } : {}),
          },
        },
      });
    }
  }
  return out;
}
