import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { freePort, isAlive, sleep } from '../../runtime/ports.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';
import { runTool } from './lib/commands.ts';
import { roleEnv } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';
import { waitFor } from '../setup/wait.ts';

/**
 * The roles of `npm start` as separate processes on one PostgreSQL and one Meilisearch: a `web`
 * started before any worker waits for the schema; two `worker`s elect exactly one leader; the
 * leader is killed (SIGKILL) and the standby takes over; an import made after that reaches search
 * through the web instance. The web instance's logs are JSON lines with request ids, and /metrics
 * answers in Prometheus' text format.
 */
const ADMIN_TOKEN = `roles-test-admin-token-${process.pid}-0123456789`;
let services: FaultServices;
const started: PortalProcess[] = [];

interface Instance {
  portal: PortalProcess;
  base: string;
}

async function start(role: 'web' | 'worker', name: string, waitReady = true): Promise<Instance & { ready: Promise<string> }> {
  const port = await freePort();
  const portal = startPortal({ ...roleEnv(services, role, name, port), ADMIN_TOKENS: ADMIN_TOKEN });
  started.push(portal);
  if (waitReady) await portal.ready;
  return { portal, base: `http://127.0.0.1:${port}`, ready: portal.ready };
}

async function health(base: string): Promise<{ role: string; leader?: boolean } | undefined> {
  try {
    const response = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) });
    return (await response.json()) as { role: string; leader?: boolean };
  } catch {
    return undefined;
  }
}

/** The JSON log lines of a process's output (its other lines are plain start-up messages). */
function jsonLines(output: string): Record<string, unknown>[] {
  return output.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as Record<string, unknown>);
}

beforeAll(async () => {
  services = await startFaultServices('roles');
});
afterAll(async () => {
  // A killed one has exited already (its exit code stays null: it ended by a signal).
  for (const portal of started) if (portal.child.exitCode === null && portal.child.signalCode === null) await portal.stop().catch(() => {});
  await services?.close();
});

describe('web and worker roles with leader election', () => {
  it('a web instance waits for the schema, one worker leads, a standby takes over after SIGKILL, and imports reach search', async () => {
    // The web instance first, on a database no worker has migrated yet: it waits, and says so.
    const web = await start('web', 'web', false);
    await waitFor('the web instance says it waits for the schema', async () => /waiting for the database schema/.test(web.portal.output()), 60_000);
    expect(await health(web.base)).toBeUndefined();

    const workers = await Promise.all([start('worker', 'worker-a'), start('worker', 'worker-b')]);
    await web.ready;
    const leaders = async () => (await Promise.all(workers.map((w) => health(w.base)))).map((h) => h?.leader);
    const first = await waitFor('one worker leads', async () => {
      const now = await leaders();
      return now.includes(true) && now;
    }, 30_000);
    // Exactly one: the other stands by, and stays a standby while the leader lives.
    expect(first.filter(Boolean)).toHaveLength(1);
    await sleep(2500);
    expect(await leaders()).toEqual(first);
    const leader = workers[first.indexOf(true)]!;
    const standby = workers[first.indexOf(false)]!;
    expect(await health(standby.base)).toMatchObject({ role: 'worker', leader: false });
    expect(jsonLines(standby.portal.output()).some((l) => /elected leader/.test(String(l.msg)))).toBe(false);
    expect(await health(web.base)).toMatchObject({ role: 'web', status: 'ok', dependencies: [{ name: 'postgres-primary', status: 'ok' }, { name: 'meilisearch', status: 'ok' }] });

    // The leader dies without any chance to clean up.
    const killedAt = Date.now();
    leader.portal.child.kill('SIGKILL');
    await waitFor('the killed leader is gone', async () => !isAlive(leader.portal.child.pid!), 10_000);
    await waitFor('the standby leads', async () => (await health(standby.base))?.leader === true, 60_000);
    // The functional bound is 10 s (the standby retries every second); recorded, not asserted,
    // because a loaded machine may stretch any wall-clock time.
    console.log(`[roles] the standby took over ${Date.now() - killedAt} ms after the leader was killed`);

    // An import after the takeover: the new leader sends it to Meilisearch, the web instance finds it there.
    const run = runTool('cli/import.ts', ['--type', 'spot-checks', '--report-dir', path.join(services.dir, 'reports'), path.resolve('tests/fixtures/spot-checks-bom.csv')], {
      DATABASE_URL: services.databaseUrl,
      DATA_DIR: path.join(services.dir, 'cli'),
    });
    const imported = await run.done;
    expect(imported.code, imported.stderr).toBe(0);
    const found = await waitFor('the import is searchable through the web instance', async () => {
      const response = await fetch(`${web.base}/api/v1/search?q=${encodeURIComponent('禾苗')}`);
      const body = (await response.json()) as { hits: { title: string }[]; meta: { degraded: boolean } };
      return body.hits.length > 0 && !body.meta.degraded && body;
    }, 60_000);
    expect(found.hits.map((h) => h.title).join(' ')).toMatch(/儿童上衣/);

    // The leader's lock connection is cut (as a network fault or a DBA would): it stops its work
    // at once, then competes again with a fresh session and, alone, leads again.
    const admin = connect(services.databaseUrl, { max: 1 });
    try {
      const cut = await admin.sql<{ pid: number }[]>`select pg_terminate_backend(pid), pid from pg_stat_activity where application_name = 'portal leader lock'`;
      expect(cut).toHaveLength(1);
    } finally {
      await admin.close();
    }
    await waitFor('the leader says it stepped down', async () => /leadership given up \(the lock connection closed\)/.test(standby.portal.output()), 10_000);
    await waitFor('it leads again', async () => (await health(standby.base))?.leader === true, 30_000);
    expect(jsonLines(standby.portal.output()).filter((l) => /elected leader/.test(String(l.msg)))).toHaveLength(2);
  });

  it('the web instance logs JSON lines with request ids, echoes X-Request-Id, and serves /metrics', async () => {
    const web = await start('web', 'web-2');
    const mine = await fetch(`${web.base}/search?q=secret-query-value`, { headers: { 'x-request-id': 'trace-42.a_b' } });
    expect(mine.headers.get('x-request-id')).toBe('trace-42.a_b');
    const insane = await fetch(`${web.base}/api/v1/search?q=x`, { headers: { 'x-request-id': 'not sane! <script>' } });
    const made = insane.headers.get('x-request-id')!;
    expect(made).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
    expect(made).not.toContain('script');
    // The API's error body carries the same id as the header.
    const missing = await fetch(`${web.base}/api/v1/spot-checks/no-such-record`, { headers: { 'x-request-id': 'trace-404' } });
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { requestId: string } }).error.requestId).toBe('trace-404');

    const metrics = await fetch(`${web.base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await metrics.text();
    for (const name of ['portal_http_requests_total', 'portal_http_request_duration_seconds_bucket', 'portal_search_outbox_rows', 'portal_search_outbox_oldest_seconds', 'portal_search_sync_lag_seconds', 'portal_webhook_pending_deliveries', 'portal_database_up']) {
      expect(text, name).toMatch(new RegExp(`^${name}[ {]`, 'm'));
    }
    expect(text).toMatch(/^portal_http_requests_total\{method="GET",route="page",status="200"\} \d+/m);
    expect(text).toMatch(/^portal_search_sync_lag_rows\{instance="http:\/\/127\.0\.0\.1:\d+"\} \d+/m);
    expect(text).not.toMatch(/secret-query-value|no-such-record/);
    // Through a proxy (X-Forwarded-For) it needs the admin token.
    expect((await fetch(`${web.base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(401);
    expect((await fetch(`${web.base}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: `Bearer ${ADMIN_TOKEN}` } })).status).toBe(200);

    const access = await waitFor('the access-log lines are written', async () => {
      const lines = jsonLines(web.portal.output()).filter((l) => l.msg === 'request');
      return lines.some((l) => l.req_id === 'trace-404') && lines;
    }, 10_000);
    for (const line of jsonLines(web.portal.output())) expect(line).toMatchObject({ level: expect.any(String), time: expect.any(String), role: 'web', msg: expect.any(String) });
    expect(access.find((l) => l.req_id === 'trace-42.a_b')).toMatchObject({ method: 'GET', path: '/search', status: 200, duration_ms: expect.any(Number) });
    expect(access.find((l) => l.req_id === made)).toMatchObject({ path: '/api/v1/search', status: 200 });
    expect(web.portal.output()).not.toContain('secret-query-value');
  });
});
