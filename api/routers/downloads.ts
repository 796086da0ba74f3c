import { downloadsResponseSchema, listDownloads } from '../services/downloads.ts';
import { dataDictionary, dictionaryResponseSchema } from '../services/data-catalogue.ts';
import { publicProcedure, router } from '../trpc.ts';

export const downloadsRouter = router({
  list: publicProcedure.output(downloadsResponseSchema).query(({ ctx }) => listDownloads(ctx.portal)),
  dictionary: publicProcedure.output(dictionaryResponseSchema).query(() => dataDictionary()),
});
