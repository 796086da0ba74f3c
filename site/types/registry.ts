import type { AstroGlobal } from 'astro';
import type { AstroComponentFactory } from 'astro/runtime/server/index.js';
import { TYPES, type RecordType } from '../../types/registry.ts';
import type { ProfileView } from '../lib/page.ts';
import SpotCheckRecord from './spot-checks/Record.astro';
import SpotCheckCharts from './spot-checks/Charts.astro';
import PenaltyRecord from './penalties/Record.astro';
import PenaltyCharts from './penalties/Charts.astro';
import LicenceRecord from './license-revocations/Record.astro';
import TypicalCaseRecord from './typical-cases/Record.astro';
import TypicalCaseList from './typical-cases/List.astro';
import { loadCaseList } from './typical-cases/load-list.ts';
import { spotCheckProfile } from './spot-checks/profile.ts';
import { penaltyProfile } from './penalties/profile.ts';
import { licenceProfile } from './license-revocations/profile.ts';
import AlertRecord from './cross-border-alerts/Record.astro';
import AlertCharts from './cross-border-alerts/Charts.astro';
import { crossBorderAlertProfile } from './cross-border-alerts/profile.ts';

/**
 * Each record type's pages, from its own folder (site/types/<name>/): how one record reads, its
 * charts on /stats, its own listing where it has one, and what it says on an enterprise profile.
 * The generic routes (pages/[type]/[id].astro, pages/[type]/index.astro, pages/stats.astro,
 * pages/enterprises/[key].astro) render these.
 */
interface TypeViews {
  Record: AstroComponentFactory;
  Charts?: AstroComponentFactory;
  /** Its own listing: the data, loaded by the page (which sets the status), and the component that shows it. */
  List?: { load(Astro: AstroGlobal): Promise<{ status: number }>; Component: AstroComponentFactory };
  profile?: ProfileView;
}

export const VIEWS: Record<RecordType, TypeViews> = {
  'spot-checks': { Record: SpotCheckRecord, Charts: SpotCheckCharts, profile: spotCheckProfile },
  penalties: { Record: PenaltyRecord, Charts: PenaltyCharts, profile: penaltyProfile },
  'license-revocations': { Record: LicenceRecord, profile: licenceProfile },
  'typical-cases': { Record: TypicalCaseRecord, List: { load: loadCaseList, Component: TypicalCaseList } },
  'cross-border-alerts': { Record: AlertRecord, Charts: AlertCharts, profile: crossBorderAlertProfile },
};

/** The profile views in the order of the types (the facts table), and by rank (the verdict). */
export const PROFILE_VIEWS = TYPES.flatMap((t) => VIEWS[t.name as RecordType].profile ?? []);
export const VERDICT_VIEWS = [...PROFILE_VIEWS].sort((a, b) => a.rank - b.rank);
