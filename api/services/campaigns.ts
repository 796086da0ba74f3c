import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { isVisible } from '../../db/schema/index.ts';
import { TYPES } from '../../types/registry.ts';
import type { RecordTypeDescriptor } from '../../types/shared/descriptor.ts';
import { campaignOf, campaigns, type Campaign } from '../../core/taxonomy.ts';
import { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

/**
 * Visible records of one campaign, per type (keyed by type name), and for a type that counts
 * failures (spot checks) its failed records under `<type>-failed`.
 */
export type CampaignCounts = Record<string, number>;

export const campaignSummarySchema = z.object({
  slug: z.string().describe('The campaign’s stable name'),
  zh: z.string().describe('Its name in Chinese'),
  en: z.string().describe('Its name in English'),
  year: z.number().int().describe('The year it ran'),
  description: z.string().optional().describe('What it was about'),
  categories: z.array(z.string()).describe('Product categories the campaign covers (taxonomy slugs)'),
  counts: z.record(z.string(), z.number().int()).describe('Visible records per type, and `<type>-failed` for failures'),
});
export type CampaignSummary = z.output<typeof campaignSummarySchema>;

/** A record as a campaign or a listing shows it, as a card. */
export const recordCardSchema = z.object({
  id: z.string().describe('The record’s id'),
  title: z.string().describe('Its title'),
  summary: z.string().nullable().describe('Its summary; null when none'),
  publishedAt: z.string().describe('Publication date (YYYY-MM-DD)'),
  authority: z.string().describe('The publishing authority'),
  campaign: z.string().nullable().describe('The campaign’s slug; null when none'),
  productCategory: z.string().nullable().describe('Product category; null when none'),
  regionProvince: z.string().nullable().describe('Province; null when unknown'),
});
export type RecordCard = z.output<typeof recordCardSchema>;
export const campaignSchema = campaignSummarySchema.extend({ cases: z.array(recordCardSchema).describe('Its typical cases') });

/** The type whose records a campaign shows as cards (typical cases: `cards` in its descriptor). */
const cardType = TYPES.find((t) => t.cards);

const toCard = (type: RecordTypeDescriptor, row: Record<string, unknown>): RecordCard => ({
  id: String(row.id),
  title: type.title(row),
  summary: type.subtitle(row) ?? null,
  publishedAt: String(row.publishedAt),
  authority: String(row.authority),
  campaign: (row.campaign ?? null) as string | null,
  productCategory: (row.productCategory ?? null) as string | null,
  regionProvince: (row.regionProvince ?? null) as string | null,
});

const emptyCounts = (): CampaignCounts =>
  Object.fromEntries(TYPES.flatMap((t) => [[t.name, 0], ...(t.campaignFailures ? [[`${t.name}-failed`, 0]] : [])]));

const summaryOf = (c: Campaign, counts: CampaignCounts | undefined): CampaignSummary => ({
  ...c,
  categories: (c as Campaign & { categories?: string[] }).categories ?? [],
  counts: counts ?? emptyCounts(),
});

/** Counts per campaign slug, in one grouped query per record type (visible records only). */
async function countsByCampaign({ db }: Portal, only?: string): Promise<Map<string, CampaignCounts>> {
  const result = new Map<string, CampaignCounts>();
  const slot = (slug: string) => result.get(slug) ?? result.set(slug, emptyCounts()).get(slug)!;
  await Promise.all(
    TYPES.map(async ({ name, table, campaignFailures }) => {
      const where = and(isVisible(table.status), only ? eq(table.campaign, only) : isNotNull(table.campaign));
      const rows = await db.db.select({ campaign: table.campaign, n: count(), failed: campaignFailures?.count ?? sql<number>`0` }).from(table).where(where).groupBy(table.campaign);
      for (const row of rows) {
        if (!row.campaign) continue;
        const counts = slot(row.campaign);
        counts[name] = row.n;
        if (campaignFailures) counts[`${name}-failed`] = Number(row.failed);
      }
    }),
  );
  return result;
}

/** Every campaign of the taxonomy, newest first, with its record counts. */
export async function listCampaigns(portal: Portal): Promise<CampaignSummary[]> {
  const counts = await countsByCampaign(portal);
  return [...campaigns].sort((a, b) => b.year - a.year || a.slug.localeCompare(b.slug)).map((c) => summaryOf(c, counts.get(c.slug)));
}

/** One campaign: its description, its counts and its visible typical cases (newest first). */
export async function getCampaign(portal: Portal, slug: string): Promise<CampaignSummary & { cases: RecordCard[] }> {
  const campaign = campaignOf(slug);
  if (!campaign) throw new NotFoundError(`No campaign "${slug}"`);
  const [counts, cases] = await Promise.all([
    countsByCampaign(portal, slug),
    cardType
      ? portal.db.db.select().from(cardType.table)
        .where(and(isVisible(cardType.table.status), eq(cardType.table.campaign, slug)))
        .orderBy(desc(cardType.table.publishedAt), asc(cardType.table.id))
        .limit(200)
        .then((rows) => rows.map((row) => toCard(cardType, row)))
      : [],
  ]);
  return { ...summaryOf(campaign, counts.get(slug)), cases };
}

/** Cards for the records found by search (of the card type), in the order of `ids`; invisible ones are left out. */
export async function recordCards({ db }: Portal, ids: string[]): Promise<RecordCard[]> {
  if (ids.length === 0 || !cardType) return [];
  const rows = await db.db.select().from(cardType.table).where(and(isVisible(cardType.table.status), inArray(cardType.table.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, toCard(cardType, r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
