import { and, desc, asc, eq, ilike, like, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Database } from '../../db/client.ts';
import { enterprises, isVisible } from '../../db/schema/index.ts';
import { TYPES, type RecordType } from '../../types/registry.ts';
import type { RecordTypeDescriptor } from '../../types/shared/descriptor.ts';
import { headingOf } from '../../types/shared/labels.ts';
import { COMMON_FILTERS, type FilterValues } from '../../search/filters.ts';
import type { SearchOutcome, SearchParams } from '../../search/query.ts';
import { detectIdentifier, foldForIndex } from '../../core/text/index.ts';
import { escapeLike } from '../../db/queries/like.ts';

/** LIKE patterns treat % and _ as wildcards; user text must match literally. */
const likePattern = (q: string) => `%${escapeLike(q)}%`;
/**
 * Every word of the query (split at spaces, as people type 电线 不合格) as a whole substring of
 * one of the columns: never a single character of a word, so the count stays as honest as
 * Meilisearch's thresholded one (search/totals.ts).
 */
const matchAll = (q: string, columns: Column[]): SQL | undefined => {
  const words = q.split(/\s+/).filter(Boolean);
  return words.length ? and(...words.map((w) => or(...columns.map((c) => ilike(c, likePattern(w)))))) : undefined;
};
/** Rows counted per table at most: past it the total says "at least" (as MAX_OFFSET bounds paging). */
const COUNT_LIMIT = 10_000;

/** The same filters as in Meilisearch, as SQL on a record table; `null` if the type cannot match. */
function recordFilters(type: RecordTypeDescriptor, f: FilterValues): SQL[] | null {
  const table = type.table;
  const where: SQL[] = [isVisible(table.status)];
  if (f.region) where.push(like(table.regionCode, `${f.region.slice(0, 2)}%`));
  if (f.category) where.push(eq(table.productCategory, f.category));
  if (f.campaign) where.push(eq(table.campaign, f.campaign));
  if (f.authority) where.push(eq(table.authority, f.authority));
  if (f.year) where.push(sql`extract(year from ${table.publishedAt}) = ${f.year}`);
  // A type's own filters (a spot check's result…): a type without the filter cannot match.
  for (const [name, value] of Object.entries(f)) {
    if (value === undefined || COMMON_FILTERS.includes(name)) continue;
    const own = type.filters?.[name];
    if (!own) return null;
    where.push(own.sql(String(value)));
  }
  return where;
}

/** How many rows match, counting at most COUNT_LIMIT of them (a bounded scan even for a broad question). */
function boundedCount(db: Database, table: PgTable, where: SQL | undefined): Promise<number> {
  const matching = db.select({ one: sql`1`.as('one') }).from(table).where(where).limit(COUNT_LIMIT).as('matching');
  return db.select({ n: sql<number>`count(*)::int` }).from(matching).then(([row]) => row?.n ?? 0);
}

/**
 * The degraded path while Meilisearch is down: substring search in PostgreSQL over the main name
 * fields, with the same filters, newest first. Slower, no relevance ranking and no facets, but it
 * answers in the same shape, with a count of its own (exact up to COUNT_LIMIT rows per table).
 */
export async function searchPostgres(db: Database, p: SearchParams): Promise<SearchOutcome> {
  const take = p.offset + p.limit;
  const q = foldForIndex(p.q);
  const identifier = detectIdentifier(p.q);
  const groups: Promise<{ hit: SearchOutcome['hits'][number]; sortKey: string }[]>[] = [];
  const counts: Promise<number>[] = [];
  if ((!p.type || p.type === 'enterprises') && p.sort === 'relevance' && Object.keys(p.filters).length === 0) {
    const where = identifier?.kind === 'uscc' ? eq(enterprises.uscc, identifier.value) : matchAll(q, [enterprises.name, enterprises.englishName]);
    groups.push(
      db.select().from(enterprises).where(where).orderBy(enterprises.name).limit(take).then((rows) =>
        rows.map((r) => ({ hit: { type: 'enterprises' as const, id: r.id, title: r.name, subtitle: r.uscc ?? undefined, url: `/enterprises/${encodeURIComponent(r.uscc ?? r.id)}` }, sortKey: '9999' })),
      ),
    );
    counts.push(boundedCount(db, enterprises, where));
  }
  for (const source of TYPES) {
    const type = source.name as RecordType;
    if (p.type && p.type !== type) continue;
    const filters = recordFilters(source, p.filters);
    if (!filters) continue;
    const { text, identifiers } = source.search.fallback;
    const match = identifier && identifiers.length ? or(...identifiers.map((c) => eq(c, identifier.value))) : matchAll(q, text);
    const order = p.sort === 'oldest' ? asc(source.table.publishedAt) : desc(source.table.publishedAt);
    groups.push(
      db.select().from(source.table).where(and(...filters, match)).orderBy(order).limit(take).then((rows) =>
        rows.map((r) => {
          const row: Record<string, unknown> = r;
          return {
            hit: {
              type, id: String(row.id), title: source.title(row), subtitle: source.subtitle(row), url: `/${type}/${row.id}`, publishedAt: String(row.publishedAt),
              heading: headingOf(source, row), outcome: source.outcome(row), status: String(row.status), authority: String(row.authority),
            },
            sortKey: String(row.publishedAt),
          };
        }),
      ),
    );
    counts.push(boundedCount(db, source.table, and(...filters, match)));
  }
  const [all, tallies] = await Promise.all([Promise.all(groups).then((g) => g.flat()), Promise.all(counts)]);
  all.sort((a, b) => (a.sortKey === b.sortKey ? 0 : (a.sortKey < b.sortKey) === (p.sort !== 'oldest') ? 1 : -1));
  const total = tallies.reduce((sum, n) => sum + n, 0);
  return { hits: all.slice(p.offset, take).map((x) => x.hit), total, totalExact: tallies.every((n) => n < COUNT_LIMIT), facets: {}, identifier };
}
