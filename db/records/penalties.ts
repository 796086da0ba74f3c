import { z } from 'zod';
import { maskPersonName } from '../normalize/mask.ts';
import { toHalfWidth } from '../normalize/text.ts';
import {
  commonFields,
  commonHeaders,
  optionalAmount,
  optionalDate,
  optionalText,
  optionalUscc,
  requiredDate,
  requiredText,
} from './fields.ts';

/** Penalty kinds as they appear in 处罚内容, mapped to stable facet values. */
const PENALTY_TYPES: [RegExp, string][] = [
  [/警告/, 'warning'],
  [/通报批评/, 'circulated-criticism'],
  [/罚款/, 'fine'],
  [/没收违法所得/, 'confiscation-of-gains'],
  [/没收(?!违法所得)[^，,；;。]*?(产品|商品|物品|财物|工具)/, 'confiscation-of-goods'],
  [/暂扣|暂停|责令停产停业|责令停业/, 'suspension'],
  [/吊销|撤销.*许可/, 'licence-revocation'],
  [/降低资质等级/, 'qualification-downgrade'],
];

/** Every penalty kind the portal distinguishes (the facet values of `penaltyTypes`). */
export const PENALTY_TYPE_VALUES = PENALTY_TYPES.map(([, type]) => type);

export function penaltyTypesOf(content: string | undefined): string[] {
  if (!content) return [];
  return PENALTY_TYPES.filter(([pattern]) => pattern.test(content)).map(([, type]) => type);
}

/** Words that mark an organisation rather than a natural person. */
const ORGANISATION = /(公司|厂|店|部|中心|合作社|商行|集团|企业|研究院|研究所|工作室|经营|门市|超市|作坊|医院|学校)/;

/** A party with no USCC whose name reads like a personal name is a natural person, masked at import. */
export function isNaturalPerson(name: string, uscc: string | undefined): boolean {
  if (uscc) return false;
  return !ORGANISATION.test(name) && (/^[\u4e00-\u9fff·*＊]{2,6}$/.test(name) || /^[A-Za-z .'-]{2,60}$/.test(name));
}

/** penalties: the zod schema of one imported row, its headers and natural key. */
export const penaltySchema = z
  .object({
    ...commonFields,
    publishedAt: optionalDate,
    decisionNo: requiredText(200),
    partyName: requiredText(300),
    partyUscc: optionalUscc,
    legalRepresentative: optionalText(100),
    violationType: optionalText(300),
    facts: optionalText(8000),
    legalBasis: optionalText(2000),
    penaltyContent: optionalText(2000),
    fineAmount: optionalAmount,
    confiscatedAmount: optionalAmount,
    decidedAt: requiredDate,
    disclosureUntil: optionalDate,
  })
  .transform((row) => {
    const person = isNaturalPerson(row.partyName, row.partyUscc);
    // A natural person's name is masked wherever the record repeats it ("当事人张三于…"), not
    // only in the party field.
    const text = person ? maskNameIn(row.partyName) : (s: string | undefined) => s;
    return {
      ...row,
      legalRepresentative: text(row.legalRepresentative),
      violationType: text(row.violationType),
      facts: text(row.facts),
      legalBasis: text(row.legalBasis),
      penaltyContent: text(row.penaltyContent),
      sourceTitle: text(row.sourceTitle),
      publishedAt: row.publishedAt ?? row.decidedAt,
      partyKind: person ? ('person' as const) : ('enterprise' as const),
      partyName: person ? maskPersonName(row.partyName) : row.partyName,
      penaltyTypes: penaltyTypesOf(row.penaltyContent),
    };
  });

/** Replaces every occurrence of a person's name in a text with its masked form. */
export function maskNameIn(name: string): <T extends string | undefined>(text: T) => T {
  const masked = maskPersonName(name);
  return <T extends string | undefined>(text: T) => (text === undefined || name.length < 2 ? text : (text.split(name).join(masked) as T));
}

export type PenaltyInput = z.output<typeof penaltySchema>;

export const penaltyHeaders: Record<string, string[]> = {
  ...commonHeaders,
  decisionNo: ['行政处罚决定书文号', '决定书文号', '处罚决定书文号', 'decision_no'],
  partyName: ['当事人名称', '当事人', '行政相对人名称', 'party'],
  partyUscc: ['统一社会信用代码', '社会信用代码', 'uscc'],
  legalRepresentative: ['法定代表人', '法定代表人（负责人）', 'legal_representative'],
  violationType: ['违法行为类型', '案件名称', 'violation_type'],
  facts: ['违法事实', '主要违法事实', 'facts'],
  legalBasis: ['处罚依据', 'legal_basis'],
  penaltyContent: ['处罚内容', '处罚结果', '处罚种类', 'penalty'],
  fineAmount: ['罚款金额', '罚款金额（元）', '罚款金额(元)', '罚款金额（万元）', '罚款金额(万元)', 'fine'],
  confiscatedAmount: ['没收违法所得', '没收违法所得金额（元）', '没收违法所得金额(元)', '没收违法所得（万元）', 'confiscated'],
  decidedAt: ['处罚决定日期', '决定日期', '作出处罚决定日期', 'decided_at'],
  disclosureUntil: ['公示截止日期', '公示期限', 'disclosure_until'],
};

/** authority + decision document number */
export const penaltyNaturalKey = (r: PenaltyInput) => [r.authority, toHalfWidth(r.decisionNo).replace(/\s/g, '')];
