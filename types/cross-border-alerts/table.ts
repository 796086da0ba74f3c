import { boolean, index, jsonb, pgTable, text } from 'drizzle-orm/pg-core';
import { emptyTextArray, recordColumns, recordIndexes } from '../../db/schema/common.ts';
import { barcodesSql, productKeysSql } from '../../db/queries/product-keys.ts';
import { enterprises } from '../../db/schema/enterprises.ts';
import { ALERT_SOURCE_IDS } from './sources.ts';

/** How an alert's producer was matched to a domestic enterprise profile. */
export interface AlertMatch {
  enterpriseId: string;
  /** The profile's name, as the portal knows it. */
  enterpriseName: string;
  /** The producer name in the alert that matched. */
  producer: string;
  /** Why: `name` (same name after traditional→simplified folding), `former-name`, `english-name` (the profile's confirmed English name), or a weak reason. */
  reason: 'name' | 'former-name' | 'english-name' | 'same-trade-name' | 'similar-english-name' | 'same-brand';
  /** 1 for the same name; below 0.8 only ever `possible`. */
  score: number;
  /** `linked`: the alert shows on the profile. `possible`: listed on the alert only, never merged. */
  status: 'linked' | 'possible';
}

/**
 * cross-border-alerts (境外通报): one alert, recall or border rejection by a foreign regulator,
 * republished with its source and licence, about a product from anywhere (those from China are
 * matched to domestic profiles).
 */
export const crossBorderAlerts = pgTable(
  'cross_border_alerts',
  {
    ...recordColumns(),
    /** The publisher (types/cross-border-alerts/sources.ts); `source` is the record's provenance, as for every type. */
    publisher: text('publisher', { enum: ALERT_SOURCE_IDS }).notNull(),
    /** Its own number: a Safety Gate alert number (A12/01390/23), a CPSC recall number; none for a TFDA rejection. */
    alertNumber: text('alert_number'),
    /** `year` when the publisher gives no day (a Safety Gate alert number carries only its year): `published_at` is then 1 January. */
    datePrecision: text('date_precision', { enum: ['day', 'year'] }).notNull().default('day'),
    /** Where the measure applies: EU, US, TW. */
    jurisdiction: text('jurisdiction').notNull(),
    notifyingCountry: text('notifying_country'),
    /** Country of origin as published (People's Republic of China, CN, China…). */
    originCountry: text('origin_country'),
    /** The origin is mainland China, Hong Kong or Macao: its producers are matched to domestic profiles. */
    fromChina: boolean('from_china').notNull().default(false),
    productName: text('product_name').notNull(),
    /** The publisher's own product category (Toys, Hammocks, seafood). */
    productType: text('product_type'),
    brand: text('brand'),
    /** Model, type or product description as published. */
    model: text('model'),
    /** Tariff (HS) code or the publisher's product code. */
    productCode: text('product_code'),
    barcodes: text('barcodes'),
    /** The first producer named (manufacturer, exporter); every one is in `named_parties`. */
    producerName: text('producer_name'),
    enterpriseId: text('enterprise_id').references(() => enterprises.id),
    /** Risk type, hazard or rejection reason. */
    hazard: text('hazard'),
    /** What was found: the risk description, the measured value. */
    hazardDetail: text('hazard_detail'),
    /** Measures taken (recall from end users, withdrawal, return or destruction at the border). */
    measures: text('measures'),
    recallCode: text('recall_code'),
    productionDates: text('production_dates'),
    /** The data licence of the source, as the publisher states it. */
    licence: text('licence').notNull(),
    /** Domestic profiles the producers matched: `linked` ones (also in `enterprise_ids`) and `possible` ones. */
    matches: jsonb('matches').$type<AlertMatch[]>().notNull().default([]),
    /** Matching keys of the producers and brand (folded names, English names, trade names): found again when profiles change. */
    matchKeys: text('match_keys').array().notNull().default(emptyTextArray),
  },
  (t) => [
    ...recordIndexes('cross_border_alerts', t),
    index('cross_border_alerts_publisher_idx').on(t.publisher),
    index('cross_border_alerts_match_keys_idx').using('gin', t.matchKeys),
    // Product screening (api/services/screen-products.ts) finds alerts by brand, model and GTIN.
    index('cross_border_alerts_brand_keys_idx').using('gin', productKeysSql(t.brand)),
    index('cross_border_alerts_model_keys_idx').using('gin', productKeysSql(t.model)),
    index('cross_border_alerts_barcodes_idx').using('gin', barcodesSql(t.barcodes)),
  ],
);

export type CrossBorderAlertRow = typeof crossBorderAlerts.$inferSelect;
