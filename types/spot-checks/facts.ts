import type { FactsDescriptor } from '../shared/descriptor.ts';

/** What spot checks say about an enterprise: failures of products it made, and of ones it only sold. */
export interface SpotCheckFacts {
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
}

type Working = SpotCheckFacts & { failureDates?: string[] };

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

export const spotCheckFacts = (columns: FactsDescriptor['columns']): FactsDescriptor<Working> => ({
  columns,
  empty: () => ({ spotChecks: 0, failedSpotChecks: 0, repeatFailure: false, lastFailedAt: null, soldSpotChecks: 0, failedSoldSpotChecks: 0 }),
  docs: {
    spotChecks: 'Spot checks of products the enterprise made',
    failedSpotChecks: 'Of those, the ones that failed',
    repeatFailure: 'True when its products failed twice or more within 24 months',
    lastFailedAt: 'Date of the newest failure of its products (YYYY-MM-DD); null without any',
    soldSpotChecks: 'Spot checks of products it only sold or where it was sampled (made by others)',
    failedSoldSpotChecks: 'Of those, the ones that failed',
  },
  add(f, row, made) {
    const failed = row.result === 'unqualified';
    if (!made) {
      f.soldSpotChecks += 1;
      if (failed) f.failedSoldSpotChecks += 1;
      return;
    }
    f.spotChecks += 1;
    if (!failed) return;
    const date = String(row.publishedAt);
    f.failedSpotChecks += 1;
    if (!f.lastFailedAt || date > f.lastFailedAt) f.lastFailedAt = date;
    (f.failureDates ??= []).push(date);
  },
  finish(f) {
    f.repeatFailure = withinTwentyFourMonths(f.failureDates ?? []);
    delete f.failureDates;
  },
  count: (f) => f.spotChecks + f.soldSpotChecks,
  flags: ['repeatFailure'],
  counts: ['spotChecks', 'failedSpotChecks'],
});
