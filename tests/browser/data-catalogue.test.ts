import { describe, expect, it } from 'vitest';
import { useBrowser } from '../setup/browser.ts';

const chromium = useBrowser();

describe('the Dataset JSON-LD on /data, in Chromium', () => {
  it('is data, not script: the CSP reports nothing, the page reads it as a Dataset, and its links lead to the dictionary', async () => {
    for (const path of ['/data', '/en/data']) {
      // With JavaScript on, so that a blocked script would show as a CSP violation.
      const { page, response } = await chromium.open(path, { javaScriptEnabled: true });
      const violations: string[] = [];
      page.on('console', (m) => {
        if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
      });
      // Installed before the page's own content on the reload, so every violation is caught.
      await page.addInitScript(() => {
        (globalThis as any).__violations = [];
        document.addEventListener('securitypolicyviolation', (e) => (globalThis as any).__violations.push(e.violatedDirective));
      });
      await page.reload();
      expect(await page.evaluate(() => (globalThis as any).__violations), path).toEqual([]);
      expect(violations, path).toEqual([]);
      // And the listener does hear one: an inline script, which the CSP refuses.
      await page.evaluate(() => document.body.append(Object.assign(document.createElement('script'), { textContent: 'void 0' })));
      await expect.poll(() => page.evaluate(() => (globalThis as any).__violations)).toEqual(['script-src-elem']);
      expect(response?.headers()['content-security-policy'], path).toContain("script-src 'self'");
      const datasets = await page.evaluate(() => [...document.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? '')));
      expect(datasets.map((d) => d['@type']), path).toEqual(['Dataset']);
      expect(datasets[0].distribution.length, path).toBeGreaterThan(0);
      await page.getByRole('link', { name: path.startsWith('/en') ? 'Data dictionary' : '数据字典' }).first().click();
      await page.waitForURL(/\/data\/dictionary$/);
      expect(await page.locator('h1').textContent()).toBe(path.startsWith('/en') ? 'Data dictionary' : '数据字典');
      expect(await page.locator('table.dictionary').count()).toBe(5);
      await page.context().close();
    }
  });
});
