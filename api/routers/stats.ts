import { z } from 'zod';
import { failureByCategory, failureByYear, failureRateCoverage, finesDistribution, penaltiesByType, recordsByProvince, unqualifiedItems } from '../services/stats.ts';
import { publicProcedure, router } from '../trpc.ts';

/** The charts of /stats: aggregations over published and corrected records, cached for a minute. */
export const statsRouter = router({
  failureByCategory: publicProcedure.query(({ ctx }) => failureByCategory(ctx.portal)),
  failureByYear: publicProcedure.query(({ ctx }) => failureByYear(ctx.portal)),
  failureRateCoverage: publicProcedure.query(({ ctx }) => failureRateCoverage(ctx.portal)),
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
