import { beforeAll, describe, expect, inject, it } from 'vitest';
import { toTraditional } from '../setup/traditional.ts';
import { DEFAULT_SCREEN_THRESHOLD } from '../../api/services/screen-input.ts';

const base = inject('baseUrl');
const get = async (path: string) => (await fetch(`${base}${path}`)).json() as Promise<any>;
async function screen(body: unknown, raw?: string) {
  const response = await fetch(`${base}/api/v1/screen`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: raw ?? JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}
const fullWidth = (s: string) => s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const withoutForm = (name: string) => name.replace(/(?:股份)?有限(?:责任)?公司$/, '');

interface Known { id: string; name: string; uscc: string }
let known: Known[] = [];
let branded: { id: string; brand: string };
let licence: { licenseNo: string; enterpriseId: string };

beforeAll(async () => {
  // Enterprises of the sample data, from the public search (subtitle is the USCC).
  for (let cursor: string | undefined, page = 0; page < 4; page++) {
    const body = await get(`/api/v1/search?${new URLSearchParams({ type: 'enterprises', limit: '100', ...(cursor ? { cursor } : {}) })}`);
    known.push(...body.hits.filter((h: any) => /^[0-9A-Z]{18}$/.test(h.subtitle ?? '') && /有限公司$/.test(h.title)).map((h: any) => ({ id: h.id, name: h.title, uscc: h.subtitle })));
    cursor = body.meta.next_cursor;
    if (!cursor) break;
  }
  known = known.filter((k, i) => known.findIndex((o) => o.name === k.name) === i);
  expect(known.length).toBeGreaterThan(50);
  for (const k of known) {
    const profile = await get(`/api/v1/enterprises/${k.uscc}`);
    if (profile.enterprise.brands.length) {
      branded = { id: k.id, brand: profile.enterprise.brands[0] };
      break;
    }
  }
  const revocations = await get('/api/v1/search?type=license-revocations&limit=20');
  for (const hit of revocations.hits) {
    const { record } = await get(`/api/v1/license-revocations/${hit.id}`);
    if (record.enterpriseId) {
      licence = { licenseNo: record.licenseNo, enterpriseId: record.enterpriseId };
      break;
    }
  }
  expect(branded && licence).toBeTruthy();
});

describe('POST /api/v1/screen', () => {
  it('matches a USCC exactly, also in lower case and full width', async () => {
    const [a] = known;
    const { status, body } = await screen({
      queries: [
        { key: 'plain', uscc: a!.uscc },
        { key: 'lower', uscc: a!.uscc.toLowerCase() },
        { key: 'wide', uscc: fullWidth(a!.uscc) },
      ],
    });
    expect(status).toBe(200);
    for (const result of body.results) {
      expect(result.matches[0]).toMatchObject({ enterprise: { id: a!.id, uscc: a!.uscc, url: `/enterprises/${a!.uscc}` }, score: 1, reasons: ['uscc'] });
    }
    expect(body.meta).toMatchObject({ queries: 3, matched: 3, errors: 0, threshold: DEFAULT_SCREEN_THRESHOLD, degraded: false, license: expect.any(String), sample_data: true });
  });

  it('reports an invalid USCC on its own query without failing the batch', async () => {
    const { status, body } = await screen({ queries: [{ key: 'bad', uscc: '911100001000013009' }, { key: 'good', uscc: known[0]!.uscc }] });
    expect(status).toBe(200);
    expect(body.results[0]).toMatchObject({ key: 'bad', matches: [], error: expect.stringContaining('check character') });
    expect(body.results[1].matches[0].score).toBe(1);
  });

  it('finds a name without its company form, or in traditional characters, first', async () => {
    const [a, b] = known;
    const { body } = await screen({ queries: [{ key: 'core', name: withoutForm(a!.name) }, { key: 'trad', name: toTraditional(b!.name) }] });
    expect(body.results[0].matches[0].enterprise.id).toBe(a!.id);
    expect(body.results[0].matches[0].score).toBeGreaterThanOrEqual(0.6);
    expect(body.results[0].matches[0].reasons).toEqual(['name-core']);
    expect(body.results[1].matches[0]).toMatchObject({ enterprise: { id: b!.id }, score: 1, reasons: ['name-exact'] });
    for (const r of body.results) {
      const scores = r.matches.map((m: any) => m.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));
      expect(r.matches.length).toBeLessThanOrEqual(5);
    }
  });

  it('finds nothing for an unknown name', async () => {
    const { body } = await screen({ queries: [{ key: 'x', name: '完全虚构的企业名称不存在有限公司' }, { key: 'y', name: 'Zyxwvut Quorble Holdings' }] });
    expect(body.results.map((r: any) => r.matches)).toEqual([[], []]);
    expect(body.meta.matched).toBe(0);
  });

  it('tells firms apart by their trade name (字号): another trade name in the same place and trade, or none at all, is no match; a branch is its parent', async () => {
    const k = known.find((e) => /^\p{Script=Han}{2}电/u.test(withoutForm(e.name).replace(/^\p{Script=Han}{2}[省市]/u, ''))) ?? known[0]!;
    const parts = /^(.*?)(\p{Script=Han}{2})(电.*)$/u.exec(k.name)!;
    // One character of the trade name changed to one no trade name in the sample uses.
    const other = `${parts[1]}${parts[2]![0]}鑫${parts[3]}`;
    const { body } = await screen({ queries: [
      { key: 'other', name: other },
      { key: 'none', name: `${parts[1]}某某${parts[3]}` },
      { key: 'generic', name: parts[3]! },
      { key: 'branch', name: `${k.name}杭州销售分公司` },
    ] });
    const byKey = Object.fromEntries(body.results.map((r: any) => [r.key, r]));
    expect(byKey.other.matches.map((m: any) => m.enterprise.id), other).not.toContain(k.id);
    expect(byKey.none.matches, 'a placeholder trade name').toEqual([]);
    expect(byKey.generic.matches, 'industry and form only').toEqual([]);
    expect(byKey.branch.matches[0].enterprise.id).toBe(k.id);
    expect(byKey.branch.matches[0].reasons).toContain('branch');
  });

  it('matches a brand', async () => {
    const { body } = await screen({ queries: [{ key: 'b', brand: branded.brand }] });
    const match = body.results[0].matches.find((m: any) => m.enterprise.id === branded.id);
    expect(match).toMatchObject({ score: 0.9, reasons: ['brand'] });
  });

  it('matches a licence number from a revocation, with flags and record counts', async () => {
    const spaced = ` ${licence.licenseNo.toLowerCase()} `;
    const { body } = await screen({ queries: [{ key: 'l', licenseNo: spaced }] });
    const match = body.results[0].matches[0];
    expect(match).toMatchObject({ enterprise: { id: licence.enterpriseId }, score: 1, reasons: ['licence-no'] });
    expect(match.flags).toEqual({ repeatFailure: expect.any(Boolean), licenseRevoked: expect.any(Boolean), licenseSuspended: expect.any(Boolean), activePenalties: expect.any(Number) });
    expect(match.records).toEqual({ spotChecks: expect.any(Number), failedSpotChecks: expect.any(Number), penalties: expect.any(Number), licenseRevocations: expect.any(Number), crossBorderAlerts: expect.any(Number) });
    expect(match.records.licenseRevocations).toBeGreaterThanOrEqual(1);
  });

  it('combines the reasons when several fields of one query find the same enterprise', async () => {
    const [a] = known;
    const { body } = await screen({ queries: [{ key: 'both', uscc: a!.uscc, name: a!.name }], threshold: 0.9 });
    expect(body.results[0].matches[0]).toMatchObject({ enterprise: { id: a!.id }, score: 1, reasons: ['uscc', 'name-exact'] });
    expect(body.meta.threshold).toBe(0.9);
  });

  it('answers 1,000 queries in one request', async () => {
    const queries = Array.from({ length: 1000 }, (_, i) => {
      const k = known[i % known.length]!;
      const kind = i % 5;
      if (kind === 0) return { key: `q${i}`, uscc: k.uscc };
      if (kind === 1) return { key: `q${i}`, name: k.name };
      if (kind === 2) return { key: `q${i}`, name: withoutForm(k.name) + (i >= known.length ? '科技' : '') };
      if (kind === 3) return { key: `q${i}`, name: `未知企业${i}号有限公司`, brand: i % 2 ? branded.brand : undefined };
      return { key: `q${i}`, licenseNo: i % 2 ? licence.licenseNo : `XK99-999-${String(i).padStart(5, '0')}`, name: toTraditional(k.name) };
    });
    const started = performance.now();
    const { status, body } = await screen({ queries });
    const took = performance.now() - started;
    console.log(`screen: 1,000 queries in ${Math.round(took)} ms (server ${body.meta?.took_ms} ms), ${body.meta?.matched} matched`);
    expect(status).toBe(200);
    expect(body.results).toHaveLength(1000);
    expect(body.results.map((r: any) => r.key)).toEqual(queries.map((q) => q.key));
    expect(body.meta.matched).toBeGreaterThan(600);
  });

  it('rejects more than 1,000 queries, duplicate keys and queries without anything to match', async () => {
    const tooMany = await screen({ queries: Array.from({ length: 1001 }, (_, i) => ({ key: `k${i}`, name: '鸿达' })) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error).toEqual({ code: 'BAD_REQUEST', message: expect.stringContaining('at most 1,000'), requestId: expect.any(String) });
    const dup = await screen({ queries: [{ key: 'same', name: 'a' }, { key: 'other', name: 'b' }, { key: 'same', uscc: known[0]!.uscc }] });
    expect(dup.status).toBe(400);
    expect(dup.body.error.message).toContain('duplicate key "same"');
    const empty = await screen({ queries: [{ key: 'nothing' }] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toContain('at least one of');
    for (const body of [{ queries: [] }, {}, { queries: [{ key: 'k', name: 'x' }], threshold: 2 }, { queries: [{ key: 'x'.repeat(101), name: 'x' }] }]) {
      expect((await screen(body)).status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
  });

  it('rejects malformed JSON with a 400 and GET with a 405', async () => {
    const malformed = await screen(undefined, '{"queries": [');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/not valid JSON/);
    const response = await fetch(`${base}/api/v1/screen`);
    expect(response.status).toBe(405);
    expect(((await response.json()) as any).error.code).toBe('METHOD_NOT_SUPPORTED');
  });
});

describe('screening with Meilisearch unreachable', () => {
  it('answers names and brands from PostgreSQL, marked degraded', async () => {
    const { connect } = await import('../../db/client.ts');
    const { meiliClient } = await import('../../search/meili.ts');
    const { freePort } = await import('../../runtime/ports.ts');
    const { runScreen } = await import('../../api/services/screen.ts');
    const { screenInput } = await import('../../api/routers/screen.ts');
    const db = connect(inject('databaseUrl'), { max: 2 });
    try {
      const meili = meiliClient({ url: `http://127.0.0.1:${await freePort()}`, masterKey: 'down' });
      const [a, b] = known;
      const input = screenInput.parse({ queries: [{ key: 'n', name: a!.name }, { key: 'c', name: toTraditional(withoutForm(b!.name)) }, { key: 'b', brand: branded.brand }] });
      const out = await runScreen({ db, counters: db, meili }, input);
      expect(out.meta.degraded).toBe(true);
      expect(out.results[0]!.matches[0]).toMatchObject({ enterprise: { id: a!.id }, score: 1 });
      expect(out.results[1]!.matches[0]!.enterprise.id).toBe(b!.id);
      expect(out.results[2]!.matches.map((m) => m.enterprise.id)).toContain(branded.id);

      // USCCs and names equal to a registered name are answered by PostgreSQL before any text
      // search: a batch of only those never asks Meilisearch, so it is not degraded.
      const exact = await runScreen({ db, counters: db, meili }, screenInput.parse({ queries: [{ key: 'u', uscc: b!.uscc }, { key: 'n', name: a!.name }, { key: 't', name: toTraditional(a!.name) }] }));
      expect(exact.meta.degraded).toBe(false);
      expect(exact.results.map((r) => r.matches[0]?.enterprise.id)).toEqual([b!.id, a!.id, a!.id]);
      expect(exact.results[1]!.matches[0]).toMatchObject({ score: 1, reasons: ['name-exact'], evidence: [expect.stringMatching(/^name = /)] });
    } finally {
      await db.close();
    }
  });
});
