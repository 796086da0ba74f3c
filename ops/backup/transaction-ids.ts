import type postgres from 'postgres';
import type { Sql } from '../../db/client.ts';

/** Above this many, transaction ids are renumbered instead of consumed (about 2 minutes of work). */
const MAX_TO_CONSUME = 20_000_000n;
const PER_STATEMENT = 1_000_000n;

/**
 * The change feed orders by the writing transaction's id (audit_log.txid) and only shows changes
 * of transactions older than every running one (api/services/changes.ts). A restored feed holds
 * the source cluster's ids; a fresh cluster counts from a few hundred, so it would hide those
 * changes and give new ones smaller ids than old ones. So the new cluster's counter is moved past
 * the largest restored id by consuming ids (PL/pgSQL subtransactions, about 175,000 a second): the
 * feed, and the cursors clients hold, go on as before. When that is too far (an old, busy source
 * cluster), the restored ids are renumbered in order instead; cursors from before the backup then
 * no longer apply, which the returned note says.
 */
export async function alignTransactionIds(sql: Sql, log: (line: string) => void = () => {}): Promise<{ consumed: bigint; renumbered: boolean }> {
  let max = await largestAuditTxid(sql);
  if (max === undefined) return { consumed: 0n, renumbered: false };
  let renumbered = false;
  if (BigInt(max) - (await nextTxid(sql)) >= MAX_TO_CONSUME) {
    // The webhook matcher's cursor (ops/webhooks/match.ts) names an audit txid too: renumbered the
    // same way first, while the old ids are still there to rank, so it neither skips nor repeats.
    await sql`
      update webhook_cursor c set txid = r.n
      from (select distinct txid, ((dense_rank() over (order by txid)) + 2)::text::xid8 as n from audit_log) r
      where r.txid = c.txid`;
    await sql`
      update audit_log a set txid = (r.n + 2)::text::xid8
      from (select id, dense_rank() over (order by txid) as n from audit_log) r
      where a.id = r.id`;
    max = (await largestAuditTxid(sql))!;
    renumbered = true;
    log('the change feed was renumbered: cursors issued before the backup no longer apply; clients start again without `since`');
  }
  let consumed = 0n;
  for (let gap = BigInt(max) - (await nextTxid(sql)) + 1n; gap > 0n; gap = BigInt(max) - (await nextTxid(sql)) + 1n) {
    const n = gap < PER_STATEMENT ? gap : PER_STATEMENT;
    await sql.unsafe(`
      do $$ begin
        create temp table if not exists consume_xid (x int);
        for i in 1..${n} loop
          begin
            insert into consume_xid values (1);
            raise exception using errcode = 'P0001';
          exception when raise_exception then null;
          end;
        end loop;
      end $$`);
    consumed += n;
    if (gap > PER_STATEMENT) log(`change feed: ${gap - n} transaction ids still to pass`);
  }
  return { consumed, renumbered };
}

/**
 * The largest transaction id in the audit log (as text), undefined when it is empty. Ordered by
 * `audit_log.txid`, qualified: a bare `txid` would be the selected text, where '999' > '1000'.
 */
export async function largestAuditTxid(sql: Sql | postgres.TransactionSql): Promise<string | undefined> {
  const [max] = await sql<{ txid: string }[]>`select txid::text as txid from audit_log order by audit_log.txid desc limit 1`;
  return max?.txid;
}

/** The id the next transaction will get (this one takes the current one). */
async function nextTxid(sql: Sql): Promise<bigint> {
  const [row] = await sql<{ x: string }[]>`select pg_current_xact_id()::text as x`;
  return BigInt(row!.x) + 1n;
}
