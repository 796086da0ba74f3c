import { boolean, date, index, numeric, pgTable, text } from 'drizzle-orm/pg-core';
import { emptyTextArray, recordColumns, recordIndexes } from '../../db/schema/common.ts';
import { enterprises } from '../../db/schema/enterprises.ts';

/** penalties (行政处罚信息公示): one administrative penalty decision. */
export const penalties = pgTable(
  'penalties',
  {
    ...recordColumns(),
    decisionNo: text('decision_no').notNull(),
    /** Natural-person names are masked at import (张**); only the masked form is ever stored. */
    partyName: text('party_name').notNull(),
    partyKind: text('party_kind', { enum: ['enterprise', 'person'] }).notNull(),
    /** As published: a complete USCC, or a partly masked one (92640********E416F) that links no profile. */
    partyUscc: text('party_uscc'),
    /** 行政相对人类别 as published (法人及非法人组织, 个体工商户, 自然人). */
    partyCategory: text('party_category'),
    enterpriseId: text('enterprise_id').references(() => enterprises.id),
    legalRepresentative: text('legal_representative'),
    violationType: text('violation_type'),
    facts: text('facts'),
    legalBasis: text('legal_basis'),
    penaltyTypes: text('penalty_types').array().notNull().default(emptyTextArray),
    penaltyContent: text('penalty_content'),
    /** 处罚类别 as published. */
    penaltyCategory: text('penalty_category'),
    fineAmount: numeric('fine_amount', { precision: 16, scale: 2, mode: 'number' }),
    confiscatedAmount: numeric('confiscated_amount', { precision: 16, scale: 2, mode: 'number' }),
    /** True when the amounts were read out of 处罚内容 because the file has no amount in its own column. null amounts are "not published". */
    amountsFromText: boolean('amounts_from_text').notNull().default(false),
    decidedAt: date('decided_at', { mode: 'string' }).notNull(),
    disclosureUntil: date('disclosure_until', { mode: 'string' }),
  },
  (t) => [
    ...recordIndexes('penalties', t),
    index('penalties_enterprise_idx').on(t.enterpriseId),
    index('penalties_decision_no_idx').on(t.decisionNo),
    index('penalties_disclosure_until_idx').on(t.disclosureUntil),
  ],
);

export type PenaltyRow = typeof penalties.$inferSelect;
