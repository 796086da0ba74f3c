import { z } from 'zod';
import { failureRatesResponseSchema, STATS_DATA, statsData } from '../services/stats.ts';
import { replicaProcedure, router } from '../trpc.ts';

export const failureRatesInput = z.object({
  by: z.enum(['category', 'year']).default('category').describe('Group the failure rates by product category or by year of publication'),
}).strict();

export const statsDataInput = z.object({
  name: z.enum(STATS_DATA, { error: `must be one of: ${STATS_DATA.join(', ')}` }),
}).strict();

/** The aggregations of /stats (over published and corrected records, cached for a minute), by name. */
export const statsRouter = router({
  // Each aggregation has its own shape (types/<name>/stats.ts); the pages read them by name, typed there.
  data: replicaProcedure.input(statsDataInput).output(z.unknown()).query(({ ctx, input }) => statsData(ctx.portal, input.name)),
  /** GET /api/v1/stats/failure-rates?by=category|year: the rates, how each was counted, and what was left out. */
  failureRates: replicaProcedure.input(failureRatesInput).output(failureRatesResponseSchema).query(async ({ ctx, input }) => ({
    by: input.by,
    rates: await statsData(ctx.portal, input.by === 'year' ? 'failureByYear' : 'failureByCategory'),
    coverage: await statsData(ctx.portal, 'failureRateCoverage'),
  })),
});
