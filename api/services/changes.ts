import { and, asc, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { wholeNumber } from '../../core/whole-number.ts';
import { typeNamed, RECORD_TYPES, type RecordType } from '../../types/registry.ts';
import { auditLog, VISIBLE_STATUSES, type AuditAction, type RecordStatus } from '../../db/schema/index.ts';
import type { Portal } from '../portal.ts';
import { listMeta } from './list-meta.ts';
import type { changeEntrySchema, changesResponseSchema } from './changes-schemas.ts';
import { publicFields } from '../../db/queries/public-fields.ts';

/** A position in the change feed: the (transaction id, audit id) of the last change read. */
export interface ChangePosition {
  /** xid8 as a decimal string (it can exceed 2^53). */
  txid: string;
  id: number;
}

const MAX_XID8 = 2n ** 64n - 1n;
const START: ChangePosition = { txid: '0', id: 0 };

/** Opaque to clients (base64url JSON), so its form can change without breaking them. */
export const changeCursor = {
  encode: (p: ChangePosition) => Buffer.from(JSON.stringify({ t: p.txid, i: p.id })).toString('base64url'),
  decode(value: string): ChangePosition | undefined {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) return undefined;
    try {
      const { t, i } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as { t?: unknown; i?: unknown };
      if (typeof t !== 'string' || !/^\d{1,20}$/.test(t) || BigInt(t) > MAX_XID8) return undefined;
      if (!Number.isSafeInteger(i) || (i as number) < 0) return undefined;
      return { txid: BigInt(t).toString(), id: i as number };
    } catch {
      return undefined;
    }
  },
};

const typeList = `must be a comma-separated list of: ${RECORD_TYPES.join(', ')}`;

/** Parameters of GET /api/v1/changes, shared by the tRPC procedure and the REST endpoint. */
export const changesInput = z
  .object({
    since: z.string().max(200, 'is not a cursor from this API (use meta.next_cursor or a change\'s seq)').optional().describe('Continue after this cursor: meta.next_cursor or a change’s seq; from the beginning when absent'),
    types: z.union([z.string(), z.array(z.string())], { error: typeList }).optional().describe(`Only these types, comma-separated (${RECORD_TYPES.join(', ')}); every type when absent`),
    limit: wholeNumber(1, 1000).default(500).describe('Changes per page'),
  })
  .strict()
  .transform((input, ctx) => {
    const since = input.since === undefined ? START : changeCursor.decode(input.since);
    if (!since) {
      ctx.addIssue({ code: 'custom', path: ['since'], message: 'is not a cursor from this API (use meta.next_cursor or a change\'s seq)' });
      return z.NEVER;
    }
    const names = input.types === undefined ? [...RECORD_TYPES] : (Array.isArray(input.types) ? input.types : input.types.split(',')).map((t) => t.trim());
    const unknown = names.filter((t) => !(RECORD_TYPES as readonly string[]).includes(t));
    if (names.length === 0 || unknown.length) {
      ctx.addIssue({ code: 'custom', path: ['types'], message: unknown.length ? `${typeList} (unknown: ${unknown.join(', ') || '(empty)'})` : typeList });
      return z.NEVER;
    }
    return { since, sinceCursor: input.since, types: [...new Set(names)] as RecordType[], limit: input.limit };
  });
export type ChangesInput = z.input<typeof changesInput>;
export type ChangesQuery = z.output<typeof changesInput>;

export type Change = z.output<typeof changeEntrySchema>;
export type ChangesResult = z.output<typeof changesResponseSchema>;

/**
 * Every create, correction, withdrawal, restore and expiry, in commit order, after `since`.
 *
 * Audit ids are handed out when a row is inserted, not when its transaction commits, so a slow
 * transaction can commit a smaller id after a larger one has already been read; a cursor on the
 * id alone would skip it. Instead only changes of transactions older than every still-running
 * transaction are read (`txid < xmin` of the current snapshot: all of those have finished, and any
 * transaction that writes later gets a larger txid), ordered by (txid, id). Everything at or
 * before the cursor is then final, so the cursor never skips a change; changes of transactions
 * still in flight simply appear on a later poll.
 */
export async function listChanges(portal: Portal, query: ChangesQuery): Promise<ChangesResult> {
  const { db } = portal.db;
  const rows = await db
    .select({
      id: auditLog.id,
      txid: sql<string>`${auditLog.txid}::text`,
      at: auditLog.at,
      type: auditLog.type,
      recordId: auditLog.recordId,
      action: auditLog.action,
      version: auditLog.version,
      reason: auditLog.reason,
    })
    .from(auditLog)
    .where(
      and(
        sql`${auditLog.txid} < pg_snapshot_xmin(pg_current_snapshot())`,
        sql`(${auditLog.txid}, ${auditLog.id}) > (${query.since.txid}::xid8, ${query.since.id}::bigint)`,
        query.types.length < RECORD_TYPES.length ? inArray(auditLog.type, query.types) : undefined,
      ),
    )
    .orderBy(asc(auditLog.txid), asc(auditLog.id))
    .limit(query.limit + 1);
  const hasMore = rows.length > query.limit;
  // The audit log keeps a type's name as text; every name in it is one of the registry's.
  const page = rows.slice(0, query.limit).map((row) => ({ ...row, type: row.type as RecordType }));
  const records = await currentRecords(portal, page);

  const changes = page.map((row): Change => {
    const record = records.get(`${row.type}/${row.recordId}`);
    return {
      seq: changeCursor.encode({ txid: row.txid, id: row.id }),
      type: row.type,
      id: row.recordId,
      action: row.action,
      version: row.version,
      at: row.at.toISOString(),
      ...(row.reason ? { reason: row.reason } : {}),
      ...(record ? { record } : {}),
      url: `/${row.type}/${encodeURIComponent(row.recordId)}`,
    };
  });
  const last = page.at(-1);
  const next = last ? changeCursor.encode({ txid: last.txid, id: last.id }) : (query.sinceCursor ?? changeCursor.encode(query.since));
  const { next_cursor: _offsetCursor, ...meta } = await listMeta(portal, { total: changes.length });
  return { changes, meta: { ...meta, next_cursor: next, has_more: hasMore } };
}

/**
 * The current state of every record the page names, read after the changes: a visible record's
 * public fields, or only its status once withdrawn or expired, so withdrawn content never leaves
 * through the feed. Applying the changes in order therefore ends at the current published set.
 */
async function currentRecords(portal: Portal, page: { type: RecordType; recordId: string }[]) {
  const out = new Map<string, Record<string, unknown>>();
  const byType = new Map<RecordType, Set<string>>();
  for (const row of page) byType.set(row.type, (byType.get(row.type) ?? new Set()).add(row.recordId));
  for (const [type, ids] of byType) {
    const table = typeNamed(type).table;
    for (const chunk of chunks([...ids], 1000)) {
      const rows = (await portal.db.db.select().from(table).where(inArray(table.id, chunk))) as Record<string, unknown>[];
      for (const row of rows) {
        const visible = VISIBLE_STATUSES.includes(row.status as RecordStatus);
        out.set(`${type}/${String(row.id)}`, visible ? publicFields(row) : { status: row.status, statusReason: row.statusReason, statusChangedAt: row.statusChangedAt });
      }
    }
  }
  return out;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
