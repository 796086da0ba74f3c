import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { useBrowser } from '../setup/browser.ts';

const base = inject('baseUrl');

const chromiumPages = useBrowser();

/** Pages must work without JavaScript: every test runs with it switched off. */
async function openPage(path: string): Promise<Page> {
  const { page, response } = await chromiumPages.open(path);
  expect(response?.status(), path).toBeLessThan(400);
  return page;
}

describe('a consumer looking up a company', () => {
  it('searches from the home page, opens a result and reaches the enterprise profile with its verdict', async () => {
    const page = await openPage('/');
    await expect(page.getByTestId('sample-notice').textContent()).resolves.toContain('虚构');
    await page.getByRole('combobox', { name: /搜索/ }).fill('电缆');
    await page.getByRole('button', { name: '搜索' }).click();
    await page.waitForURL(/\/search\?q=/);
    const hits = page.getByTestId('hits').getByRole('link');
    expect(await hits.count()).toBeGreaterThan(0);

    // Follow a spot-check result to its page, then to the manufacturer's profile.
    await page.goto(`${base}/search?q=${encodeURIComponent('电缆')}&type=spot-checks`);
    await page.getByTestId('hits').getByRole('link').first().click();
    await page.waitForURL(/\/spot-checks\//);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/合格/);
    await expect(page.getByText('来源与状态').count()).resolves.toBe(1);
    await page.getByRole('link', { name: /查看生产企业的全部记录/ }).click();
    await page.waitForURL(/\/enterprises\//);
    await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/结论/);
    expect(await page.locator('main .hits li').count()).toBeGreaterThan(0);
    await expect(page.getByTestId('sample-notice').count()).resolves.toBe(1);
    await page.context().close();
  });
});

describe('record pages', () => {
  it('render each record type, and say so when a record does not exist', async () => {
    for (const type of ['penalties', 'license-revocations', 'typical-cases']) {
      const api = (await (await fetch(`${base}/api/v1/search?type=${type}&limit=1`)).json()) as { hits: { url: string; title: string }[] };
      const page = await openPage(api.hits[0]!.url);
      await expect(page.getByRole('heading', { level: 1 }).count()).resolves.toBe(1);
      await expect(page.getByTestId('sample-notice').count()).resolves.toBe(1);
      await page.context().close();
    }
    const context = await chromiumPages.browser().newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const response = await page.goto(`${base}/penalties/pn-does-not-exist`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('未找到');
    await context.close();
  });
});
