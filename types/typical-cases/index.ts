import { isNamedOrganisation } from '../../core/normalize/parties.ts';
import type { FactsDescriptor, RecordTypeDescriptor } from '../shared/descriptor.ts';
import { fieldColumns, listColumn } from '../shared/csv.ts';
import { typicalCaseHeaders, typicalCaseNaturalKey, typicalCaseSchema, type TypicalCaseInput } from './record.ts';
import { typicalCaseDocument, typicalCaseIndexSettings } from './search.ts';
import { typicalCases, type TypicalCaseRow } from './table.ts';
import { typicalCaseDictionary } from './dictionary.ts';

export interface TypicalCaseFacts {
  typicalCases: number;
}

const facts: FactsDescriptor<TypicalCaseFacts> = {
  columns: {},
  empty: () => ({ typicalCases: 0 }),
  docs: { typicalCases: 'Typical cases the authorities published about the enterprise' },
  add(f) {
    f.typicalCases += 1;
  },
  count: (f) => f.typicalCases,
};

/** typical-cases (典型案例): one narrative case write-up; its id is its slug. */
export const typicalCaseType = {
  name: 'typical-cases' as const,
  dictionary: typicalCaseDictionary,
  label: { zh: '典型案例', en: 'Typical cases' },
  record: { zh: '典型案例', en: 'Typical case' },
  nav: { path: '/typical-cases', label: { zh: '典型案例', en: 'Typical cases' } },
  table: typicalCases,
  import: {
    schema: typicalCaseSchema,
    headers: typicalCaseHeaders,
    naturalKey: (input) => typicalCaseNaturalKey(input as TypicalCaseInput),
    idPrefix: 'slug',
    // Typical cases often name their parties anonymously (某电缆有限公司): only a party named in
    // full (山东某某线缆有限公司 is not; 山东天猫线缆有限公司 is) links to a profile.
    parties: (input) => {
      const r = input as TypicalCaseInput;
      return (r.parties ?? '').split(/[、，,；;\n]/).map((name) => name.trim()).filter(isNamedOrganisation)
        .map((name, i) => ({ role: 'party' as const, name, kind: 'enterprise' as const, regionCode: r.regionCode, link: true, column: i === 0 ? 'enterpriseId' : undefined }));
    },
  },
  title: (r) => String(r.title),
  subtitle: (r) => (r.summary ?? undefined) as string | undefined,
  summary: (r) => String(r.summary ?? ''),
  date: (r) => String(r.publishedAt),
  heading: (r) => String(r.title),
  outcome: () => ({ tone: 'adverse', label: { zh: '典型案例', en: 'Enforcement case' } }),
  search: {
    settings: typicalCaseIndexSettings,
    document: (row) => typicalCaseDocument(row as TypicalCaseRow),
    fallback: { text: [typicalCases.title, typicalCases.summary, typicalCases.bodyMd], identifiers: [] },
  },
  // The body stays on the case's page (its URL is in the row): Markdown does not fit a cell.
  csv: [
    ...fieldColumns<TypicalCaseRow>('title', 'summary', 'caseType', 'parties', 'violation', 'legalBasis', 'outcome'),
    listColumn('related_decision_nos', (r) => r.relatedDecisionNos as string[]),
    listColumn('tags', (r) => r.tags as string[]),
  ],
  facts,
  citesDecisions: typicalCases.relatedDecisionNos,
  cards: true,
} satisfies RecordTypeDescriptor;
