import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:4400';
const pages = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
for (const [i, p] of pages.entries()) {
  for (const width of [360, 1280]) {
    const ctx = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await ctx.newPage();
    await page.goto(base + p);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: `/tmp/shots/p${i}-${width}.png`, fullPage: process.env.FULL !== '0' });
    console.log(p, width, 'overflow', overflow);
    await ctx.close();
  }
}
await browser.close();
