import { listDownloads } from '../services/downloads.ts';
import { dataDictionary } from '../services/data-catalogue.ts';
import { publicProcedure, router } from '../trpc.ts';

export const downloadsRouter = router({
  list: publicProcedure.query(({ ctx }) => listDownloads(ctx.portal)),
  dictionary: publicProcedure.query(() => dataDictionary()),
});
