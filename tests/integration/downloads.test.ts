import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import { containsUnmaskedPersonalData } from '../../core/normalize/mask.ts';
import { connect } from '../../db/client.ts';
import { buildDownloads } from '../../ops/downloads/build.ts';
import { directoryStorage } from '../../storage/directory.ts';

const base = inject('baseUrl');

/** The portal builds the files right after start; wait for the manifest. */
async function manifest(): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${base}/api/v1/downloads`);
    if (response.status === 200) return response.json();
    expect(response.status).toBe(503);
    if (Date.now() > deadline) throw new Error('downloads never became available');
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('bulk downloads', () => {
  it('lists NDJSON.gz, CSV and CSV.gz per type with size, record count, hash and time, and serves exactly those bytes', async () => {
    // Other test files publish records, and the files are rebuilt 30 s after each change: a
    // rebuild between reading the list and fetching a file is a new list, not a wrong one —
    // check again against it (a file that disagrees with an unchanged list still fails).
    for (let attempt = 1; ; attempt++) {
      const listed = await manifest();
      try {
        await checkFiles(listed);
        return;
      } catch (error) {
        const now = await manifest();
        const rebuilt = JSON.stringify(now.files.map((f: { generatedAt: string }) => f.generatedAt)) !== JSON.stringify(listed.files.map((f: { generatedAt: string }) => f.generatedAt));
        if (!rebuilt || attempt === 3) throw error;
      }
    }
  });

  async function checkFiles({ files, meta }: { files: any[]; meta: unknown }) {
    expect(meta).toMatchObject({ license: expect.any(String), disclaimer: expect.any(String) });
    expect(files).toHaveLength(15);
    expect(new Set(files.map((f: { format: string }) => f.format))).toEqual(new Set(['ndjson.gz', 'csv', 'csv.gz']));
    expect(files.find((f: { name: string }) => f.name === 'cross-border-alerts.ndjson.gz')).toMatchObject({ records: 40 });
    for (const file of files) {
      expect(file).toMatchObject({ records: expect.any(Number), bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/), generatedAt: expect.any(String) });
      const response = await fetch(`${base}${file.url}`);
      expect(response.status, file.name).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.length).toBe(file.bytes);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(file.sha256);
      const text = file.format === 'csv' ? bytes.toString('utf8') : gunzipSync(bytes).toString('utf8');
      const isCsv = file.format !== 'ndjson.gz';
      const lines = isCsv ? parse(text, { bom: true, relax_column_count: false }) : text.split('\n').filter(Boolean);
      expect(lines.length - (isCsv ? 1 : 0), file.name).toBe(file.records);
      // One value a cell: no JSON list or object in any CSV cell.
      if (isCsv) for (const row of lines.slice(1) as string[][]) for (const cell of row) expect(cell, file.name).not.toMatch(/^(\[\]|\{\}|\[["{]|\{")/);
      // Hex digests (content hashes, the source file's SHA-256) are not text a person wrote: about 1
      // in 300 holds a digit run shaped like a mobile number (…a13812345678b…), which the mask
      // would rightly leave alone in a hash but this whole-file scan would count.
      expect(containsUnmaskedPersonalData(text.replace(/\b[0-9a-f]{40,}\b/g, '')), file.name).toBe(false);
      const again = await fetch(`${base}${file.url}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
  }

  it('answers unknown or traversal names with 404', async () => {
    await manifest();
    for (const name of ['nope.csv', '..%2Fmanifest.json', 'manifest.json']) {
      expect((await fetch(`${base}/api/v1/downloads/${name}`)).status, name).toBe(404);
    }
  });

  it('writes the CSV as the NDJSON says it, one value a cell: lists joined with ；, source in columns of its own', async () => {
    const { files } = await manifest();
    const get = async (name: string) => Buffer.from(await (await fetch(`${base}/api/v1/downloads/${name}`)).arrayBuffer());
    const records = gunzipSync(await get('penalties.ndjson.gz')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    const csv = await get('penalties.csv.gz');
    const [header, ...rows] = parse(gunzipSync(csv).toString('utf8'), { bom: true }) as string[][];
    const byId = new Map(rows.map((r) => [r[header!.indexOf('id')], Object.fromEntries(header!.map((h, i) => [h, r[i]]))]));
    const several = records.find((r) => r.penaltyTypes.length > 1);
    expect(several, 'a penalty with several kinds in the sample').toBeDefined();
    const row = byId.get(several.id)!;
    expect(row.penaltyTypes).toBe(several.penaltyTypes.join('；'));
    expect(row['source.url']).toBe(several.source.url ?? '');
    expect(row.source).toBeUndefined();
    expect(row.partyName).toBe(several.partyName);
    expect(files.find((f: { name: string }) => f.name === 'penalties.csv.gz').records).toBe(rows.length);
  });

  it('answers Range with 206 and the exact bytes, an unsatisfiable range with 416, HEAD with headers only', async () => {
    const { files } = await manifest();
    const file = files.find((f: { name: string }) => f.name === 'spot-checks.csv.gz');
    const whole = await fetch(`${base}${file.url}`);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    const bytes = Buffer.from(await whole.arrayBuffer());
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, bytes.length - 1],
      ['bytes=-50', bytes.length - 50, bytes.length - 1],
      [`bytes=10-${bytes.length + 1000}`, 10, bytes.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(`${base}${file.url}`, { headers: { range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${bytes.length}`);
      expect(Buffer.from(await response.arrayBuffer()).equals(bytes.subarray(start, end + 1)), range).toBe(true);
    }
    // Resuming: the pieces put together are the file, and its hash.
    const first = Buffer.from(await (await fetch(`${base}${file.url}`, { headers: { range: 'bytes=0-999' } })).arrayBuffer());
    const rest = Buffer.from(await (await fetch(`${base}${file.url}`, { headers: { range: 'bytes=1000-', 'if-range': `"${file.sha256}"` } })).arrayBuffer());
    expect(createHash('sha256').update(Buffer.concat([first, rest])).digest('hex')).toBe(file.sha256);
    // If-Range names another version: the whole file, not a piece of a different one.
    expect((await fetch(`${base}${file.url}`, { headers: { range: 'bytes=0-9', 'if-range': '"0000"' } })).status).toBe(200);

    const refused = await fetch(`${base}${file.url}`, { headers: { range: `bytes=${bytes.length}-` } });
    expect(refused.status).toBe(416);
    expect(refused.headers.get('content-range')).toBe(`bytes */${bytes.length}`);
    expect(await refused.json()).toMatchObject({ error: { code: 'RANGE_NOT_SATISFIABLE', message: expect.stringContaining(`${bytes.length} bytes`), requestId: expect.any(String) } });

    const head = await fetch(`${base}${file.url}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.length));
    expect(head.headers.get('etag')).toBe(`"${file.sha256}"`);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect((await fetch(`${base}${file.url}`, { method: 'HEAD', headers: { 'if-none-match': `W/"${file.sha256}", "other"` } })).status).toBe(304);
    const post = await fetch(`${base}${file.url}`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(await post.json()).toMatchObject({ error: { code: 'METHOD_NOT_SUPPORTED' } });
  });

  it('answers 503 while the stored file is not the one its manifest lists (a build replacing it)', async () => {
    await manifest();
    const dir = path.join(inject('tmpDir'), 'data', 'downloads', 'snapshots', '2031-01-01');
    const bytes = Buffer.from('the next build wrote this file before its manifest\n');
    const listed = { type: 'penalties', format: 'csv', name: 'penalties.csv', records: 0, bytes: bytes.length + 7, sha256: 'a'.repeat(64), generatedAt: '2031-01-01T03:00:00.000Z' };
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'penalties.csv'), bytes);
    await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify({ date: '2031-01-01', files: [listed] }));
    try {
      const response = await fetch(`${base}/api/v1/downloads/2031-01-01/penalties.csv`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE', message: expect.stringContaining('being replaced') } });
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('keeps dated snapshots with their hashes, serves them by date, and prunes all but the last 7 days and the first of each month', async () => {
    await manifest();
    const dir = path.join(inject('tmpDir'), 'data', 'downloads');
    // Fictional past days, each a snapshot folder as a build writes it, with a file of its own.
    const fictional = ['2030-04-10', '2030-04-20', '2030-05-01', '2030-05-02', '2030-06-01', '2030-06-02', '2030-06-03', '2030-06-08'];
    for (const date of fictional) {
      const bytes = Buffer.from(`fictional snapshot of ${date}\n`);
      const file = { type: 'penalties', format: 'csv', name: 'penalties.csv', records: 0, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex'), generatedAt: `${date}T03:00:00.000Z` };
      await fs.mkdir(path.join(dir, 'snapshots', date), { recursive: true });
      await fs.writeFile(path.join(dir, 'snapshots', date, 'penalties.csv'), bytes);
      await fs.writeFile(path.join(dir, 'snapshots', date, 'manifest.json'), JSON.stringify({ date, files: [file] }));
    }
    const handle = connect(inject('databaseUrl'), { max: 2 });
    let built: { sha256: string }[];
    try {
      built = await buildDownloads(handle, directoryStorage(path.dirname(dir)), { today: '2030-06-09' });
    } finally {
      await handle.close();
    }
    try {
      const { snapshots } = await manifest();
      const dates = snapshots.map((s: { date: string }) => s.date);
      // 06-03…06-09 are the last 7 days; 04-10, 05-01 and 06-01 the first of their months.
      expect(dates.filter((d: string) => d.startsWith('2030'))).toEqual(['2030-06-09', '2030-06-08', '2030-06-03', '2030-06-01', '2030-05-01', '2030-04-10']);
      for (const gone of ['2030-06-02', '2030-05-02', '2030-04-20']) {
        const response = await fetch(`${base}/api/v1/downloads/${gone}/penalties.csv`);
        expect(response.status, gone).toBe(404);
        expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      }
      const kept = await fetch(`${base}/api/v1/downloads/2030-05-01/penalties.csv`);
      expect(kept.status).toBe(200);
      expect(await kept.text()).toBe('fictional snapshot of 2030-05-01\n');
      // The day's snapshot is the build itself: every current file, byte for byte, with its hash.
      const today = snapshots.find((s: { date: string }) => s.date === '2030-06-09');
      expect(today.files).toHaveLength(15);
      for (const f of today.files) {
        expect(f.url).toBe(`/api/v1/downloads/2030-06-09/${f.name}`);
        const bytes = Buffer.from(await (await fetch(`${base}${f.url}`)).arrayBuffer());
        expect(createHash('sha256').update(bytes).digest('hex'), f.name).toBe(f.sha256);
      }
      // Other test files may publish and the portal rebuild since: compare with this build's own files.
      expect(today.files.map((f: { sha256: string }) => f.sha256)).toEqual(built.map((f) => f.sha256));
      for (const bad of ['2030-13-45/penalties.csv', '2030-06-09/manifest.json', 'x/y/z']) {
        expect((await fetch(`${base}/api/v1/downloads/${bad}`)).status, bad).toBe(404);
      }
    } finally {
      for (const date of [...fictional, '2030-06-09']) await fs.rm(path.join(dir, 'snapshots', date), { recursive: true, force: true });
    }
  });
});
