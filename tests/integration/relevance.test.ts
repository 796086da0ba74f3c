import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Portal } from '../../api/portal.ts';
import { search } from '../../api/services/search.ts';
import { importEnterpriseDirectory } from '../../ingest/enterprise-directory.ts';
import { importFile } from '../../ingest/import-file.ts';
import { expireDisclosures, withdrawRecord } from '../../ops/lifecycle/status.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { meiliClient } from '../../search/meili.ts';
import { drainAll, ensureIndexes } from '../../search/sync.ts';
import { freshDatabase } from '../setup/database.ts';
import { CASES, describeHit, describeMatcher, EXPIRED_PARTY, matches, WITHDRAWN_PRODUCT, type RelevanceCase } from './relevance-cases.ts';
import { type RecordType } from '../../types/registry.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';
import { penalties } from '../../types/penalties/table.ts';

/**
 * Relevance suite (issue 4): a fixed fictional fixture set, its own database and its own
 * Meilisearch, and a table of queries with the answer each must give (relevance-cases.ts).
 */
const FIXTURES = fileURLToPath(new URL('../fixtures/relevance/', import.meta.url));
const FILES: [string, RecordType][] = [
  ['spot-checks.csv', 'spot-checks'],
  ['penalties.csv', 'penalties'],
  ['license-revocations.csv', 'license-revocations'],
];

let db: Awaited<ReturnType<typeof freshDatabase>>;
let meiliServer: RunningMeilisearch;
let portal: Portal;
let withdrawnId: string;
let expiredIds: string[];
const dir = path.join(inject('tmpDir'), 'relevance');

beforeAll(async () => {
  db = await freshDatabase('relevance');
  meiliServer = await startMeilisearch(path.join(dir, 'meili'), path.join(dir, 'meili-key'));
  for (const [file, type] of FILES) {
    const result = await importFile(db, path.join(FIXTURES, file), { type, operator: 'test' });
    if (result.status !== 'succeeded') throw new Error(`${file} was rejected: ${JSON.stringify(result.errors.slice(0, 5))}`);
  }
  const directory = await importEnterpriseDirectory(db, path.join(FIXTURES, 'enterprises.json'));
  if (directory.updated !== 5) throw new Error(`enterprise directory: expected 5 profiles updated, got ${JSON.stringify(directory)}`);

  const [withdrawn] = await db.db.select({ id: spotChecks.id }).from(spotChecks).where(eq(spotChecks.productName, WITHDRAWN_PRODUCT));
  withdrawnId = withdrawn!.id;
  await withdrawRecord(db.db, { type: 'spot-checks', id: withdrawnId, actor: 'test', command: 'test', reason: 'published in error' });
  expiredIds = await expireDisclosures(db.db, 'test', '2026-11-21');

  const meili = meiliClient({ url: meiliServer.url, masterKey: meiliServer.masterKey });
  await ensureIndexes(meili);
  await drainAll(db, meili);
  portal = { db, counters: db, meili };
});

afterAll(async () => {
  await meiliServer?.stop();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('relevance fixture', () => {
  it('loads as designed: one withdrawn spot check, exactly one expired penalty', async () => {
    const [party] = await db.db.select({ name: penalties.partyName }).from(penalties).where(eq(penalties.id, expiredIds[0] ?? ''));
    expect(expiredIds).toHaveLength(1);
    expect(party?.name).toBe(EXPIRED_PARTY);
    const [row] = await db.db.select({ status: spotChecks.status }).from(spotChecks).where(eq(spotChecks.id, withdrawnId));
    expect(row?.status).toBe('withdrawn');
  });

  it('has at least 45 cases, each query unique per type', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(45);
    const keys = CASES.map((c) => `${c.type ?? '*'}|${c.query}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('search relevance', () => {
  const named = CASES.map((c) => [`${c.group}: ${c.query}${c.type ? ` [${c.type}]` : ''}`, c] as const);
  it.each(named)('%s', async (_name, c: RelevanceCase) => {
    const header = [`query ${JSON.stringify(c.query)}${c.type ? ` (type ${c.type})` : ' (all types)'}`, `  why: ${c.why}`, `  expected: ${describeMatcher(c.expect)}`];
    let result: Awaited<ReturnType<typeof search>>;
    try {
      result = await search(portal, { q: c.query, type: c.type, limit: 10 });
    } catch (error) {
      throw new Error([...header, `  search threw: ${error instanceof Error ? error.message.split('\n').slice(0, 4).join('\n    ') : String(error)}`].join('\n'), { cause: error });
    }
    const hits = result.hits;
    const e = c.expect;
    const ok = !result.meta.degraded && ('none' in e ? hits.length === 0 : hits.slice(0, e.within ?? 1).some((h) => matches(h, e.top)));
    const message = [
      ...header,
      result.meta.degraded ? '  search answered DEGRADED (from PostgreSQL)' : '',
      `  actual top 5 of ${result.meta.total}:`,
      ...(hits.length ? hits.slice(0, 5).map((h, i) => `    ${describeHit(h, i)}`) : ['    (no hits)']),
    ]
      .filter(Boolean)
      .join('\n');
    expect(ok, message).toBe(true);
  });
});
