import { eq, or, sql } from 'drizzle-orm';
import type { Bilingual, Outcome } from '../../core/labels.ts';
import { MAKER_ROLES, type PartyRole } from '../../core/normalize/parties.ts';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { enterpriseFacts, factFlags, type EnterpriseFacts, type ProfileExtras } from '../../types/enterprise-facts.ts';
import { enterprises, isVisibleStatus, type RecordParty } from '../../db/schema/index.ts';
import { TYPES, type RecordType } from '../../types/registry.ts';
import { headingOf } from '../../types/shared/labels.ts';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';

export interface TimelineEntry {
  type: RecordType;
  id: string;
  url: string;
  date: string;
  title: string;
  /** A line of what the record says (the failed items, the penalty). */
  summary: string;
  /** The record without its outcome, in both languages: beside its badge. */
  heading: Bilingual;
  /** Its badge: failed, passed, revoked, penalty… */
  outcome: Outcome;
  /** Whether it counts against the enterprise (`outcome.tone` is adverse). */
  adverse: boolean;
  /** The enterprise's roles in the record (manufacturer, producer, distributor, importer, sampled…). */
  roles: PartyRole[];
  /** False when it only sold, distributed, imported or was sampled: the product was not its own. */
  made: boolean;
}

/** The roles an enterprise has in a record. */
const rolesOf = (parties: RecordParty[], id: string) => [...new Set(parties.filter((p) => p.enterpriseId === id).map((p) => p.role))];
/** Roles under which the record is about the enterprise's own product or conduct. */
const ANSWERABLE: readonly PartyRole[] = [...MAKER_ROLES, 'party', 'holder'];

export type EnterpriseProfile = ProfileExtras & {
  enterprise: { id: string; uscc: string | null; name: string; englishName: string | null; aliases: string[]; brands: string[]; kind: string; regionCode: string | null; address: string | null };
  facts: EnterpriseFacts;
  /** The facts that flag it (a repeat failure, a revoked licence…): see types/<name>/ `facts.flags`. */
  flags: Record<string, unknown>;
  timeline: TimelineEntry[];
};

/**
 * An enterprise profile by USCC (any accepted spelling) or by id: the enterprise, the facts behind
 * its verdict, and a newest-first timeline of every visible record about it.
 */
export async function getEnterprise({ db }: Portal, key: string): Promise<EnterpriseProfile> {
  const uscc = parseUscc(key);
  const [enterprise] = await db.db
    .select()
    .from(enterprises)
    .where(uscc.ok ? or(eq(enterprises.uscc, uscc.value), eq(enterprises.id, key)) : eq(enterprises.id, key))
    .limit(1);
  if (!enterprise) throw new NotFoundError(`No enterprise with USCC or id "${key}"`);
  const id = enterprise.id;
  const facts = (await enterpriseFacts(db.db, [id])).get(id)!;

  // Every record of every type that names the enterprise, in any role (GIN index on enterprise_ids).
  const extras: Record<string, unknown> = {};
  const timeline: TimelineEntry[] = [];
  for (const type of TYPES) {
    const rows = (await db.db.select().from(type.table).where(sql`${id} = any(${type.table.enterpriseIds})`)) as Record<string, unknown>[];
    Object.assign(extras, type.profile?.(rows, id));
    // A type with a section of its own (foreign alerts) stays out of the domestic timeline.
    if (type.ownSection) continue;
    for (const row of rows.filter((r) => isVisibleStatus(r.status))) {
      const roles = rolesOf(row.namedParties as RecordParty[], id);
      timeline.push({
        type: type.name as RecordType, id: String(row.id), url: `/${type.name}/${row.id}`, date: type.date(row),
        title: type.title(row), summary: type.summary(row), heading: headingOf(type, row),
        outcome: type.outcome(row), adverse: type.outcome(row).tone === 'adverse', roles,
        made: roles.some((role) => ANSWERABLE.includes(role)),
      });
    }
  }
  timeline.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));

  return {
    enterprise: {
      id: enterprise.id,
      uscc: enterprise.uscc,
      name: enterprise.name,
      englishName: enterprise.englishName,
      aliases: enterprise.aliases,
      brands: enterprise.brands,
      kind: enterprise.kind,
      regionCode: enterprise.regionCode,
      address: enterprise.address,
    },
    facts,
    flags: factFlags(facts),
    timeline,
    // What a type adds to the profile from its records (the licences that were revoked…).
    ...extras,
  } as EnterpriseProfile;
}

