import type { FieldDoc } from '../shared/descriptor.ts';

/** The fields of a licence-revocation record beyond the common ones (types/shared/dictionary.ts). */
export const licenseRevocationDictionary: Record<string, FieldDoc> = {
  licenseType: { zh: '许可证类型', en: 'Kind of licence or certificate: production (工业产品生产许可证), food (食品生产许可证), ccc (CCC certificate) or other.', example: 'production' },
  licenseNo: { zh: '许可证编号', en: 'Number of the licence or certificate, as published.', example: '(浙)XK06-001-00001' },
  enterpriseName: { zh: '企业名称', en: 'The licence holder, as published.', example: '杭州示例电器有限公司' },
  enterpriseUscc: { zh: '统一社会信用代码', en: 'The holder’s unified social credit code, as published; null when not printed.', example: '91330110MA2XXXXX0X' },
  enterpriseId: { zh: '企业档案', en: 'Id of the holder’s enterprise profile; null when not linked.', example: 'ent-91330100' },
  product: { zh: '产品', en: 'The product the licence covers, as published; null when not printed.', example: '电热水壶' },
  action: { zh: '处理方式', en: 'What was done to the licence: revoked (吊销), withdrawn (撤销), cancelled (注销) or suspended (暂停).', example: 'revoked' },
  reason: { zh: '原因', en: 'Why, as published; null when not printed.', example: '监督抽查连续两次不合格' },
  decisionNo: { zh: '决定书文号', en: 'Number of the decision, as published; null when not printed.', example: '浙市监许〔2025〕12号' },
  decidedAt: { zh: '决定日期', en: 'Date of the decision (YYYY-MM-DD).', example: '2025-05-20' },
};
