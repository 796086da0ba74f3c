import type { FieldDoc } from '../shared/descriptor.ts';

/** typical-cases' own fields, for the data dictionary (types/shared/dictionary.ts has the common ones). */
export const typicalCaseDictionary: Record<string, FieldDoc> = {
  title: { zh: '案例标题', en: "The case write-up's title.", example: '某某公司销售不合格电热水壶案' },
  summary: { zh: '摘要', en: 'A short summary, as published.', example: '执法人员在抽查中发现……' },
  bodyMd: { zh: '正文', en: 'The full write-up in Markdown, as written.', example: '## 基本案情\n……' },
  caseType: { zh: '案件类型', en: 'The kind of case, as published.', example: '产品质量' },
  parties: { zh: '当事人', en: 'The parties, as the write-up names them (natural persons masked).', example: '某某电器有限公司' },
  enterpriseId: { zh: '企业档案ID', en: "The enterprise profile the case is linked to.", example: 'en-8c1d2f' },
  violation: { zh: '违法行为', en: 'The violation, as published.', example: '销售不合格产品' },
  legalBasis: { zh: '法律依据', en: 'The legal provisions, as published.', example: '《中华人民共和国产品质量法》第四十九条' },
  outcome: { zh: '处理结果', en: 'How the case ended, as published.', example: '罚款5万元' },
  relatedDecisionNos: { zh: '相关决定书文号', en: 'Penalty decisions the case refers to. In the CSV, joined with ；.', example: ['某市监处罚〔2026〕12号'] },
  tags: { zh: '标签', en: 'Tags the publisher gave the case. In the CSV, joined with ；.', example: ['儿童用品', '网络销售'] },
};
