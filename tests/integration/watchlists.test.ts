import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateKey, hashKey, keyPrefix } from '../../api/access/keys.ts';
import { connect, type DbHandle } from '../../db/client.ts';

/*
 * The shared test portal runs without WEBHOOK_ALLOW_PRIVATE_TARGETS, as a public portal would:
 * webhook targets inside the operator's network are refused when a watchlist is registered.
 * (Deliveries, retries and restarts: tests/faults/webhooks.test.ts, with a portal of its own.)
 */
const base = inject('baseUrl');
let db: DbHandle;
let key = '';

beforeAll(async () => {
  db = connect(inject('databaseUrl'), { max: 1 });
  key = generateKey();
  await db.sql`insert into api_keys (name, key_hash, prefix) values ('watchlists test', ${hashKey(key)}, ${keyPrefix(key)})`;
});
afterAll(() => db?.close());

const create = (webhook_url: string, authorization = `Bearer ${key}`) =>
  fetch(`${base}/api/v1/watchlists`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'test', webhook_url }) }).then(async (r) => ({ status: r.status, body: (await r.json()) as any, headers: r.headers }));

describe('watchlist webhook targets on a public portal', () => {
  it.each([
    'https://127.0.0.1/hook',
    'https://localhost:8443/hook',
    'https://10.0.0.7/hook',
    'https://192.168.1.20/hook',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/hook',
    'https://[fd00::5]/hook',
    'https://0.0.0.0/hook',
  ])('refuses %s with a 400 that says why', async (url) => {
    const answer = await create(url);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('BAD_REQUEST');
    expect(answer.body.error.message).toMatch(/webhook_url: .*(non-public address|WEBHOOK_ALLOW_PRIVATE_TARGETS)/);
  });

  it('refuses plain http, and accepts a public https address (shown once with its secret), private to its key', async () => {
    const http = await create('http://93.184.215.14/hook');
    expect(http.status).toBe(400);
    expect(http.body.error.message).toContain('https://');
    const ok = await create('https://93.184.215.14/hook');
    expect(ok.status).toBe(200);
    expect(ok.body.secret).toMatch(/^whsec_/);
    const id = ok.body.watchlist.id;
    // A key's own answer: no shared cache may keep it, and it has no ETag to revalidate.
    const read = await fetch(`${base}/api/v1/watchlists/${id}`, { headers: { authorization: `Bearer ${key}` } });
    expect(read.status).toBe(200);
    expect(read.headers.get('cache-control')).toBe('no-store');
    expect(read.headers.get('etag')).toBeNull();
    expect((await fetch(`${base}/api/v1/watchlists/${id}`)).status).toBe(401);
    const rotated = (await (await fetch(`${base}/api/v1/watchlists/${id}/secret`, { method: 'POST', headers: { authorization: `Bearer ${key}` } })).json()) as any;
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret).not.toBe(ok.body.secret);
    const deleted = await fetch(`${base}/api/v1/watchlists/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${key}` } });
    expect(deleted.status).toBe(200);
    expect(deleted.headers.get('allow')).toBeNull();
    const wrong = await fetch(`${base}/api/v1/watchlists/${id}`, { method: 'PUT', headers: { authorization: `Bearer ${key}` } });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toContain('DELETE');
  });
});
