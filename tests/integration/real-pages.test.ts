import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';

/**
 * A real announcement uploaded to the running portal as a publisher would (admin API), then read
 * as a visitor: each party with its role, the source down to the row, the verdict of a company
 * that only sold the failed product.
 */
const base = inject('baseUrl');
const token = inject('adminToken');
const FILE = path.join(import.meta.dirname, '../fixtures/real/spot-checks/07-tianjin-hedong-2018-childrens-clothing.orig.csv');
const db = connect(inject('databaseUrl'), { max: 1 });
let rows: (typeof spotChecks.$inferSelect)[];

beforeAll(async () => {
  const form = new FormData();
  form.set('type', 'spot-checks');
  form.set('authority', '天津市河东区市场和质量监督管理局');
  form.set('publishedAt', '2018-11-28');
  form.set('category', '儿童服装');
  form.set('file', new File([await fs.readFile(FILE)], path.basename(FILE), { type: 'text/csv' }));
  const response = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const report = (await response.json()) as { status: string; created: number; unchanged: number; tables: unknown[]; warnings: unknown[] };
  expect(response.status, JSON.stringify(report)).toBe(200);
  expect(report).toMatchObject({ status: 'succeeded' });
  expect(report.created + report.unchanged).toBe(5);
  expect(report.tables).toHaveLength(1);
  rows = await db.db.select().from(spotChecks).where(sql`${spotChecks.source}->>'file' = ${path.basename(FILE)}`).orderBy(sql`(${spotChecks.source}->>'row')::int`);
});
afterAll(() => db.close());

describe('a real record as a visitor sees it', () => {
  it('lists every party with its role and the annotation as published, and traces the record to its row', async () => {
    const page = await (await fetch(`${base}/spot-checks/${rows[1]!.id}`)).text();
    const parties = page.slice(page.indexOf('data-testid="parties"'), page.indexOf('</section>', page.indexOf('data-testid="parties"')));
    expect(parties).toMatch(/标称生产者<\/dt>\s*<dd><a href="\/enterprises\/e-[0-9a-f]+">天津童伊汇服饰有限公司<\/a>/);
    expect(parties).toMatch(/经销商<\/dt>\s*<dd><a href="\/enterprises\/e-[0-9a-f]+">天津童伊汇服饰连锁有限公司<\/a>/);
    expect(parties).toContain('标称经销商');
    expect(page).toContain('天津市河东区市场和质量监督管理局');
    expect(page).toContain(`${path.basename(FILE)} · 第 3 行`);
    expect(page).toMatch(/SHA-256 <code>[0-9a-f]{16}…<\/code>/);
    const en = await (await fetch(`${base}/en/spot-checks/${rows[4]!.id}`)).text();
    expect(en).toMatch(/Importer<\/dt>\s*<dd><a [^>]+>阿迪达斯体育\(中国\)有限公司<\/a>/);
  });

  it('does not count a failed product against a company that only distributed it, and says so', async () => {
    const distributor = rows[2]!.namedParties[0]!;
    expect(distributor.role).toBe('distributor');
    const page = await (await fetch(`${base}/enterprises/${distributor.enterpriseId}`)).text();
    const verdict = page.slice(page.indexOf('data-testid="verdict"'), page.indexOf('</section>', page.indexOf('data-testid="verdict"')));
    expect(verdict).not.toMatch(/次监督抽查不合格/);
    expect(verdict).toContain('另有 1 批次不合格产品系其销售、经销或进口，并非其生产。');
    const maker = await (await fetch(`${base}/enterprises/${rows[0]!.manufacturerId}`)).text();
    expect(maker).toContain('其生产的产品 1 次监督抽查不合格，最近一次 2018年11月');
  });
});
