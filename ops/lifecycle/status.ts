import { and, eq, inArray, lt } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { typeNamed, typesWith, type RecordType } from '../../types/registry.ts';
import { auditLog, searchOutbox, VISIBLE_STATUSES, type RecordStatus } from '../../db/schema/index.ts';

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

export class LifecycleError extends Error {}

export interface StatusChange {
  type: RecordType;
  id: string;
  actor: string;
  /** The command or route that made the change, for the audit log. */
  command: string;
  reason?: string;
}

/**
 * Withdraws a record: it leaves search and verdicts, and its permalink shows a tombstone with
 * `reason`. Audited, and sent to search through the outbox in the same transaction.
 */
export function withdrawRecord(db: Database, change: StatusChange & { reason: string }) {
  return setStatus(db, change, 'withdraw', (status) => {
    if (status === 'withdrawn') throw new LifecycleError(`${change.id} is already withdrawn`);
    return 'withdrawn';
  });
}

/** Undoes a withdrawal (or an expiry): the record is visible again, as it was. */
export function restoreRecord(db: Database, change: StatusChange) {
  return setStatus(db, change, 'restore', (status, version) => {
    if (VISIBLE_STATUSES.includes(status)) throw new LifecycleError(`${change.id} is not withdrawn or expired (it is ${status})`);
    return version > 1 ? 'corrected' : 'published';
  });
}

async function setStatus(
  db: Database,
  change: StatusChange,
  action: 'withdraw' | 'restore',
  next: (status: RecordStatus, version: number) => RecordStatus,
) {
  const def = typeNamed(change.type);
  const table = def.table;
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(table).where(eq(table.id, change.id)).for('update');
    if (!row) throw new LifecycleError(`No ${change.type} record ${change.id}`);
    const status = next(row.status, row.version);
    const reason = action === 'withdraw' ? change.reason! : null;
    await tx.update(table).set({ status, statusReason: reason, statusChangedAt: new Date() }).where(eq(table.id, change.id));
    await audit(tx, [{ ...change, version: row.version, hash: row.contentHash, reason: reason ?? change.reason }], action);
    await enqueue(tx, change.type, [row as unknown as Record<string, unknown>]);
    return { type: change.type, id: change.id, status, previousStatus: row.status };
  });
}

/** `3 penalties`: a count of expired records in the words of the types that expire. */
export function expiredCount(n: number): string {
  const nouns = typesWith('expiry').map((t) => t.expiry.noun);
  const [one, many] = nouns.length === 1 ? nouns[0]! : ['record', 'records'];
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * Expires every visible record whose disclosure period has ended, in every type that has one
 * (a penalty's 公示截止日期). Idempotent: run at start, hourly while the portal runs, by
 * `npm run expire`, and inside each import's transaction. Returns the ids expired.
 */
export async function expireDisclosures(db: Database | Tx, actor: string, today = new Date().toISOString().slice(0, 10)): Promise<string[]> {
  // Inside an import's transaction (ImportOptions.beforeCommit) this is a savepoint of it.
  return db.transaction(async (tx) => {
    const expired: string[] = [];
    for (const type of typesWith('expiry')) {
      const table = type.table;
      const due = (await tx
        .update(table)
        .set({ status: 'expired', statusReason: type.expiry.reason, statusChangedAt: new Date() })
        .where(and(inArray(table.status, [...VISIBLE_STATUSES]), lt(type.expiry.column, today)))
        .returning()) as unknown as (Record<string, unknown> & { id: string; version: number; contentHash: string })[];
      if (due.length === 0) continue;
      await audit(tx, due.map((r) => ({ type: type.name as RecordType, id: r.id, actor, command: 'expire', version: r.version, hash: r.contentHash, reason: type.expiry.reason })), 'expire');
      await enqueue(tx, type.name as RecordType, due);
      expired.push(...due.map((r) => r.id));
    }
    return expired;
  });
}

async function audit(
  tx: Tx,
  entries: (StatusChange & { version: number; hash: string })[],
  action: 'withdraw' | 'restore' | 'expire',
) {
  // A status change leaves the content as it was: before and after hashes are the same.
  for (let i = 0; i < entries.length; i += 1000) {
    await tx.insert(auditLog).values(
      entries.slice(i, i + 1000).map((e) => ({
        type: e.type, recordId: e.id, action, version: e.version, actor: e.actor, command: e.command,
        reason: e.reason ?? null, beforeHash: e.hash, afterHash: e.hash,
      })),
    );
  }
}

/** The record and every enterprise it names go back through search. */
async function enqueue(tx: Tx, type: RecordType, rows: Record<string, unknown>[]) {
  const enterpriseIds = new Set(rows.flatMap((r) => (Array.isArray(r.enterpriseIds) ? (r.enterpriseIds as string[]) : [])));
  const outbox = [...rows.map((r) => ({ target: type, recordId: String(r.id) })), ...[...enterpriseIds].map((id) => ({ target: 'enterprises', recordId: id }))];
  for (let i = 0; i < outbox.length; i += 1000) await tx.insert(searchOutbox).values(outbox.slice(i, i + 1000));
}

