import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { clientIp } from '../../api/access/client-ip.ts';
import { checkAccess, deleteOldWindows } from '../../api/access/limiter.ts';
import { setPortal } from '../../api/portal.ts';
import { connect, type DbHandle } from '../../db/client.ts';
import { freePort } from '../../runtime/ports.ts';
import { ROOT, startPortal, type PortalProcess } from '../setup/portal-process.ts';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
const KEY = /qp_[0-9A-Za-z]{32}/g;

/** `npm run keys -- …args` against the test database. */
function keys(...args: string[]) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['cli/run.mjs', 'keys', ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: path.join(inject('tmpDir'), 'keys') },
    });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (c: Buffer) => (out.stdout += c));
    child.stderr.on('data', (c: Buffer) => (out.stderr += c));
    child.on('exit', (code) => resolve({ code, ...out }));
  });
}

async function createKey(name: string) {
  const created = await keys('create', '--name', name);
  expect(created.code).toBe(0);
  const printed = created.stdout.match(KEY) ?? [];
  expect(printed).toHaveLength(1);
  return { key: printed[0]!, id: Number(/#(\d+)/.exec(created.stdout)![1]) };
}

const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
const header = (r: Response, name: string) => Number(r.headers.get(`ratelimit-${name}`));
const limitOf = (r: Response) => ({ limit: header(r, 'limit'), remaining: header(r, 'remaining'), reset: header(r, 'reset') });

/** Counting tests start early in a fixed window, so a window change cannot reset them halfway. */
async function freshWindow() {
  const left = 60 - ((Date.now() / 1000) % 60);
  if (left < 10) await new Promise((r) => setTimeout(r, left * 1000 + 300));
}

let db: DbHandle;
beforeAll(() => void (db = connect(databaseUrl, { max: 2 })));
afterAll(() => db?.close());

describe('API keys', () => {
  it('prints a new key once, stores only its hash, lists its prefix and revokes it', async () => {
    const { key, id } = await createKey('Example Platform 测试');
    const [row] = await db.sql`select * from api_keys where id = ${id}`;
    expect(row).toMatchObject({ name: 'Example Platform 测试', prefix: key.slice(0, 8), revoked_at: null });
    expect(row!.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(key);

    const listed = await keys('list');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/id\s+name\s+prefix\s+created\s+last used\s+revoked\s+requests \(7 days\)/);
    expect(listed.stdout).toContain(key.slice(0, 8));
    expect(listed.stdout).not.toMatch(KEY);

    const ok = await fetch(`${base}/api/v1/search?q=&limit=1`, { headers: bearer(key) });
    expect(ok.status).toBe(200);
    expect(limitOf(ok).limit).toBe(1200);

    const revoked = await keys('revoke', key.slice(0, 8));
    expect(revoked).toMatchObject({ code: 0, stdout: expect.stringContaining(`#${id}`) });
    expect((await keys('revoke', String(id))).stdout).toMatch(/already revoked/);
    for (const url of [`${base}/api/v1/search?q=`, `${base}/api/trpc/health.info`]) {
      const refused = await fetch(url, { headers: bearer(key) });
      expect(refused.status).toBe(401);
      const body = (await refused.json()) as any;
      expect(body.error).toMatchObject({ code: 'UNAUTHORIZED', message: expect.stringMatching(/revoked/), requestId: expect.any(String) });
      expect(refused.headers.get('ratelimit-limit')).toBe('100000');
    }
    expect((await keys('list')).stdout).toMatch(new RegExp(`${key.slice(0, 8)}.*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\dZ\\s+\\d+$`, 'm'));
  });

  it('refuses unknown keys and other bearer tokens instead of treating them as anonymous', async () => {
    for (const token of ['qp_' + 'x'.repeat(32), 'not-a-key']) {
      const response = await fetch(`${base}/api/v1/search?q=`, { headers: bearer(token) });
      expect(response.status).toBe(401);
      expect(((await response.json()) as any).error.code).toBe('UNAUTHORIZED');
    }
  });

  it('records usage per key and day, and when the key was last used', async () => {
    const { key, id } = await createKey('usage');
    expect((await keys('list')).stdout).toMatch(new RegExp(`^${id}\\s.*never\\s+-\\s+0$`, 'm'));
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/api/v1/suggest?q=ab`, { headers: bearer(key) })).status).toBe(200);
    await fetch(`${base}/api/trpc/health.info`, { headers: bearer(key) });
    const [usage] = await db.sql`select requests, day::text = (now() at time zone 'utc')::date::text as today from api_key_usage where key_id = ${id}`;
    expect(usage).toEqual({ requests: 5, today: true });
    const line = (await keys('list')).stdout.split('\n').find((l) => l.startsWith(`${id} `))!;
    expect(line).not.toContain('never');
    expect(line).toMatch(/\s5$/);
  });

  it('exits 2 on usage errors and 1 when nothing matches', async () => {
    const wrong = [[], ['frobnicate'], ['create'], ['create', '--name', '  '], ['create', '--bogus'], ['revoke'], ['revoke', 'nonsense'], ['list', 'extra']];
    const runs = await Promise.all(wrong.map((args) => keys(...args)));
    runs.forEach((run, i) => {
      expect(run.code, wrong[i]!.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage:');
    });
    expect((await keys('revoke', '999999')).code).toBe(1);
  });
});

describe('rate-limit headers and CORS', () => {
  it('puts RateLimit-* on every /api/v1 and /api/trpc response, errors too, but not on /api/health', async () => {
    for (const url of ['/api/v1/search?q=&limit=1', '/api/v1/nothing-here', '/api/v1/search?limit=1000', '/api/trpc/health.info']) {
      const response = await fetch(`${base}${url}`);
      const { limit, remaining, reset } = limitOf(response);
      expect([limit, remaining < limit, reset >= 1 && reset <= 60], url).toEqual([100000, true, true]);
    }
    expect((await fetch(`${base}/api/health`)).headers.get('ratelimit-limit')).toBeNull();
  });

  it('counts by the socket address and ignores X-Forwarded-For unless TRUST_PROXY is set', async () => {
    await freshWindow();
    const first = limitOf(await fetch(`${base}/api/v1/suggest?q=a`, { headers: { 'x-forwarded-for': '198.51.100.1' } }));
    const second = limitOf(await fetch(`${base}/api/v1/suggest?q=a`, { headers: { 'x-forwarded-for': '198.51.100.2' } }));
    expect(second.remaining).toBe(first.remaining - 1);
  });

  it('rate-limits admin routes, which keep their own token auth', async () => {
    const response = await fetch(`${base}/api/v1/admin/records/sc-nope/restore`, { method: 'POST', headers: bearer(inject('adminToken')) });
    expect(response.status).toBe(404);
    expect(limitOf(response).limit).toBe(100000);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('allows cross-origin GETs and answers preflights; admin routes get no CORS', async () => {
    const preflight = await fetch(`${base}/api/v1/search?q=x`, {
      method: 'OPTIONS',
      headers: { origin: 'https://platform.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('Authorization, Content-Type');
    for (const url of ['/api/v1/search?q=x', '/api/v1/nothing-here']) {
      const response = await fetch(`${base}${url}`, { headers: { origin: 'https://platform.example' } });
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('access-control-expose-headers')).toMatch(/RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After/);
    }
    const admin = await fetch(`${base}/api/v1/admin/imports`, { method: 'OPTIONS', headers: { origin: 'https://platform.example' } });
    expect(admin.status).not.toBe(204);
    expect(admin.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('over the limit (a second portal: 3 anonymous and 5 keyed requests a minute, behind a proxy)', () => {
  let portal: PortalProcess;
  let low: string;
  beforeAll(async () => {
    portal = startPortal({
      DATA_DIR: path.join(inject('tmpDir'), 'access'),
      DATABASE_URL: databaseUrl,
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliKey'),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      RATE_LIMIT_ANONYMOUS: '3',
      RATE_LIMIT_KEYED: '5',
      TRUST_PROXY: '1',
    });
    low = await portal.ready;
  });
  afterAll(async () => {
    await portal?.stop();
  });
  const from = (ip: string, extra: Record<string, string> = {}) => ({ headers: { 'x-forwarded-for': `${ip}, 10.0.0.1`, ...extra } });

  it('answers 429 with Retry-After and the error shape after the limit; other addresses are not affected', async () => {
    await freshWindow();
    const remaining = [];
    for (let i = 0; i < 3; i++) {
      const ok = await fetch(`${low}/api/v1/search?q=&limit=1`, from('203.0.113.7'));
      expect(ok.status).toBe(200);
      remaining.push(limitOf(ok).remaining);
    }
    expect(remaining).toEqual([2, 1, 0]);
    const limited = await fetch(`${low}/api/v1/search?q=&limit=1`, from('203.0.113.7', { origin: 'https://platform.example' }));
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limitOf(limited)).toMatchObject({ limit: 3, remaining: 0 });
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    expect(((await limited.json()) as any).error).toEqual({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/3 requests/), requestId: expect.any(String) });
    // The same bucket for tRPC; /api/health is never limited; another address has its own bucket.
    expect((await fetch(`${low}/api/trpc/health.info`, from('203.0.113.7'))).status).toBe(429);
    expect((await fetch(`${low}/api/health`, from('203.0.113.7'))).status).toBe(200);
    expect((await fetch(`${low}/api/v1/search?q=&limit=1`, from('203.0.113.8'))).status).toBe(200);
  });

  it('gives a key its own, higher limit, shared by every instance on the database', async () => {
    await freshWindow();
    const { key, id } = await createKey('limited');
    for (let i = 0; i < 4; i++) await fetch(`${low}/api/v1/suggest?q=a`, from('203.0.113.9'));
    for (let i = 1; i <= 4; i++) {
      const ok = await fetch(`${low}/api/v1/suggest?q=a`, from('203.0.113.9', bearer(key)));
      expect(ok.status).toBe(200);
      expect(limitOf(ok)).toMatchObject({ limit: 5, remaining: 5 - i });
    }
    // The other portal counts the same key: its fifth request, under that portal's own limit.
    expect(limitOf(await fetch(`${base}/api/v1/suggest?q=a`, { headers: bearer(key) }))).toMatchObject({ limit: 1200, remaining: 1195 });
    const limited = await fetch(`${low}/api/v1/suggest?q=a`, from('203.0.113.9', bearer(key)));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const [usage] = await db.sql`select requests from api_key_usage where key_id = ${id}`;
    expect(usage!.requests).toBe(6);
  });
});

describe('limiter internals', () => {
  it('takes the first X-Forwarded-For address only with TRUST_PROXY, and counts IPv6 by /64', () => {
    const request = (xff?: string) => new Request('http://portal/api/v1/search', { headers: xff ? { 'x-forwarded-for': xff } : {} });
    expect(clientIp(request('198.51.100.1, 10.0.0.1'), '127.0.0.1', false)).toBe('127.0.0.1');
    expect(clientIp(request('198.51.100.1, 10.0.0.1'), '127.0.0.1', true)).toBe('198.51.100.1');
    expect(clientIp(request('garbage'), '::ffff:127.0.0.1', true)).toBe('127.0.0.1');
    expect(clientIp(request(), '2001:db8:0:7::1', false)).toBe('2001:db8:0:7::/64');
    expect(clientIp(request('[2001:db8:a:b:c:d:e:f]:443'), undefined, true)).toBe('2001:db8:a:b::/64');
    expect(clientIp(request(), undefined, false)).toBe('unknown');
  });

  it('deletes windows older than ten minutes', async () => {
    await db.sql`insert into rate_limits (bucket, window_start, count) values
      ('ip:192.0.2.50', now() - interval '11 minutes', 1), ('ip:192.0.2.51', now() - interval '1 minute', 1)`;
    expect(await deleteOldWindows(db.sql)).toBeGreaterThanOrEqual(1);
    const left = await db.sql`select bucket from rate_limits where bucket like 'ip:192.0.2.5_'`;
    expect(left.map((r) => r.bucket)).toEqual(['ip:192.0.2.51']);
  });

  it('lets requests through when PostgreSQL is down, and says so once', async () => {
    const down = connect(`postgres://portal:portal@127.0.0.1:${await freePort()}/portal`, { max: 1 });
    setPortal({ db: down, counters: down, meili: undefined as never });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      for (let i = 0; i < 3; i++) {
        const decision = await checkAccess(new Request('http://portal/api/v1/search'), '192.0.2.1');
        expect(decision.error).toBeUndefined();
        expect(decision.headers['RateLimit-Limit']).toBe(process.env.RATE_LIMIT_ANONYMOUS ?? '120');
      }
      expect(warn).toHaveBeenCalledTimes(1);
      expect(String(warn.mock.calls[0]![0])).toMatch(/rate limiter unavailable/);
    } finally {
      warn.mockRestore();
      await down.close();
    }
  });
});
