import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, inject, it } from 'vitest';
import type { z } from 'zod';
import { codebookSchema } from '../../api/services/codebook.ts';
import { datapackageSchema, dictionaryResponseSchema } from '../../api/services/data-catalogue.ts';
import { downloadsResponseSchema } from '../../api/services/downloads.ts';

const base = inject('baseUrl');

/** The portal builds the files right after start; wait for the manifest. */
async function downloads(): Promise<any> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const response = await fetch(`${base}/api/v1/downloads`);
    if (response.status === 200) return response.json();
    if (Date.now() > deadline) throw new Error('downloads never became available');
    await new Promise((r) => setTimeout(r, 500));
  }
}

const getJson = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type'), path).toContain('application/json');
  return response.json() as Promise<any>;
};

/** A CSV download's header and rows, as a spreadsheet reads them. */
async function csvOf(name: string): Promise<{ header: string[]; rows: Record<string, string>[] }> {
  const bytes = Buffer.from(await (await fetch(`${base}/api/v1/downloads/${name}`)).arrayBuffer());
  const [header, ...rows] = parse(name.endsWith('.gz') ? gunzipSync(bytes) : bytes, { bom: true }) as string[][];
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) };
}

describe('data dictionary, datapackage and codebook', () => {
  it('the dictionary describes every column of every CSV download, in Chinese and English, with the header regulators print', async () => {
    const { catalogue } = await downloads();
    expect(catalogue).toEqual({ dictionary: '/api/v1/downloads/dictionary.json', datapackage: '/api/v1/downloads/datapackage.json', codebook: '/api/v1/downloads/codebook.json' });
    const dictionary = await getJson(catalogue.dictionary);
    expect(dictionary.listSeparator).toBe('；');
    expect(dictionary.types.map((t: { type: string }) => t.type)).toEqual(['spot-checks', 'penalties', 'license-revocations', 'typical-cases', 'cross-border-alerts']);
    for (const type of dictionary.types) {
      const { header } = await csvOf(`${type.type}.csv`);
      expect(type.fields.map((f: { name: string }) => f.name), type.type).toEqual(header);
      for (const field of type.fields) {
        expect(field.zh, `${type.type}.${field.name}`).toMatch(/[\u4e00-\u9fff]/);
        expect(field.en.length, `${type.type}.${field.name}`).toBeGreaterThan(10);
        expect(['string', 'integer', 'number', 'boolean', 'date', 'datetime', 'list', 'object']).toContain(field.kind);
      }
    }
    const penalties = dictionary.types.find((t: { type: string }) => t.type === 'penalties');
    expect(penalties.fields.find((f: { name: string }) => f.name === 'fineAmount')).toMatchObject({ kind: 'number', zh: '罚款金额（元）', published: '罚款金额' });
    expect(penalties.fields.find((f: { name: string }) => f.name === 'penaltyTypes')).toMatchObject({ kind: 'list', example: ['warning', 'fine'] });
    const head = await fetch(`${base}${catalogue.dictionary}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('datapackage.json is a valid Frictionless tabular data package of the CSV downloads, with their absolute URLs, sizes and hashes', async () => {
    const { files } = await downloads();
    const pkg = await getJson('/api/v1/downloads/datapackage.json');
    // The Data Package profile's rules that can be checked offline.
    expect(pkg.profile).toBe('tabular-data-package');
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: expect.stringContaining('CC BY 4.0') }]);
    expect(pkg.resources).toHaveLength(files.filter((f: { format: string }) => f.format !== 'ndjson.gz').length);
    expect(new Set(pkg.resources.map((r: { name: string }) => r.name)).size).toBe(pkg.resources.length);
    const tableSchemaTypes = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'date', 'time', 'datetime', 'year', 'yearmonth', 'duration', 'geopoint', 'geojson', 'any'];
    for (const resource of pkg.resources) {
      expect(resource.name).toMatch(/^([-a-z0-9._/])+$/);
      expect(resource).toMatchObject({ profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', encoding: 'utf-8', dialect: { delimiter: ',', header: true } });
      expect(typeof resource.path).toBe('string');
      // Absolute, at the portal's configured origin (here the listening address: no PUBLIC_URL).
      expect(resource.path.startsWith(`${base}/api/v1/downloads/`), resource.path).toBe(true);
      expect(resource.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
      const bytes = Buffer.from(await (await fetch(resource.path)).arrayBuffer());
      expect(bytes.length, resource.name).toBe(resource.bytes);
      expect(`sha256:${createHash('sha256').update(bytes).digest('hex')}`, resource.name).toBe(resource.hash);
      expect(resource.compression === 'gz').toBe(resource.path.endsWith('.csv.gz'));
      const { fields, primaryKey } = resource.schema;
      expect(fields.length).toBeGreaterThan(0);
      for (const field of fields) {
        expect(Object.keys(field).sort()).toEqual(['description', 'name', 'title', 'type']);
        expect(tableSchemaTypes).toContain(field.type);
      }
      expect(new Set(fields.map((f: { name: string }) => f.name)).size).toBe(fields.length);
      const name = resource.path.split('/').at(-1);
      const { header, rows } = await csvOf(name);
      expect(fields.map((f: { name: string }) => f.name), name).toEqual(header);
      expect(fields.map((f: { name: string }) => f.name)).toContain(primaryKey);
      // Typed cells parse as their type says.
      for (const field of fields.filter((f: { type: string }) => f.type !== 'string')) {
        const pattern = { integer: /^-?\d+$/, number: /^-?\d+(\.\d+)?$/, boolean: /^(true|false)$/, date: /^\d{4}-\d{2}-\d{2}$/, datetime: /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/ }[field.type as string]!;
        for (const row of rows) if (row[field.name] !== '') expect(row[field.name], `${name} ${field.name}`).toMatch(pattern);
      }
    }
  });

  it('the codebook words every code the CSV downloads hold, in Chinese and English, from the glossary', async () => {
    const book = await getJson('/api/v1/downloads/codebook.json');
    expect(book.listSeparator).toBe('；');
    const codesOf = (columns: { column: string; codes: { code: string; zh: string; en: string }[] }[], column: string) => new Map(columns.find((c) => c.column === column)!.codes.map((c) => [c.code, c]));
    const penalties = book.types.find((t: { type: string }) => t.type === 'penalties').columns;
    expect(codesOf(penalties, 'penaltyTypes').get('fine')).toEqual({ code: 'fine', zh: '罚款', en: 'Fine' });
    const spotChecks = book.types.find((t: { type: string }) => t.type === 'spot-checks').columns;
    expect(codesOf(spotChecks, 'result').get('unqualified')).toEqual({ code: 'unqualified', zh: '不合格', en: 'Failed' });
    const checks: [string, string, Map<string, unknown>][] = [
      ['penalties.csv', 'penaltyTypes', codesOf(penalties, 'penaltyTypes')],
      ['spot-checks.csv', 'level', codesOf(spotChecks, 'level')],
      ['spot-checks.csv', 'channel', codesOf(spotChecks, 'channel')],
      ['spot-checks.csv', 'productCategory', codesOf(book.common, 'productCategory')],
      ['penalties.csv', 'regionCode', codesOf(book.common, 'regionCode')],
      ['spot-checks.csv', 'status', codesOf(book.common, 'status')],
    ];
    for (const [file, column, codes] of checks) {
      const { rows } = await csvOf(file);
      const used = new Set(rows.flatMap((r) => r[column]!.split('；')).filter(Boolean));
      expect(used.size, `${file} ${column}`).toBeGreaterThan(0);
      for (const code of used) expect(codes.has(code), `${file} ${column}: ${code}`).toBe(true);
    }
    for (const entry of codesOf(book.common, 'regionCode').values()) expect((entry as { zh: string }).zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('/data carries a schema.org Dataset with one DataDownload per file at the configured origin, and links the dictionary, datapackage and codebook', async () => {
    const { files } = await downloads();
    for (const prefix of ['', '/en']) {
      // A hostile Host must not reach the links: they come from PUBLIC_URL (here the listening address).
      const html = await (await fetch(`${base}${prefix}/data`, { headers: { 'x-forwarded-host': 'evil.example' } })).text();
      const blocks = [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
      expect(blocks, prefix).toHaveLength(1);
      const dataset = blocks[0];
      expect(dataset).toMatchObject({ '@context': 'https://schema.org', '@type': 'Dataset', license: 'https://creativecommons.org/licenses/by/4.0/', creator: { '@type': 'Organization' }, publisher: { '@type': 'Organization' } });
      expect(dataset.name.length).toBeGreaterThan(5);
      expect(dataset.description.length).toBeGreaterThan(50);
      const from = files.map((f: { publishedFrom: string | null }) => f.publishedFrom).filter(Boolean).sort()[0];
      const to = files.map((f: { publishedTo: string | null }) => f.publishedTo).filter(Boolean).sort().at(-1);
      expect(dataset.temporalCoverage).toBe(`${from}/${to}`);
      expect(dataset.temporalCoverage).toMatch(/^\d{4}-\d{2}-\d{2}\/\d{4}-\d{2}-\d{2}$/);
      expect(dataset.distribution).toHaveLength(files.length);
      for (const file of files) {
        const download = dataset.distribution.find((d: { contentUrl: string }) => d.contentUrl === `${base}/api/v1/downloads/${file.name}`);
        expect(download, file.name).toMatchObject({ '@type': 'DataDownload', encodingFormat: file.format === 'ndjson.gz' ? 'application/x-ndjson' : 'text/csv', contentSize: `${file.bytes} B`, identifier: `sha256:${file.sha256}` });
      }
      expect(html).not.toContain('evil.example');
      expect(html).toContain(`href="${prefix}/data/dictionary"`);
      for (const json of ['dictionary', 'datapackage', 'codebook']) expect(html, json).toContain(`href="/api/v1/downloads/${json}.json"`);
    }
  });

  it('/data/dictionary shows every field of every type in a table of its own, in both languages', async () => {
    const dictionary = await getJson('/api/v1/downloads/dictionary.json');
    for (const prefix of ['', '/en']) {
      const response = await fetch(`${base}${prefix}/data/dictionary`);
      expect(response.status).toBe(200);
      const html = await response.text();
      for (const type of dictionary.types) {
        const table = new RegExp(`<table[^>]*data-testid="dictionary-${type.type}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1];
        expect(table, `${prefix} ${type.type}`).toBeDefined();
        const rows = [...table!.matchAll(/<tr[^>]*>\s*<th scope="row"[^>]*><code[^>]*>([^<]+)<\/code><\/th>/g)].map((m) => m[1]);
        expect(rows, `${prefix} ${type.type}`).toEqual(type.fields.map((f: { name: string }) => f.name));
      }
      expect(html).toContain(prefix === '/en' ? 'Header regulators publish' : '发布机关表头');
      expect(html).toContain('行政处罚决定书文号');
    }
  });

  it('every answer is exactly what its exported zod schema says (for the OpenAPI document)', async () => {
    const cases: [string, z.ZodType][] = [
      ['/api/v1/downloads', downloadsResponseSchema],
      ['/api/v1/downloads/dictionary.json', dictionaryResponseSchema],
      ['/api/v1/downloads/datapackage.json', datapackageSchema],
      ['/api/v1/downloads/codebook.json', codebookSchema],
    ];
    await downloads();
    for (const [path, schema] of cases) {
      const body = await getJson(path);
      const parsed = schema.safeParse(body);
      expect(parsed.error?.issues ?? [], path).toEqual([]);
      // Nothing the schema does not name (zod drops unknown keys; the meta block is passed through).
      expect(parsed.data, path).toEqual(body);
    }
  });

  it('/developers describes the bulk downloads: CSV.gz, Range, snapshots, the dictionary, datapackage.json and the codebook', async () => {
    for (const prefix of ['', '/en']) {
      const html = await (await fetch(`${base}${prefix}/developers`)).text();
      const section = /<dl[^>]*data-testid="bulk-downloads"[^>]*>([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '';
      for (const said of ['csv.gz', 'Range', '416', 'If-None-Match', 'HEAD', '/api/v1/downloads/{YYYY-MM-DD}/{file}', 'dictionary.json', 'datapackage.json', 'codebook.json', '；']) {
        expect(section, `${prefix} ${said}`).toContain(said);
      }
      expect(html).toContain(`curl -C - -o spot-checks.csv.gz ${base}/api/v1/downloads/spot-checks.csv.gz`);
    }
  });
});
