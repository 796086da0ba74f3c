import { describe, expect, inject, it } from 'vitest';
import { RECORD_TYPES } from '../../types/registry.ts';

/**
 * English is English: fixed vocabularies come from one glossary, in the API's `labels`, search
 * hits and the English pages; what exists only in Chinese is marked as such. And the outcome of
 * every record has one badge, wherever it is listed.
 */
const base = inject('baseUrl');
const json = async (path: string) => (await (await fetch(`${base}${path}`)).json()) as any;
const html = async (path: string) => (await fetch(`${base}${path}`)).text();
const CJK = /[\u3400-\u9fff]/;
const text = (fragment: string) => fragment.replace(/<[^>]+>/g, '').trim();

describe('the glossary in the API', () => {
  it('a record says its coded fields in both languages', async () => {
    const { hits } = await json('/api/v1/search?type=spot-checks&result=unqualified&limit=1');
    const { labels, record } = await json(`/api/v1/spot-checks/${hits[0].id}`);
    expect(labels.result).toEqual({ zh: '不合格', en: 'Failed' });
    expect(labels.outcome).toEqual({ zh: '不合格', en: 'Failed' });
    expect(labels.status).toEqual({ zh: '已公示', en: 'Published' });
    expect(labels.authority.zh).toBe(record.authority);
    expect(labels.authority.en).not.toMatch(CJK);
    expect(labels.region.en).not.toMatch(CJK);
    expect(labels.region.zh).toContain(record.regionProvince);
  });

  it('a penalty’s violation type and kinds are translated', async () => {
    const { hits } = await json('/api/v1/search?type=penalties&limit=20');
    for (const hit of hits) {
      const { labels } = await json(`/api/v1/penalties/${hit.id}`);
      expect(labels.violationType.en, hit.id).not.toMatch(CJK);
      for (const kind of labels.penaltyTypes) expect(kind.en).not.toMatch(CJK);
    }
  });

  it('every search hit of a record carries its heading in both languages and its outcome badge', async () => {
    for (const type of RECORD_TYPES) {
      const { hits } = await json(`/api/v1/search?type=${type}&limit=10`);
      expect(hits.length, type).toBeGreaterThan(0);
      for (const hit of hits) {
        expect(hit.heading, type).toEqual({ zh: expect.any(String), en: expect.any(String) });
        expect(['adverse', 'clean', 'neutral'], type).toContain(hit.outcome.tone);
        expect(hit.outcome.label.en, type).not.toMatch(CJK);
        expect(hit.authority, type).toEqual(expect.any(String));
      }
    }
  });
});

describe('the home page', () => {
  it('counts what the lists it links to show', async () => {
    const page = await html('/');
    const figures = [...page.matchAll(/<li><a href="([^"]+)"><strong>([\d,]+)<\/strong>/g)];
    expect(figures).toHaveLength(RECORD_TYPES.length);
    for (const [, href, figure] of figures) {
      const type = new URL(href!.replaceAll('&amp;', '&'), base).searchParams.get('type') ?? href!.slice(1);
      const { meta } = await json(`/api/v1/search?type=${type}&limit=1`);
      expect(Number(figure!.replaceAll(',', '')), type).toBe(meta.total);
    }
  });

  it('shows each latest record with its outcome badge, in words and a mark', async () => {
    for (const prefix of ['', '/en']) {
      const page = await html(`${prefix}/`);
      const items = [...page.matchAll(/<li class="record-item"[^>]*data-tone="(\w+)"[\s\S]*?<\/li>/g)];
      expect(items.length).toBeGreaterThanOrEqual(RECORD_TYPES.length * 3);
      for (const [item] of items) expect(item).toMatch(/class="badge tone-(adverse|clean|neutral)"[^>]*>\s*<span class="mark" aria-hidden="true">[✕✓–]<\/span>[^<]+</);
    }
  });
});

describe('English pages', () => {
  it('a penalty page names the authority, the violation and the region in English and marks Chinese text once', async () => {
    const { hits } = await json('/api/v1/search?type=penalties&limit=1');
    const page = await html(`/en/penalties/${hits[0].id}`);
    const field = (name: string) => text(new RegExp(`<dt[^>]*>${name}</dt>\\s*<dd[^>]*>([\\s\\S]*?)</dd>`).exec(page)?.[1] ?? '');
    expect(field('Authority')).not.toMatch(CJK);
    expect(field('Authority')).toMatch(/Administration for Market Regulation/);
    expect(field('Violation')).not.toMatch(CJK);
    expect(field('Region')).not.toMatch(CJK);
    expect(page.match(/data-testid="chinese-only-note"/g)).toHaveLength(1);
    // Chinese values are marked as Chinese for screen readers and fonts.
    expect(page).toMatch(/<dd[^>]*lang="zh-CN"[^>]*>/);
    const chinese = await html(`/penalties/${hits[0].id}`);
    expect(chinese).not.toContain('chinese-only-note');
  });

  it('a firm with a known English name is named by it in English hits', async () => {
    const { hits } = await json('/api/v1/search?type=spot-checks&limit=100&result=unqualified');
    const hit = hits.find((h: any) => h.subtitleEn);
    expect(hit, 'a failed spot check of a firm with an English name').toBeDefined();
    const en = await html(`/en/search?type=spot-checks&q=${encodeURIComponent(hit.subtitle)}`);
    expect(en).toContain(hit.subtitleEn.replaceAll('&', '&amp;'));
    const zh = await html(`/search?type=spot-checks&q=${encodeURIComponent(hit.subtitle)}`);
    expect(zh).not.toContain(hit.subtitleEn.replaceAll('&', '&amp;'));
  });

  it('the search’s authority facet and hits name authorities in English', async () => {
    const page = await html(`/en/search?type=penalties`);
    const facet = /<h2>Authority<\/h2>([\s\S]*?)<\/section>/.exec(page)?.[1] ?? '';
    expect(facet).toMatch(/Administration for Market Regulation/);
    expect(text(facet)).not.toMatch(CJK);
  });
});

describe('verdicts', () => {
  it('a licence suspended counts against its holder, by number and date; a cancelled one is said apart', async () => {
    const { hits } = await json('/api/v1/search?type=license-revocations&limit=100');
    const find = async (zh: string) => {
      for (const hit of hits.filter((h: any) => h.outcome.label.zh === zh)) {
        const { record } = await json(`/api/v1/license-revocations/${hit.id}`);
        if (record.enterpriseId) return record;
      }
      throw new Error(`no ${zh} licence with a holder`);
    };
    const suspended = await find('暂停');
    const zh = await html(`/enterprises/${suspended.enterpriseId}`);
    expect(zh).toMatch(/data-outcome="adverse"/);
    expect(text(zh)).toContain(`许可证 ${suspended.licenseNo} 于`);
    expect(text(zh)).toMatch(new RegExp(`${suspended.licenseNo.replace(/[()]/g, '\\$&')} 于 \\d{4}年\\d{1,2}月\\d{1,2}日被暂停`));
    const en = await html(`/en/enterprises/${suspended.enterpriseId}`);
    expect(text(en)).toMatch(/Licence \S+ suspended on \d{1,2} [A-Z][a-z]+ \d{4}/);
    const profile = await json(`/api/v1/enterprises/${suspended.enterpriseId}`);
    expect(profile.flags.licenseSuspended).toBe(true);
    expect(profile.licenceActions.some((a: any) => a.action === 'suspended')).toBe(true);

    const cancelled = await find('注销');
    const note = text(await html(`/enterprises/${cancelled.enterpriseId}`));
    expect(note).toContain(`许可证 ${cancelled.licenseNo} 已注销`);
  });

  it('says when the latest failure or penalty was, in the page’s language', async () => {
    const { hits } = await json('/api/v1/search?type=penalties&limit=20');
    for (const hit of hits) {
      const { record } = await json(`/api/v1/penalties/${hit.id}`);
      if (!record.enterpriseId) continue;
      const page = text(await html(`/enterprises/${record.enterpriseId}`));
      expect(page).toMatch(/项行政处罚仍在公示期内，最近一次 \d{4}年\d{1,2}月/);
      const en = text(await html(`/en/enterprises/${record.enterpriseId}`));
      expect(en).toMatch(/still within the disclosure period, latest [A-Z][a-z]+ \d{4}/);
      return;
    }
    throw new Error('no penalty naming an enterprise');
  });
});

describe('Chinese typography', () => {
  it('Chinese pages use full-width punctuation after Chinese text, no space after 。, and dates as 2026年3月5日', async () => {
    const { hits } = await json('/api/v1/search?type=penalties&limit=1');
    const pages = ['/', '/search?q=电线', '/typical-cases', '/stats', '/data', `/penalties/${hits[0].id}`, '/search?type=license-revocations'];
    for (const path of pages) {
      const page = await html(path);
      const main = /<main[^>]*>([\s\S]*)<\/main>/.exec(page)![1]!.replace(/<(pre|code|script|svg)[\s\S]*?<\/\1>/g, '');
      // Each text node as written (tags are not spaces: a paragraph ending in 。 is not "。 ").
      const words = [...main.matchAll(/>([^<]+)</g)].map((m) => m[1]!).join('\n');
      expect(words.match(/[\u4e00-\u9fff][:;,?!](?= |$)|[\u4e00-\u9fff]\((?=[\u4e00-\u9fff])/gm), path).toBeNull();
      expect(words.match(/。 +\S/g), path).toBeNull();
      // Dates in running text are written the Chinese way, not as ISO strings or with zero-padded months.
      expect(words.match(/\d{4}年0\d月|\d{4}年\d{1,2}月0\d日/g), path).toBeNull();
    }
  });
});
