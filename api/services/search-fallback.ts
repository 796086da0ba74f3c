import { and, desc, ilike, or, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { enterprises, isVisible, licenseRevocations, penalties, spotChecks, typicalCases } from '../../db/schema/index.ts';
import type { IndexName } from '../../search/indexes/index.ts';
import type { SearchHit } from './search.ts';

/** LIKE patterns treat % and _ as wildcards; user text must match literally. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const matchAny = (q: string, columns: PgColumn[]): SQL | undefined =>
  q ? or(...columns.map((c) => ilike(c, likePattern(q)))) : undefined;

/**
 * The degraded path: substring search in PostgreSQL over the main name fields. Slower and without
 * relevance ranking, but it answers while Meilisearch is down. Newest first.
 */
export async function searchPostgres(db: Database, input: { q: string; type?: IndexName; limit: number; offset: number }) {
  const want = (t: IndexName) => !input.type || input.type === t;
  const take = input.offset + input.limit;
  const q = input.q;
  const groups: Promise<(SearchHit & { sortKey: string })[]>[] = [];
  if (want('enterprises')) {
    groups.push(
      db.select().from(enterprises).where(matchAny(q, [enterprises.name, enterprises.uscc, enterprises.englishName])).orderBy(enterprises.name).limit(take)
        .then((rows) => rows.map((r) => ({ type: 'enterprises' as const, id: r.id, title: r.name, subtitle: r.uscc ?? undefined, url: `/enterprises/${encodeURIComponent(r.uscc ?? r.id)}`, sortKey: '9999' }))),
    );
  }
  if (want('spot-checks')) {
    groups.push(
      db.select().from(spotChecks)
        .where(and(isVisible(spotChecks.status), matchAny(q, [spotChecks.productName, spotChecks.manufacturerName, spotChecks.brand, spotChecks.sampledUnitName, spotChecks.manufacturerUscc])))
        .orderBy(desc(spotChecks.publishedAt)).limit(take)
        .then((rows) => rows.map((r) => ({ type: 'spot-checks' as const, id: r.id, title: `${r.productName}（${r.result === 'unqualified' ? '不合格' : '合格'}）`, subtitle: r.manufacturerName ?? undefined, url: `/spot-checks/${r.id}`, publishedAt: r.publishedAt, sortKey: r.publishedAt }))),
    );
  }
  if (want('penalties')) {
    groups.push(
      db.select().from(penalties)
        .where(and(isVisible(penalties.status), matchAny(q, [penalties.partyName, penalties.decisionNo, penalties.partyUscc, penalties.violationType])))
        .orderBy(desc(penalties.publishedAt)).limit(take)
        .then((rows) => rows.map((r) => ({ type: 'penalties' as const, id: r.id, title: `${r.partyName}：${r.violationType ?? '行政处罚'}`, subtitle: r.decisionNo, url: `/penalties/${r.id}`, publishedAt: r.publishedAt, sortKey: r.publishedAt }))),
    );
  }
  if (want('license-revocations')) {
    groups.push(
      db.select().from(licenseRevocations)
        .where(and(isVisible(licenseRevocations.status), matchAny(q, [licenseRevocations.enterpriseName, licenseRevocations.licenseNo, licenseRevocations.enterpriseUscc])))
        .orderBy(desc(licenseRevocations.publishedAt)).limit(take)
        .then((rows) => rows.map((r) => ({ type: 'license-revocations' as const, id: r.id, title: `${r.enterpriseName} ${r.licenseNo}`, subtitle: r.product ?? undefined, url: `/license-revocations/${r.id}`, publishedAt: r.publishedAt, sortKey: r.publishedAt }))),
    );
  }
  if (want('typical-cases')) {
    groups.push(
      db.select().from(typicalCases)
        .where(and(isVisible(typicalCases.status), matchAny(q, [typicalCases.title, typicalCases.summary, typicalCases.bodyMd])))
        .orderBy(desc(typicalCases.publishedAt)).limit(take)
        .then((rows) => rows.map((r) => ({ type: 'typical-cases' as const, id: r.id, title: r.title, subtitle: r.summary ?? undefined, url: `/typical-cases/${r.id}`, publishedAt: r.publishedAt, sortKey: r.publishedAt }))),
    );
  }
  const all = (await Promise.all(groups)).flat().sort((a, b) => (a.sortKey < b.sortKey ? 1 : a.sortKey > b.sortKey ? -1 : 0));
  return {
    hits: all.slice(input.offset, take).map(({ sortKey: _sortKey, ...hit }) => hit),
    // Without a count query per table the total is a lower bound; good enough while degraded.
    total: all.length,
  };
}

