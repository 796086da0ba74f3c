import { z } from 'zod';
import { getTableName } from 'drizzle-orm';
import { typeNamed, RECORD_TYPES, type RecordType } from '../../types/registry.ts';
import type { Sql } from '../../db/client.ts';
import { PORTAL_ROLES } from '../../core/env.ts';
import { within } from '../../core/within.ts';
import { searchClientsOf, type Portal } from '../portal.ts';

const dependencySchema = z
  .object({
    name: z
      .string()
      .regex(/^(postgres-primary|postgres-replica-\d+|meilisearch(-\d+)?)$/)
      .describe('Which server: postgres-primary; meilisearch (meilisearch-1, meilisearch-2… in MEILI_URL order when there are several); with read replicas (DATABASE_REPLICA_URLS) postgres-replica-N, N its place in that list from 0'),
    status: z
      .enum(['ok', 'down', 'lagging'])
      .describe('ok; down when it did not answer in time (a replica: or is no standby); lagging when a replica is further behind than REPLICA_MAX_LAG_SECONDS. A replica that is not ok is not read from'),
    latencyMs: z.number().int().describe('How long its check took, in milliseconds'),
    lagSeconds: z
      .number()
      .nullable()
      .optional()
      .describe("A replica's lag: seconds since the primary held something it has not replayed (0: caught up; null: unknown). Replicas only"),
  })
  .meta({ id: 'HealthDependency', description: 'One server the portal depends on, as this instance sees it' });
export type HealthDependency = z.output<typeof dependencySchema>;

export const healthSchema = z
  .object({
    status: z.enum(['ok', 'degraded', 'down']).describe('ok; degraded while search is unreachable (PostgreSQL answers); down without the database'),
    db: z.enum(['ok', 'down']).describe('Whether PostgreSQL answers'),
    search: z.enum(['ok', 'degraded']).describe('Whether a Meilisearch answers (with several, any one is enough)'),
    records: z.record(z.enum(RECORD_TYPES), z.number().int()).describe('Records in public view per type (published or corrected)'),
    role: z.enum(PORTAL_ROLES).describe('What this instance runs: all (one machine), web (pages and the API) or worker'),
    dependencies: z.array(dependencySchema).describe('Each server this instance depends on'),
  })
  .meta({ id: 'Health', description: 'Whether the portal can answer, and how many records it holds' });
export type Health = z.output<typeof healthSchema>;

/** The database must answer `select 1` within this, or it counts as down (health must not hang). */
const DB_CHECK_TIMEOUT_MS = 1_500;
/** A count may take this long; a slower one gives way to PostgreSQL's estimate. */
const COUNT_TIMEOUT_MS = 1_000;
/** Tables this large are counted at most every 30 s: count(*) reads the whole table. */
const LARGE_TABLE = 10_000;
const RECOUNT_AFTER_MS = 30_000;

interface CachedCount {
  n: number;
  at: number;
}
const counts = new Map<RecordType, CachedCount>();
let counting: Promise<void> | undefined;

/**
 * Database reachable, search reachable, and how many records of each type are in public view (published or corrected). Read on every
 * home page view and by load balancers, so it stays cheap on 1,000,000 rows: small tables are
 * counted each time, large ones at most every 30 s (a count slower than 1 s gives way to the
 * planner's estimate), and the database check gives up after 1.5 s.
 */
export async function health(portal: Portal): Promise<Health> {
  const { db, role, replicas } = portal;
  const checkDb = async (): Promise<[boolean, number]> => {
    const started = performance.now();
    const ok = await within(DB_CHECK_TIMEOUT_MS, db.sql`select 1`).then(
      () => true,
      () => false,
    );
    const ms = Math.round(performance.now() - started);
    // Counts are best effort: if they fail, the last known ones stay.
    if (ok) await within(DB_CHECK_TIMEOUT_MS, refreshCounts(db.sql)).catch(() => {});
    return [ok, ms];
  };
  const [[dbOk, dbMs], search] = await Promise.all([checkDb(), searchClientsOf(portal).health()]);
  const searchOk = search.some((s) => s.ok);
  const records = Object.fromEntries(RECORD_TYPES.map((type) => [type, counts.get(type)?.n ?? 0])) as Record<RecordType, number>;
  return {
    status: !dbOk ? 'down' : searchOk ? 'ok' : 'degraded',
    db: dbOk ? 'ok' : 'down',
    search: searchOk ? 'ok' : 'degraded',
    records,
    role: role ?? 'all',
    dependencies: [
      { name: 'postgres-primary', status: dbOk ? 'ok' : 'down', latencyMs: dbMs },
      ...search.map((s) => ({ name: s.name, status: s.ok ? ('ok' as const) : ('down' as const), latencyMs: s.latencyMs })),
      // As of their last background check (db/replicas.ts, every second): health does not wait on them.
      ...(replicas?.states() ?? []),
    ],
  };
}

/** Recounts what is due; concurrent callers share one recount. */
function refreshCounts(sql: Sql): Promise<void> {
  const now = Date.now();
  const due = RECORD_TYPES.filter((type) => {
    const cached = counts.get(type);
    return !cached || cached.n < LARGE_TABLE || now - cached.at >= RECOUNT_AFTER_MS;
  });
  if (due.length === 0) return Promise.resolve();
  counting ??= countTables(sql, due).finally(() => (counting = undefined));
  return counting;
}

async function countTables(sql: Sql, types: RecordType[]): Promise<void> {
  const tables = types.map((type) => tableName(type));
  let exact: Record<string, number> | undefined;
  try {
    exact = await sql.begin(async (tx) => {
      await tx.unsafe(`set local statement_timeout = ${COUNT_TIMEOUT_MS}`);
      const out: Record<string, number> = {};
      for (const table of tables) {
        // Published and corrected only: the records search and the lists show, so the home page's
        // figures match the lists they link to (withdrawn and expired ones stay as tombstones).
        const [row] = await tx.unsafe<{ n: number }[]>(`select count(*)::int as n from "${table}" where status in ('published', 'corrected')`);
        out[table] = row?.n ?? 0;
      }
      return out;
    });
  } catch (error) {
    // 57014: the count was cancelled by the statement timeout. Anything else is a real failure.
    if ((error as { code?: string }).code !== '57014') throw error;
  }
  const estimates = exact ? {} : await estimatedRows(sql, tables);
  const at = Date.now();
  for (const type of types) {
    const table = tableName(type);
    counts.set(type, { n: exact?.[table] ?? estimates[table] ?? 0, at });
  }
}

/** PostgreSQL's own row estimate (pg_class.reltuples, kept by ANALYZE/autovacuum): instant, roughly right. */
async function estimatedRows(sql: Sql, tables: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ relname: string; n: number }[]>`
    select relname, greatest(reltuples, 0)::float8 as n from pg_class
    where relkind = 'r' and relnamespace = 'public'::regnamespace and relname = any(${tables})`;
  return Object.fromEntries(rows.map((r) => [r.relname, Math.round(r.n)]));
}

const tableName = (type: RecordType): string => getTableName(typeNamed(type).table);
