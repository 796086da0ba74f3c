import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../setup/browser.ts';
import { ROOT } from '../setup/portal-process.ts';

const base = inject('baseUrl');

const CHARTS = [
  'failure-by-category',
  'failure-by-year',
  'unqualified-items',
  'penalties-by-type',
  'fines-by-type',
  'fines-distribution',
  'records-by-province',
];
const CJK = /[\u4e00-\u9fff]/;

const chromiumPages = useBrowser();

/** The charts are server-rendered SVG: every test runs with JavaScript switched off. */
async function openPage(path: string): Promise<Page> {
  const { page, response } = await chromiumPages.open(path);
  expect(response?.status(), path).toBe(200);
  return page;
}

/** The numbers of a table column, read from "12.3%" or "12.3 %". */
async function percentColumn(page: Page, chart: string, column: number): Promise<number[]> {
  const cells = await page.locator(`#${chart} table tbody tr`).evaluateAll(
    (rows, i) => rows.map((row) => row.children[i]?.textContent ?? ''),
    column,
  );
  return cells.map((text) => {
    expect(text, chart).toMatch(/%/);
    return Number.parseFloat(text.replace(/[^\d.]/g, ''));
  });
}

describe('/stats', () => {
  for (const [path, h1, firstChart] of [
    ['/stats', '统计', '各产品类别抽查不合格率'],
    ['/en/stats', 'Statistics', 'Spot-check failure rate by product category'],
  ] as const) {
    it(`${path} shows every chart as an accessible SVG with its data table and CSV link`, async () => {
      const page = await openPage(path);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(h1);
      await expect(page.getByRole('heading', { level: 2, name: firstChart }).count()).resolves.toBe(1);
      await expect(page.getByTestId('sample-notice').count()).resolves.toBe(1);
      // The CSP forbids inline styles: nothing on the page may carry a style attribute.
      await expect(page.locator('[style]').count()).resolves.toBe(0);

      for (const chart of CHARTS) {
        const section = page.locator(`section#${chart}`);
        const svg = section.locator('svg[role="img"]');
        await expect(svg.count(), chart).resolves.toBe(1);
        await expect(svg.locator(':scope > title').count(), chart).resolves.toBe(1);
        const labelledBy = await svg.getAttribute('aria-labelledby');
        const heading = page.locator(`#${labelledBy}`);
        await expect(heading.isVisible(), chart).resolves.toBe(true);
        const title = (await heading.textContent()) ?? '';
        expect(title.length, chart).toBeGreaterThan(0);
        if (path.startsWith('/en/')) expect(title, chart).not.toMatch(CJK);
        else expect(title, chart).toMatch(CJK);
        await expect(section.locator('svg rect').count(), chart).resolves.toBeGreaterThan(0);
        await expect(section.locator('table').count(), chart).resolves.toBe(1);
        await expect(section.locator('table tbody tr').count(), chart).resolves.toBeGreaterThan(0);
        await expect(section.locator(`a[href="/stats/${chart}.csv"]`).count(), chart).resolves.toBe(1);
      }

      for (const chart of ['failure-by-category', 'failure-by-year']) {
        const rates = await percentColumn(page, chart, 3);
        expect(rates.length).toBeGreaterThan(0);
        for (const rate of rates) {
          expect(rate, chart).toBeGreaterThanOrEqual(0);
          expect(rate, chart).toBeLessThanOrEqual(100);
        }
      }
      await page.context().close();
    });
  }

  it('serves every chart as CSV: UTF-8 with BOM, a header row and data rows', async () => {
    for (const chart of CHARTS) {
      const response = await fetch(`${base}/stats/${chart}.csv`);
      expect(response.status, chart).toBe(200);
      expect(response.headers.get('content-type'), chart).toMatch(/^text\/csv/);
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect([...bytes.slice(0, 3)], chart).toEqual([0xef, 0xbb, 0xbf]);
      const lines = new TextDecoder().decode(bytes).split('\r\n').filter(Boolean);
      expect(lines.length, chart).toBeGreaterThanOrEqual(2);
      expect(lines[0], chart).toMatch(/^[a-z_]+(,[a-z_]+)+$/);
      for (const line of lines) expect(line, chart).not.toMatch(/(^|,)[=+\-@]/);
    }
    const english = await fetch(`${base}/en/stats/failure-by-year.csv`);
    expect(english.status).toBe(200);
    const unknown = await fetch(`${base}/stats/no-such-chart.csv`);
    expect(unknown.status).toBe(404);
  });

  it('axe finds no serious or critical violation on /stats and /en/stats', async () => {
    const axe = await fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    for (const url of ['/stats', '/en/stats']) {
      // bypassCSP only lets the test inject axe; the page itself is unchanged.
      const context = await chromiumPages.browser().newContext({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${base}${url}`);
      await page.addScriptTag({ content: axe });
      const results = await page.evaluate(async () => (globalThis as any).axe.run({ resultTypes: ['violations'] }));
      const bad = results.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
      expect(bad.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`), url).toEqual([]);
      await context.close();
    }
  });
});
