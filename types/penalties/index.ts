import { sql } from 'drizzle-orm';
import { violationName } from '../../core/glossary.ts';
import { z } from 'zod';
import type { FactsDescriptor, RecordTypeDescriptor } from '../shared/descriptor.ts';
import { fieldColumns, listColumn } from '../shared/csv.ts';
import { profileUscc } from '../shared/identity.ts';
import { PENALTY_TYPE_LABELS } from './labels.ts';
import { PENALTY_TYPE_VALUES, penaltyHeaders, penaltyNaturalKey, penaltySchema, type PenaltyInput } from './record.ts';
import { penaltyDocument, penaltyIndexSettings } from './search.ts';
import { penaltyStats } from './stats.ts';
import { penalties, type PenaltyRow } from './table.ts';
import { penaltyDictionary } from './dictionary.ts';

/** What penalties say about an enterprise: how many, how many still disclosed, the fines. */
export interface PenaltyFacts {
  penalties: number;
  /** Penalties whose disclosure period has not ended (or has no end date). */
  activePenalties: number;
  totalFines: number;
  /** The latest decision still within its disclosure period: when the verdict's finding dates from. */
  lastPenaltyAt: string | null;
}

const facts: FactsDescriptor<PenaltyFacts> = {
  columns: { fine: penalties.fineAmount, until: penalties.disclosureUntil, decided: penalties.decidedAt, published: penalties.publishedAt },
  empty: () => ({ penalties: 0, activePenalties: 0, totalFines: 0, lastPenaltyAt: null }),
  docs: {
    penalties: 'Penalty decisions against the enterprise',
    activePenalties: 'Of those, the ones still within their disclosure period (or that state none)',
    totalFines: 'Sum of their fines, in yuan (CNY); decisions that publish no amount add nothing',
    lastPenaltyAt: 'Date of the newest of the active ones (YYYY-MM-DD); null without any',
  },
  add(f, row, _made, today) {
    f.penalties += 1;
    if (!row.until || String(row.until) >= today) {
      f.activePenalties += 1;
      const at = String(row.decided ?? row.published);
      if (!f.lastPenaltyAt || at > f.lastPenaltyAt) f.lastPenaltyAt = at;
    }
    f.totalFines += Number(row.fine ?? 0);
  },
  count: (f) => f.penalties,
  flags: ['activePenalties'],
  counts: ['penalties'],
};

/** penalties (行政处罚信息公示): one administrative penalty decision. */
export const penaltyType = {
  name: 'penalties' as const,
  dictionary: penaltyDictionary,
  label: { zh: '行政处罚', en: 'Penalties' },
  record: { zh: '行政处罚记录', en: 'Penalty record' },
  nav: { path: '/search?type=penalties', label: { zh: '行政处罚', en: 'Penalties' } },
  table: penalties,
  import: {
    schema: penaltySchema,
    headers: penaltyHeaders,
    naturalKey: (input) => penaltyNaturalKey(input as PenaltyInput),
    idPrefix: 'pn',
    parties: (input) => {
      const r = input as PenaltyInput;
      return [{ role: 'party', column: 'enterpriseId', name: r.partyName, uscc: profileUscc(r.partyUscc), publishedUscc: r.partyUscc, kind: r.partyKind, regionCode: r.regionCode, link: true }];
    },
    // A natural person's name (masked in the record by its schema) must not survive in extra columns.
    personName: (input, raw) => ((input as PenaltyInput).partyKind === 'person' ? raw.partyName : undefined),
  },
  title: (r) => `${r.partyName}：${r.violationType ?? '行政处罚'}`,
  subtitle: (r) => r.decisionNo as string,
  summary: (r) => [r.decisionNo, r.penaltyContent].filter(Boolean).join(' · '),
  date: (r) => String(r.decidedAt),
  heading: (r, lang) => `${r.partyName}${lang === 'zh' ? '：' : ': '}${r.violationType ? violationName(String(r.violationType), lang).text : lang === 'zh' ? '行政处罚' : 'Penalty'}`,
  outcome: () => ({ tone: 'adverse', label: { zh: '行政处罚', en: 'Penalty' } }),
  vocabularies: { penaltyTypes: (v) => PENALTY_TYPE_LABELS[v], violationType: (v) => ({ zh: v, en: violationName(v, 'en').text }) },
  search: {
    settings: penaltyIndexSettings,
    document: (row) => penaltyDocument(row as PenaltyRow),
    fallback: { text: [penalties.partyName, penalties.decisionNo, penalties.violationType], identifiers: [penalties.partyUscc, penalties.decisionNo] },
  },
  csv: [
    ...fieldColumns<PenaltyRow>('partyName', 'partyKind', 'partyUscc', 'partyCategory', 'legalRepresentative', 'decisionNo', 'violationType', 'facts', 'legalBasis'),
    listColumn('penalty_types', (r) => r.penaltyTypes as string[]),
    // An empty amount is one the decision does not state, never 0.
    ...fieldColumns<PenaltyRow>('penaltyContent', 'penaltyCategory', 'fineAmount', 'confiscatedAmount', 'amountsFromText', 'decidedAt', 'disclosureUntil'),
  ],
  filters: {
    penaltyType: {
      schema: z.enum(PENALTY_TYPE_VALUES as [string, ...string[]], { error: `must be one of: ${PENALTY_TYPE_VALUES.join(', ')}` }),
      attribute: 'penaltyTypes',
      sql: (value) => sql`${value} = any(${penalties.penaltyTypes})`,
      title: { zh: '处罚种类', en: 'Penalty type' },
      value: (v) => PENALTY_TYPE_LABELS[v],
    },
  },
  countable: { penaltyType: sql`unnest(${penalties.penaltyTypes})` },
  expiry: {
    column: penalties.disclosureUntil,
    reason: 'disclosure period ended',
    label: { zh: '行政处罚信息公示期已满', en: 'its disclosure period ended' },
    noun: ['penalty', 'penalties'],
  },
  facts,
  relatedByEnterprise: true,
  decisionNumbers: penalties.decisionNo,
  stats: penaltyStats,
} satisfies RecordTypeDescriptor;
