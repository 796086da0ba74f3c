import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchStep } from '../../ops/webhooks/match.ts';
import { largestAuditTxid } from '../../ops/backup/transaction-ids.ts';
import { freshDatabase } from '../setup/database.ts';

/**
 * The audit log is read in transaction-id order (the webhook matcher's batches, the backup's
 * largest id). Ids are xid8 and are selected as text: ordering by the text would put 10 before 9,
 * so a batch would end on an earlier transaction than it read and the largest id would be wrong.
 * Entries with ids on both sides of a power of ten show it.
 */
let db: Awaited<ReturnType<typeof freshDatabase>>;
beforeAll(async () => {
  db = await freshDatabase('audit_order');
  // Transaction ids 8 to 11: all older than any running transaction, so all final.
  for (const txid of [8, 9, 10, 11]) {
    await db.sql`insert into audit_log (txid, type, record_id, action, version, actor) values (${String(txid)}::xid8, 'spot-checks', ${`sc-${txid}`}, 'create', 1, 'test')`;
  }
});
afterAll(() => db?.drop());

describe('reading the audit log in transaction order', () => {
  it('the largest transaction id is 11, not 9', async () => {
    expect(await largestAuditTxid(db.sql)).toBe('11');
  });

  it('the webhook matcher reads every entry once and its cursor ends on the last transaction', async () => {
    await db.sql`insert into webhook_cursor (name, txid, audit_id) values ('webhooks', '0'::xid8, 0)`;
    expect(await matchStep(db)).toEqual({ read: 4, events: 0 });
    const [cursor] = await db.sql<{ txid: string }[]>`select txid::text from webhook_cursor where name = 'webhooks'`;
    expect(cursor!.txid).toBe('11');
    expect(await matchStep(db)).toEqual({ read: 0, events: 0 });
  });
});
