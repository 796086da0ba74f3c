import { yuan } from '../../../core/labels.ts';
import { longMonth } from '../../lib/format.ts';
import type { ProfileView } from '../../lib/page.ts';

/** Penalties on a profile: the ones still within their disclosure period, with the fines. */
export const penaltyProfile: ProfileView = {
  rank: 3,
  findings: ({ facts: f }, T, lang) =>
    f.activePenalties
      ? [T(
          `${f.activePenalties} 项行政处罚仍在公示期内${f.lastPenaltyAt ? `，最近一次 ${longMonth(lang, f.lastPenaltyAt)}` : ''}${f.totalFines ? `，罚款合计 ${yuan(lang, f.totalFines)}` : ''}`,
          `${f.activePenalties} penalt${f.activePenalties > 1 ? 'ies' : 'y'} still within the disclosure period${f.lastPenaltyAt ? `, latest ${longMonth(lang, f.lastPenaltyAt)}` : ''}${f.totalFines ? `, fines totalling ${yuan(lang, f.totalFines)}` : ''}`,
        )]
      : [],
  fields: ({ facts: f }, T) => [[T('行政处罚', 'Penalties'), T(`${f.penalties} 项（公示期内 ${f.activePenalties} 项）`, `${f.penalties} (${f.activePenalties} within disclosure period)`)]],
};
