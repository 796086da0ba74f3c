import type { ProfileView } from '../../lib/page.ts';

/** Licence actions on a profile: each licence revoked or withdrawn, by number and date. */
export const licenceProfile: ProfileView = {
  rank: 2,
  findings: ({ revokedLicences }, T) =>
    revokedLicences.map((l) => T(`许可证 ${l.licenseNo} 于 ${l.decidedAt} 被${l.action === 'revoked' ? '吊销' : '撤销'}`, `Licence ${l.licenseNo} ${l.action === 'revoked' ? 'revoked' : 'withdrawn'} on ${l.decidedAt}`)),
  fields: ({ facts: f }, T) => [[T('许可证处理', 'Licence actions'), String(f.licenseRevocations)]],
};
