import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from './chromium.ts';

/**
 * One Chromium for a test file (launched before its tests, closed after) and a way to open a
 * portal page in a fresh context. Pages must work without JavaScript, so it is off by default.
 */
export function useBrowser() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser!,
    async open(path: string, options: { locale?: string; javaScriptEnabled?: boolean } = {}): Promise<{ page: Page; response: Response | null }> {
      const context = await browser!.newContext({ javaScriptEnabled: false, locale: 'zh-CN', ...options });
      const page = await context.newPage();
      const response = await page.goto(`${inject('baseUrl')}${path}`);
      return { page, response };
    },
  };
}
