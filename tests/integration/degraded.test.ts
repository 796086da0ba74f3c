import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../../runtime/ports.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';

/** A second portal on the same database, pointed at a Meilisearch that is not there. */
let portal: PortalProcess;
let base: string;

beforeAll(async () => {
  portal = startPortal({
    DATA_DIR: path.join(inject('tmpDir'), 'degraded'),
    DATABASE_URL: inject('databaseUrl'),
    MEILI_URL: `http://127.0.0.1:${await freePort()}`,
    MEILI_MASTER_KEY: 'a-key-for-a-server-that-is-down',
    HOST: '127.0.0.1',
    PORT: String(await freePort()),
  });
  base = await portal.ready;
});
afterAll(async () => {
  await portal?.stop();
});

describe('with Meilisearch unreachable', () => {
  it('still starts, and health says search is degraded', async () => {
    const response = await fetch(`${base}/api/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'degraded', db: 'ok', search: 'degraded' });
    expect(portal.output()).toMatch(/Meilisearch unavailable/);
  });

  it('answers search from PostgreSQL in the same shape, marked degraded', async () => {
    const body = (await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent('电缆')}&limit=5`)).json()) as any;
    expect(body.meta.degraded).toBe(true);
    expect(body.hits.length).toBe(5);
    for (const hit of body.hits) expect(hit).toEqual(expect.objectContaining({ type: expect.any(String), id: expect.any(String), title: expect.any(String), url: expect.any(String) }));
    const page = await fetch(`${base}/search?q=${encodeURIComponent('电缆')}`);
    expect(await page.text()).toContain('搜索服务暂时不可用');
  });

  it('counts like Meilisearch does: every word whole, the total counted beyond the page', async () => {
    const ask = async (q: string) => (await (await fetch(`${base}/api/v1/search?q=${encodeURIComponent(q)}&limit=5`)).json()) as any;
    const cables = await ask('电缆');
    expect(cables.meta).toMatchObject({ degraded: true, total_exact: true });
    expect(cables.meta.total).toBeGreaterThan(5);
    const [onlyDian, onlyLan] = await Promise.all([ask('电'), ask('缆')]);
    expect(cables.meta.total).toBeLessThanOrEqual(Math.min(onlyDian.meta.total, onlyLan.meta.total));
    // Two words, each matched whole somewhere in the record (not the phrase with its space).
    const maker: string = cables.hits.find((h: any) => h.type === 'enterprises').title;
    const twoWords = await ask(`${maker.slice(0, 2)} 电缆`);
    expect(twoWords.meta.total).toBeGreaterThan(0);
    expect(twoWords.meta.total).toBeLessThan(cables.meta.total);
    expect(twoWords.hits.map((h: any) => h.title)).toContain(maker);
  });

  it('keeps record pages working', async () => {
    const body = (await (await fetch(`${base}/api/v1/search?q=&type=penalties&limit=1`)).json()) as any;
    expect((await fetch(`${base}${body.hits[0].url}`)).status).toBe(200);
  });
});
