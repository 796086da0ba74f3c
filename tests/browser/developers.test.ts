import fs from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT } from '../setup/portal-process.ts';
import { useBrowser } from '../setup/browser.ts';

/**
 * /developers on a phone and a desktop, every example opened: the page never scrolls sideways
 * (each code block scrolls inside its own focusable, labelled box), and axe finds nothing
 * serious. Screenshots go to test-results/screenshots/developers-*.png.
 */
const base = inject('baseUrl');
const SHOTS = path.join(ROOT, 'test-results/screenshots');
const chromium = useBrowser();
const axeSource = () => fs.readFile(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  await fs.mkdir(SHOTS, { recursive: true });
});

async function at(width: number, url: string, lang: 'zh' | 'en', javaScriptEnabled: boolean): Promise<Page> {
  const context = await chromium.browser().newContext({ viewport: { width, height: 800 }, locale: lang === 'en' ? 'en-GB' : 'zh-CN', javaScriptEnabled, bypassCSP: true });
  const page = await context.newPage();
  await page.goto(`${base}${url}`);
  return page;
}

describe('/developers fits a phone', () => {
  it.each([360, 1280])('at %i px, with every example open, nothing scrolls sideways but the code boxes', async (width) => {
    for (const [lang, prefix] of [['zh', ''], ['en', '/en']] as const) {
      const page = await at(width, `${prefix}/developers`, lang, width === 360);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${lang} ${width} closed`).toBeLessThanOrEqual(0);
      await page.screenshot({ path: path.join(SHOTS, `developers-${lang}-${width}.png`), fullPage: true });
      const opened = await page.evaluate(() => {
        const all = [...document.querySelectorAll('details')];
        for (const details of all) details.open = true;
        return all.length;
      });
      expect(opened).toBeGreaterThan(10);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), `${lang} ${width}`).toBeLessThanOrEqual(0);
      // Every code block keeps inside the screen, scrolls by itself, and can be reached and named.
      const blocks = await page.$$eval('main pre', (pres) => pres.map((pre) => ({
        right: pre.getBoundingClientRect().right,
        overflowX: getComputedStyle(pre).overflowX,
        tabindex: pre.getAttribute('tabindex'),
        label: pre.getAttribute('aria-label') ?? '',
        wider: pre.scrollWidth > pre.clientWidth,
      })));
      expect(blocks.length).toBeGreaterThan(20);
      for (const block of blocks) {
        expect(block.right).toBeLessThanOrEqual(width);
        expect(block.overflowX).toBe('auto');
        expect(block.tabindex).toBe('0');
        expect(block.label.length).toBeGreaterThan(0);
      }
      // On a phone some answers are wider than the screen: they are the ones that scroll.
      if (width === 360) expect(blocks.some((b) => b.wider)).toBe(true);
      if (width === 360) {
        await page.addScriptTag({ content: await axeSource() });
        const results = await page.evaluate(async () => (globalThis as any).axe.run({ resultTypes: ['violations'] }));
        const bad = results.violations.filter((v: any) => v.impact === 'serious' || v.impact === 'critical');
        expect(bad.map((v: any) => `${v.id}: ${v.help} (${v.nodes.length})`), `${lang}`).toEqual([]);
      }
      await page.screenshot({ path: path.join(SHOTS, `developers-${lang}-${width}-open.png`), fullPage: true });
      await page.locator('#op-screen').screenshot({ path: path.join(SHOTS, `developers-${lang}-${width}-screen.png`) });
      await page.context().close();
    }
  }, 300_000);

  it('works without JavaScript: the first example is open, the others open from their summary', async () => {
    const page = await at(360, '/developers', 'zh', false);
    const details = page.locator('details.api-op');
    await expect(details.first().getAttribute('open')).resolves.not.toBeNull();
    const second = details.nth(1);
    expect(await second.locator('pre[data-testid="curl"]').isVisible()).toBe(false);
    await second.locator(':scope > summary').click();
    expect(await second.locator('pre[data-testid="curl"]').isVisible()).toBe(true);
    // The SDK comes first, open: how to install it and a first call; each operation has its SDK call.
    expect(await page.locator('pre[data-testid="sdk-install"]').isVisible()).toBe(true);
    expect(await page.locator('pre[data-testid="sdk-usage"]').innerText()).toContain("from '@quality-portal/sdk'");
    const sdkCalls = second.locator('details.api-code', { hasText: 'TypeScript (SDK)' });
    await expect(sdkCalls.count()).resolves.toBe(1);
    await sdkCalls.locator(':scope > summary').click();
    expect(await sdkCalls.locator('pre[data-testid="typescript"]').innerText()).toMatch(/createPortalClient\(\{ baseUrl: /);
    await page.context().close();
  });
});
