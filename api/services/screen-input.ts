import { z } from 'zod';
import { aboutTheDataSchema } from './list-meta.ts';

/**
 * The lowest score a match must have unless the caller says otherwise: chosen on the labelled set
 * (bench/screening/labelled-names.json, BENCHMARKS.md "Screening quality") as the middle of the
 * thresholds where precision ≥ 0.98 and recall ≥ 0.95.
 */
export const DEFAULT_SCREEN_THRESHOLD = 0.7;

/** The most queries one screening request may hold. */
export const MAX_SCREEN_QUERIES = 1000;

const optionalField = (max: number) =>
  z.string({ error: 'must be a string' }).trim().max(max, `must be at most ${max} characters`).optional().transform((v) => v || undefined);

/** One thing to screen: the caller's key plus at least one of name, USCC, licence number, brand. */
export const screenQuery = z
  .object({
    key: z.string({ error: 'is required (a string)' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters').describe('Your key for the query: its answer carries it'),
    name: optionalField(300).describe('An enterprise name (Chinese or English)'),
    uscc: optionalField(60).describe('A unified social credit code'),
    licenseNo: optionalField(100).describe('A licence or certificate number'),
    brand: optionalField(100).describe('A brand'),
  })
  .strict()
  .refine((q) => q.name || q.uscc || q.licenseNo || q.brand, 'needs at least one of name, uscc, licenseNo or brand');

/** The body of POST /api/v1/screen, and the input of the tRPC `screen.run` procedure. */
export const screenInput = z
  .object({
    queries: z
      .array(screenQuery, { error: 'must be an array of queries' })
      .min(1, 'must contain at least one query')
      .max(MAX_SCREEN_QUERIES, 'must contain at most 1,000 queries per request; split larger batches')
      .describe('What to screen: each query a key and at least one of name, uscc, licenseNo, brand'),
    threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').default(DEFAULT_SCREEN_THRESHOLD).describe('The lowest score a match must have, from 0 to 1. The default, 0.7, was chosen on a labelled set of real names and their variants (precision and recall in BENCHMARKS.md)'),
  })
  .strict()
  .superRefine(({ queries }, ctx) => {
    const first = new Map<string, number>();
    queries.forEach(({ key }, i) => {
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, i);
      else ctx.addIssue({ code: 'custom', path: ['queries', i, 'key'], message: `duplicate key "${key}" (also queries.${earlier}.key); keys must be unique` });
    });
  });

export type ScreenInput = z.input<typeof screenInput>;
export type ScreenRequest = z.output<typeof screenInput>;
export type ScreenQuery = z.output<typeof screenQuery>;

const screeningMatch = z.object({
  enterprise: z
    .object({
      id: z.string().describe('The enterprise’s id'),
      name: z.string().describe('Its name'),
      uscc: z.string().nullable().describe('Its USCC; null when unknown'),
      url: z.string().describe('Path of its profile'),
    })
    .describe('The enterprise matched'),
  score: z.number().min(0).max(1).describe('How well it matches, from 0 to 1 (1: the same identifier or name)'),
  reasons: z.array(z.string()).describe('What matched: uscc; the licence number; name-exact; name-core (the same trade name and industry, only region or legal form differ); branch (the query names a branch of this enterprise); name-similar; pinyin (a Latin query spelling the name in pinyin); alias; english-name; brand; brand-similar'),
  evidence: z.array(z.string()).describe('The reasons in words a reviewer can check: which parts of the names agreed and which differed (trade name 金达 = 金达; region 深圳市 ≠ 郑州市; form 有限公司 ≠ 股份有限公司), or which identifier was equal'),
  flags: z.record(z.string(), z.unknown()).describe('Its flags (repeatFailure, licenseRevoked…), as on its profile'),
  records: z.record(z.string(), z.unknown()).describe('Counts of its records (spot checks, failed ones, penalties…)'),
});

export const screeningAnswerSchema = z
  .object({
    key: z.string().describe('The key the caller gave the query'),
    error: z.string().optional().describe('Why the query could not be screened (a malformed USCC…)'),
    matches: z.array(screeningMatch).describe('The best matches at or above the threshold, best first (at most five)'),
  })
  .meta({ id: 'ScreeningAnswer', description: 'The answer to one screening query' });

export const screenResponseSchema = z
  .object({
    results: z.array(screeningAnswerSchema).describe('One answer per query, in the order sent'),
    meta: z
      .object({
        queries: z.number().int().describe('Queries screened'),
        matched: z.number().int().describe('Queries with at least one match'),
        errors: z.number().int().describe('Queries that could not be screened'),
        threshold: z.number().describe('The threshold applied'),
        degraded: z.boolean().describe('True when the search engine was unreachable and names were matched in PostgreSQL'),
        took_ms: z.number().int().describe('Time taken, in milliseconds'),
        ...aboutTheDataSchema,
      })
      .describe('Counts, the threshold, freshness and licence'),
  })
  .meta({ id: 'ScreenResponse', description: 'Batch screening answers' });
