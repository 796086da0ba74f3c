import { searchResponseSchema, suggestResponseSchema } from '../services/search-schemas.ts';
import { cachedAnswer } from '../services/search-cache.ts';
import { runSearch, searchInput } from '../services/search.ts';
import { suggest, suggestInput } from '../services/suggest.ts';
import { replicaProcedure, router } from '../trpc.ts';

export const searchRouter = router({
  query: replicaProcedure
    .input(searchInput)
    .output(searchResponseSchema)
    .query(({ ctx, input }) =>
      cachedAnswer(JSON.stringify(input), () => runSearch(ctx.portal, input), { fresh: ctx.noCache, keep: (r) => !r.meta.degraded }),
    ),
  suggest: replicaProcedure.input(suggestInput).output(suggestResponseSchema).query(({ ctx, input }) => suggest(ctx.portal, input)),
});
