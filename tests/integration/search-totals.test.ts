import { Meilisearch } from 'meilisearch';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { isGenericNamePart } from '../../core/text/company.ts';

/**
 * Honest totals and whole-word highlights, on the fictional sample data the portal loads: what a
 * visitor reads as "13 results" must be 13 records that match the query, not every record that
 * shares one of its characters.
 */
const base = inject('baseUrl');
const meili = new Meilisearch({ host: inject('meiliUrl'), apiKey: inject('meiliKey') });
const search = async (params: Record<string, string>) => {
  const response = await fetch(`${base}/api/v1/search?${new URLSearchParams(params)}`);
  expect(response.status).toBe(200);
  return (await response.json()) as any;
};

/** Every hit of a query, page by page. */
async function allHits(q: string): Promise<{ total: number; hits: any[] }> {
  const first = await search({ q, limit: '100' });
  const hits = [...first.hits];
  for (let cursor = first.meta.next_cursor; cursor; ) {
    const next = await search({ q, limit: '100', cursor });
    hits.push(...next.hits);
    cursor = next.meta.next_cursor;
  }
  return { total: first.meta.total, hits };
}

/** The whole indexed document behind a hit, every searchable field included. */
const documentOf = async (hit: { type: string; id: string }) => JSON.stringify(await meili.index(hit.type).getDocument(hit.id));
const marks = (html: string | undefined) => [...(html ?? '').matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1]!);

let company: { name: string; tradeName: string };

beforeAll(async () => {
  // A fictional sample cable maker: the best enterprise hit for 电缆 (names are 字号 + 电缆 + form).
  const { hits } = await search({ q: '电缆', type: 'enterprises', limit: '1' });
  const name: string = hits[0].title;
  company = { name, tradeName: name.slice(0, 2) };
});

describe('totals count matching records only', () => {
  it('a query naming one sample company counts a handful of records, not hundreds', async () => {
    const body = await search({ q: company.name, limit: '20' });
    expect(body.meta.total).toBeGreaterThan(0);
    expect(body.meta.total).toBeLessThan(40);
    expect(body.meta.total_exact).toBe(true);
    expect(body.hits.length).toBe(Math.min(body.meta.total, 20));
  });

  it('电缆 counts no record holding only 电 or only 缆, and every counted record is listed', async () => {
    const { total, hits } = await allHits('电缆');
    expect(total).toBeGreaterThan(20);
    expect(new Set(hits.map((h) => `${h.type}/${h.id}`)).size).toBe(total);
    for (const hit of hits) expect(await documentOf(hit), `${hit.type}/${hit.id}`).toContain('电缆');
  });

  it('a two-character trade name counts records with both characters, not every record with one', async () => {
    const [a, b] = [...company.tradeName];
    const { total, hits } = await allHits(company.tradeName);
    expect(hits.length).toBe(total);
    for (const hit of hits) {
      const doc = await documentOf(hit);
      expect(doc.includes(a!) && doc.includes(b!), `${hit.type}/${hit.id} holds ${a} and ${b}`).toBe(true);
    }
    const [onlyFirst, onlySecond] = await Promise.all([search({ q: a!, limit: '1' }), search({ q: b!, limit: '1' })]);
    expect(total).toBeLessThan(Math.max(onlyFirst.meta.total, onlySecond.meta.total));
  });

  it('totals are never below the hits shown, for pages, types and groups', async () => {
    for (const q of ['电缆', '电线 不合格', company.name, 'cable', 'lanyao cabel', '儿童', '']) {
      const body = await search({ q, limit: '20', group: 'type' });
      expect(body.meta.total, q).toBeGreaterThanOrEqual(body.hits.length);
      if (body.meta.total <= 20) expect(body.hits.length, q).toBe(body.meta.total);
      for (const [type, group] of Object.entries(body.groups ?? {}) as [string, { hits: any[]; total: number }][]) {
        expect(group.total, `${q} ${type}`).toBeGreaterThanOrEqual(group.hits.length);
        expect(group.total, `${q} ${type}`).toBe(body.facets.type[type] ?? 0);
      }
      const second = await search({ q, limit: '20', offset: '20' });
      expect(second.meta.total, q).toBe(body.meta.total);
      expect(second.hits.length, q).toBe(Math.max(0, Math.min(20, body.meta.total - 20)));
    }
  });

  it('the search page says the counted total, without "about"', async () => {
    const body = await search({ q: company.name });
    const html = await (await fetch(`${base}/search?q=${encodeURIComponent(company.name)}`)).text();
    expect(html).toContain(`共 ${body.meta.total} 条结果`);
    expect(html).not.toContain('共约');
    const english = await (await fetch(`${base}/en/search?q=${encodeURIComponent(company.name)}`)).text();
    expect(english).toMatch(new RegExp(`>${body.meta.total} results?<`));
  });
});

describe('highlights mark whole words', () => {
  it('a company name is marked as one run, never its legal form or a lone shared character alone', async () => {
    const body = await search({ q: company.name, limit: '50' });
    const own = body.hits.find((h: any) => h.type === 'enterprises' && h.title === company.name);
    expect(own?.highlight.title).toBe(`<mark>${company.name}</mark>`);
    for (const hit of body.hits)
      for (const mark of [...marks(hit.highlight?.title), ...marks(hit.highlight?.subtitle)]) {
        expect(isGenericNamePart(mark), `${hit.title}: ${mark}`).toBe(false);
        expect([...mark].length > 1 || !/\p{Script=Han}/u.test(mark), `${hit.title}: ${mark}`).toBe(true);
      }
  });

  it('English matches are whole words, and 电缆 is marked as a word', async () => {
    for (const q of ['cable', 'cab']) {
      const body = await search({ q, limit: '50' });
      const marked = body.hits.flatMap((h: any) => [h.highlight?.title, h.highlight?.subtitle]).filter((s: string | undefined) => s?.includes('<mark>'));
      expect(marked.length, q).toBeGreaterThan(0);
      for (const html of marked as string[]) expect(html, q).not.toMatch(/[A-Za-z]<mark>|<\/mark>[A-Za-z]/);
    }
    const cables = await search({ q: '电缆', type: 'enterprises', limit: '5' });
    for (const hit of cables.hits) expect(marks(hit.highlight.title), hit.title).toContain('电缆');
  });
});
