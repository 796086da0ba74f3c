import { downloadsResponseSchema, listDownloads } from '../services/downloads.ts';
import { dataDictionary, dictionaryResponseSchema } from '../services/data-catalogue.ts';
import { replicaProcedure, router } from '../trpc.ts';

export const downloadsRouter = router({
  list: replicaProcedure.output(downloadsResponseSchema).query(({ ctx }) => listDownloads(ctx.portal)),
  dictionary: replicaProcedure.output(dictionaryResponseSchema).query(() => dataDictionary()),
});
