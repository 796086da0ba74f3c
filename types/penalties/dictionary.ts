import type { FieldDoc } from '../shared/descriptor.ts';

/** penalties' own fields, for the data dictionary (types/shared/dictionary.ts has the common ones). */
export const penaltyDictionary: Record<string, FieldDoc> = {
  decisionNo: { zh: '行政处罚决定书文号', en: "The penalty decision's document number.", example: '某市监处罚〔2026〕12号' },
  partyName: { zh: '当事人名称', en: 'The party penalised: a company as published, a natural person masked at import (张**).', example: '某某电器有限公司' },
  partyKind: { zh: '当事人类型', en: 'enterprise or person (a natural person, whose name is masked).', example: 'enterprise' },
  partyUscc: { zh: '统一社会信用代码', en: "The party's unified social credit code as published: complete, or partly masked (then it links no profile).", example: '91330100MA2XXXXX0X' },
  partyCategory: { zh: '行政相对人类别', en: 'The party category as published (法人及非法人组织, 个体工商户, 自然人).', example: '法人及非法人组织' },
  enterpriseId: { zh: '企业档案ID', en: "The party's enterprise profile on the portal.", example: 'en-8c1d2f' },
  legalRepresentative: { zh: '法定代表人', en: 'The legal representative, masked at import.', example: '王**' },
  violationType: { zh: '违法行为类型', en: 'The kind of violation, as published (English in the codebook where the glossary has it).', example: '销售不合格产品' },
  facts: { zh: '违法事实', en: 'The facts of the violation, as published.', example: '当事人销售的电热水壶经抽查不合格……' },
  legalBasis: { zh: '处罚依据', en: 'The legal provisions the decision rests on, as published.', example: '《中华人民共和国产品质量法》第四十九条' },
  penaltyTypes: { zh: '处罚种类', en: 'The kinds of penalty read from the decision (codes in the codebook). In the CSV, joined with ；.', example: ['warning', 'fine'] },
  penaltyContent: { zh: '处罚内容', en: 'What the decision imposes, as published.', example: '警告，罚款人民币3000元' },
  penaltyCategory: { zh: '处罚类别', en: 'The penalty category as published.', example: '罚款' },
  fineAmount: { zh: '罚款金额（元）', en: 'The fine in yuan (CNY); empty when not published.', example: 3000 },
  confiscatedAmount: { zh: '没收金额（元）', en: 'Illegal gains and goods confiscated, in yuan (CNY); empty when not published.', example: 1200.5 },
  amountsFromText: { zh: '金额取自处罚内容', en: 'True when the amounts were read out of 处罚内容 because the file has no amount column.', example: false },
  decidedAt: { zh: '处罚决定日期', en: 'The date of the decision (YYYY-MM-DD).', example: '2026-01-10' },
  disclosureUntil: { zh: '公示截止日期', en: 'Until when the decision is to be disclosed (YYYY-MM-DD); the record expires after it.', example: '2029-01-10' },
};
