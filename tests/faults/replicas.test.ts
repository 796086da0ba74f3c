import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { freePort, sleep } from '../../runtime/ports.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';
import { insertSpotChecks } from './lib/bulk-records.ts';
import { startReplica, type RunningReplica } from './lib/pg-replica.ts';
import { loadLoop, roleEnv, timedFetch } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';

/**
 * A PostgreSQL primary with one streaming replica (built from the embedded binaries), and two
 * portals that read from it: `relaxed` allows 10 minutes of lag, `strict` 2 seconds. Replay is
 * paused on the replica to make it differ from the primary: a read that shows the old state can
 * only have come from the replica, one that shows the new state only from the primary.
 */
const ADMIN_TOKEN = `replicas-test-admin-token-${process.pid}-0123456789`;
const REPLICA = 'postgres-replica-0';
let services: FaultServices;
let replica: RunningReplica;
let relaxed: string;
let strict: string;
const portals = new Map<string, PortalProcess>();

async function startWeb(name: string, maxLag: string): Promise<string> {
  const portal = startPortal({
    ...roleEnv(services, 'web', name, await freePort()),
    ADMIN_TOKENS: ADMIN_TOKEN,
    DATABASE_REPLICA_URLS: replica.url,
    REPLICA_MAX_LAG_SECONDS: maxLag,
  });
  portals.set(name, portal);
  return portal.ready;
}

beforeAll(async () => {
  services = await startFaultServices('replicas');
  const handle = connect(services.databaseUrl, { max: 1 });
  await runMigrations(handle);
  await insertSpotChecks(handle.sql, { count: 300, enterprises: 20 });
  await handle.close();
  replica = await startReplica({ url: services.databaseUrl, dataDir: services.pgDir });
  [relaxed, strict] = await Promise.all([startWeb('relaxed', '600'), startWeb('strict', '2')]);
}, 600_000);

let replayPaused = false;
afterAll(async () => {
  if (replayPaused) await replica.resumeReplay().catch(() => {});
  await Promise.all([...portals.values()].map((p) => p.stop()));
  await replica?.close();
  await services?.close();
});

const id = (n: number) => `sc-fault-${String(n).padStart(8, '0')}`;

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what} (last: ${String(last)})`);
    await sleep(100);
  }
}

interface Dependency {
  name: string;
  status: string;
  lagSeconds?: number | null;
}

async function replicaHealth(base: string): Promise<Dependency | undefined> {
  const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
  const body = (await response.json()) as { dependencies: Dependency[] };
  return body.dependencies.find((d) => d.name === REPLICA);
}

const replicaIs = (base: string, status: string) => waitFor(`${base} sees the replica ${status}`, async () => {
  const found = await replicaHealth(base);
  return found?.status === status && found;
});

/** A record's lifecycle status as the API answers it, anonymously or with the admin token. */
async function statusOf(base: string, n: number, admin = false): Promise<string> {
  const response = await fetch(`${base}/api/v1/spot-checks/${id(n)}`, { headers: admin ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {} });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { record: { status: string } };
  return body.record.status;
}

async function withdraw(base: string, n: number): Promise<void> {
  const response = await fetch(`${base}/api/v1/admin/records/${id(n)}/withdraw`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ reason: '发布有误 published in error' }),
  });
  expect(response.status, await response.text()).toBe(200);
}

async function productOf(base: string, n: number, admin = false): Promise<string> {
  const response = await fetch(`${base}/api/v1/spot-checks/${id(n)}`, { headers: admin ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {} });
  expect(response.status).toBe(200);
  return ((await response.json()) as { record: { productName: string } }).record.productName;
}

async function onServer<T>(url: string, work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    return await work(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
const onPrimary = <T>(work: (sql: postgres.Sql) => Promise<T>) => onServer(services.databaseUrl, work);
const onReplica = <T>(work: (sql: postgres.Sql) => Promise<T>) => onServer(replica.url, work);

async function changesPage(base: string, since: string) {
  const response = await fetch(`${base}/api/v1/changes?limit=500${since ? `&since=${since}` : ''}`);
  expect(response.status).toBe(200);
  return (await response.json()) as { changes: { id: string; action: string }[]; meta: { next_cursor: string; has_more: boolean } };
}

/** Sum of index and sequential scans of spot_checks on one server: only reads of records scan it. */
async function scansOn(url: string): Promise<number> {
  const [row] = await onServer(url, (sql) => sql<{ n: number }[]>`select (coalesce(seq_scan, 0) + coalesce(idx_scan, 0))::int as n from pg_stat_user_tables where relname = 'spot_checks'`);
  return row?.n ?? 0;
}

describe('PostgreSQL read replicas', () => {
  it('a multi-host URL reaches the server target_session_attrs asks for, whichever host is listed first', async () => {
    const primary = new URL(services.databaseUrl);
    const standby = new URL(replica.url);
    const both = `postgres://${primary.username}:${primary.password}@127.0.0.1:${standby.port},127.0.0.1:${primary.port}${primary.pathname}`;
    // read-write and read-only as libpq means them (patches/postgres+3.4.9.patch): a hot standby is never read-write.
    const cases = [['read-write', false], ['primary', false], ['read-only', true], ['standby', true]] as const;
    for (const [attrs, inRecovery] of cases) {
      const handle = connect(`${both}?target_session_attrs=${attrs}`, { max: 1, connectTimeoutSeconds: 5 });
      try {
        const [row] = await handle.sql<{ recovery: boolean }[]>`select pg_is_in_recovery() as recovery`;
        expect(row!.recovery, attrs).toBe(inRecovery);
      } finally {
        await handle.close();
      }
    }
  });

  it('reports the replica in /api/health and /metrics; an idle primary is no lag, however old the last replayed commit', async () => {
    for (const base of [relaxed, strict]) await replicaIs(base, 'ok');
    // Nothing is written for longer than `strict` allows (2 s): judged by the age of its last
    // replayed transaction, the replica would be lagging; judged by WAL positions it is current.
    await sleep(4_000);
    const idle = await replicaHealth(strict);
    expect(idle?.status).toBe('ok');
    expect(idle?.lagSeconds).toBeLessThan(2);
    // Caught up exactly, once nothing is in flight between two checks (each request writes its rate-limit count).
    await waitFor('the replica reported 0 s behind', async () => {
      await sleep(1_000);
      return (await replicaHealth(strict))?.lagSeconds === 0;
    });
    const metrics = await (await fetch(`${strict}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`portal_database_replica_up\\{replica="${REPLICA}"\\} 1`));
    expect(metrics).toMatch(new RegExp(`portal_database_replica_lag_seconds\\{replica="${REPLICA}"\\} [\\d.]+`));
  });

  it('serves public reads from the replica and the admin\'s from the primary; a replica further behind than allowed is skipped, and used again once it caught up', async () => {
    const before = await scansOn(replica.url);
    for (const n of [1, 2, 3]) expect(await statusOf(strict, n)).toBe('published');
    expect((await timedFetch(`${strict}/spot-checks/${id(4)}`)).status).toBe(200);
    // The replica's own statistics show the reads (they reach its statistics within seconds).
    await waitFor('the replica counted the reads', async () => (await scansOn(replica.url)) > before, 30_000);

    const published = await productOf(strict, 10);
    await replica.pauseReplay();
    replayPaused = true;
    // Written behind the portal's back (no audit entry, so no notification): only the lag bound
    // decides whether a portal may still read the replica's older copy.
    await onPrimary((sql) => sql`update spot_checks set product_name = 'renamed on the primary' where id = ${id(10)}`);
    // `relaxed` allows 10 minutes of lag: its anonymous readers get the replica's copy, its admin the primary's.
    expect(await productOf(relaxed, 10)).toBe(published);
    expect(await productOf(relaxed, 10, true)).toBe('renamed on the primary');
    expect(await replicaHealth(relaxed)).toMatchObject({ status: 'ok' });

    // `strict` allows 2 s: once the replica is further behind, it reads the primary.
    const lagging = await replicaIs(strict, 'lagging');
    expect(lagging.lagSeconds).toBeGreaterThan(2);
    // The operator reads it in the log too, once per change of status.
    await waitFor('strict logged the replica lagging', async () => /postgres-replica-0 is lagging \([\d.]+ s behind the primary\); skipped/.test(portals.get('strict')!.output()), 10_000);
    expect(await productOf(strict, 10)).toBe('renamed on the primary');
    const metrics = await (await fetch(`${strict}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`portal_database_replica_up\\{replica="${REPLICA}"\\} 0`));
    expect(Number(new RegExp(`portal_database_replica_lag_seconds\\{replica="${REPLICA}"\\} ([\\d.]+)`).exec(metrics)?.[1])).toBeGreaterThan(2);
    // `relaxed` still uses it: the same lag is within its bound.
    expect(await productOf(relaxed, 10)).toBe(published);

    await replica.resumeReplay();
    replayPaused = false;
    await replicaIs(strict, 'ok');
    await waitFor('relaxed reads the replayed copy', async () => (await productOf(relaxed, 10)) === 'renamed on the primary', 30_000);
    // Used again by `strict`: its reads reach the replica's statistics once more.
    const resumed = await scansOn(replica.url);
    for (const n of [5, 6, 7]) expect(await statusOf(strict, n)).toBe('published');
    await waitFor('the replica counted the reads after it caught up', async () => (await scansOn(replica.url)) > resumed, 30_000);
  });

  it('a change a portal heard of is never read back from a replica that lacks it, and the change feed reads the primary', async () => {
    let cursor = '';
    for (let page = await changesPage(relaxed, cursor); ; page = await changesPage(relaxed, cursor)) {
      cursor = page.meta.next_cursor;
      if (!page.meta.has_more) break;
    }
    await replica.pauseReplay();
    replayPaused = true;
    // Its own admin write: the next anonymous read already shows it, although the replica (within
    // `relaxed`'s 10 minutes) has not replayed it.
    await withdraw(relaxed, 11);
    expect(await statusOf(relaxed, 11)).toBe('withdrawn');
    expect(await replicaHealth(relaxed)).toMatchObject({ status: 'ok' });
    // Another instance's write reaches `relaxed` as a notification: from then on it reads the primary too.
    await withdraw(strict, 12);
    await waitFor('relaxed heard of the withdrawal', async () => (await statusOf(relaxed, 12)) === 'withdrawn', 30_000);
    // The replica itself still has neither withdrawal.
    const [row] = await onReplica((sql) => sql<{ n: number }[]>`select count(*)::int as n from spot_checks where status = 'withdrawn'`);
    expect(row!.n).toBe(0);
    await waitFor('the change feed lists both withdrawals', async () => {
      const { changes } = await changesPage(relaxed, cursor);
      return [11, 12].every((n) => changes.some((c) => c.action === 'withdraw' && c.id === id(n)));
    }, 30_000);

    await replica.resumeReplay();
    replayPaused = false;
    // Once the replica holds them, `relaxed` reads it again.
    await waitFor('the replica replayed the withdrawals', async () => {
      const [replayed] = await onReplica((sql) => sql<{ n: number }[]>`select count(*)::int as n from spot_checks where status = 'withdrawn'`);
      return replayed!.n === 2;
    });
    const resumed = await scansOn(replica.url);
    await waitFor('relaxed reads the replica again', async () => {
      for (const n of [11, 12, 13]) await statusOf(relaxed, n);
      return (await scansOn(replica.url)) > resumed;
    }, 30_000);
  });

  it('a replica stopped or killed under load costs no request: reads go to the primary, health says it is down, and it is used again once back', async () => {
    const urls = (base: string) => [
      ...[20, 21, 22, 23].map((n) => `${base}/api/v1/spot-checks/${id(n)}`),
      `${base}/api/v1/enterprises/en-fault-000003`,
      `${base}/spot-checks/${id(24)}?probe=${Math.random()}`,
    ];
    for (const end of ['stop', 'kill'] as const) {
      const load = loadLoop([...urls(relaxed), ...urls(strict)], 6);
      await sleep(1_000);
      await replica[end]();
      for (const base of [relaxed, strict]) await replicaIs(base, 'down');
      await sleep(1_000);
      await replica.start();
      for (const base of [relaxed, strict]) await replicaIs(base, 'ok');
      await sleep(1_000);
      const results = await load.stop();
      const failed = results.filter((r) => r.status !== 200);
      expect(failed.map((r) => `${r.status} ${r.url} ${r.body.slice(0, 200)}`), end).toEqual([]);
      expect(results.length).toBeGreaterThan(20);
    }
  });
});
