import { z } from 'zod';

/** The most queries one screening request may hold. */
export const MAX_SCREEN_QUERIES = 1000;

const optionalField = (max: number) =>
  z.string({ error: 'must be a string' }).trim().max(max, `must be at most ${max} characters`).optional().transform((v) => v || undefined);

/** One thing to screen: the caller's key plus at least one of name, USCC, licence number, brand. */
export const screenQuery = z
  .object({
    key: z.string({ error: 'is required (a string)' }).trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
    name: optionalField(300),
    uscc: optionalField(60),
    licenseNo: optionalField(100),
    brand: optionalField(100),
  })
  .strict()
  .refine((q) => q.name || q.uscc || q.licenseNo || q.brand, 'needs at least one of name, uscc, licenseNo or brand');

/** The body of POST /api/v1/screen, and the input of the tRPC `screen.run` procedure. */
export const screenInput = z
  .object({
    queries: z
      .array(screenQuery, { error: 'must be an array of queries' })
      .min(1, 'must contain at least one query')
      .max(MAX_SCREEN_QUERIES, 'must contain at most 1,000 queries per request; split larger batches'),
    threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0, 'must be at least 0').max(1, 'must be at most 1').default(0.6),
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
