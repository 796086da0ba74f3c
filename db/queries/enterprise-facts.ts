import { and, or } from 'drizzle-orm';
import type { Database } from '../client.ts';
import { licenseRevocations, penalties, spotChecks, isVisible } from '../schema/index.ts';
import { anyOf } from './any-of.ts';

/** The derived facts behind an enterprise's verdict. Only published or corrected records count. */
export interface EnterpriseFacts {
  spotChecks: number;
  failedSpotChecks: number;
  /** Two or more unqualified spot checks within 24 months: the regulators' trigger for on-site inspection. */
  repeatFailure: boolean;
  penalties: number;
  /** Penalties whose disclosure period has not ended (or has no end date). */
  activePenalties: number;
  totalFines: number;
  licenseRevocations: number;
  licenseRevoked: boolean;
}

const emptyFacts = (): EnterpriseFacts => ({
  spotChecks: 0,
  failedSpotChecks: 0,
  repeatFailure: false,
  penalties: 0,
  activePenalties: 0,
  totalFines: 0,
  licenseRevocations: 0,
  licenseRevoked: false,
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

/** Facts for many enterprises at once (the search sync computes them for a whole batch). */
export async function enterpriseFacts(db: Database, ids: string[], today = new Date().toISOString().slice(0, 10)) {
  const facts = new Map(ids.map((id) => [id, emptyFacts()]));
  if (ids.length === 0) return facts;

  const checks = await db
    .select({ m: spotChecks.manufacturerId, s: spotChecks.sampledUnitId, result: spotChecks.result, publishedAt: spotChecks.publishedAt })
    .from(spotChecks)
    .where(and(isVisible(spotChecks.status), or(anyOf(spotChecks.manufacturerId, ids), anyOf(spotChecks.sampledUnitId, ids))));
  const failures = new Map<string, string[]>();
  for (const c of checks) {
    for (const id of new Set([c.m, c.s])) {
      const f = id ? facts.get(id) : undefined;
      if (!f || !id) continue;
      f.spotChecks += 1;
      if (c.result === 'unqualified') {
        f.failedSpotChecks += 1;
        failures.set(id, [...(failures.get(id) ?? []), c.publishedAt]);
      }
    }
  }
  for (const [id, dates] of failures) facts.get(id)!.repeatFailure = withinTwentyFourMonths(dates);

  const pens = await db
    .select({ id: penalties.enterpriseId, fine: penalties.fineAmount, until: penalties.disclosureUntil })
    .from(penalties)
    .where(and(isVisible(penalties.status), anyOf(penalties.enterpriseId, ids)));
  for (const p of pens) {
    const f = facts.get(p.id!);
    if (!f) continue;
    f.penalties += 1;
    if (!p.until || p.until >= today) f.activePenalties += 1;
    f.totalFines += p.fine ?? 0;
  }

  const licences = await db
    .select({ id: licenseRevocations.enterpriseId, action: licenseRevocations.action })
    .from(licenseRevocations)
    .where(and(isVisible(licenseRevocations.status), anyOf(licenseRevocations.enterpriseId, ids)));
  for (const l of licences) {
    const f = facts.get(l.id!);
    if (!f) continue;
    f.licenseRevocations += 1;
    if (l.action === 'revoked' || l.action === 'withdrawn') f.licenseRevoked = true;
  }
  return facts;
}

