import { changesResponseSchema } from '../services/changes-schemas.ts';
import { changesInput, listChanges } from '../services/changes.ts';
import { publicProcedure, router } from '../trpc.ts';

export const changesRouter = router({
  list: publicProcedure.input(changesInput).output(changesResponseSchema).query(({ ctx, input }) => listChanges(ctx.portal, input)),
});
