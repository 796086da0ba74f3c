import { countBy, countInput, countResponseSchema } from '../services/count.ts';
import { publicProcedure, router } from '../trpc.ts';

export const countRouter = router({
  by: publicProcedure.input(countInput).output(countResponseSchema).query(({ ctx, input }) => countBy(ctx.portal, input)),
});
