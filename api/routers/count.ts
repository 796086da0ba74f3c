import { countBy, countInput, countResponseSchema } from '../services/count.ts';
import { replicaProcedure, router } from '../trpc.ts';

export const countRouter = router({
  by: replicaProcedure.input(countInput).output(countResponseSchema).query(({ ctx, input }) => countBy(ctx.portal, input)),
});
