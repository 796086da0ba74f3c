import { latestRecordsSchema, recordResponseSchema } from '../services/record-schemas.ts';
import { z } from 'zod';
import { wholeNumber } from '../../core/whole-number.ts';
import { getRecord, latestRecords } from '../services/records.ts';
import { replicaProcedure, router } from '../trpc.ts';
import { RECORD_TYPES } from '../../types/registry.ts';

export const recordInput = z.object({
  type: z.enum(RECORD_TYPES, { error: `must be one of: ${RECORD_TYPES.join(', ')}` }),
  id: z.string().trim().min(1, 'is required').max(200, 'is too long'),
}).strict();

export const recordsRouter = router({
  byId: replicaProcedure.input(recordInput).output(recordResponseSchema).query(({ ctx, input }) => getRecord(ctx.portal, input.type, input.id)),
  latest: replicaProcedure
    .input(z.object({ type: recordInput.shape.type, limit: wholeNumber(1, 50).default(5) }).strict())
    .output(latestRecordsSchema)
    .query(({ ctx, input }) => latestRecords(ctx.portal, input.type, input.limit)),
});
