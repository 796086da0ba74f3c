import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../setup/chromium.ts';
import { FEED_NAMES } from '../../api/services/feeds.ts';
import { RECORD_TYPES } from '../../types/registry.ts';

const base = inject('baseUrl');
const FEEDS = ['all', 'spot-checks', 'license-revocations', 'penalties', 'typical-cases', 'expiries'];
let browser: Browser;
/** A blank page with JavaScript on, used only to parse XML with the browser's DOMParser. */
let parser: Page;

beforeAll(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  parser = await (await browser.newContext()).newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** Pages must work without JavaScript: every page is opened with it switched off. */
async function openPage(path: string, locale = 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, locale });
  const page = await context.newPage();
  const response = await page.goto(`${base}${path}`);
  expect(response?.status(), path).toBeLessThan(400);
  return page;
}

interface ParsedXml {
  error: string | null;
  root: string;
  ns: string | null;
  /** Text of elements found by tag name, in the root's namespace. */
  texts: Record<string, string[]>;
  entries: { id: string; title: string; updated: string; alternate: string | null }[];
}

/** Parses XML in the browser: well-formedness errors come back as `error`. */
function parseXml(xml: string, tags: string[]): Promise<ParsedXml> {
  return parser.evaluate(
    ([text, names]) => {
      const doc = new DOMParser().parseFromString(text, 'application/xml');
      const error = doc.getElementsByTagName('parsererror')[0]?.textContent ?? null;
      const root = doc.documentElement;
      const ns = root.namespaceURI;
      const texts = Object.fromEntries(names.map((n) => [n, [...doc.getElementsByTagNameNS(ns, n)].map((e) => e.textContent ?? '')]));
      const entries = [...doc.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
        id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent ?? '',
        title: e.getElementsByTagNameNS(ns, 'title')[0]?.textContent ?? '',
        updated: e.getElementsByTagNameNS(ns, 'updated')[0]?.textContent ?? '',
        alternate: [...e.getElementsByTagNameNS(ns, 'link')].find((l) => l.getAttribute('rel') === 'alternate')?.getAttribute('href') ?? null,
      }));
      return { error, root: root.localName, ns, texts, entries };
    },
    [xml, tags] as const,
  );
}

describe('a journalist browsing typical cases', () => {
  it('filters by campaign, opens a case, sees the citation line; the JSON export has the same cases', async () => {
    const page = await openPage('/typical-cases');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('典型案例');
    const all = Number(await page.getByTestId('total').getAttribute('data-total'));
    expect(all).toBeGreaterThanOrEqual(12);

    // The campaign facet lists campaigns with counts; pick one and filter with the form.
    const facet = page.getByTestId('facet-campaign').getByRole('link').first();
    const slug = new URL((await facet.getAttribute('href'))!, base).searchParams.get('campaign')!;
    expect(slug).toBeTruthy();
    await page.getByLabel('专项行动').selectOption(slug);
    await page.getByRole('button', { name: '筛选' }).click();
    await page.waitForURL((url) => url.searchParams.get('campaign') === slug);
    const total = Number(await page.getByTestId('total').getAttribute('data-total'));
    const items = page.getByTestId('cases').locator(':scope > li');
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all);
    expect(await items.count()).toBe(Math.min(total, 20));

    // Exports carry the same filters; the JSON one answers with the same cases.
    const csv = await page.getByTestId('export-csv').getAttribute('href');
    expect(csv).toMatch(/^\/export\.csv\?type=typical-cases&/);
    expect(new URL(csv!, base).searchParams.get('campaign')).toBe(slug);
    const jsonHref = (await page.getByTestId('export-json').getAttribute('href'))!;
    const json = (await (await fetch(`${base}${jsonHref}`)).json()) as { hits: { id: string; type: string }[]; meta: { total: number } };
    expect(json.meta.total).toBe(total);
    expect(json.hits.every((h) => h.type === 'typical-cases')).toBe(true);
    const listed = await items.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    const caseLinks = listed.filter((href) => href?.startsWith('/typical-cases/'));
    expect(caseLinks.map((href) => decodeURIComponent(href!.split('/').pop()!))).toEqual(json.hits.slice(0, caseLinks.length).map((h) => h.id));

    // Open the first case: the citation names the authority, the title and the permalink.
    await items.first().getByRole('heading').getByRole('link').click();
    await page.waitForURL(/\/typical-cases\/[^/?]+$/);
    const title = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    const citation = await page.getByTestId('citation').textContent();
    expect(citation).toContain(title);
    expect(citation).toContain(`${base}/typical-cases/`);
    expect(citation).toMatch(/产品质量信息公示平台/);
    await page.context().close();
  });

  it('says so when nothing is found, and rejects a made-up filter value', async () => {
    const page = await openPage(`/typical-cases?q=${encodeURIComponent('zzqqxxyy不存在的案例')}`);
    await expect(page.getByTestId('nothing-found').count()).resolves.toBe(1);
    await page.context().close();
    const response = await fetch(`${base}/typical-cases?campaign=no-such-campaign`);
    expect(response.status).toBe(400);
  });

  it('is in English under /en/', async () => {
    const page = await openPage('/en/typical-cases', 'en');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Typical cases');
    await expect(page.getByLabel('Campaign').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Filter' }).count()).resolves.toBe(1);
    const first = await page.getByTestId('cases').getByRole('heading').getByRole('link').first().getAttribute('href');
    expect(first).toMatch(/^\/en\/typical-cases\//);
    await page.context().close();
  });
});

describe('campaigns', () => {
  it('lists campaigns, and a campaign page shows its cases and counts; an unknown campaign is a 404', async () => {
    const list = await openPage('/campaigns');
    const links = list.getByTestId('campaigns').getByRole('heading').getByRole('link');
    expect(await links.count()).toBeGreaterThanOrEqual(5);
    await list.context().close();

    const cases = (await (await fetch(`${base}/api/v1/search?type=typical-cases&limit=1&sort=newest`)).json()) as { hits: { id: string }[] };
    const record = (await (await fetch(`${base}/api/v1/typical-cases/${cases.hits[0]!.id}`)).json()) as { record: { campaign: string; title: string } };
    const page = await openPage(`/campaigns/${record.record.campaign}`);
    const titles = await page.getByTestId('campaign-cases').getByRole('link').allTextContents();
    expect(titles).toContain(record.record.title);
    await expect(page.getByTestId('campaign-figures').textContent()).resolves.toMatch(/不合格率|监督抽查/);
    const searchLinks = await page.locator(`a[href^="/search?type="][href*="campaign=${record.record.campaign}"]`).count();
    expect(searchLinks).toBeGreaterThanOrEqual(4);
    await page.context().close();

    const missing = await fetch(`${base}/campaigns/no-such-campaign`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('未找到');
  });
});

describe('feeds, sitemap and robots.txt', () => {
  it('every feed is well-formed Atom whose entries link to existing pages', async () => {
    for (const feed of FEEDS) {
      const response = await fetch(`${base}/feeds/${feed}.xml`);
      expect(response.status, feed).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
      const xml = await parseXml(await response.text(), ['updated']);
      expect(xml.error, feed).toBeNull();
      expect(xml.root).toBe('feed');
      expect(xml.ns).toBe('http://www.w3.org/2005/Atom');
      expect(xml.texts.updated!.length).toBeGreaterThan(0);
      expect(xml.entries.length, feed).toBeGreaterThan(0);
      expect(xml.entries.length).toBeLessThanOrEqual(50);
      for (const entry of xml.entries) {
        expect(entry.id && entry.title).toBeTruthy();
        expect(Number.isNaN(Date.parse(entry.updated))).toBe(false);
        expect(entry.alternate).toMatch(new RegExp(`^${base}/(${RECORD_TYPES.join('|')})/`));
      }
      // Newest first, and each entry's page exists (withdrawn ones as tombstones).
      const times = xml.entries.map((e) => Date.parse(e.updated));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      for (const entry of xml.entries.slice(0, 3)) expect((await fetch(entry.alternate!)).status, entry.alternate!).toBe(200);
    }
    expect((await fetch(`${base}/feeds/no-such-feed.xml`)).status).toBe(404);
  });

  it('the sitemap index and each of its files are well-formed sitemaps; typical cases are listed in both languages; robots.txt points to the index', async () => {
    const response = await fetch(`${base}/sitemap.xml`);
    expect(response.status).toBe(200);
    const index = await parseXml(await response.text(), ['loc']);
    expect(index.error).toBeNull();
    expect(index.root).toBe('sitemapindex');
    expect(index.ns).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
    const locs: string[] = [];
    for (const file of index.texts.loc!) {
      expect(file.startsWith(`${base}/sitemaps/`), file).toBe(true);
      const xml = await parseXml(await (await fetch(file)).text(), ['loc']);
      expect(xml.error, file).toBeNull();
      expect(xml.root, file).toBe('urlset');
      expect(xml.ns, file).toBe('http://www.sitemaps.org/schemas/sitemap/0.9');
      expect(xml.texts.loc!.length, file).toBeLessThanOrEqual(50_000);
      locs.push(...xml.texts.loc!);
    }
    const cases = locs.filter((l) => l.startsWith(`${base}/typical-cases/`));
    expect(cases.length).toBeGreaterThanOrEqual(12);
    expect(locs).toContain(`${base}/en/typical-cases/${cases[0]!.split('/').pop()}`);
    for (const path of ['/', '/typical-cases', '/campaigns', '/data', '/search']) expect(locs).toContain(`${base}${path}`);
    expect((await fetch(cases[0]!)).status).toBe(200);

    const robots = await fetch(`${base}/robots.txt`);
    expect(robots.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await robots.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Disallow: \/api\/$/m);
    expect(text).toContain(`Sitemap: ${base}/sitemap.xml`);
  });
});

describe('the data page', () => {
  it('offers downloads, the API, feeds, the licence, the disclaimer and the last update, in both languages', async () => {
    const page = await openPage('/data');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('数据与接口');
    await expect(page.getByTestId('feeds').getByRole('link').count()).resolves.toBe(FEED_NAMES.length);
    await expect(page.getByTestId('license').textContent()).resolves.toContain('CC BY 4.0');
    await expect(page.getByTestId('disclaimer').textContent()).resolves.toContain('发布机关');
    await expect(page.getByTestId('last-update').locator('time').count()).resolves.toBe(1);
    expect(await page.getByTestId('exports').locator('a[href^="/export.csv?type="]').count()).toBe(5);
    await page.context().close();
    const en = await openPage('/en/data', 'en');
    await expect(en.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Data and API');
    await en.context().close();
  });
});
