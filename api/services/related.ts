import { and, arrayOverlaps, desc, eq, inArray, ne } from 'drizzle-orm';
import { isVisible, licenseRevocations, penalties, spotChecks, typicalCases, type RecordParty, type RecordType } from '../../db/schema/index.ts';
import type { Portal } from '../portal.ts';

export interface RelatedRecord {
  type: RecordType;
  id: string;
  title: string;
  date: string;
  /** Why it is related, as a stable code the page translates. */
  relation: 'same-announcement' | 'same-enterprise' | 'cited-decision' | 'cites-decision';
}

const LIMIT = 10;

/**
 * Records a reader of one record would want next: the rest of the same announcement, other
 * records about the same enterprise, and typical cases and penalties that cite each other's
 * decision numbers. Only visible records.
 */
export async function relatedRecords({ db }: Portal, type: RecordType, row: Record<string, unknown>): Promise<RelatedRecord[]> {
  const out: RelatedRecord[] = [];
  const id = String(row.id);
  // The enterprises that made the product or are the record's party (not the shops it was sampled in).
  const enterpriseIds = [...new Set(((row.namedParties ?? []) as RecordParty[])
    .filter((p) => p.enterpriseId && p.role !== 'sampled' && p.role !== 'distributor')
    .map((p) => p.enterpriseId!))];
  // Records imported before announcements were kept have only their announcement number.
  const sameAnnouncement = row.announcementId ? eq(spotChecks.announcementId, String(row.announcementId))
    : row.announcementNo ? eq(spotChecks.announcementNo, String(row.announcementNo)) : undefined;
  if (type === 'spot-checks' && sameAnnouncement) {
    const rows = await db.db.select().from(spotChecks)
      .where(and(isVisible(spotChecks.status), sameAnnouncement, ne(spotChecks.id, id), eq(spotChecks.result, 'unqualified')))
      .orderBy(desc(spotChecks.publishedAt)).limit(LIMIT);
    out.push(...rows.map((r) => ({ type: 'spot-checks' as const, id: r.id, title: `${r.productName} · ${r.manufacturerName ?? r.sampledUnitName ?? ''}`, date: r.publishedAt, relation: 'same-announcement' as const })));
  }
  if (enterpriseIds.length) {
    const pens = await db.db.select().from(penalties)
      .where(and(isVisible(penalties.status), arrayOverlaps(penalties.enterpriseIds, enterpriseIds), ne(penalties.id, id))).orderBy(desc(penalties.decidedAt)).limit(LIMIT);
    out.push(...pens.map((r) => ({ type: 'penalties' as const, id: r.id, title: `${r.decisionNo} ${r.violationType ?? ''}`.trim(), date: r.decidedAt, relation: 'same-enterprise' as const })));
    const lics = await db.db.select().from(licenseRevocations)
      .where(and(isVisible(licenseRevocations.status), arrayOverlaps(licenseRevocations.enterpriseIds, enterpriseIds), ne(licenseRevocations.id, id))).limit(LIMIT);
    out.push(...lics.map((r) => ({ type: 'license-revocations' as const, id: r.id, title: `${r.licenseNo} ${r.product ?? ''}`.trim(), date: r.decidedAt, relation: 'same-enterprise' as const })));
  }
  if (type === 'penalties' && row.decisionNo) {
    const cases = await db.db.select().from(typicalCases)
      .where(and(isVisible(typicalCases.status), arrayOverlaps(typicalCases.relatedDecisionNos, [String(row.decisionNo)]))).limit(LIMIT);
    out.push(...cases.map((r) => ({ type: 'typical-cases' as const, id: r.id, title: r.title, date: r.publishedAt, relation: 'cites-decision' as const })));
  }
  if (type === 'typical-cases' && Array.isArray(row.relatedDecisionNos) && row.relatedDecisionNos.length) {
    const pens = await db.db.select().from(penalties)
      .where(and(isVisible(penalties.status), inArray(penalties.decisionNo, row.relatedDecisionNos as string[]))).limit(LIMIT);
    out.push(...pens.map((r) => ({ type: 'penalties' as const, id: r.id, title: `${r.decisionNo} ${r.partyName}`, date: r.decidedAt, relation: 'cited-decision' as const })));
  }
  return out;
}
