import { index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { emptyTextArray } from './common.ts';

/**
 * Enterprises (主体): the companies and, masked, natural persons that records are about.
 * Identified by USCC when known, otherwise by the normalized name (`name_key`).
 */
export const enterprises = pgTable(
  'enterprises',
  {
    id: text('id').primaryKey(),
    uscc: text('uscc'),
    name: text('name').notNull(),
    nameKey: text('name_key').notNull(),
    englishName: text('english_name'),
    aliases: text('aliases').array().notNull().default(emptyTextArray),
    brands: text('brands').array().notNull().default(emptyTextArray),
    /** 'person' for natural-person parties; their name is stored masked. */
    kind: text('kind', { enum: ['enterprise', 'person'] }).notNull().default('enterprise'),
    /**
     * The keys a search query can name this enterprise by (core/text/enterprise-keys.ts), kept
     * with every change of its names; null until computed (rows written before the column existed
     * are filled after migrating: db/migrate.ts).
     */
    matchKeys: text('match_keys').array(),
    regionCode: text('region_code'),
    address: text('address'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('enterprises_uscc_key').on(t.uscc),
    index('enterprises_name_key_idx').on(t.nameKey),
    index('enterprises_match_keys_idx').using('gin', t.matchKeys),
  ],
);

export type Enterprise = typeof enterprises.$inferSelect;
