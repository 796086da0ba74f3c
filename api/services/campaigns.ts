import { and, asc, count, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { RECORD_DEFS } from '../../db/records/index.ts';
import { isVisible, spotChecks, typicalCases, RECORD_TYPES, type RecordType } from '../../db/schema/index.ts';
import { campaignOf, campaigns, type Campaign } from '../../core/taxonomy.ts';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

/** Visible records of one campaign, per type; spot checks also count their failures. */
export interface CampaignCounts {
  'typical-cases': number;
  'spot-checks': number;
  'spot-checks-failed': number;
  penalties: number;
  'license-revocations': number;
}

export interface CampaignSummary extends Campaign {
  /** Product categories the campaign covers (taxonomy slugs). */
  categories: string[];
  counts: CampaignCounts;
}

/** A typical case as listings show it. */
export interface TypicalCaseCard {
  id: string;
  title: string;
  summary: string | null;
  publishedAt: string;
  authority: string;
  campaign: string | null;
  productCategory: string | null;
  regionProvince: string | null;
}

const emptyCounts = (): CampaignCounts => ({ 'typical-cases': 0, 'spot-checks': 0, 'spot-checks-failed': 0, penalties: 0, 'license-revocations': 0 });

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
    RECORD_TYPES.map(async (type: RecordType) => {
      const table = RECORD_DEFS[type].table;
      const where = and(isVisible(table.status), only ? eq(table.campaign, only) : isNotNull(table.campaign));
      const failed = type === 'spot-checks' ? sql<number>`count(*) filter (where ${spotChecks.result} = 'unqualified')::int` : sql<number>`0`;
      const rows = await db.db.select({ campaign: table.campaign, n: count(), failed }).from(table).where(where).groupBy(table.campaign);
      for (const row of rows) {
        if (!row.campaign) continue;
        const counts = slot(row.campaign);
        counts[type] = row.n;
        if (type === 'spot-checks') counts['spot-checks-failed'] = Number(row.failed);
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

const CARD_COLUMNS = {
  id: typicalCases.id,
  title: typicalCases.title,
  summary: typicalCases.summary,
  publishedAt: typicalCases.publishedAt,
  authority: typicalCases.authority,
  campaign: typicalCases.campaign,
  productCategory: typicalCases.productCategory,
  regionProvince: typicalCases.regionProvince,
};

/** One campaign: its description, its counts and its visible typical cases (newest first). */
export async function getCampaign(portal: Portal, slug: string): Promise<CampaignSummary & { cases: TypicalCaseCard[] }> {
  const campaign = campaignOf(slug);
  if (!campaign) throw new NotFoundError(`No campaign "${slug}"`);
  const [counts, cases] = await Promise.all([
    countsByCampaign(portal, slug),
    portal.db.db
      .select(CARD_COLUMNS)
      .from(typicalCases)
      .where(and(isVisible(typicalCases.status), eq(typicalCases.campaign, slug)))
      .orderBy(desc(typicalCases.publishedAt), asc(typicalCases.id))
      .limit(200),
  ]);
  return { ...summaryOf(campaign, counts.get(slug)), cases };
}

/** Listing cards for typical cases found by search, in the order of `ids`; invisible ones are left out. */
export async function typicalCaseCards({ db }: Portal, ids: string[]): Promise<TypicalCaseCard[]> {
  if (ids.length === 0) return [];
  const rows = await db.db
    .select(CARD_COLUMNS)
    .from(typicalCases)
    .where(and(isVisible(typicalCases.status), inArray(typicalCases.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
