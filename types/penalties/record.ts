import { z } from 'zod';
import { maskNameIn, maskPersonName } from '../../core/normalize/mask.ts';
import { toHalfWidth } from '../../core/normalize/text.ts';
import { amountsInText } from '../../core/normalize/money.ts';
import {
  commonFields,
  commonHeaders,
  optionalAmount,
  optionalDate,
  optionalText,
  optionalUscc,
  requiredDate,
  requiredText,
} from '../shared/fields.ts';

/** Penalty kinds as they appear in 处罚内容, mapped to stable facet values. */
const PENALTY_TYPES: [RegExp, string][] = [
  [/警告/, 'warning'],
  [/通报批评/, 'circulated-criticism'],
  [/罚款/, 'fine'],
  [/没收违法所得/, 'confiscation-of-gains'],
  // 没收铜软线180米, 没收非法财物, 没收不合格产品 — anything confiscated but the gains.
  [/没收(?!违法所得|非法所得|其违法所得)/, 'confiscation-of-goods'],
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

/**
 * A party with no USCC whose name reads like a personal name is a natural person, masked at import;
 * so is one the file itself calls a natural person (行政相对人类别 自然人).
 */
export function isNaturalPerson(name: string, uscc: string | undefined, category?: string): boolean {
  if (category && /自然人|个人/.test(category)) return true;
  if (uscc || (category && /法人|组织|个体工商户|企业/.test(category))) return false;
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
    partyCategory: optionalText(100),
    legalRepresentative: optionalText(100),
    violationType: optionalText(300),
    facts: optionalText(8000),
    legalBasis: optionalText(2000),
    penaltyContent: optionalText(4000),
    penaltyCategory: optionalText(500),
    fineAmount: optionalAmount,
    confiscatedAmount: optionalAmount,
    decidedAt: requiredDate,
    disclosureUntil: optionalDate,
  })
  .transform((row) => {
    const person = isNaturalPerson(row.partyName, row.partyUscc, row.partyCategory);
    // Amounts written only inside 处罚内容 (罚款1700元) are read out of it; what cannot be read stays
    // null, "not published" — never 0.
    const stated = amountsInText(row.penaltyContent);
    const fineAmount = row.fineAmount ?? stated.fine ?? undefined;
    const confiscatedAmount = row.confiscatedAmount ?? stated.confiscated ?? undefined;
    // A natural person's name is masked wherever the record repeats it ("当事人张三于…"), not
    // only in the party field.
    const text = person ? maskNameIn(row.partyName) : (s: string | undefined) => s;
    return {
      ...row,
      partyCategory: text(row.partyCategory),
      penaltyCategory: text(row.penaltyCategory),
      legalRepresentative: text(row.legalRepresentative),
      violationType: text(row.violationType),
      facts: text(row.facts),
      legalBasis: text(row.legalBasis),
      penaltyContent: text(row.penaltyContent),
      sourceTitle: text(row.sourceTitle),
      publishedAt: row.publishedAt ?? row.decidedAt,
      partyKind: person ? ('person' as const) : ('enterprise' as const),
      partyName: person ? maskPersonName(row.partyName) : row.partyName,
      penaltyTypes: penaltyTypesOf([row.penaltyCategory, row.penaltyContent].filter(Boolean).join('；')),
      fineAmount,
      confiscatedAmount,
      // Only set when true, so records imported before this field existed keep their content hash.
      amountsFromText: (row.fineAmount == null && fineAmount != null) || (row.confiscatedAmount == null && confiscatedAmount != null) ? (true as const) : undefined,
    };
  });

export type PenaltyInput = z.output<typeof penaltySchema>;

/**
 * Accepted headers, including the labels of the national disclosure templates (信用中国 双公示 and
 * SAMR Order 45): 行政相对人名称 / 名称, 行政相对人代码_1(统一社会信用代码), 法定代表人(负责人)姓名,
 * 作出行政处罚决定机关名称, 作出行政处罚决定日期, 行政处罚内容, 罚款金额(万元)…
 */
export const penaltyHeaders: Record<string, string[]> = {
  ...commonHeaders,
  authority: [...(commonHeaders.authority ?? []), '作出行政处罚决定机关名称', '处罚决定机关', '行政处罚决定机关', '执法机关', '实施机关'],
  decisionNo: ['行政处罚决定书文号', '决定书文号', '处罚决定书文号', '处罚决定文书号', '决定文书号', '文书号', 'decision_no'],
  partyName: ['当事人名称', '当事人', '行政相对人名称', '名称', '被处罚单位', '被处罚人', '当事人姓名或名称', '行政管理相对人名称', 'party'],
  partyUscc: ['统一社会信用代码', '社会信用代码', '行政相对人代码_1(统一社会信用代码)', '当事人统一社会信用代码', '统一社会信用代码/注册号', 'uscc'],
  partyCategory: ['行政相对人类别', '当事人类别', '相对人类别', 'party_category'],
  legalRepresentative: ['法定代表人', '法定代表人（负责人）', '法定代表人(负责人)姓名', '法定代表人姓名', '负责人', '经营者姓名', '法定代表人（负责人）姓名', 'legal_representative'],
  violationType: ['违法行为类型', '案件名称', '违法行为', '案由', 'violation_type'],
  facts: ['违法事实', '主要违法事实', '主要违法事实和证据', 'facts'],
  legalBasis: ['处罚依据', '法律依据', 'legal_basis'],
  penaltyContent: ['处罚内容', '处罚结果', '行政处罚内容', '处罚决定', 'penalty'],
  penaltyCategory: ['处罚种类', '处罚类别', '行政处罚种类', '处罚类型', 'penalty_category'],
  fineAmount: ['罚款金额', '罚款金额（元）', '罚款金额(元)', '罚款金额（万元）', '罚款金额(万元)', '罚款', 'fine'],
  confiscatedAmount: [
    '没收违法所得', '没收违法所得金额（元）', '没收违法所得金额(元)', '没收违法所得（万元）', '没收违法所得金额(万元)',
    '没收违法所得、没收非法财物的金额(万元)', '没收违法所得、没收非法财物的金额（元）', '没收金额', 'confiscated',
  ],
  decidedAt: ['处罚决定日期', '决定日期', '作出处罚决定日期', '作出行政处罚决定日期', '处罚日期', '决定作出日期', 'decided_at'],
  disclosureUntil: ['公示截止日期', '公示期限', '公示截止期', '公示截止时间', 'disclosure_until'],
};

/** authority + decision document number */
export const penaltyNaturalKey = (r: PenaltyInput) => [r.authority, toHalfWidth(r.decisionNo).replace(/\s/g, '')];
