import { count, eq, inArray, or, sql } from 'drizzle-orm';
import type { Meilisearch } from 'meilisearch';
import type { DbHandle } from '../db/client.ts';
import { TYPES, typeNamed } from '../types/registry.ts';
import type { RecordTable } from '../types/shared/descriptor.ts';
import { enterprises, isVisible, searchOutbox } from '../db/schema/index.ts';
import { INDEX_NAMES, type IndexName } from './indexes/index.ts';

export interface Difference {
  index: IndexName;
  id: string;
  problem: 'missing from search' | 'should not be in search' | 'stale in search';
  detail?: string;
}

export interface VerifyReport {
  differences: Difference[];
  checked: Record<IndexName, number>;
  /** Changes still waiting in the outbox: differences are expected until they are sent. */
  pendingChanges: number;
}

type Fingerprint = { version?: number; contentHash?: string };

/** All documents of an index, only the fields that identify a version. */
async function indexFingerprints(meili: Meilisearch, name: IndexName): Promise<Map<string, Fingerprint>> {
  const out = new Map<string, Fingerprint>();
  const limit = 10_000;
  for (let offset = 0; ; offset += limit) {
    const page = await meili.index(name).getDocuments<{ id: string } & Fingerprint>({ fields: ['id', 'version', 'contentHash'], limit, offset });
    for (const doc of page.results) out.set(doc.id, { version: doc.version, contentHash: doc.contentHash });
    if (page.results.length < limit) return out;
  }
}

/** What PostgreSQL says each index must hold. */
async function expected(handle: DbHandle, name: IndexName): Promise<Map<string, Fingerprint>> {
  if (name === 'enterprises') {
    // An enterprise is searchable while any visible record names it (in any role). The ids named
    // are unnested once per table (a hash semi-join): `enterprises.id = any(enterprise_ids)` in a
    // correlated subquery cannot use an index and would read the whole table for every enterprise.
    const linked = (table: RecordTable) =>
      inArray(enterprises.id, handle.db.select({ id: sql<string>`unnest(${table.enterpriseIds})`.as('id') }).from(table).where(isVisible(table.status)));
    const rows = await handle.db
      .select({ id: enterprises.id })
      .from(enterprises)
      .where(or(...TYPES.map((d) => linked(d.table))));
    return new Map(rows.map((r) => [r.id, {}]));
  }
  const table = typeNamed(name).table;
  const rows = await handle.db.select({ id: table.id, version: table.version, contentHash: table.contentHash }).from(table).where(isVisible(table.status));
  return new Map(rows.map((r) => [r.id, { version: r.version, contentHash: r.contentHash }]));
}

/**
 * Compares PostgreSQL with Meilisearch record for record: ids, versions and content hashes.
 * `instance` (search_instances id of `meili`) says whose outbox rows count as pending.
 */
export async function verify(handle: DbHandle, meili: Meilisearch, instance = 0): Promise<VerifyReport> {
  const differences: Difference[] = [];
  const checked = {} as Record<IndexName, number>;
  for (const name of INDEX_NAMES) {
    const [want, have] = await Promise.all([expected(handle, name), indexFingerprints(meili, name)]);
    checked[name] = want.size;
    for (const [id, fp] of want) {
      const doc = have.get(id);
      if (!doc) differences.push({ index: name, id, problem: 'missing from search' });
      else if (name !== 'enterprises' && (doc.version !== fp.version || doc.contentHash !== fp.contentHash)) {
        differences.push({ index: name, id, problem: 'stale in search', detail: `search has v${doc.version}, database has v${fp.version}` });
      }
    }
    for (const id of have.keys()) if (!want.has(id)) differences.push({ index: name, id, problem: 'should not be in search' });
  }
  const [pending] = await handle.db.select({ n: count() }).from(searchOutbox).where(eq(searchOutbox.instance, instance));
  return { differences, checked, pendingChanges: pending?.n ?? 0 };
}
