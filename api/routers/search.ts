import { searchInput, search } from '../services/search.ts';
import { publicProcedure, router } from '../trpc.ts';

export const searchRouter = router({
  query: publicProcedure.input(searchInput).query(({ ctx, input }) => search(ctx.portal, input)),
});
