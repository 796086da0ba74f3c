import { spawn } from 'node:child_process';
import path from 'node:path';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MAX_BATCH_SIZE } from '../../api/trpc-handler.ts';
import { connect, type DbHandle } from '../../db/client.ts';
import { ROOT } from '../setup/portal-process.ts';

const base = inject('baseUrl');
const databaseUrl = inject('databaseUrl');
/** The answer cache's window (api/services/search-cache.ts FRESH_MS). */
const CACHE_WINDOW_MS = 10_000;

/** A new API key from `npm run keys -- create`. */
function createKey(): Promise<{ key: string; id: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['cli/run.mjs', 'keys', 'create', '--name', 'strict-http'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: path.join(inject('tmpDir'), 'keys') },
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c));
    child.on('exit', (code) => {
      const key = /qp_[0-9A-Za-z]{32}/.exec(out)?.[0];
      if (code !== 0 || !key) return reject(new Error(`keys create failed (${code}): ${out}`));
      resolve({ key, id: Number(/#(\d+)/.exec(out)![1]) });
    });
  });
}

let db: DbHandle;
let apiKey: { key: string; id: number };
beforeAll(async () => {
  db = connect(databaseUrl, { max: 1 });
  apiKey = await createKey();
});
afterAll(() => db?.close());

const trpcBatch = (calls: number, headers: Record<string, string> = {}) => {
  const paths = Array.from({ length: calls }, () => 'search.suggest').join(',');
  const input = Object.fromEntries(Array.from({ length: calls }, (_, i) => [i, { q: '电' }]));
  return fetch(`${base}/api/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify(input))}`, { headers });
};

describe('tRPC batches', () => {
  it(`hold at most ${MAX_BATCH_SIZE} calls; a bigger one is a 400 in the error shape`, async () => {
    const most = await trpcBatch(MAX_BATCH_SIZE);
    expect(most.status).toBe(200);
    expect((await most.json()) as unknown[]).toHaveLength(MAX_BATCH_SIZE);
    const over = await trpcBatch(MAX_BATCH_SIZE + 1);
    expect(over.status).toBe(400);
    const body = (await over.json()) as any;
    expect(body.error).toMatchObject({ code: 'BAD_REQUEST', requestId: over.headers.get('x-request-id') });
    expect(body.error.message).toMatch(/at most 10 calls/);
    expect(over.headers.get('ratelimit-limit')).toMatch(/^\d+$/);
  });

  it('count each call against the rate limit', async () => {
    const used = async () => Number((await db.sql<{ requests: number }[]>`select coalesce(sum(requests), 0)::int as requests from api_key_usage where key_id = ${apiKey.id}`)[0]!.requests);
    const before = await used();
    expect((await trpcBatch(4, { authorization: `Bearer ${apiKey.key}` })).status).toBe(200);
    expect((await trpcBatch(1, { authorization: `Bearer ${apiKey.key}` })).status).toBe(200);
    expect(await used()).toBe(before + 5);
  });
});

describe('the answer cache and no-cache', () => {
  const meili = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
  const index = meili.index('spot-checks');
  const added: string[] = [];
  afterAll(async () => {
    if (added.length) await meili.tasks.waitForTask((await index.deleteDocuments(added)).taskUid);
  });

  it('an anonymous no-cache gets the cached answer; a client with an API key may have a fresh one, and a fresh page takes an admin token', async () => {
    // A document added to Meilisearch behind the portal's back: no change notice empties the cache,
    // so the cached answer (without it) and a fresh one (with it) differ. Retried when the cache
    // window passed between the questions, whatever the machine's speed.
    for (let attempt = 0; ; attempt++) {
      const token = `zqxcachecheck${'abcdefghij'[attempt % 10]}${Math.random().toString(36).replace(/[^a-z]/g, '').slice(0, 6)}`;
      const query = `/api/v1/search?q=${token}&type=spot-checks`;
      const asked = Date.now();
      const first = (await (await fetch(`${base}${query}`)).json()) as any;
      expect(first.meta.total).toBe(0);
      await (await fetch(`${base}/search?q=${token}`)).text();
      const [doc] = (await index.getDocuments<Record<string, unknown>>({ limit: 1 })).results;
      const id = `${String(doc!.id)}-cache${attempt}`;
      added.push(id);
      await meili.tasks.waitForTask((await index.addDocuments([{ ...doc, id, pinyin: token }])).taskUid);
      const noCache = { 'cache-control': 'no-cache', pragma: 'no-cache' };
      const anonymous = (await (await fetch(`${base}${query}`, { headers: noCache })).json()) as any;
      const page = await (await fetch(`${base}/search?q=${token}`, { headers: noCache })).text();
      const withKey = { ...noCache, authorization: `Bearer ${apiKey.key}` };
      const keyed = (await (await fetch(`${base}${query}`, { headers: withKey })).json()) as any;
      const keyedPage = await (await fetch(`${base}/search?q=${token}`, { headers: withKey })).text();
      const madeUp = await (await fetch(`${base}/search?q=${token}`, { headers: { ...noCache, authorization: 'Bearer qp_made-up-credential' } })).text();
      const adminPage = await (await fetch(`${base}/search?q=${token}`, { headers: { ...noCache, authorization: `Bearer ${inject('adminToken')}` } })).text();
      if (Date.now() - asked >= CACHE_WINDOW_MS) {
        expect(attempt, 'the cache window passed on every attempt').toBeLessThan(3);
        continue;
      }
      expect(anonymous.meta.total, 'anonymous no-cache').toBe(0);
      expect(page, 'anonymous no-cache page').toContain('data-total="0"');
      expect(keyed.meta.total, 'keyed no-cache').toBe(1);
      expect(keyed.hits[0].id).toBe(id);
      // Pages are not the API and not rate-limited: only an admin token gets a page rendered now.
      expect(keyedPage, 'keyed no-cache page').toContain('data-total="0"');
      expect(madeUp, 'made-up credential, no-cache page').toContain('data-total="0"');
      expect(adminPage, 'admin no-cache page').toContain('data-total="1"');
      return;
    }
  }, 120_000);
});
