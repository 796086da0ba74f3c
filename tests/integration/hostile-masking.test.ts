import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { buildDownloads } from '../../ops/downloads/build.ts';
import { directoryStorage } from '../../storage/directory.ts';
import { freePort } from '../../runtime/ports.ts';
import { badRowCsv, plantedPenaltiesCsv, unmaskedIn } from '../hostile/personal-data.ts';
import { ROOT, startPortal, type PortalProcess } from '../setup/portal-process.ts';

/**
 * Order 45: no unmasked resident ID or mobile number in any output. A portal of this test's own
 * (on the shared databases, so its log output can be read) imports penalties full of personal
 * data through the admin API; then every output is scanned: pages, API, exports, downloads,
 * feeds, the search index and the logs.
 */
const databaseUrl = inject('databaseUrl');
const token = `masking-test-admin-token-${process.pid}-abcdef`;
const tag = String(Date.now()).slice(-6);
const dataDir = path.join(inject('tmpDir'), 'masking');
let portal: PortalProcess;
let base: string;

async function get(url: string): Promise<string> {
  const response = await fetch(url.startsWith('http') ? url : `${base}${url}`, { headers: { 'accept-encoding': 'identity' } });
  expect(response.status, url).toBeLessThan(400);
  return response.text();
}

async function upload(name: string, csv: string) {
  const form = new FormData();
  form.set('type', 'penalties');
  form.set('file', new File([csv], name, { type: 'text/csv' }));
  const response = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: await response.text() };
}

/** Our three penalties as the API lists them (the sync worker indexes them within seconds). */
async function ourHits(): Promise<{ id: string; title: string; url: string }[]> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = JSON.parse(await get(`/api/v1/search?q=${encodeURIComponent(`青岚市监罚〔2024〕${tag}`)}&type=penalties&limit=20`));
    const hits = body.hits.filter((h: { subtitle?: string }) => h.subtitle?.includes(`〔2024〕${tag}`));
    if (hits.length === 3 || Date.now() > deadline) return hits;
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  portal = startPortal({
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    MEILI_URL: inject('meiliUrl'),
    MEILI_MASTER_KEY: inject('meiliKey'),
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
    ADMIN_TOKENS: token,
    LOG_LEVEL: 'debug',
  });
  base = await portal.ready;
});
afterAll(async () => {
  await portal?.stop();
});

describe('personal data never leaves unmasked', () => {
  let hits: { id: string; title: string; url: string }[] = [];
  const outputs = new Map<string, string>();

  it('the import stores masked text: the admin API report says so, and a rejected row echoes nothing unmasked', async () => {
    const imported = await upload('planted.csv', plantedPenaltiesCsv(tag));
    expect(imported.status, imported.body).toBe(200);
    expect(JSON.parse(imported.body)).toMatchObject({ status: 'succeeded', created: 3 });
    const rejected = await upload('bad.csv', badRowCsv(tag));
    expect(rejected.status).toBe(422);
    expect(rejected.body).toMatch(/统一社会信用代码|罚款金额|处罚决定日期/);
    expect(unmaskedIn(rejected.body)).toEqual([]);
    hits = await ourHits();
    expect(hits).toHaveLength(3);
  });

  it('pages, API, JSON views, exports and feeds', async () => {
    const q = encodeURIComponent(`青岚钟离${tag}`);
    const urls = [
      `/search?q=${q}`, `/en/search?q=${q}`, `/search?q=${encodeURIComponent('钟')}`,
      `/api/v1/search?q=${q}`, `/api/v1/suggest?q=${q}`, `/api/v1/penalties?q=${q}`,
      `/export.csv?q=${encodeURIComponent(`青岚市监罚〔2024〕${tag}`)}&type=penalties`,
      '/feeds/penalties.xml', '/feeds/all.xml', '/sitemap.xml', '/sitemaps/penalties.xml',
    ];
    for (const hit of hits) {
      urls.push(hit.url, `/en${hit.url}`, `${hit.url}.json`, `/api/v1/penalties/${hit.id}`, `/api/trpc/records.byId?input=${encodeURIComponent(JSON.stringify({ type: 'penalties', id: hit.id }))}`);
      const record = JSON.parse(await get(`/api/v1/penalties/${hit.id}`)).record;
      if (record.enterpriseId) urls.push(`/enterprises/${record.enterpriseId}`, `/en/enterprises/${record.enterpriseId}`, `/api/v1/enterprises/${record.enterpriseId}`);
    }
    // The change feed, every page of it.
    for (let cursor = ''; ;) {
      const page = JSON.parse(await get(`/api/v1/changes?limit=1000${cursor ? `&since=${cursor}` : ''}`));
      outputs.set(`/api/v1/changes?since=${cursor}`, JSON.stringify(page));
      if (!page.meta.has_more || !page.meta.next_cursor) break;
      cursor = page.meta.next_cursor;
    }
    for (const url of urls) outputs.set(url, await get(url));
    expect([...outputs.values()].join('\n')).toContain(`青岚钟离${tag}测试五金店`);
    expect(outputs.get(hits.find((h) => h.title.startsWith('钟'))!.url)).toMatch(/钟\*\*/);
    for (const [url, text] of outputs) expect(unmaskedIn(text), url).toEqual([]);
  });

  it('the CSV export and the bulk downloads neutralize formula-like cells', async () => {
    const exported = outputs.get(`/export.csv?q=${encodeURIComponent(`青岚市监罚〔2024〕${tag}`)}&type=penalties`)!;
    // The party name (third column of a penalty's row) and the facts, each with its apostrophe.
    expect(exported).toMatch(/\r\npn-[0-9a-f]+,published,"?'=cmd\|' \/C calc'!A0 /);
    expect(exported).toMatch(/,"?'\+SUM\(1,2\) @A1 -3/);
    expect(exported).not.toMatch(/(^|,)"?(=cmd|\+SUM)/m);
    // Rebuild the portal's bulk files now instead of waiting for its 30 s schedule.
    const handle = connect(databaseUrl, { max: 2 });
    try {
      await buildDownloads(handle, directoryStorage(dataDir));
    } finally {
      await handle.close();
    }
    const { files } = JSON.parse(await get('/api/v1/downloads'));
    for (const file of files as { url: string; format: string; name: string }[]) {
      const bytes = Buffer.from(await (await fetch(`${base}${file.url}`)).arrayBuffer());
      const text = file.format === 'csv' ? bytes.toString('utf8') : gunzipSync(bytes).toString('utf8');
      if (file.name.startsWith('penalties')) expect(text, file.name).toContain(`青岚钟离${tag}测试五金店`);
      if (file.name === 'penalties.csv') {
        expect(text).toContain(`'=cmd|' /C calc'!A0 青岚${tag}公司`);
        expect(text).toMatch(/,"?'\+SUM\(1,2\) @A1 -3/);
        expect(text).not.toMatch(/(^|,)"?[=+@]/m);
      }
      expect(unmaskedIn(text), file.name).toEqual([]);
    }
  });

  it('the Meilisearch documents of every index', async () => {
    const client = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
    const { results } = await client.getIndexes({ limit: 100 });
    expect(results.length).toBeGreaterThanOrEqual(5);
    let ours = 0;
    for (const index of results) {
      for (let offset = 0; ; offset += 1000) {
        const page = await client.index(index.uid).getDocuments({ limit: 1000, offset });
        const text = JSON.stringify(page.results);
        ours += (text.match(new RegExp(`〔2024〕${tag}`, 'g')) ?? []).length;
        expect(unmaskedIn(text), `${index.uid} documents ${offset}…`).toEqual([]);
        if (page.results.length < 1000) break;
      }
    }
    expect(ours).toBeGreaterThanOrEqual(3);
  });

  it('the portal log and the import command output', async () => {
    const cli = await new Promise<string>((resolve) => {
      const file = path.join(dataDir, 'bad-cli.csv');
      void fs.writeFile(file, badRowCsv(tag)).then(() => {
        const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['cli/run.mjs', 'import', '--type', 'penalties', '--report-dir', dataDir, file], {
          cwd: ROOT,
          env: { ...process.env, DATABASE_URL: databaseUrl, DATA_DIR: dataDir },
        });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c));
        child.stderr.on('data', (c: Buffer) => (out += c));
        child.on('exit', () => resolve(out));
      });
    });
    expect(cli).toMatch(/REJECTED/);
    expect(unmaskedIn(cli), cli).toEqual([]);
    expect(unmaskedIn(await fs.readFile(path.join(dataDir, 'bad-cli.csv.errors.csv'), 'utf8'))).toEqual([]);
    expect(portal.output()).toMatch(/Portal ready/);
    expect(unmaskedIn(portal.output()), portal.output()).toEqual([]);
  });
});
