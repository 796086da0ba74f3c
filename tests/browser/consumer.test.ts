import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../setup/chromium.ts';
import { ROOT } from '../setup/portal-process.ts';

const base = inject('baseUrl');
const SHOTS = path.join(ROOT, 'test-results/screenshots');
let browser: Browser;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  await fs.mkdir(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

async function withPage<T>(options: Parameters<Browser['newContext']>[0], run: (page: Page, context: BrowserContext) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'zh-CN', ...options });
  try {
    return await run(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

/** A brand that the sample data really has, found through the API the page uses. */
async function sampleBrand(): Promise<string> {
  const body = (await (await fetch(`${base}/api/v1/search?type=spot-checks&result=unqualified&limit=20`)).json()) as any;
  for (const hit of body.hits) {
    const record = (await (await fetch(`${base}/api/v1/spot-checks/${hit.id}`)).json()) as any;
    if (record.record.brand && record.record.manufacturerId) return record.record.brand;
  }
  throw new Error('no branded spot check in the sample data');
}

describe('a consumer on a phone', () => {
  it('searches a brand and reaches the enterprise verdict, without JavaScript', async () => {
    const brand = await sampleBrand();
    await withPage({ ...phone, javaScriptEnabled: false }, async (page) => {
      await page.goto(base);
      await page.getByRole('combobox', { name: /搜索/ }).fill(brand);
      await page.getByRole('button', { name: '搜索' }).click();
      await page.waitForURL(/\/search\?q=/);
      await page.screenshot({ path: path.join(SHOTS, 'phone-search.png'), fullPage: true });
      // A spot check: its outcome (合格 or 不合格) is the badge beside its link.
      await page.getByTestId('hits').locator('li[data-type="spot-checks"]').filter({ has: page.locator('.badge', { hasText: /合格/ }) }).getByRole('link').first().click();
      await page.waitForURL(/\/spot-checks\//);
      await page.getByRole('link', { name: /查看生产企业的全部记录/ }).click();
      await page.waitForURL(/\/enterprises\//);
      const verdict = page.getByTestId('verdict');
      await expect(verdict.textContent()).resolves.toMatch(/结论/);
      expect(await verdict.boundingBox().then((b) => b!.width)).toBeLessThanOrEqual(390);
      await page.screenshot({ path: path.join(SHOTS, 'phone-enterprise.png'), fullPage: true });
      // Nothing wider than the phone: no sideways scrolling.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
  });

  it('gets suggestions while typing when JavaScript runs', async () => {
    const brand = await sampleBrand();
    await withPage({ ...phone }, async (page) => {
      await page.goto(base);
      await page.getByRole('combobox', { name: /搜索/ }).pressSequentially(brand.slice(0, 2), { delay: 50 });
      await page.waitForFunction(() => document.querySelectorAll('#suggestions option').length > 0, undefined, { timeout: 5000 });
      expect(await page.locator('#suggestions option').count()).toBeGreaterThan(0);
      // Picking an enterprise from the list (the browser replaces the text and says so) opens its profile.
      const option = page.locator('#suggestions option[label="企业"]').first();
      const name = await option.getAttribute('value');
      await page.getByRole('combobox', { name: /搜索/ }).evaluate((input: HTMLInputElement, value) => {
        input.value = value!;
        input.dispatchEvent(new InputEvent('input', { inputType: 'insertReplacementText', bubbles: true }));
      }, name);
      await page.waitForURL(/\/enterprises\//);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(name);
    });
  });
});

describe('languages', () => {
  it('the switch keeps the current page and its query, in both directions', async () => {
    await withPage({ javaScriptEnabled: false }, async (page) => {
      await page.goto(`${base}/search?q=${encodeURIComponent('电缆')}&type=spot-checks`);
      await page.getByTestId('language-switch').click();
      await page.waitForURL(/\/en\/search\?q=/);
      expect(new URL(page.url()).searchParams.get('type')).toBe('spot-checks');
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Results for/);
      await expect(page.getByTestId('sample-notice').textContent()).resolves.toMatch(/fictional/);
      await page.screenshot({ path: path.join(SHOTS, 'en-search.png'), fullPage: true });
      // Links on an English page stay in English.
      await page.getByTestId('hits').getByRole('link').first().click();
      expect(new URL(page.url()).pathname).toMatch(/^\/en\/spot-checks\//);
      await page.getByTestId('language-switch').click();
      expect(new URL(page.url()).pathname).toMatch(/^\/spot-checks\//);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe('zh-CN');
    });
  });
});

describe('accessibility', () => {
  const pages = async () => {
    const body = (await (await fetch(`${base}/api/v1/search?type=spot-checks&limit=1`)).json()) as any;
    const record = (await (await fetch(`${base}${body.hits[0].url}`.replace(/$/, ''))).text()).match(/href="(\/enterprises\/[^"]+)"/);
    return ['/', '/en/', `/search?q=${encodeURIComponent('电缆')}`, body.hits[0].url, record?.[1] ?? '/', '/en/search?q=cable'];
  };

  it('axe finds no serious or critical violation on the main pages', async () => {
    const axe = await fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
    for (const url of await pages()) {
      // bypassCSP only lets the test inject axe; the page itself is unchanged.
      await withPage({ bypassCSP: true }, async (page) => {
        await page.goto(`${base}${url}`);
        await page.addScriptTag({ content: axe });
        const results = await page.evaluate(async () => (globalThis as any).axe.run({ resultTypes: ['violations'] }));
        const bad = results.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`), url).toEqual([]);
        await page.screenshot({ path: path.join(SHOTS, `page-${url.replace(/[^a-z0-9]+/gi, '_').slice(0, 60)}.png`), fullPage: true });
      });
    }
  });
});

describe('HTTP behaviour of pages', () => {
  it('record pages carry an ETag and Cache-Control, and a repeat request is 304', async () => {
    const body = (await (await fetch(`${base}/api/v1/search?type=penalties&limit=1`)).json()) as any;
    const first = await fetch(`${base}${body.hits[0].url}`);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(first.headers.get('content-encoding')).toMatch(/^(br|gzip)$/);
    const again = await fetch(`${base}${body.hits[0].url}`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    const json = await fetch(`${base}${body.hits[0].url}.json`);
    expect(json.headers.get('content-type')).toMatch(/application\/json/);
    expect(((await json.json()) as any).record.id).toBe(body.hits[0].id);
  });

  it('exports any listing as CSV with the same filters', async () => {
    const params = new URLSearchParams({ type: 'spot-checks', result: 'unqualified', region: '330000' });
    const api = (await (await fetch(`${base}/api/v1/search?${params}`)).json()) as any;
    const csv = await fetch(`${base}/export.csv?${params}`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // BOM: Excel reads the Chinese right
    // The type's own columns (types/spot-checks/index.ts `csv`); cells may hold line breaks, so parse.
    const [header, ...rows] = parse(new TextDecoder().decode(bytes), { bom: true }) as string[][];
    expect(header!.slice(0, 4)).toEqual(['id', 'status', 'product_name', 'product_kind']);
    expect(header).toEqual(expect.arrayContaining(['result', 'unqualified_items', 'manufacturer_uscc', 'region_province', 'url']));
    expect(rows.length).toBe(api.meta.total);
    expect((await fetch(`${base}/export.csv?year=abc`)).status).toBe(400);
  });
});
