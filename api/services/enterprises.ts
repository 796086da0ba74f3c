import { eq, or, sql } from 'drizzle-orm';
import { MAKER_ROLES, type PartyRole } from '../../core/normalize/parties.ts';
import { parseUscc } from '../../core/normalize/uscc.ts';
import { factFlags, factsOfRows } from '../../types/enterprise-facts.ts';
import { z } from 'zod';
import { type EnterpriseProfile, type timelineEntrySchema } from './enterprise-schemas.ts';
import { enterprises, isVisibleStatus, type RecordParty } from '../../db/schema/index.ts';
import { TYPES, type RecordType } from '../../types/registry.ts';
import { headingOf } from '../../types/shared/labels.ts';
import { NotFoundError } from '../errors.ts';
import type { Portal } from '../portal.ts';
import { preparedFor } from '../../db/prepared.ts';

export type TimelineEntry = z.output<typeof timelineEntrySchema>;
export type { EnterpriseProfile };

/** The roles an enterprise has in a record. */
const rolesOf = (parties: RecordParty[], id: string) => [...new Set(parties.filter((p) => p.enterpriseId === id).map((p) => p.role))];
/** Roles under which the record is about the enterprise's own product or conduct. */
const ANSWERABLE: readonly PartyRole[] = [...MAKER_ROLES, 'party', 'holder'];

const profileQueries = preparedFor((db) => ({
  byId: db.select().from(enterprises).where(eq(enterprises.id, sql.placeholder('key'))).limit(1).prepare('enterprise_by_id'),
  byUsccOrId: db.select().from(enterprises).where(or(eq(enterprises.uscc, sql.placeholder('uscc')), eq(enterprises.id, sql.placeholder('key')))).limit(1).prepare('enterprise_by_uscc'),
  // Every record of a type that names the enterprise, in any role. `@>`, not `id = any(enterprise_ids)`:
  // only `@>` is answered by the GIN index on enterprise_ids; `= any` reads every row of every table
  // (at 100,000 spot checks, a search page naming a firm fell from Meilisearch's 99 requests/s to 25).
  records: TYPES.map((type) => db.select().from(type.table).where(sql`${type.table.enterpriseIds} @> array[${sql.placeholder('id')}]::text[]`).prepare('enterprise_records')),
}));

/**
 * An enterprise profile by USCC (any accepted spelling) or by id: the enterprise, the facts behind
 * its verdict, and a newest-first timeline of every visible record about it.
 */
export async function getEnterprise({ db }: Portal, key: string): Promise<EnterpriseProfile> {
  const uscc = parseUscc(key);
  const queries = profileQueries(db.db);
  const [enterprise] = await (uscc.ok ? queries.byUsccOrId.execute({ uscc: uscc.value, key }) : queries.byId.execute({ key }));
  if (!enterprise) throw new NotFoundError(`No enterprise with USCC or id "${key}"`);
  const id = enterprise.id;
  // All types at once; the facts behind the verdict come from the same rows (factsOfRows), so each record is read once.
  const rowsByType = (await Promise.all(queries.records.map((query) => query.execute({ id })))) as Record<string, unknown>[][];
  const facts = factsOfRows(id, (name) => rowsByType[TYPES.findIndex((t) => t.name === name)]!);
  const extras: Record<string, unknown> = {};
  const timeline: TimelineEntry[] = [];
  for (const [k, type] of TYPES.entries()) {
    const rows = rowsByType[k]!;
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

