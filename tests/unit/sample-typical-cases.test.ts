import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseFrontMatter } from '../../sample/curated-cases.ts';
import { buildSampleData } from '../../sample/generate.ts';
import categories from '../../content/taxonomy/categories.json' with { type: 'json' };
import campaigns from '../../content/taxonomy/campaigns.json' with { type: 'json' };
import authorities from '../../content/taxonomy/authorities.json' with { type: 'json' };
import regions from '../../content/sample-data/regions.json' with { type: 'json' };
import { REAL_NAMES_BLOCKLIST as REAL_BRANDS } from '../../sample/words.ts';

const DIR = fileURLToPath(new URL('../../content/typical-cases/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.md')).sort();
const cases = files.map((file) => ({ file, ...parseFrontMatter(readFileSync(join(DIR, file), 'utf8'), file) }));

const STRING_FIELDS = ['slug', 'title', 'summary', 'campaign', 'caseType', 'productCategory', 'region', 'authority',
  'parties', 'violation', 'legalBasis', 'outcome', 'publishedAt'];
const LIST_FIELDS = ['relatedDecisionNos', 'tags'];

/** Readable characters of the body: no whitespace, no Markdown syntax, no headings' #. */
function bodyLength(md: string): number {
  return [...md.replace(/^#{1,6}\s+/gm, '').replace(/[*_`>#[\]()|-]/g, '').replace(/\s+/g, '')].length;
}

describe('typical cases', () => {
  it('has at least 14 case files', () => {
    expect(files.length).toBeGreaterThanOrEqual(14);
  });

  it.each(cases)('$file has the required front matter', ({ file, data }) => {
    for (const f of STRING_FIELDS) {
      expect(typeof data[f], `${file}: ${f}`).toBe('string');
      expect((data[f] as string).trim(), `${file}: ${f}`).not.toBe('');
    }
    for (const f of LIST_FIELDS) {
      expect(Array.isArray(data[f]), `${file}: ${f}`).toBe(true);
      expect((data[f] as string[]).length, `${file}: ${f}`).toBeGreaterThan(0);
    }
    expect(data.slug).toBe(file.replace(/\.md$/, ''));
    expect(data.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(campaigns.map((c) => c.slug)).toContain(data.campaign);
    expect(categories.filter((c) => !('group' in c)).map((c) => c.slug)).toContain(data.productCategory);
    expect(authorities.map((a) => a.id)).toContain(data.authority);
    expect(regions.flatMap((p) => [p.code, ...p.cities.map((c) => c.code)])).toContain(data.region);
    expect(data.publishedAt).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(Number.isNaN(Date.parse(data.publishedAt as string))).toBe(false);
    expect(data.legalBasis).toMatch(/《中华人民共和国[^》]+》|《[^》]+条例》/);
    expect(data.outcome).toMatch(/罚款\d+(\.\d+)?万?元/);
    for (const no of data.relatedDecisionNos as string[]) expect(no).toMatch(/^.+〔20\d\d〕\d+号$/);
    const summary = (data.summary as string).split(/[。！？]/).filter((s) => s.trim()).length;
    expect(summary).toBeLessThanOrEqual(2);
  });

  it.each(cases)('$file has a readable body of 300–800 characters', ({ body }) => {
    const n = bodyLength(body);
    expect(n).toBeGreaterThanOrEqual(300);
    expect(n).toBeLessThanOrEqual(800);
    expect(body).toMatch(/^## 基本案情$/m);
    expect(body).not.toMatch(/<\s*script/i);
  });

  it('covers the 2017, 2018 Lijian and 2023 campaigns and several product categories', () => {
    const used = new Set(cases.map((c) => c.data.campaign));
    for (const slug of ['2017-key-products-rectification', '2018-lijian', '2023-industrial-hazards']) expect(used).toContain(slug);
    expect(new Set(cases.map((c) => c.data.productCategory)).size).toBeGreaterThanOrEqual(10);
  });

  it('keeps parties anonymous and fictional', () => {
    for (const c of cases) {
      for (const party of (c.data.parties as string).split(/[、，]/)) {
        expect(party, c.file).toMatch(/^(某|当事人[\u4e00-\u9fff]某$)/);
      }
      const text = JSON.stringify(c.data) + c.body;
      for (const b of REAL_BRANDS) expect(text.includes(b), `${c.file}: ${b}`).toBe(false);
    }
  });

  it('decision numbers are unique and appear as penalties in the generated data', () => {
    const nos = cases.flatMap((c) => c.data.relatedDecisionNos as string[]);
    expect(new Set(nos).size).toBe(nos.length);
    const data = buildSampleData({ spotChecks: 200, penalties: 60, licenseRevocations: 10 });
    const penalties = data.tables.find((t) => t.type === 'penalties')!.rows;
    const byNo = new Map(penalties.map((r) => [r[0], r]));
    for (const c of cases) {
      const authority = authorities.find((a) => a.id === c.data.authority)!;
      for (const no of c.data.relatedDecisionNos as string[]) {
        const row = byNo.get(no);
        expect(row, no).toBeDefined();
        expect(row![11]).toBe(authority.zh);
        expect(row![10]! <= (c.data.publishedAt as string)).toBe(true);
        if (/当事人[\u4e00-\u9fff]某/.test(c.data.parties as string) && !(c.data.parties as string).includes('、')) {
          expect(row![1]).toMatch(/^.\*\*$/);
          expect(row![2]).toBe('');
        }
      }
    }
  });
});
