import { execFile } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import categories from '../../content/taxonomy/categories.json' with { type: 'json' };
import campaigns from '../../content/taxonomy/campaigns.json' with { type: 'json' };
import authorities from '../../content/taxonomy/authorities.json' with { type: 'json' };
import regions from '../../content/sample-data/regions.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('taxonomy', () => {
  it('lists categories with unique slugs, parents that exist and 4–8 test items per leaf', () => {
    const slugs = categories.map((c) => c.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    for (const c of categories) {
      expect(c.slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.en).toMatch(/^[A-Z]/);
      if ('parent' in c && c.parent) expect(slugs).toContain(c.parent);
      if ('group' in c && c.group) expect(c.testItems).toEqual([]);
      else {
        expect(c.testItems.length, c.slug).toBeGreaterThanOrEqual(4);
        expect(c.testItems.length, c.slug).toBeLessThanOrEqual(8);
        expect(new Set(c.testItems).size).toBe(c.testItems.length);
      }
    }
    for (const s of ['wire-cable', 'children-clothing', 'children-shoes', 'toys', 'electric-bicycle', 'ebike-charger',
      'ebike-lithium-battery', 'ebike-helmet', 'gas-stove', 'gas-water-heater', 'gas-pressure-regulator', 'gas-hose',
      'gas-leak-alarm', 'fire-extinguisher', 'emergency-lighting', 'fertilizer', 'cement', 'induction-cooker', 'rice-cooker',
      'casual-clothing', 'travel-bags', 'elderly-shoes', 'walking-aids', 'adult-diapers', 'food-paper-packaging', 'mulch-film',
      'safety-helmet']) expect(slugs).toContain(s);
    const wire = categories.find((c) => c.slug === 'wire-cable')!;
    expect(wire.testItems).toEqual(expect.arrayContaining(['导体电阻', '绝缘厚度', '护套厚度', '燃烧试验', '标志']));
  });

  it('lists campaigns including the three named ones', () => {
    const bySlug = new Map(campaigns.map((c) => [c.slug, c]));
    expect(bySlug.size).toBe(campaigns.length);
    expect(bySlug.get('2017-key-products-rectification')?.year).toBe(2017);
    expect(bySlug.get('2018-lijian')?.zh).toContain('利剑');
    expect(bySlug.get('2023-industrial-hazards')?.zh).toBe('2023年重点工业产品质量安全隐患排查治理专项行动');
    const slugs = new Set(categories.map((c) => c.slug));
    for (const c of campaigns) {
      expect(c.description.length).toBeGreaterThan(20);
      for (const cat of c.categories) expect(slugs.has(cat), `${c.slug}: ${cat}`).toBe(true);
    }
    expect(campaigns.length).toBeGreaterThanOrEqual(5);
  });

  it('lists 31 provinces with GB/T 2260 codes and 2–4 cities each', () => {
    expect(regions).toHaveLength(31);
    for (const p of regions) {
      expect(p.code).toMatch(/^[1-6]\d0000$/);
      expect(p.cities.length).toBeGreaterThanOrEqual(2);
      expect(p.cities.length).toBeLessThanOrEqual(4);
      for (const c of p.cities) {
        expect(c.code).toMatch(/^\d{6}$/);
        expect(c.code.slice(0, 2)).toBe(p.code.slice(0, 2));
        expect(c.code.endsWith('0000')).toBe(false);
      }
    }
    const zj = regions.find((p) => p.code === '330000')!;
    expect(zj.cities).toEqual(expect.arrayContaining([{ code: '330100', zh: '杭州市', en: 'Hangzhou' }, { code: '330200', zh: '宁波市', en: 'Ningbo' }]));
    expect(regions.find((p) => p.code === '440000')!.cities.map((c) => c.code)).toContain('440300');
  });

  it('lists SAMR, AQSIQ and one market-regulation authority per province', () => {
    const ids = authorities.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(authorities.find((a) => a.id === 'samr')).toMatchObject({ zh: '国家市场监督管理总局', level: 'national' });
    expect(authorities.find((a) => a.id === 'aqsiq')).toMatchObject({ zh: '国家质量监督检验检疫总局', level: 'national' });
    const provincial = authorities.filter((a) => a.level === 'provincial');
    expect(provincial).toHaveLength(31);
    expect(new Set(provincial.map((a) => a.regionCode))).toEqual(new Set(regions.map((p) => p.code)));
    for (const a of provincial) expect(a.zh).toMatch(/市场监督管理(局|厅|委员会)$/);
    expect(authorities.find((a) => a.regionCode === '110000')?.zh).toBe('北京市市场监督管理局');
  });
});

describe('generate CLI', () => {
  const run = (args: string[]) =>
    promisify(execFile)(join(ROOT, 'node_modules/.bin/node'), [join(ROOT, 'cli/run.mjs'), 'generate', ...args], { cwd: ROOT })
      .then(({ stdout }) => ({ code: 0, stdout, stderr: '' }))
      .catch((e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

  it('exits 2 with a message on usage errors', async () => {
    for (const args of [[], ['--out'], ['--out', 'x', '--seed', 'abc'], ['--out', 'x', '--penalties', '-3'], ['--bogus']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/usage: npm run generate/);
    }
  }, 30_000);

  it('writes the files with custom counts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sample-cli-'));
    try {
      const r = await run(['--out', dir, '--seed', '3', '--spot-checks', '100', '--penalties', '20', '--license-revocations', '5']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('spot-checks: 100 rows');
      expect((await readdir(dir)).sort()).toEqual(['cross-border-alerts.csv', 'enterprises.json', 'license-revocations.csv', 'penalties.csv', 'spot-checks.csv']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
