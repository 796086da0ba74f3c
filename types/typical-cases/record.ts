import { z } from 'zod';
import { commonFields, commonHeaders, optionalText, requiredCell, requiredText, textList } from '../shared/fields.ts';

/** typical-cases: the zod schema of one case (front matter + Markdown body) and its headers. */
export const typicalCaseSchema = z.object({
  ...commonFields,
  slug: requiredCell((raw, ctx) => {
    if (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw) && raw.length <= 120) return raw;
    ctx.addIssue({ code: 'custom', message: 'must be lower-case letters, digits and single hyphens (at most 120)', input: raw });
    return z.NEVER;
  }),
  title: requiredText(300),
  summary: optionalText(1000),
  bodyMd: requiredText(100_000),
  caseType: optionalText(200),
  parties: optionalText(1000),
  violation: optionalText(2000),
  legalBasis: optionalText(2000),
  outcome: optionalText(2000),
  relatedDecisionNos: textList,
  tags: textList,
});

export type TypicalCaseInput = z.output<typeof typicalCaseSchema>;

export const typicalCaseHeaders: Record<string, string[]> = {
  ...commonHeaders,
  slug: ['slug', '标识'],
  title: ['title', '标题', '案例标题'],
  summary: ['summary', '摘要'],
  bodyMd: ['body', '正文', 'body_md'],
  caseType: ['caseType', 'case_type', '案件类型'],
  parties: ['parties', '当事人'],
  violation: ['violation', '违法行为'],
  legalBasis: ['legalBasis', 'legal_basis', '法律依据'],
  outcome: ['outcome', '处理结果'],
  relatedDecisionNos: ['relatedDecisionNos', 'related_decision_nos', '相关决定书文号'],
  tags: ['tags', '标签'],
  // Front matter uses camelCase names for the common fields too.
  publishedAt: [...(commonHeaders.publishedAt ?? []), 'publishedAt'],
  productCategory: [...(commonHeaders.productCategory ?? []), 'productCategory'],
  regionCode: [...(commonHeaders.regionCode ?? []), 'regionCode'],
  sourceUrl: [...(commonHeaders.sourceUrl ?? []), 'sourceUrl'],
};

export const typicalCaseNaturalKey = (r: TypicalCaseInput) => [r.slug];
