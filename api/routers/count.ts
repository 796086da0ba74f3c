import { countBy, countInput } from '../services/count.ts';
import { publicProcedure, router } from '../trpc.ts';

export const countRouter = router({
  by: publicProcedure.input(countInput).query(({ ctx, input }) => countBy(ctx.portal, input)),
});
