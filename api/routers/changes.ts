import { changesInput, listChanges } from '../services/changes.ts';
import { publicProcedure, router } from '../trpc.ts';

export const changesRouter = router({
  list: publicProcedure.input(changesInput).query(({ ctx, input }) => listChanges(ctx.portal, input)),
});
