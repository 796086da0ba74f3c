import type { FieldDoc } from '../shared/descriptor.ts';

/** The fields of a penalty decision beyond the common ones (types/shared/dictionary.ts). */
export const penaltyDictionary: Record<string, FieldDoc> = {
  decisionNo: { zh: '行政处罚决定书文号', en: 'Number of the penalty decision, as published.', example: '杭市监罚〔2025〕88号' },
  partyName: { zh: '行政相对人名称', en: 'The party penalised; a natural person’s name is masked at import (张**) and only the masked form is stored.', example: '杭州示例电缆有限公司' },
  partyKind: { zh: '相对人类型', en: 'An enterprise or a natural person.', example: 'enterprise' },
  partyUscc: { zh: '统一社会信用代码', en: 'The party’s code as published: a complete USCC, or a partly masked one (92640********E416F) that links no profile; null when not printed.', example: '91330110MA2XXXXX0X' },
  partyCategory: { zh: '行政相对人类别', en: 'The party’s category as published (法人及非法人组织, 个体工商户, 自然人); null when not printed.', example: '法人及非法人组织' },
  enterpriseId: { zh: '企业档案', en: 'Id of the party’s enterprise profile; null when not linked.', example: 'ent-91330100' },
  legalRepresentative: { zh: '法定代表人', en: 'Legal representative, as published (masked like any personal name); null when not printed.', example: '王**' },
  violationType: { zh: '违法行为类型', en: 'Kind of violation, as published; null when not printed.', example: '生产不合格产品' },
  facts: { zh: '违法事实', en: 'The facts found, as published; null when not printed.', example: '当事人生产的电缆导体电阻不合格。' },
  legalBasis: { zh: '处罚依据', en: 'The provisions applied, as published; null when not printed.', example: '《中华人民共和国产品质量法》第四十九条' },
  penaltyTypes: { zh: '处罚类型', en: 'Kinds of penalty imposed (fine, confiscation, warning…), as codes the labels translate.', example: ['fine', 'confiscation'] },
  penaltyContent: { zh: '处罚内容', en: 'The penalty as published, in words; null when not printed.', example: '罚款人民币50000元，没收违法所得3200元' },
  penaltyCategory: { zh: '处罚类别', en: 'The penalty category as published; null when not printed.', example: '罚款' },
  fineAmount: { zh: '罚款金额（元）', en: 'The fine in yuan (CNY); null when not published.', example: 50000 },
  confiscatedAmount: { zh: '没收金额（元）', en: 'Illegal gains and goods confiscated, in yuan (CNY); null when not published.', example: 3200 },
  amountsFromText: { zh: '金额取自处罚内容', en: 'True when the amounts were read out of penaltyContent because the file has no amount in its own column.', example: false },
  decidedAt: { zh: '处罚决定日期', en: 'Date of the decision (YYYY-MM-DD).', example: '2025-04-02' },
  disclosureUntil: { zh: '公示截止期', en: 'Last day the decision is to be disclosed (YYYY-MM-DD); afterwards the record expires. Null when not published.', example: '2028-04-02' },
};
