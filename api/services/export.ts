import { csvCell } from '../../ingest/report.ts';
import type { Portal } from '../portal.ts';
import { runSearch, searchInput, type SearchInput } from './search.ts';
import { MAX_OFFSET } from './list-meta.ts';

const PAGE = 100;
const COLUMNS = ['type', 'id', 'title', 'subtitle', 'published_at', 'url'];

/**
 * A listing as CSV with the same query, filters and sort as the page it came from (up to 10,000
 * rows, the deepest search can page). UTF-8 with BOM so Excel shows Chinese; cells that a
 * spreadsheet would run as formulas are neutralized.
 */
export async function exportListingCsv(portal: Portal, raw: SearchInput, origin: string): Promise<string> {
  const input = searchInput.parse({ ...raw, limit: PAGE, offset: 0 });
  const lines = [COLUMNS.join(',')];
  for (let offset = 0; offset < MAX_OFFSET; offset += PAGE) {
    const page = await runSearch(portal, { ...input, offset });
    for (const hit of page.hits) {
      lines.push([hit.type, hit.id, hit.title, hit.subtitle ?? '', hit.publishedAt ?? '', `${origin}${hit.url}`].map(csvCell).join(','));
    }
    if (!page.meta.next_cursor) break;
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
