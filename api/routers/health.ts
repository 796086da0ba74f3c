import { health } from '../services/health.ts';
import { portalInfo } from '../services/portal-info.ts';
import { publicProcedure, router } from '../trpc.ts';

export const healthRouter = router({
  check: publicProcedure.query(({ ctx }) => health(ctx.portal)),
  info: publicProcedure.query(({ ctx }) => portalInfo(ctx.portal)),
});
