import { describe, expect, it } from 'vitest';
import { documentOperations, EXAMPLES, keyedOperations, operations } from '../../site/lib/api-examples/operations.ts';
import { KEYED_EXAMPLES, keyedExamples } from '../../site/lib/api-examples/keyed.ts';
import { curl, python, SDK_PACKAGE, typescript, typescriptSdk } from '../../site/lib/api-examples/snippets.ts';
import { printJson, printText, trimJson, TRIM } from '../../site/lib/api-examples/trim.ts';

/**
 * /developers shows an example for every public operation of the OpenAPI document: one added to
 * the document without an example fails here, before any server is started.
 */
describe('API examples on /developers', () => {
  it('every public operation of the OpenAPI document has an example, and the admin ones are left out', () => {
    const documented = documentOperations();
    expect(documented.map((op) => op.id)).toEqual(expect.arrayContaining(['search', 'screen', 'getRecord', 'getEnterprise', 'changes', 'listDownloads']));
    expect(documented.some((op) => op.path.includes('/admin'))).toBe(false);
    expect(operations().missing).toEqual([]);
    expect(Object.keys(EXAMPLES).sort()).toEqual(documented.map((op) => op.id).sort());
  });

  it('every watchlist operation (an API key’s own) has its example in the watchlists section, with a documented answer', () => {
    const keyed = keyedOperations();
    expect(keyed.map((op) => op.id)).toEqual(expect.arrayContaining(['createWatchlist', 'listWatchlistEvents', 'replayWatchlistEvents', 'deleteWatchlist']));
    expect(Object.keys(KEYED_EXAMPLES).sort()).toEqual(keyed.map((op) => op.id).sort());
    const { examples, missing } = keyedExamples('https://portal.example.org');
    expect(missing).toEqual([]);
    for (const e of examples) {
      const spec = KEYED_EXAMPLES[e.id]!;
      expect(spec.request.method, e.id).toBe(e.method);
      expect(spec.request.path, e.id).toMatch(new RegExp(`^${e.path.replace(/\{[a-z]+\}/gi, '[^/?]+')}(\\?|$)`, 'i'));
      expect(e.curl, e.id).toContain("-H 'authorization: Bearer qp_…'");
      expect(e.response.length, e.id).toBeGreaterThan(2);
    }
  });

  it('each example asks for a path the document describes, with the method it documents', () => {
    const sample = { type: 'spot-checks' as const, recordId: 'r-1', enterpriseKey: '91350100M000100Y43', enterpriseName: '澜曜电缆有限公司', snapshotDate: '2026-01-01', product: { brand: '澜曜', model: 'BV 2.5' } };
    for (const op of documentOperations()) {
      const request = EXAMPLES[op.id]!.request(sample);
      expect(request.method, op.id).toBe(op.method);
      const pattern = new RegExp(`^${op.path.replace(/\{type\}/g, '[a-z-]+').replace(/\{[a-z]+\}/gi, '[^/?]+')}(\\?|$)`);
      expect(request.path, op.id).toMatch(pattern);
    }
  });

  it('trims arrays, strings, wide and deep objects, and says how much was left out', () => {
    const long = 'x'.repeat(TRIM.chars + 5);
    expect(trimJson([1, 2, 3, 4])).toEqual([1, 2, '… 2 more']);
    expect(trimJson(long)).toBe(`${'x'.repeat(TRIM.chars)}…`);
    expect(trimJson({ a: [1, 2] })).toEqual({ a: [1, 2] });
    let deep: unknown = { f: 1, g: 2 };
    for (let i = 0; i < TRIM.depth; i++) deep = { a: deep };
    expect(JSON.stringify(trimJson(deep))).toContain('"2 keys"');
    const wide = Object.fromEntries(Array.from({ length: TRIM.keys + 3 }, (_, i) => [`k${i}`, i]));
    expect(trimJson(wide)).toMatchObject({ '…': '3 more keys' });
    expect(printJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });

  it('shows the first lines of a text answer, the same from its beginning as from all of it', () => {
    const csv = 'h1,h2\r\na,b\r\nc,d\r\ne,f\r\ng,h\r\n';
    expect(printText(csv)).toBe('h1,h2\na,b\nc,d\n…');
    expect(printText(csv.slice(0, csv.indexOf('e,f') + 1))).toBe(printText(csv));
    expect(printText('h1\na\n')).toBe('h1\na');
  });

  it('writes curl, fetch and requests forms of the same request', () => {
    const request = { method: 'POST' as const, path: '/api/v1/screen', body: { queries: [{ key: 'a', name: "O'Brien 电缆" }] } };
    const shell = curl('https://example.org', request);
    expect(shell).toMatch(/^curl -X POST 'https:\/\/example\.org\/api\/v1\/screen' \\\n/);
    expect(shell).toContain(`'{"queries":[{"key":"a","name":"O'\\''Brien 电缆"}]}'`);
    const get = { method: 'GET' as const, path: '/api/v1/search?q=%E7%94%B5&limit=2' };
    expect(typescript('https://example.org', get)).toContain(`url.searchParams.set("q", "电");`);
    expect(python('https://example.org', get)).toContain(`params = {"q": "电", "limit": "2"}`);
    expect(python('https://example.org', request)).toContain('requests.post(url, json=body, timeout=30)');
  });

  it('writes the SDK form: the operation’s function with its path, query (numbers as numbers) and body', () => {
    const byId = new Map(operations().operations.map((op) => [op.id, op]));
    expect(byId.get('search')!.numeric).toContain('limit');
    expect(byId.get('health')!.inSdk).toBe(false);
    const record = typescriptSdk('https://example.org', byId.get('getRecord')!, { method: 'GET', path: '/api/v1/spot-checks/a%20b%2F%E7%94%B5' });
    expect(record).toContain(`import { createPortalClient, getRecord } from '${SDK_PACKAGE}';`);
    expect(record).toContain(`createPortalClient({ baseUrl: 'https://example.org' })`);
    expect(record).toContain('path: { type: "spot-checks", id: "a b/电" },');
    const search = typescriptSdk('https://example.org', byId.get('search')!, { method: 'GET', path: '/api/v1/search?q=12&limit=2' });
    expect(search).toContain('query: { q: "12", limit: 2 },');
    expect(search).not.toContain('path:');
    const screen = typescriptSdk('https://example.org', byId.get('screen')!, { method: 'POST', path: '/api/v1/screen', body: { queries: [{ key: 'a', name: "O'Brien" }] } });
    expect(screen).toMatch(/await screen\(\{\n  client,\n  body: \{\n    "queries": \[/);
    expect(screen).toContain('throwOnError: true,');
  });
});
