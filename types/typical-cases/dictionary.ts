import type { FieldDoc } from '../shared/descriptor.ts';

/** The fields of a typical case beyond the common ones (types/shared/dictionary.ts). */
export const typicalCaseDictionary: Record<string, FieldDoc> = {
  title: { zh: '标题', en: 'Title of the case write-up, as published.', example: '某电缆有限公司生产不合格电线电缆案' },
  summary: { zh: '摘要', en: 'A short summary of the case; null when the publisher gives none.', example: '当事人生产导体电阻不合格的电缆，被罚款并没收违法所得。' },
  bodyMd: { zh: '正文', en: 'The case as written, in Markdown (rendered through a sanitizer, never trusted as HTML).', example: '## 基本案情\n\n当事人……' },
  caseType: { zh: '案件类型', en: 'Kind of case, as published; null when not printed.', example: '产品质量' },
  parties: { zh: '当事人', en: 'The parties as the write-up names them (often anonymised, e.g. 某公司); null when not printed.', example: '某电缆有限公司' },
  enterpriseId: { zh: '企业档案', en: 'Id of the enterprise profile the case is about; null when not linked.', example: null },
  violation: { zh: '违法行为', en: 'The violation, as published; null when not printed.', example: '生产不合格产品' },
  legalBasis: { zh: '法律依据', en: 'The provisions applied, as published; null when not printed.', example: '《中华人民共和国产品质量法》第四十九条' },
  outcome: { zh: '处理结果', en: 'What the authority decided, as published; null when not printed.', example: '罚款5万元' },
  relatedDecisionNos: { zh: '相关决定书文号', en: 'Numbers of penalty decisions the case cites (they link to those records).', example: ['杭市监罚〔2025〕88号'] },
  tags: { zh: '标签', en: 'Keywords the publisher or the portal gave the case.', example: ['电线电缆'] },
};
