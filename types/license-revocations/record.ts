import { z } from 'zod';
import { toHalfWidth } from '../../core/normalize/text.ts';
import {
  commonFields,
  commonHeaders,
  optionalDate,
  optionalText,
  optionalUscc,
  requiredCell,
  requiredDate,
  requiredText,
  vocabulary,
} from '../shared/fields.ts';

/** Production licences (XK…), food licences (SC…) and 16-digit CCC certificates. */
export function licenseTypeOf(licenseNo: string): 'production' | 'food' | 'ccc' | 'other' {
  const n = toHalfWidth(licenseNo).toUpperCase();
  if (/XK\d{2}-\d{3}-\d{5}/.test(n)) return 'production';
  if (/^(JY)?SC\d{14}$/.test(n.replace(/\s/g, ''))) return 'food';
  if (/^\d{16}$/.test(n)) return 'ccc';
  return 'other';
}

/** license-revocations: the zod schema of one imported row, its headers and natural key. */
export const licenseRevocationSchema = z
  .object({
    ...commonFields,
    publishedAt: optionalDate,
    licenseNo: requiredText(100),
    enterpriseName: requiredText(300),
    enterpriseUscc: optionalUscc,
    product: optionalText(300),
    action: requiredCell(vocabulary('licence action', {
      吊销: 'revoked', revoked: 'revoked', revoke: 'revoked',
      撤销: 'withdrawn', withdrawn: 'withdrawn', withdraw: 'withdrawn',
      注销: 'cancelled', cancelled: 'cancelled', canceled: 'cancelled', cancel: 'cancelled',
      暂停: 'suspended', suspended: 'suspended', suspend: 'suspended',
    })),
    reason: optionalText(2000),
    decisionNo: optionalText(200),
    decidedAt: requiredDate,
  })
  .transform((row) => ({
    ...row,
    publishedAt: row.publishedAt ?? row.decidedAt,
    licenseType: licenseTypeOf(row.licenseNo),
  }));

export type LicenseRevocationInput = z.output<typeof licenseRevocationSchema>;

export const licenseRevocationHeaders: Record<string, string[]> = {
  ...commonHeaders,
  licenseNo: ['许可证编号', '证书编号', 'license_no'],
  enterpriseName: ['企业名称', '获证企业名称', '持证企业', 'enterprise'],
  enterpriseUscc: ['统一社会信用代码', '社会信用代码', 'uscc'],
  product: ['产品名称', '产品单元', 'product'],
  action: ['处理措施', '处理结果', '处理类型', 'action'],
  reason: ['原因', '吊销原因', '撤销原因', '处理原因', 'reason'],
  decisionNo: ['决定书文号', 'decision_no'],
  decidedAt: ['决定日期', '处理日期', 'decided_at'],
};

/** licence number + action + decision date */
export const licenseRevocationNaturalKey = (r: LicenseRevocationInput) => [
  toHalfWidth(r.licenseNo).toUpperCase().replace(/\s/g, ''),
  r.action,
  r.decidedAt,
];
