import { enterpriseProfileSchema } from '../services/enterprise-schemas.ts';
import { z } from 'zod';
import { getEnterprise } from '../services/enterprises.ts';
import { replicaProcedure, router } from '../trpc.ts';

export const enterpriseInput = z.object({
  key: z.string().trim().min(1, 'a USCC or enterprise id is required').max(100, 'is too long').describe('A USCC (any accepted spelling) or an enterprise id'),
}).strict();

export const enterprisesRouter = router({
  profile: replicaProcedure.input(enterpriseInput).output(enterpriseProfileSchema).query(({ ctx, input }) => getEnterprise(ctx.portal, input.key)),
});
