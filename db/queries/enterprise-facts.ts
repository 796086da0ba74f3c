import { and, sql } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { MAKER_ROLES } from '../../core/normalize/parties.ts';
import { licenseRevocations, penalties, spotChecks, typicalCases, isVisible, type RecordParty } from '../schema/index.ts';

/**
 * The derived facts behind an enterprise's verdict. Only published or corrected records count.
 * Spot checks count against an enterprise where it made the product (nominal manufacturer or
 * entrusted producer); where it only sold, distributed, imported or was sampled, they are
 * counted apart, so a retailer is never said to have made a failed product.
 */
export interface EnterpriseFacts {
  /** Spot checks of products it made (manufacturer or producer). */
  spotChecks: number;
  failedSpotChecks: number;
  /** Two or more unqualified spot checks of its own products within 24 months: the regulators' trigger for on-site inspection. */
  repeatFailure: boolean;
  /** Publication date of the newest failed spot check of its own products. */
  lastFailedAt: string | null;
  /** Spot checks where it only sold, distributed, imported or was sampled. */
  soldSpotChecks: number;
  failedSoldSpotChecks: number;
  penalties: number;
  /** Penalties whose disclosure period has not ended (or has no end date). */
  activePenalties: number;
  totalFines: number;
  licenseRevocations: number;
  licenseRevoked: boolean;
  typicalCases: number;
}

const emptyFacts = (): EnterpriseFacts => ({
  spotChecks: 0,
  failedSpotChecks: 0,
  repeatFailure: false,
  lastFailedAt: null,
  soldSpotChecks: 0,
  failedSoldSpotChecks: 0,
  penalties: 0,
  activePenalties: 0,
  totalFines: 0,
  licenseRevocations: 0,
  licenseRevoked: false,
  typicalCases: 0,
});

/** True when some two of the dates (ISO, any order) lie within 24 months of each other. */
export function withinTwentyFourMonths(dates: string[]): boolean {
  const sorted = [...dates].sort();
  for (let i = 1; i < sorted.length; i++) {
    const earlier = new Date(`${sorted[i - 1]}T00:00:00Z`);
    earlier.setUTCMonth(earlier.getUTCMonth() + 24);
    if (new Date(`${sorted[i]}T00:00:00Z`) <= earlier) return true;
  }
  return false;
}

/** `enterprise_ids && $ids`: the records that name any of the enterprises (GIN index). */
const namesAny = (table: typeof spotChecks | typeof penalties | typeof licenseRevocations | typeof typicalCases, ids: string[]) =>
  sql`${table.enterpriseIds} && ${sql.param(ids)}::text[]`;

/** The enterprises among `ids` a record names, and whether it made the product. */
function involvement(parties: RecordParty[], wanted: Map<string, EnterpriseFacts>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  for (const p of parties) {
    if (!p.enterpriseId || !wanted.has(p.enterpriseId)) continue;
    out.set(p.enterpriseId, (out.get(p.enterpriseId) ?? false) || MAKER_ROLES.includes(p.role));
  }
  return out;
}

/** Facts for many enterprises at once (the search sync computes them for a whole batch). */
export async function enterpriseFacts(db: Database, ids: string[], today = new Date().toISOString().slice(0, 10)) {
  const facts = new Map(ids.map((id) => [id, emptyFacts()]));
  if (ids.length === 0) return facts;

  const checks = await db
    .select({ parties: spotChecks.namedParties, result: spotChecks.result, publishedAt: spotChecks.publishedAt })
    .from(spotChecks)
    .where(and(isVisible(spotChecks.status), namesAny(spotChecks, ids)));
  const failures = new Map<string, string[]>();
  for (const c of checks) {
    const failed = c.result === 'unqualified';
    for (const [id, made] of involvement(c.parties, facts)) {
      const f = facts.get(id)!;
      if (!made) {
        f.soldSpotChecks += 1;
        if (failed) f.failedSoldSpotChecks += 1;
        continue;
      }
      f.spotChecks += 1;
      if (failed) {
        f.failedSpotChecks += 1;
        if (!f.lastFailedAt || c.publishedAt > f.lastFailedAt) f.lastFailedAt = c.publishedAt;
        failures.set(id, [...(failures.get(id) ?? []), c.publishedAt]);
      }
    }
  }
  for (const [id, dates] of failures) facts.get(id)!.repeatFailure = withinTwentyFourMonths(dates);

  const pens = await db
    .select({ parties: penalties.namedParties, fine: penalties.fineAmount, until: penalties.disclosureUntil })
    .from(penalties)
    .where(and(isVisible(penalties.status), namesAny(penalties, ids)));
  for (const p of pens) {
    for (const id of involvement(p.parties, facts).keys()) {
      const f = facts.get(id)!;
      f.penalties += 1;
      if (!p.until || p.until >= today) f.activePenalties += 1;
      f.totalFines += p.fine ?? 0;
    }
  }

  const licences = await db
    .select({ parties: licenseRevocations.namedParties, action: licenseRevocations.action })
    .from(licenseRevocations)
    .where(and(isVisible(licenseRevocations.status), namesAny(licenseRevocations, ids)));
  for (const l of licences) {
    for (const id of involvement(l.parties, facts).keys()) {
      const f = facts.get(id)!;
      f.licenseRevocations += 1;
      if (l.action === 'revoked' || l.action === 'withdrawn') f.licenseRevoked = true;
    }
  }

  const cases = await db
    .select({ parties: typicalCases.namedParties })
    .from(typicalCases)
    .where(and(isVisible(typicalCases.status), namesAny(typicalCases, ids)));
  for (const c of cases) for (const id of involvement(c.parties, facts).keys()) facts.get(id)!.typicalCases += 1;
  return facts;
}

/** Every record an enterprise's profile counts: the records it made and the ones it only sold. */
export const recordCount = (f: EnterpriseFacts) => f.spotChecks + f.soldSpotChecks + f.penalties + f.licenseRevocations + f.typicalCases;
