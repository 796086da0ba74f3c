import { z } from 'zod';
import { campaignSchema, campaignSummarySchema, getCampaign, listCampaigns, recordCards, recordCardSchema } from '../services/campaigns.ts';
import { replicaProcedure, router } from '../trpc.ts';

export const campaignInput = z.object({ slug: z.string().trim().min(1, 'is required').max(100, 'is too long') }).strict();
export const caseCardsInput = z.object({ ids: z.array(z.string().trim().min(1).max(200)).max(100, 'at most 100 ids') }).strict();

export const campaignsRouter = router({
  list: replicaProcedure.output(z.array(campaignSummarySchema)).query(({ ctx }) => listCampaigns(ctx.portal)),
  bySlug: replicaProcedure.input(campaignInput).output(campaignSchema).query(({ ctx, input }) => getCampaign(ctx.portal, input.slug)),
  /** Typical cases as listings show them (title, summary, date, authority, campaign), for ids found by search. */
  caseCards: replicaProcedure.input(caseCardsInput).output(z.array(recordCardSchema)).query(({ ctx, input }) => recordCards(ctx.portal, input.ids)),
});
