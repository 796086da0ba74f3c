import { completeUscc } from '../../core/normalize/uscc.ts';
import type { PenaltyRow } from './table.ts';
import { canonicalDecisionNo } from '../../core/text/index.ts';
import { baseDocument, recordSettings } from '../shared/search-document.ts';

/** penalties index: party name and decision number first, then what they did. */
export const penaltyIndexSettings = recordSettings(
  ['partyName', 'decisionNo', 'violationType', 'facts', 'penaltyContent'],
  ['penaltyTypes', 'partyKind', 'enterpriseIds'],
);

export function penaltyDocument(row: PenaltyRow) {
  return {
    ...baseDocument('penalties', row, `${row.partyName}：${row.violationType ?? '行政处罚'}`, row.decisionNo, {
      identifiers: [completeUscc(row.partyUscc), canonicalDecisionNo(row.decisionNo)],
      // Masked natural persons (张**) get no pinyin: there is no name to spell.
      names: row.partyKind === 'enterprise' ? [row.partyName] : [],
      text: [row.violationType, row.facts],
    }),
    partyName: row.partyName,
    partyKind: row.partyKind,
    partyUscc: row.partyUscc,
    decisionNo: row.decisionNo,
    violationType: row.violationType,
    facts: row.facts?.slice(0, 2000),
    penaltyContent: row.penaltyContent,
    penaltyTypes: row.penaltyTypes,
    fineAmount: row.fineAmount,
    decidedAt: row.decidedAt,
    enterpriseIds: row.enterpriseIds,
  };
}
