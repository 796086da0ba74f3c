import { Gauge, Registry } from 'prom-client';
import type { Sql } from '../../db/client.ts';
import type { Portal } from '../portal.ts';

/**
 * Prometheus metrics (`GET /metrics`). The HTTP counters and latency histograms are kept by
 * runtime/web-server.mjs where requests enter (runtime/request-log.mjs); the backlogs are read
 * from PostgreSQL at scrape time, with cheap indexed queries under a statement timeout.
 */
const registry = new Registry();
const gauge = (name: string, help: string, labelNames: string[] = []) => new Gauge({ name, help, labelNames, registers: [registry] });
const databaseUp = gauge('portal_database_up', '1 when PostgreSQL answered the scrape\'s queries in time, else 0');
const outboxRows = gauge('portal_search_outbox_rows', `Rows waiting in the search outbox, one per change and Meilisearch instance (counted up to ${1_000_000})`);
const outboxAge = gauge('portal_search_outbox_oldest_seconds', 'Age of the oldest change waiting in the search outbox (0 when empty)');
const syncRows = gauge('portal_search_sync_lag_rows', 'Changes a Meilisearch instance has not applied yet', ['instance']);
const syncAge = gauge('portal_search_sync_lag_seconds', 'Age of the oldest change a Meilisearch instance has not applied yet', ['instance']);
const webhookPending = gauge('portal_webhook_pending_deliveries', 'Watchlist webhook deliveries waiting to be sent or retried');
const replicaLag = gauge('portal_database_replica_lag_seconds', 'Seconds a read replica is behind the primary (-1 while unknown: down or never checked)', ['replica']);
const replicaUsed = gauge('portal_database_replica_up', '1 when a read replica serves reads (reachable and within REPLICA_MAX_LAG_SECONDS), else 0', ['replica']);
const webhookAge = gauge('portal_webhook_oldest_pending_seconds', 'Age of the oldest pending webhook delivery (0 when none)');

/** The most rows a backlog count reads: beyond it the figure says "at least this many". */
const COUNT_CAP = 1_000_000;
const QUERY_TIMEOUT_MS = 1_000;

interface Backlog {
  rows: number;
  oldestSeconds: number;
}

interface Backlogs {
  outbox: Backlog;
  /** Per registered Meilisearch (search_instances), by URL; empty before a worker registered any. */
  instances: Map<string, Backlog>;
  webhooks: Backlog;
}

async function readBacklogs(sql: Sql): Promise<Backlogs> {
  return sql.begin(async (tx) => {
    await tx.unsafe(`set local statement_timeout = ${QUERY_TIMEOUT_MS}`);
    const [outbox] = await tx<{ rows: number; oldest: number }[]>`
      select (select count(*)::int from (select 1 from search_outbox limit ${COUNT_CAP}) waiting) as rows,
             coalesce(extract(epoch from now() - (select min(created_at) from search_outbox)), 0)::float8 as oldest`;
    // Each instance's oldest row is the first of its primary-key range: no scan of the outbox.
    const instances = await tx<{ url: string; rows: number; oldest: number }[]>`
      select i.url,
             (select count(*)::int from (select 1 from search_outbox o where o.instance = i.id limit ${COUNT_CAP}) waiting) as rows,
             coalesce(extract(epoch from now() - (select o.created_at from search_outbox o where o.instance = i.id order by o.id limit 1)), 0)::float8 as oldest
      from search_instances i order by i.id`;
    const [hooks] = await tx<{ rows: number; oldest: number }[]>`
      select count(*)::int as rows, coalesce(extract(epoch from now() - min(created_at)), 0)::float8 as oldest
      from (select created_at from webhook_events where status = 'pending' limit ${COUNT_CAP}) pending`;
    return {
      outbox: { rows: outbox?.rows ?? 0, oldestSeconds: outbox?.oldest ?? 0 },
      instances: new Map(instances.map((i) => [i.url, { rows: i.rows, oldestSeconds: i.oldest }])),
      webhooks: { rows: hooks?.rows ?? 0, oldestSeconds: hooks?.oldest ?? 0 },
    };
  });
}

/**
 * Sets the sync lag gauges, one series per Meilisearch (labelled with its URL). Before a worker
 * has registered any instance, the whole outbox is the lag of `fallback` (the first MEILI_URL).
 */
function setSyncLag(backlogs: Backlogs, fallback: string): void {
  syncRows.reset();
  syncAge.reset();
  const lags = backlogs.instances.size ? backlogs.instances : new Map([[fallback, backlogs.outbox]]);
  for (const [instance, lag] of lags) {
    syncRows.set({ instance }, lag.rows);
    syncAge.set({ instance }, lag.oldestSeconds);
  }
}

/** The exposition text: the backlogs, read now, then the web server's HTTP metrics. */
export async function renderMetrics(portal: Portal, meiliInstance: string): Promise<{ contentType: string; body: string }> {
  try {
    const backlogs = await readBacklogs(portal.db.sql);
    databaseUp.set(1);
    outboxRows.set(backlogs.outbox.rows);
    outboxAge.set(backlogs.outbox.oldestSeconds);
    webhookPending.set(backlogs.webhooks.rows);
    webhookAge.set(backlogs.webhooks.oldestSeconds);
    setSyncLag(backlogs, meiliInstance);
  } catch {
    // The backlog gauges keep their last known values; portal_database_up 0 says they are stale.
    databaseUp.set(0);
  }
  // As of the replicas' last background check (db/replicas.ts).
  for (const replica of portal.replicas?.states() ?? []) {
    replicaLag.set({ replica: replica.name }, replica.lagSeconds ?? -1);
    replicaUsed.set({ replica: replica.name }, replica.status === 'ok' ? 1 : 0);
  }
  const http = (globalThis as Record<symbol, Registry | undefined>)[Symbol.for('portal.http-metrics')];
  const body = `${await registry.metrics()}\n${http ? await http.metrics() : ''}`;
  return { contentType: registry.contentType, body };
}
