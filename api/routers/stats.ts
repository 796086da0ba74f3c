import { z } from 'zod';
import { failureByCategory, failureByYear, failureRateCoverage, finesDistribution, penaltiesByType, recordsByProvince, unqualifiedItems } from '../services/stats.ts';
import { publicProcedure, router } from '../trpc.ts';

export const failureRatesInput = z.object({
  by: z.enum(['category', 'year']).default('category').describe('Group the failure rates by product category or by year of publication'),
}).strict();

/** The charts of /stats: aggregations over published and corrected records, cached for a minute. */
export const statsRouter = router({
  failureByCategory: publicProcedure.query(({ ctx }) => failureByCategory(ctx.portal)),
  failureByYear: publicProcedure.query(({ ctx }) => failureByYear(ctx.portal)),
  failureRateCoverage: publicProcedure.query(({ ctx }) => failureRateCoverage(ctx.portal)),
  /** GET /api/v1/stats/failure-rates?by=category|year: the rates, how each was counted, and what was left out. */
  failureRates: publicProcedure.input(failureRatesInput).query(async ({ ctx, input }) => ({
    by: input.by,
    rates: input.by === 'year' ? await failureByYear(ctx.portal) : await failureByCategory(ctx.portal),
    coverage: await failureRateCoverage(ctx.portal),
  })),
  unqualifiedItems: publicProcedure
    .input(
      z
        .object({
          categories: z.coerce.number().int().min(1).max(20).default(8),
          items: z.coerce.number().int().min(1).max(10).default(5),
        })
        .default({ categories: 8, items: 5 }),
    )
    .query(({ ctx, input }) => unqualifiedItems(ctx.portal, input.categories, input.items)),
  penaltiesByType: publicProcedure.query(({ ctx }) => penaltiesByType(ctx.portal)),
  finesDistribution: publicProcedure.query(({ ctx }) => finesDistribution(ctx.portal)),
  recordsByProvince: publicProcedure.query(({ ctx }) => recordsByProvince(ctx.portal)),
});
