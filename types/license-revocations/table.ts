import { date, index, pgTable, text } from 'drizzle-orm/pg-core';
import { recordColumns, recordIndexes } from '../../db/schema/common.ts';
import { enterprises } from '../../db/schema/enterprises.ts';

/** license-revocations (吊销/撤销/注销许可证): one action on one licence or certificate. */
export const licenseRevocations = pgTable(
  'license_revocations',
  {
    ...recordColumns(),
    licenseType: text('license_type', { enum: ['production', 'food', 'ccc', 'other'] }).notNull(),
    licenseNo: text('license_no').notNull(),
    enterpriseName: text('enterprise_name').notNull(),
    enterpriseUscc: text('enterprise_uscc'),
    enterpriseId: text('enterprise_id').references(() => enterprises.id),
    product: text('product'),
    action: text('action', { enum: ['revoked', 'withdrawn', 'cancelled', 'suspended'] }).notNull(),
    reason: text('reason'),
    decisionNo: text('decision_no'),
    decidedAt: date('decided_at', { mode: 'string' }).notNull(),
  },
  (t) => [
    ...recordIndexes('license_revocations', t),
    index('license_revocations_enterprise_idx').on(t.enterpriseId),
    index('license_revocations_license_no_idx').on(t.licenseNo),
  ],
);

export type LicenseRevocationRow = typeof licenseRevocations.$inferSelect;
