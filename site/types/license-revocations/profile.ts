import { LICENSE_ACTION_LABELS } from '../../../types/license-revocations/labels.ts';
import { longDate } from '../../lib/format.ts';
import type { ProfileView } from '../../lib/page.ts';

/**
 * Licence actions on a profile, of every kind, each by number and date: revoked, withdrawn and
 * suspended licences are findings; a cancelled one (注销, often at the holder's own request) is a
 * note beside the verdict, not against it.
 */
export const licenceProfile: ProfileView = {
  rank: 2,
  findings: ({ licenceActions }, T, lang) =>
    licenceActions
      .filter((l) => l.action !== 'cancelled')
      .map((l) => T(
        `许可证 ${l.licenseNo} 于 ${longDate(lang, l.decidedAt)}被${LICENSE_ACTION_LABELS[l.action].zh}`,
        `Licence ${l.licenseNo} ${LICENSE_ACTION_LABELS[l.action].en.toLowerCase()} on ${longDate(lang, l.decidedAt)}`,
      )),
  note: ({ licenceActions }, T) => {
    const cancelled = licenceActions.filter((l) => l.action === 'cancelled');
    if (cancelled.length === 0) return '';
    const numbers = cancelled.map((l) => l.licenseNo).join(T('、', ', '));
    return T(`许可证 ${numbers} 已注销（注销多为企业自行申请，不计为不良记录）。`, `Licence ${numbers} cancelled (usually at the holder’s own request; not counted against it).`);
  },
  fields: ({ facts: f }, T) => [[T('许可证处理', 'Licence actions'), String(f.licenseRevocations)]],
};
