import { and, arrayOverlaps, desc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Bilingual, Outcome } from '../../core/labels.ts';
import { isVisible, type RecordParty } from '../../db/schema/index.ts';
import { TYPES, typeNamed, type RecordType } from '../../types/registry.ts';
import type { RecordTypeDescriptor } from '../../types/shared/descriptor.ts';
import { headingOf } from '../../types/shared/labels.ts';
import { rowKeyOf } from '../../types/shared/row-key.ts';
import type { Portal } from '../portal.ts';

export interface RelatedRecord {
  type: RecordType;
  id: string;
  title: string;
  /** The title without its outcome, in both languages, and the outcome's badge. */
  heading: Bilingual;
  outcome: Outcome;
  date: string;
  /** Why it is related, as a stable code the page translates. */
  relation: 'same-announcement' | 'same-enterprise' | 'cited-decision' | 'cites-decision';
}

const LIMIT = 10;

/** Visible records of `type` matching `where` (never the record itself), newest first, as related records. */
async function related({ db }: Portal, type: RecordTypeDescriptor, where: SQL, self: string, relation: RelatedRecord['relation']): Promise<RelatedRecord[]> {
  const t = type.table;
  const rows = await db.db.select().from(t).where(and(isVisible(t.status), where, ne(t.id, self))).orderBy(desc(t.publishedAt)).limit(LIMIT);
  return rows.map((r) => ({ type: type.name as RecordType, id: r.id, title: type.title(r), heading: headingOf(type, r), outcome: type.outcome(r), date: type.date(r), relation }));
}

/**
 * Records a reader of one record would want next: the other failures of the same announcement, the
 * other records about the enterprises it is about (not the shops it was sampled in), and the
 * records that cite its decision number or whose decision it cites. Only visible records.
 */
export async function relatedRecords(portal: Portal, type: RecordType, row: Record<string, unknown>): Promise<RelatedRecord[]> {
  const own = typeNamed(type);
  const id = String(row.id);
  // Asked at once, kept in this order: the announcement, the enterprises, the decisions.
  const asks: Promise<RelatedRecord[]>[] = [];
  // The rest of the same announcement a reader wants next (its other failures).
  if (own.announcementSiblings) {
    // Records imported before announcements were kept have only their announcement number.
    const number = (own.table as unknown as Record<string, typeof own.table.id>).announcementNo;
    const same = row.announcementId ? eq(own.table.announcementId, String(row.announcementId))
      : row.announcementNo && number ? eq(number, String(row.announcementNo)) : undefined;
    if (same) asks.push(related(portal, own, and(same, own.announcementSiblings)!, id, 'same-announcement'));
  }
  // Decisions about the enterprises the record is about (not the shops it was sampled in).
  const enterpriseIds = [...new Set(((row.namedParties ?? []) as RecordParty[])
    .filter((p) => p.enterpriseId && p.role !== 'sampled' && p.role !== 'distributor')
    .map((p) => p.enterpriseId!))];
  if (enterpriseIds.length) {
    for (const other of TYPES.filter((t) => t.relatedByEnterprise)) {
      asks.push(related(portal, other, arrayOverlaps(other.table.enterpriseIds, enterpriseIds), id, 'same-enterprise'));
    }
  }
  // Decisions: a case citing this record's decision number, and the decisions a case cites.
  const number = own.decisionNumbers ? row[rowKeyOf(own.table, own.decisionNumbers) ?? ''] : undefined;
  if (typeof number === 'string' && number) {
    for (const citing of TYPES.filter((t) => t.citesDecisions)) {
      asks.push(related(portal, citing, arrayOverlaps(citing.citesDecisions! as never, [number]), id, 'cites-decision'));
    }
  }
  const cited = own.citesDecisions ? row[rowKeyOf(own.table, own.citesDecisions) ?? ''] : undefined;
  if (Array.isArray(cited) && cited.length) {
    for (const decided of TYPES.filter((t) => t.decisionNumbers)) {
      asks.push(related(portal, decided, inArray(decided.decisionNumbers!, cited as string[]), id, 'cited-decision'));
    }
  }
  return (await Promise.all(asks)).flat();
}
