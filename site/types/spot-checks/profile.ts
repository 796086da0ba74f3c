import { longMonth } from '../../lib/format.ts';
import type { ProfileView } from '../../lib/page.ts';

/** Spot checks on a profile: failures of its own products first; ones it only sold said apart. */
export const spotCheckProfile: ProfileView = {
  rank: 1,
  findings({ facts: f }, T, lang) {
    const latest = f.lastFailedAt ? T(`，最近一次 ${longMonth(lang, f.lastFailedAt)}`, `, latest ${longMonth(lang, f.lastFailedAt)}`) : '';
    if (f.repeatFailure) return [T(`其生产的产品 ${f.failedSpotChecks} 次监督抽查不合格${latest}，其中两次在 24 个月以内 —— 连续抽查不合格`, `${f.failedSpotChecks} failed spot checks of its own products${latest}, two of them within 24 months — repeat failure`)];
    if (f.failedSpotChecks) return [T(`其生产的产品 ${f.failedSpotChecks} 次监督抽查不合格${latest}`, `${f.failedSpotChecks} failed spot check${f.failedSpotChecks > 1 ? 's' : ''} of its own products${latest}`)];
    return [];
  },
  passed: ({ facts: f }, T) => (f.spotChecks ? T(`其生产的产品 ${f.spotChecks} 次监督抽查均合格，`, `Its own products passed all ${f.spotChecks} spot checks; `) : ''),
  // Failed products it only sold, distributed, imported or was sampled with: said apart, not as its own.
  note: ({ facts: f }, T) =>
    f.failedSoldSpotChecks
      ? T(`另有 ${f.failedSoldSpotChecks} 批次不合格产品系其销售、经销或进口，并非其生产。`, `Another ${f.failedSoldSpotChecks} failed batch${f.failedSoldSpotChecks > 1 ? 'es were' : ' was'} only sold, distributed or imported by it, not made by it.`)
      : '',
  fields: ({ facts: f }, T) => [
    [T('监督抽查（作为生产者）', 'Spot checks (as maker)'), T(`${f.spotChecks} 次（不合格 ${f.failedSpotChecks} 次）`, `${f.spotChecks} (${f.failedSpotChecks} failed)`)],
    [T('监督抽查（作为销售、经销或进口方）', 'Spot checks (as seller, distributor or importer)'), f.soldSpotChecks ? T(`${f.soldSpotChecks} 次（不合格 ${f.failedSoldSpotChecks} 次）`, `${f.soldSpotChecks} (${f.failedSoldSpotChecks} failed)`) : null],
  ],
};
