import { inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.ts';
import { enterprises, type Enterprise } from '../../db/schema/index.ts';
import { csvCell } from '../../ingest/report.ts';
import type { IndexName } from '../../search/indexes/index.ts';
import { TYPES } from '../../types/registry.ts';
import { fieldColumns, listColumn, RECORD_CSV_HEAD, RECORD_CSV_TAIL, type CsvColumn } from '../../types/shared/csv.ts';
import { labelColumns } from '../../types/shared/label-columns.ts';
import type { Portal } from '../portal.ts';
import { runSearch, searchInput, type SearchHit, type SearchInput } from './search.ts';
import { MAX_OFFSET } from './list-meta.ts';

const PAGE = 100;
type Row = Record<string, unknown>;

/** What the hits of one index export: their own columns, the columns every record has, and how to read their rows. */
interface Source {
  head: CsvColumn[];
  own: CsvColumn[];
  tail: CsvColumn[];
  rows(db: Database, ids: string[]): Promise<Row[]>;
}

const SOURCES = new Map<IndexName, Source>([
  ...TYPES.map((t): [IndexName, Source] => [
    t.name as IndexName,
    { head: RECORD_CSV_HEAD, own: [...t.csv, ...labelColumns(t)], tail: RECORD_CSV_TAIL, rows: (db, ids) => db.select().from(t.table).where(inArray(t.table.id, ids)) as Promise<Row[]> },
  ]),
  [
    'enterprises',
    {
      head: [],
      own: [
        ...fieldColumns<Enterprise>('name', 'uscc', 'englishName', 'kind'),
        listColumn('aliases', (r) => r.aliases as string[]),
        listColumn('brands', (r) => r.brands as string[]),
        ...fieldColumns<Enterprise>('regionCode', 'address'),
      ],
      tail: [],
      rows: (db, ids) => db.select().from(enterprises).where(inArray(enterprises.id, ids)),
    },
  ],
]);

/** The header and the cells of one hit (with its row from PostgreSQL, if it is still there). */
interface Layout {
  header: string[];
  cells(hit: SearchHit, row: Row | undefined, url: string): string[];
}

const cellsOf = (columns: CsvColumn[], row: Row | undefined) => columns.map((c) => (row ? c.cell(row) : ''));

/** One type: its id, status, its own columns, what every record has, its URL. */
function typeLayout(source: Source): Layout {
  const columns = [...source.head, ...source.own, ...source.tail];
  return {
    header: ['id', ...columns.map((c) => c.header), 'url'],
    cells: (hit, row, url) => [hit.id, ...cellsOf(columns, row), url],
  };
}

/**
 * A search across types: rows keep the page's order, so the types cannot each have their own
 * table. Every row fills the columns every record has; then each type's own columns follow in a
 * group headed `<type>.<column>`, filled only on that type's rows — a union, but one a reader can
 * cut by type without guessing which column belongs to which.
 */
function mixedLayout(): Layout {
  const common = [...RECORD_CSV_HEAD, ...RECORD_CSV_TAIL];
  const groups = [...SOURCES].map(([name, source]) => ({ name, source }));
  return {
    header: ['type', 'id', 'title', 'subtitle', ...common.map((c) => c.header), 'url', ...groups.flatMap(({ name, source }) => source.own.map((c) => `${name}.${c.header}`))],
    cells: (hit, row, url) => {
      const source = SOURCES.get(hit.type)!;
      const shared = source.head.length > 0 ? cellsOf(common, row) : common.map(() => '');
      return [
        hit.type, hit.id, hit.title, hit.subtitle ?? '', ...shared, url,
        ...groups.flatMap((g) => (g.name === hit.type ? cellsOf(g.source.own, row) : g.source.own.map(() => ''))),
      ];
    },
  };
}

/** The rows of a page of hits, read from PostgreSQL by id: one query per type on the page. */
async function rowsOf(db: Database, hits: SearchHit[]): Promise<Map<string, Row>> {
  const idsByType = new Map<IndexName, string[]>();
  for (const hit of hits) idsByType.set(hit.type, [...(idsByType.get(hit.type) ?? []), hit.id]);
  const found = await Promise.all([...idsByType].map(async ([type, ids]) => (await SOURCES.get(type)!.rows(db, ids)).map((row) => [`${type}/${String(row.id)}`, row] as const)));
  return new Map(found.flat());
}

/**
 * A listing as CSV with the same query, filters and sort as the page it came from (up to 10,000
 * rows, the deepest search can page), with each type's real columns (its descriptor's `csv`),
 * read from PostgreSQL since a search hit carries only a title. UTF-8 with BOM so Excel shows
 * Chinese; cells that a spreadsheet would run as formulas are neutralized.
 */
export async function exportListingCsv(portal: Portal, raw: SearchInput, origin: string): Promise<string> {
  // The whole listing from its start, whatever page the link was made on.
  const input = searchInput.parse({ ...raw, cursor: undefined, limit: PAGE, offset: 0 });
  const layout = input.type ? typeLayout(SOURCES.get(input.type)!) : mixedLayout();
  const lines = [layout.header.map(csvCell).join(',')];
  for (let offset = 0; offset < MAX_OFFSET; offset += PAGE) {
    const page = await runSearch(portal, { ...input, offset });
    const rows = await rowsOf(portal.db.db, page.hits);
    for (const hit of page.hits) {
      lines.push(layout.cells(hit, rows.get(`${hit.type}/${hit.id}`), `${origin}${hit.url}`).map(csvCell).join(','));
    }
    if (!page.meta.next_cursor) break;
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
