import { completeUscc } from '../../core/normalize/uscc.ts';
import type { LicenseRevocationRow } from './table.ts';
import { canonicalDecisionNo, canonicalLicenceNo } from '../../core/text/index.ts';
import { baseDocument, recordSettings } from '../shared/search-document.ts';

export const LICENSE_ACTION_ZH = { revoked: '吊销', withdrawn: '撤销', cancelled: '注销', suspended: '暂停' } as const;

/** license-revocations index: found by holder name or by licence number. */
export const licenseRevocationIndexSettings = recordSettings(
  ['enterpriseName', 'licenseNo', 'product', 'reason', 'decisionNo'],
  ['action', 'licenseType', 'enterpriseIds'],
);

export function licenseRevocationDocument(row: LicenseRevocationRow) {
  return {
    ...baseDocument('license-revocations', row, `${row.enterpriseName} ${row.licenseNo}（${LICENSE_ACTION_ZH[row.action]}）`, row.product ?? undefined, {
      identifiers: [canonicalLicenceNo(row.licenseNo), completeUscc(row.enterpriseUscc), row.decisionNo ? canonicalDecisionNo(row.decisionNo) : undefined],
      names: [row.enterpriseName],
      text: [row.product, row.reason],
    }),
    enterpriseName: row.enterpriseName,
    enterpriseUscc: row.enterpriseUscc,
    licenseNo: row.licenseNo,
    licenseType: row.licenseType,
    product: row.product,
    action: row.action,
    reason: row.reason,
    decisionNo: row.decisionNo,
    decidedAt: row.decidedAt,
    enterpriseIds: row.enterpriseIds,
  };
}
