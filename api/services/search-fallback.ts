import { and, desc, asc, eq, ilike, like, or, sql, type Column, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { enterprises, isVisible, licenseRevocations, penalties, spotChecks, typicalCases } from '../../db/schema/index.ts';
import type { FilterValues } from '../../search/filters.ts';
import type { IndexName } from '../../search/indexes/index.ts';
import type { SearchOutcome, SearchParams } from '../../search/query.ts';
import { detectIdentifier, foldForIndex } from '../../core/text/index.ts';
import { escapeLike } from '../../db/queries/like.ts';

/** LIKE patterns treat % and _ as wildcards; user text must match literally. */
const likePattern = (q: string) => `%${escapeLike(q)}%`;
const matchAny = (q: string, columns: Column[]): SQL | undefined => (q ? or(...columns.map((c) => ilike(c, likePattern(q)))) : undefined);

type RecordTable = typeof spotChecks | typeof penalties | typeof licenseRevocations | typeof typicalCases;

/** The same filters as in Meilisearch, as SQL on a record table; `null` if the table cannot match. */
function recordFilters(table: RecordTable, f: FilterValues): SQL[] | null {
  const where: SQL[] = [isVisible(table.status)];
  if (f.region) where.push(like(table.regionCode, `${f.region.slice(0, 2)}%`));
  if (f.category) where.push(eq(table.productCategory, f.category));
  if (f.campaign) where.push(eq(table.campaign, f.campaign));
  if (f.authority) where.push(eq(table.authority, f.authority));
  if (f.year) where.push(sql`extract(year from ${table.publishedAt}) = ${f.year}`);
  if (f.result) {
    if (table !== spotChecks) return null;
    where.push(eq(spotChecks.result, f.result));
  }
  if (f.penaltyType) {
    if (table !== penalties) return null;
    where.push(sql`${f.penaltyType} = any(${penalties.penaltyTypes})`);
  }
  return where;
}

interface FallbackSource {
  table: RecordTable;
  /** Columns searched by substring, and those an identifier must equal. */
  text: Column[];
  ids: Column[];
  title(row: Record<string, unknown>): string;
  subtitle(row: Record<string, unknown>): string | undefined;
}

const SOURCES: Record<Exclude<IndexName, 'enterprises'>, FallbackSource> = {
  'spot-checks': {
    table: spotChecks,
    text: [spotChecks.productName, spotChecks.manufacturerName, spotChecks.brand, spotChecks.sampledUnitName, spotChecks.model],
    ids: [spotChecks.manufacturerUscc],
    title: (r) => `${r.productName}（${r.result === 'unqualified' ? '不合格' : '合格'}）`,
    subtitle: (r) => (r.manufacturerName ?? r.sampledUnitName ?? undefined) as string | undefined,
  },
  penalties: {
    table: penalties,
    text: [penalties.partyName, penalties.decisionNo, penalties.violationType],
    ids: [penalties.partyUscc, penalties.decisionNo],
    title: (r) => `${r.partyName}：${r.violationType ?? '行政处罚'}`,
    subtitle: (r) => r.decisionNo as string,
  },
  'license-revocations': {
    table: licenseRevocations,
    text: [licenseRevocations.enterpriseName, licenseRevocations.licenseNo, licenseRevocations.product],
    ids: [licenseRevocations.enterpriseUscc, licenseRevocations.licenseNo, licenseRevocations.decisionNo],
    title: (r) => `${r.enterpriseName} ${r.licenseNo}`,
    subtitle: (r) => (r.product ?? undefined) as string | undefined,
  },
  'typical-cases': {
    table: typicalCases,
    text: [typicalCases.title, typicalCases.summary, typicalCases.bodyMd],
    ids: [],
    title: (r) => r.title as string,
    subtitle: (r) => (r.summary ?? undefined) as string | undefined,
  },
};

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
  for (const [type, source] of Object.entries(SOURCES) as [Exclude<IndexName, 'enterprises'>, FallbackSource][]) {
    if (p.type && p.type !== type) continue;
    const filters = recordFilters(source.table, p.filters);
    if (!filters) continue;
    const match = identifier && source.ids.length ? or(...source.ids.map((c) => eq(c, identifier.value))) : matchAny(q, source.text);
    const order = p.sort === 'oldest' ? asc(source.table.publishedAt) : desc(source.table.publishedAt);
    groups.push(
      db.select().from(source.table).where(and(...filters, match)).orderBy(order).limit(take).then((rows) =>
        rows.map((r) => {
          const row = r as unknown as Record<string, unknown>;
          return {
            hit: { type, id: String(row.id), title: source.title(row), subtitle: source.subtitle(row), url: `/${type}/${row.id}`, publishedAt: String(row.publishedAt) },
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
