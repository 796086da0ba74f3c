import { health, healthSchema } from '../services/health.ts';
import { portalInfo, portalInfoSchema } from '../services/portal-info.ts';
import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  check: publicProcedure.output(healthSchema).query(({ ctx }) => health(ctx.portal)),
  info: publicProcedure.output(portalInfoSchema).query(({ ctx }) => portalInfo(ctx.portal)),
});
