import { z } from 'zod';
import { lifecycleResultSchema, restore, withdraw } from '../services/admin.ts';
import { adminProcedure, router } from '../trpc.ts';
import { RECORD_TYPES } from '../../types/registry.ts';

const target = {
  id: z.string().trim().min(1, 'is required').max(300, 'is too long'),
  type: z.enum(RECORD_TYPES, { error: `must be one of: ${RECORD_TYPES.join(', ')}` }).optional().describe('The record’s type, when its id alone is ambiguous'),
  operator: z.string().trim().min(1).max(100).default('admin-api').describe('Who did it, for the audit log'),
};

export const withdrawInput = z.object({ ...target, reason: z.string({ error: 'is required' }).trim().min(1, 'is required: the tombstone tells the public why').max(1000).describe('Why: the tombstone tells the public') }).strict();
export const restoreInput = z.object(target).strict();

export const adminRouter = router({
  withdraw: adminProcedure.input(withdrawInput).output(lifecycleResultSchema).mutation(({ ctx, input }) => withdraw(ctx.portal, input)),
  restore: adminProcedure.input(restoreInput).output(lifecycleResultSchema).mutation(({ ctx, input }) => restore(ctx.portal, input)),
});
