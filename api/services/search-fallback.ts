import { and, desc, asc, eq, ilike, like, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { enterprises, isVisible } from '../../db/schema/index.ts';
import { TYPES, type RecordType } from '../../types/registry.ts';
import type { RecordTypeDescriptor } from '../../types/shared/descriptor.ts';
import { COMMON_FILTERS, type FilterValues } from '../../search/filters.ts';
import type { SearchOutcome, SearchParams } from '../../search/query.ts';
import { detectIdentifier, foldForIndex } from '../../core/text/index.ts';
import { escapeLike } from '../../db/queries/like.ts';

/** LIKE patterns treat % and _ as wildcards; user text must match literally. */
const likePattern = (q: string) => `%${escapeLike(q)}%`;
const matchAny = (q: string, columns: Column[]): SQL | undefined => (q ? or(...columns.map((c) => ilike(c, likePattern(q)))) : undefined);

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

/**
 * The degraded path while Meilisearch is down: substring search in PostgreSQL over the main name
 * fields, with the same filters, newest first. Slower, no relevance ranking and no facets, but it
 * answers in the same shape.
 */
export async function searchPostgres(db: Database, p: SearchParams): Promise<SearchOutcome> {
  const take = p.offset + p.limit;
  const q = foldForIndex(p.q);
  const identifier = detectIdentifier(p.q);
  const groups: Promise<{ hit: SearchOutcome['hits'][number]; sortKey: string }[]>[] = [];
  if ((!p.type || p.type === 'enterprises') && p.sort === 'relevance' && Object.keys(p.filters).length === 0) {
    const where = identifier?.kind === 'uscc' ? eq(enterprises.uscc, identifier.value) : matchAny(q, [enterprises.name, enterprises.englishName]);
    groups.push(
      db.select().from(enterprises).where(where).orderBy(enterprises.name).limit(take).then((rows) =>
        rows.map((r) => ({ hit: { type: 'enterprises' as const, id: r.id, title: r.name, subtitle: r.uscc ?? undefined, url: `/enterprises/${encodeURIComponent(r.uscc ?? r.id)}` }, sortKey: '9999' })),
      ),
    );
  }
  for (const source of TYPES) {
    const type = source.name as RecordType;
    if (p.type && p.type !== type) continue;
    const filters = recordFilters(source, p.filters);
    if (!filters) continue;
    const { text, identifiers } = source.search.fallback;
    const match = identifier && identifiers.length ? or(...identifiers.map((c) => eq(c, identifier.value))) : matchAny(q, text);
    const order = p.sort === 'oldest' ? asc(source.table.publishedAt) : desc(source.table.publishedAt);
    groups.push(
      db.select().from(source.table).where(and(...filters, match)).orderBy(order).limit(take).then((rows) =>
        rows.map((r) => {
          const row = r as unknown as Record<string, unknown>;
          return {
            hit: {
              type, id: String(row.id), title: source.title(row), subtitle: source.subtitle(row), url: `/${type}/${row.id}`, publishedAt: String(row.publishedAt),
              heading: { zh: source.heading(row, 'zh'), en: source.heading(row, 'en') }, outcome: source.outcome(row), status: String(row.status), authority: String(row.authority),
            },
            sortKey: String(row.publishedAt),
          };
        }),
      ),
    );
  }
  const all = (await Promise.all(groups)).flat();
  all.sort((a, b) => (a.sortKey === b.sortKey ? 0 : (a.sortKey < b.sortKey) === (p.sort !== 'oldest') ? 1 : -1));
  // Without a count query per table the total is a lower bound; good enough while degraded.
  return { hits: all.slice(p.offset, take).map((x) => x.hit), total: all.length, facets: {}, identifier };
}
