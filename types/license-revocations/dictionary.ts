import type { FieldDoc } from '../shared/descriptor.ts';

/** license-revocations' own fields, for the data dictionary (types/shared/dictionary.ts has the common ones). */
export const licenseRevocationDictionary: Record<string, FieldDoc> = {
  licenseType: { zh: '许可证类型', en: 'The kind of licence: production, food, ccc (compulsory certification) or other (codes in the codebook).', example: 'production' },
  licenseNo: { zh: '许可证编号', en: "The licence or certificate number.", example: '(浙)XK16-204-01234' },
  enterpriseName: { zh: '企业名称', en: 'The licence holder, as published.', example: '某某电器有限公司' },
  enterpriseUscc: { zh: '统一社会信用代码', en: "The holder's unified social credit code, when published.", example: '91330100MA2XXXXX0X' },
  enterpriseId: { zh: '企业档案ID', en: "The holder's enterprise profile on the portal.", example: 'en-8c1d2f' },
  product: { zh: '产品名称', en: 'The product or product unit the licence covers.', example: '电线电缆' },
  action: { zh: '处理措施', en: 'What happened to the licence: revoked, withdrawn, cancelled or suspended (codes in the codebook).', example: 'revoked' },
  reason: { zh: '原因', en: 'Why, as published.', example: '抽查不合格且整改复查仍不合格' },
  decisionNo: { zh: '决定书文号', en: "The decision's document number, when published.", example: '某市监许撤〔2026〕3号' },
  decidedAt: { zh: '决定日期', en: 'The date of the decision (YYYY-MM-DD).', example: '2026-02-01' },
};
