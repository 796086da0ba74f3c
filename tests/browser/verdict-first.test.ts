import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../setup/portal-process.ts';
import { toTraditional } from '../setup/traditional.ts';
import { useBrowser } from '../setup/browser.ts';

/**
 * The consumer's main path on a phone and a desktop, in both languages: a search for a company's
 * name answers with that company and its verdict first; a withdrawn record opens with its notice;
 * no page scrolls sideways. Screenshots go to test-results/screenshots/.
 */
const base = inject('baseUrl');
const token = inject('adminToken');
const SHOTS = path.join(ROOT, 'test-results/screenshots');
const WIDTHS = [360, 1280] as const;
const chromium = useBrowser();
const axeSource = () => fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

interface Enterprise { id: string; uscc: string; name: string; englishName: string | null }
let company: Enterprise;
let penaltyUrl: string;

/** A sample enterprise with an English name and a failed spot check, found through the API. */
beforeAll(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
  penaltyUrl = ((await (await fetch(`${base}/api/v1/search?type=penalties&limit=1`)).json()) as { hits: { url: string }[] }).hits[0]!.url;
  const list = (await (await fetch(`${base}/api/v1/search?type=spot-checks&result=unqualified&limit=50`)).json()) as { hits: { id: string }[] };
  for (const hit of list.hits) {
    const { record } = (await (await fetch(`${base}/api/v1/spot-checks/${hit.id}`)).json()) as { record: { manufacturerId?: string } };
    if (!record.manufacturerId) continue;
    const profile = (await (await fetch(`${base}/api/v1/enterprises/${record.manufacturerId}`)).json()) as { enterprise: Enterprise };
    if (profile.enterprise.englishName && profile.enterprise.uscc) {
      company = profile.enterprise;
      return;
    }
  }
  throw new Error('no sample enterprise with an English name and a failed spot check');
});

/** A page at this width, without JavaScript unless asked (axe needs it; the pages do not). */
async function at(width: number, url: string, lang: 'zh' | 'en' = 'zh', javaScriptEnabled = false): Promise<Page> {
  const context = await chromium.browser().newContext({ viewport: { width, height: 800 }, locale: lang === 'en' ? 'en-GB' : 'zh-CN', javaScriptEnabled, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  return page;
}
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
/** The test id of the first thing in <main> that has one (the answer, the tombstone…). */
const firstInMain = (page: Page) => page.evaluate(() => document.querySelector('main [data-testid]')?.getAttribute('data-testid'));

describe('search leads with the answer', () => {
  it('an exact name, in simplified or traditional characters, in English or pinyin, puts the enterprise and its verdict first', async () => {
    const queries: [string, 'zh' | 'en', string][] = [
      [company.name, 'zh', 'name'],
      [toTraditional(company.name), 'zh', 'traditional'],
      [company.englishName!, 'en', 'english'],
    ];
    for (const [q, lang, label] of queries) {
      for (const width of WIDTHS) {
        const page = await at(width, `${lang === 'en' ? '/en' : ''}/search?q=${encodeURIComponent(q)}`, lang);
        expect(await firstInMain(page), `${label} ${width}`).toBe('answer');
        const answer = page.getByTestId('answer');
        // English pages lead with the firm's English name, its legal Chinese name beneath.
        await expect(answer.getByRole('heading', { level: 2 }).textContent()).resolves.toBe(lang === 'en' ? company.englishName : company.name);
        if (lang === 'en') await expect(answer.textContent()).resolves.toContain(company.name);
        await expect(answer.getByTestId('verdict').getAttribute('data-outcome')).resolves.toBe('adverse');
        await expect(answer.getByTestId('verdict').textContent()).resolves.toMatch(lang === 'en' ? /Verdict: adverse records/ : /结论：有不良记录/);
        // On a phone the answer starts within the first screen.
        const box = await answer.boundingBox();
        expect(box!.y, `${label} ${width}`).toBeLessThan(600);
        // …and it is not listed again below.
        const again = await page.locator(`[data-testid="hits"] a[href$="${company.uscc}"], [data-testid="groups"] a[href$="${company.uscc}"]`).count();
        expect(again, label).toBe(0);
        expect(await overflow(page), `${label} ${width}`).toBeLessThanOrEqual(0);
        await shot(page, `search-answer-${label}-${width}`);
        await page.context().close();
      }
    }
  });

  it('a USCC goes straight to its enterprise', async () => {
    const page = await at(360, `/search?q=${company.uscc}`);
    expect(new URL(page.url()).pathname).toBe(`/enterprises/${company.uscc}`);
    await page.context().close();
  });

  it('says plainly that no record is not a guarantee of safety', async () => {
    const page = await at(360, `/search?q=${encodeURIComponent('zqxjvwkplm')}`);
    await expect(page.getByTestId('no-results').textContent()).resolves.toContain('没有记录不等于没有问题');
    await page.context().close();
  });
});

describe('tombstones first', () => {
  it('a withdrawn record opens with its notice — when, why, in the page’s language — and shows no pass badge', async () => {
    const list = (await (await fetch(`${base}/api/v1/search?type=spot-checks&result=qualified&limit=5&sort=oldest`)).json()) as { hits: { id: string; url: string }[] };
    const hit = list.hits[4]!;
    const post = (action: string, body: object) => fetch(`${base}/api/v1/admin/records/${hit.id}/${action}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('withdraw', { reason: '检验报告有误 test report in error' })).status).toBe(200);
    try {
      for (const [lang, prefix] of [['zh', ''], ['en', '/en']] as const) {
        for (const width of WIDTHS) {
          const page = await at(width, `${prefix}${hit.url}`, lang);
          expect(await firstInMain(page)).toBe('tombstone');
          const notice = await page.getByTestId('tombstone').textContent();
          expect(notice).toMatch(lang === 'zh' ? /撤回[\s\S]*\d{4}年\d{1,2}月\d{1,2}日[\s\S]*检验报告有误/ : /withdrawn[\s\S]*\d{1,2} [A-Z][a-z]+ \d{4}[\s\S]*test report in error/);
          expect(notice).not.toMatch(lang === 'zh' ? /test report/ : /检验报告/);
          // The result badge (合格) is not shown on a record no longer in force.
          expect(await page.locator('h1 .badge').isVisible()).toBe(false);
          expect(await overflow(page)).toBeLessThanOrEqual(0);
          await shot(page, `tombstone-${lang}-${width}`);
          await page.context().close();
        }
      }
    } finally {
      expect((await post('restore', {})).status).toBe(200);
    }
  });
});

describe('phones and desktops', () => {
  // One test per page, so a slow machine gives each its own time.
  const PAGES = ['/', `/search?q=${encodeURIComponent('电缆')}`, 'profile', '/stats', '/data', '/data/dictionary', '/developers', '/search?type=cross-border-alerts', '/typical-cases', '/search?type=license-revocations', 'record'];
  it.each(PAGES)('%s does not scroll sideways, in either language, and axe finds nothing serious', async (which) => {
    const axe = await axeSource();
    const url = which === 'profile' ? `/enterprises/${company.uscc}` : which === 'record' ? penaltyUrl : which;
    for (const [lang, prefix] of [['zh', ''], ['en', '/en']] as const) {
      for (const width of WIDTHS) {
        const page = await at(width, `${prefix}${url}`, lang, width === 360);
        expect(await overflow(page), `${prefix}${url} ${width}`).toBeLessThanOrEqual(0);
        if (lang === 'en') {
          // Fixed vocabularies (badges, type labels, field names, facets, navigation) are English on English pages.
          const chinese = await page.evaluate(() =>
            [...document.querySelectorAll('[data-label], dl.fields dt, .facets h2, .facets li > a, .facets li > strong, header.site nav a, th')]
              .map((el) => el.textContent?.trim() ?? '')
              .filter((text) => /[\u3400-\u9fff]/.test(text)),
          );
          expect(chinese, `${prefix}${url} ${width}`).toEqual([]);
        }
        await shot(page, `page-${lang}-${which === '/' ? 'home' : which.replace(/[^a-z]+/gi, '-').replace(/^-|-$/g, '')}-${width}`);
        if (width === 360) {
          await page.addScriptTag({ content: axe });
          const results = await page.evaluate(async () => (globalThis as any).axe.run({ resultTypes: ['violations'] }));
          const bad = results.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
          expect(bad.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`), `${prefix}${url}`).toEqual([]);
        }
        await page.context().close();
      }
    }
  }, 300_000);

  it('on a phone the header and the sample-data banner take at most a fifth of the first screen', async () => {
    for (const lang of ['zh', 'en'] as const) {
      const context = await chromium.browser().newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(`${base}${lang === 'en' ? '/en/' : '/'}`);
      const header = await page.locator('header.site').boundingBox();
      expect(header!.y + header!.height, lang).toBeLessThanOrEqual(640 / 5);
      await context.close();
    }
  });
});
