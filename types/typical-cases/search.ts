import type { TypicalCaseRow } from './table.ts';
import { canonicalDecisionNo } from '../../core/text/index.ts';
import { baseDocument, recordSettings } from '../shared/search-document.ts';

/** typical-cases index: title and summary first, then the full text (Markdown syntax stripped). */
export const typicalCaseIndexSettings = recordSettings(['title', 'summary', 'tags', 'caseType', 'violation', 'body'], ['caseType', 'tags', 'enterpriseIds']);

export function typicalCaseDocument(row: TypicalCaseRow) {
  const body = row.bodyMd.replace(/[#>*_`~[\]()-]+/g, ' ').replace(/\s+/g, ' ').slice(0, 20_000);
  return {
    ...baseDocument('typical-cases', row, row.title, row.summary ?? undefined, {
      identifiers: row.relatedDecisionNos.map(canonicalDecisionNo),
      text: [row.title, row.summary, body],
    }),
    summary: row.summary,
    caseType: row.caseType,
    violation: row.violation,
    tags: row.tags,
    body,
    enterpriseIds: row.enterpriseIds,
  };
}
