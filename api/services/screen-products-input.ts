import { z } from 'zod';
import { recordTypeSchema } from './record-schemas.ts';
import { aboutTheDataSchema } from './list-meta.ts';

/** The most items one product-screening request may hold (the same as /screen's queries). */
export const MAX_PRODUCT_ITEMS = 1000;

const text = (max: number) =>
  z.string({ error: 'must be a string' }).trim().max(max, `must be at most ${max} characters`).optional().transform((v) => v || undefined);

/*
 * Field limits: the largest valid batch (1,000 items, every field at its limit in Chinese, three
 * bytes a character) is about 2.0 MB, inside the 2 MiB every JSON body may have (api/request-body.ts).
 */

/** The fields that can find a record; the others (product_name, batch, platform, store) only add to a match. */
export const IDENTIFYING_FIELDS = ['brand', 'model', 'gtin', 'manufacturer', 'manufacturer_uscc'] as const;

/** One listing to screen: the caller's key and at least one identifying field. */
export const productItemSchema = z
  .object({
    key: z.string({ error: 'is required (a string)' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').describe('Your key for the item (a listing or SKU id): its answer carries it; unique in the request'),
    product_name: text(100).describe('The product’s name as listed; supporting evidence only, never enough for a match'),
    brand: text(50).describe('Its brand (trademark). Identifying'),
    model: text(100).describe('Its model or specification (规格型号). Identifying'),
    batch: text(50).describe('Its batch: a production date (2023-03-17, 20230317), a lot number, or both (2023-05-16/W003020)'),
    manufacturer: text(100).describe('The manufacturer’s name, matched by the name matcher of /screen. Identifying'),
    manufacturer_uscc: text(30).describe('The manufacturer’s unified social credit code (a malformed one is the item’s error). Identifying'),
    gtin: text(20).describe('Its barcode: EAN-8, UPC-A, EAN-13 or GTIN-14, check digit verified (a bad one is the item’s error). Identifying'),
    platform: text(30).describe('The platform it is listed on; compared with a spot check’s platform, supporting only'),
    store: text(60).describe('The store selling it; compared with a spot check’s store, supporting only'),
  })
  .strict()
  .refine((item) => IDENTIFYING_FIELDS.some((f) => item[f]), `needs at least one of ${IDENTIFYING_FIELDS.join(', ')}`)
  // Named in the document by api/openapi/schemas.ts (an input: the registry's components are outputs).
  .describe('One product listing to screen against failed spot checks and foreign alerts: a key and at least one of brand, model, gtin, manufacturer, manufacturer_uscc');

export type ProductItem = z.output<typeof productItemSchema>;

/** An item the schema refuses: screened no further, answered with why (the rest of the batch goes on). */
export interface RefusedItem { refused: string; key?: string }
const issueText = (error: { issues: readonly { path: PropertyKey[]; message: string }[] }) => error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
const keyOf = (input: unknown) => (input && typeof input === 'object' && typeof (input as { key?: unknown }).key === 'string' ? (input as { key: string }).key.trim() || undefined : undefined);
/** An item, or why not: `.catch` keeps the item's schema in the document while a bad item stays its own answer. */
const itemOrRefusal = productItemSchema
  .catch((ctx) => ({ refused: issueText(ctx.error), key: keyOf(ctx.input) }) as unknown as ProductItem)
  .transform((entry) => entry as ProductItem | RefusedItem);

/** The body of POST /api/v1/screen/products, and the input of the tRPC `screen.products` procedure. */
export const screenProductsInput = z
  .object({
    items: z
      .array(itemOrRefusal, { error: 'must be an array of items' })
      .min(1, 'must contain at least one item')
      .max(MAX_PRODUCT_ITEMS, 'must contain at most 1,000 items per request; split larger batches')
      .describe('The listings to screen (at most 1,000); each is checked on its own: a malformed item gets its own error'),
    threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').default(0.6).describe('The lowest score a match must have, from 0 to 1'),
  })
  .strict()
  .meta({ description: 'Listings to screen and the score a match must reach' });

export type ScreenProductsInput = z.input<typeof screenProductsInput>;
export type ScreenProductsRequest = z.output<typeof screenProductsInput>;

const EVIDENCE_RESULTS = ['equal', 'normalised-equal', 'in-range', 'matched', 'different', 'not-given'] as const;
const evidenceSchema = z
  .object({
    result: z.enum(EVIDENCE_RESULTS).describe('equal: the same text; normalised-equal: the same after folding width, case, script, spacing and punctuation, or one of a bracketed alternative (DOT4 vs DOT4（HZY4）), or the same date or lot written otherwise; in-range: the date falls in the published range, month or year; matched: the manufacturer found by the name matcher (score and reasons given); different: both given and they disagree; not-given: one side has no value'),
    given: z.string().optional().describe('The item’s value'),
    published: z.string().optional().describe('The record’s value'),
    score: z.number().optional().describe('For matched: the name matcher’s score'),
    reasons: z.array(z.string()).optional().describe('For matched: the name matcher’s reasons (name-exact, name-core, branch…), or uscc'),
  })
  .meta({ id: 'FieldEvidence', description: 'How one field of the item compares with the record' });

export const productMatchSchema = z
  .object({
    type: recordTypeSchema,
    id: z.string().describe('The record’s id'),
    url: z.string().describe('Path of its page'),
    title: z.string().describe('Its title'),
    published_at: z.iso.date().describe('When it was published'),
    finding: z.string().nullable().describe('What it found: the failed items of a spot check, an alert’s hazard and measures'),
    score: z.number().min(0).max(1).describe('How strongly the record is this listing’s product, from 0 to 1 (see the scoring rule in the operation’s description)'),
    evidence: z
      .object({
        gtin: evidenceSchema,
        brand: evidenceSchema,
        model: evidenceSchema,
        batch: evidenceSchema,
        manufacturer: evidenceSchema,
        product_name: evidenceSchema,
        store: evidenceSchema,
      })
      .describe('Field by field, how the item compares with the record'),
  })
  .meta({ id: 'ProductMatch', description: 'A failed spot check or foreign alert matching a listing, with per-field evidence' });

export type ProductMatch = z.output<typeof productMatchSchema>;

export const productAnswerSchema = z
  .object({
    key: z.string().describe('The item’s key (or items.N when it had none usable)'),
    error: z.string().optional().describe('Why the item could not be screened (a missing identifying field, a bad GTIN check digit, a malformed USCC…)'),
    matches: z.array(productMatchSchema).describe('Records at or above the threshold, best first (at most ten)'),
  })
  .meta({ id: 'ProductScreeningAnswer', description: 'The answer to one listing' });

export const screenProductsResponseSchema = z
  .object({
    results: z.array(productAnswerSchema).describe('One answer per item, in the order sent'),
    meta: z
      .object({
        items: z.number().int().describe('Items screened'),
        matched: z.number().int().describe('Items with at least one match'),
        errors: z.number().int().describe('Items that could not be screened'),
        threshold: z.number().describe('The threshold applied'),
        took_ms: z.number().int().describe('Time taken, in milliseconds'),
        ...aboutTheDataSchema,
      })
      .describe('Counts, the threshold, freshness and licence'),
  })
  .meta({ id: 'ProductScreenResponse', description: 'Product screening answers' });
