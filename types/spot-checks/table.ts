import { sql } from 'drizzle-orm';
import { date, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { productKeysSql } from '../../db/queries/product-keys.ts';
import type { UnqualifiedItem } from '../../core/normalize/result-values.ts';
import { recordColumns, recordIndexes } from '../../db/schema/common.ts';
import { enterprises } from '../../db/schema/enterprises.ts';

export type { UnqualifiedItem } from '../../core/normalize/result-values.ts';

/** spot-checks (监督抽查结果): one sampled product batch in one announcement. */
export const spotChecks = pgTable(
  'spot_checks',
  {
    ...recordColumns(),
    /** The announcement's number; '' when the announcement prints none (many do not). */
    announcementNo: text('announcement_no').notNull(),
    announcementTitle: text('announcement_title'),
    level: text('level', { enum: ['national', 'provincial', 'municipal', 'county'] }).notNull(),
    productName: text('product_name').notNull(),
    /** The product kind as published (产品种类, or the section row above the rows), mapped to productCategory when the taxonomy knows it. */
    productKind: text('product_kind'),
    brand: text('brand'),
    model: text('model'),
    batch: text('batch'),
    batchDate: date('batch_date', { mode: 'string' }),
    /** 质量等级 as published (合格品, 一等品…): a grade the label claims, not the result. */
    qualityGrade: text('quality_grade'),
    /** 所在辖区 as published: the district the enterprise is in. */
    jurisdiction: text('jurisdiction'),
    manufacturerName: text('manufacturer_name'),
    manufacturerAddress: text('manufacturer_address'),
    manufacturerUscc: text('manufacturer_uscc'),
    manufacturerId: text('manufacturer_id').references(() => enterprises.id),
    sampledUnitName: text('sampled_unit_name'),
    sampledUnitAddress: text('sampled_unit_address'),
    sampledUnitId: text('sampled_unit_id').references(() => enterprises.id),
    platform: text('platform'),
    store: text('store'),
    channel: text('channel', { enum: ['production', 'circulation', 'e-commerce'] }),
    result: text('result', { enum: ['qualified', 'unqualified'] }).notNull(),
    unqualifiedItems: jsonb('unqualified_items').$type<UnqualifiedItem[]>().notNull().default([]),
    standard: text('standard'),
    inspectionAgency: text('inspection_agency'),
    disposal: text('disposal'),
    note: text('note'),
  },
  (t) => [
    ...recordIndexes('spot_checks', t),
    index('spot_checks_manufacturer_idx').on(t.manufacturerId),
    index('spot_checks_sampled_unit_idx').on(t.sampledUnitId),
    index('spot_checks_announcement_idx').on(t.announcementNo),
    // Product screening (api/services/screen-products.ts) finds failed batches by brand, model and
    // USCC; the brand feeds (api/services/subject-feeds.ts) every batch of a brand.
    index('spot_checks_brand_keys_idx').using('gin', productKeysSql(t.brand)),
    index('spot_checks_failed_model_keys_idx').using('gin', productKeysSql(t.model)).where(sql`result = 'unqualified'`),
    index('spot_checks_manufacturer_uscc_idx').on(t.manufacturerUscc),
  ],
);

export type SpotCheckRow = typeof spotChecks.$inferSelect;
