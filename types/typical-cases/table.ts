import { index, pgTable, text } from 'drizzle-orm/pg-core';
import { emptyTextArray, recordColumns, recordIndexes } from '../../db/schema/common.ts';
import { enterprises } from '../../db/schema/enterprises.ts';

/** typical-cases (典型案例): one narrative case write-up; its id is its slug. */
export const typicalCases = pgTable(
  'typical_cases',
  {
    ...recordColumns(),
    title: text('title').notNull(),
    summary: text('summary'),
    /** Markdown as written; rendered through a sanitizer, never trusted as HTML. */
    bodyMd: text('body_md').notNull(),
    caseType: text('case_type'),
    parties: text('parties'),
    enterpriseId: text('enterprise_id').references(() => enterprises.id),
    violation: text('violation'),
    legalBasis: text('legal_basis'),
    outcome: text('outcome'),
    relatedDecisionNos: text('related_decision_nos').array().notNull().default(emptyTextArray),
    tags: text('tags').array().notNull().default(emptyTextArray),
  },
  (t) => [...recordIndexes('typical_cases', t), index('typical_cases_enterprise_idx').on(t.enterpriseId)],
);

export type TypicalCaseRow = typeof typicalCases.$inferSelect;
