import { and, eq, lt, sql } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import { imports } from '../db/schema/index.ts';
import { lockImports } from './write-batch.ts';

const INTERRUPTED =
  'interrupted: the import stopped before it finished (process killed or connection lost); its transaction was rolled back, so nothing from this file was stored';

/**
 * An import killed midway (SIGKILL, a crash, a lost connection) never records its end: PostgreSQL
 * rolls its transaction back, so nothing of the file is stored, but its `imports` row would say
 * 'running' forever. Before it starts, the next import marks such runs as failed. It takes the
 * import lock first (waiting, as the import itself would, for a run in progress or a killed one
 * whose session PostgreSQL has not yet closed), so no run is writing; and it leaves everything
 * alone while another import waits for the lock, because that one's row is 'running' too.
 */
export async function failInterruptedImports(handle: DbHandle): Promise<number> {
  return handle.db.transaction(async (tx) => {
    await lockImports(tx);
    const [waiting] = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = 4242 and not granted`,
    );
    if ((waiting?.n ?? 0) > 0) return 0;
    // Only runs older than a moment: a run started concurrently inserts its row a few milliseconds
    // before it asks for the lock. (A run that committed just before this records its real end
    // right after, and that update wins.)
    const stale = await tx
      .update(imports)
      .set({ status: 'failed', error: INTERRUPTED, finishedAt: new Date() })
      .where(and(eq(imports.status, 'running'), lt(imports.startedAt, sql`now() - interval '2 seconds'`)))
      .returning({ id: imports.id });
    return stale.length;
  });
}
