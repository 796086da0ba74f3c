import { parseDocument, DomUtils } from 'htmlparser2';
import { describe, expect, inject, it } from 'vitest';
import { toTraditional } from '../setup/traditional.ts';

/** Atom feeds of one enterprise and of one brand, over the shared portal's (fictional) sample data. */
const base = inject('baseUrl');
const get = async (path: string) => (await fetch(`${base}${path}`)).json() as Promise<any>;

async function feed(path: string) {
  const response = await fetch(`${base}${path}`);
  expect(response.status, path).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  const doc = parseDocument(await response.text(), { xmlMode: true });
  const root = DomUtils.findOne((e) => e.name === 'feed', doc.children)!;
  expect(root.attribs.xmlns).toBe('http://www.w3.org/2005/Atom');
  const child = (el: any, name: string) => DomUtils.findOne((e) => e.name === name, el.children, false);
  const entries = DomUtils.findAll((e) => e.name === 'entry', root.children).map((e) => ({
    id: DomUtils.textContent(child(e, 'id')!),
    title: DomUtils.textContent(child(e, 'title')!),
    link: child(e, 'link')!.attribs.href!,
    updated: DomUtils.textContent(child(e, 'updated')!),
  }));
  const self = DomUtils.findOne((e) => e.name === 'link' && e.attribs.rel === 'self', root.children, false)!.attribs.href!;
  return { id: DomUtils.textContent(child(root, 'id')!), self, entries };
}

/** An enterprise with several records, from the public search and its profile. */
async function enterpriseWithRecords() {
  const { hits } = await get('/api/v1/search?type=enterprises&limit=50');
  for (const hit of hits) {
    const profile = await get(`/api/v1/enterprises/${encodeURIComponent(hit.id)}`);
    if (profile.enterprise.uscc && profile.timeline.length >= 2 && profile.enterprise.brands.length) return profile;
  }
  throw new Error('no enterprise with records');
}

describe('Atom feeds per enterprise and per brand', () => {
  it('lists every record of an enterprise, newest first, with tag: ids and absolute links; by USCC or id', async () => {
    const profile = await enterpriseWithRecords();
    const byUscc = await feed(`/feeds/enterprises/${profile.enterprise.uscc}.xml`);
    expect(byUscc.id).toBe(`tag:quality-transparency-portal,2026:feeds/enterprises/${profile.enterprise.id}`);
    expect(byUscc.self).toMatch(new RegExp(`^https?://[^/]+/feeds/enterprises/${profile.enterprise.uscc}\\.xml$`));
    const links = byUscc.entries.map((e) => new URL(e.link).pathname);
    expect(links).toEqual(expect.arrayContaining(profile.timeline.map((t: any) => t.url)));
    expect(byUscc.entries.every((e) => e.id.startsWith('tag:quality-transparency-portal,2026:') && /^https?:\/\//.test(e.link))).toBe(true);
    const updated = byUscc.entries.map((e) => e.updated);
    expect([...updated].sort().reverse()).toEqual(updated);
    const byId = await feed(`/feeds/enterprises/${encodeURIComponent(profile.enterprise.id)}.xml`);
    expect(byId.entries.map((e) => e.id)).toEqual(byUscc.entries.map((e) => e.id));
  });

  it('is a 404 for an unknown enterprise', async () => {
    for (const key of ['911100001000013009', 'no-such-enterprise']) {
      const response = await fetch(`${base}/feeds/enterprises/${key}.xml`);
      expect(response.status).toBe(404);
    }
  });

  it('is linked from the profile: a visible 订阅 Atom link and a link rel=alternate in the head', async () => {
    const profile = await enterpriseWithRecords();
    const html = await (await fetch(`${base}/enterprises/${profile.enterprise.uscc}`)).text();
    const doc = parseDocument(html);
    const href = `/feeds/enterprises/${profile.enterprise.uscc}.xml`;
    const head = DomUtils.findOne((e) => e.name === 'head', doc.children)!;
    expect(DomUtils.findAll((e) => e.name === 'link' && e.attribs.rel === 'alternate' && e.attribs.type === 'application/atom+xml', head.children).map((e) => e.attribs.href)).toContain(href);
    const visible = DomUtils.findAll((e) => e.name === 'a' && e.attribs.href === href, doc.children);
    expect(visible.map((a) => DomUtils.textContent(a))).toContain('订阅 Atom');
    const brand = profile.enterprise.brands[0];
    expect(DomUtils.findAll((e) => e.name === 'a' && e.attribs.href === `/feeds/brands/${encodeURIComponent(brand)}.xml`, doc.children)).toHaveLength(1);
  });

  it('lists the records naming a brand, however the brand is spelled', async () => {
    const { hits } = await get('/api/v1/search?type=spot-checks&limit=30');
    let record: any;
    for (const hit of hits) {
      ({ record } = await get(`/api/v1/spot-checks/${hit.id}`));
      if (record.brand && /\p{Script=Han}/u.test(record.brand)) break;
    }
    const plain = await feed(`/feeds/brands/${encodeURIComponent(record.brand)}.xml`);
    expect(plain.entries.map((e) => new URL(e.link).pathname)).toContain(`/spot-checks/${record.id}`);
    const traditional = await feed(`/feeds/brands/${encodeURIComponent(toTraditional(record.brand))}.xml`);
    expect(traditional.entries.map((e) => e.link)).toEqual(plain.entries.map((e) => e.link));
    const page = parseDocument(await (await fetch(`${base}/spot-checks/${record.id}`)).text());
    expect(DomUtils.findAll((e) => e.name === 'a' && e.attribs.href === `/feeds/brands/${encodeURIComponent(record.brand)}.xml`, page.children)).toHaveLength(1);
    const none = await feed(`/feeds/brands/${encodeURIComponent('不存在的品牌名称甲乙丙')}.xml`);
    expect(none.entries).toEqual([]);
  });
});
