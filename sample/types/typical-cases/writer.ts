/**
 * Generated typical cases for large datasets: each one retells a generated penalty as the
 * Markdown a regulator publishes (front matter + 基本案情 / 查处情况 / 典型意义). The hand-written
 * cases in content/typical-cases stay the sample's own; these only scale the benchmark dataset.
 */
import { Rng, dayNumber, isoFromDay } from '../../prng.ts';
import { category } from '../../taxonomy.ts';

export interface GeneratedCase {
  fileName: string;
  text: string;
}

const LAST_DAY = dayNumber('2026-10-28');

const SIGNIFICANCE: Record<string, string> = {
  生产不合格产品: '生产企业是产品质量第一责任人，出厂检验必须覆盖强制性标准的全部安全项目。',
  销售不合格产品: '销售者应当建立进货查验制度，不能以不知情为由免除责任。',
  未经强制性产品认证擅自出厂销售: '列入强制性产品认证目录的产品，未经认证不得出厂、销售、进口或者在其他经营活动中使用。',
  冒用他人厂名厂址: '冒用厂名厂址既侵害他人权益，也使消费者无法追溯责任主体。',
};

// Penalty columns (PENALTY_HEADERS): 0 decision no, 1 party, 2 USCC, 4 type, 5 facts, 7 outcome,
// 10 decision date, 11 authority, 13 category, 14 region.
const isCompany = (row: readonly string[]) => row[2] !== '' && /公司|厂/.test(row[1] ?? '');

/** `count` cases spread evenly over the company penalties (a deterministic stride, then the RNG for wording). */
export function generateTypicalCases(r: Rng, penaltyRows: readonly (readonly string[])[], count: number): GeneratedCase[] {
  const companies = penaltyRows.filter(isCompany);
  if (count <= 0 || companies.length === 0) return [];
  const step = companies.length / Math.min(count, companies.length);
  const out: GeneratedCase[] = [];
  for (let i = 0; out.length < count && Math.floor(i * step) < companies.length; i++) {
    const row = companies[Math.floor(i * step)]!;
    const [decisionNo, party, , , type, facts, basis, outcome, , , decided, authority, , slug, region] = row as string[];
    const cat = category(slug!);
    // Typical cases name the party as 某… (the trade name is left out).
    const anonymous = `某${party!.replace(/^[\p{Script=Han}]{2}/u, '')}`;
    const published = isoFromDay(Math.min(LAST_DAY, dayNumber(decided!) + r.int(30, 120)));
    const caseSlug = `${published.slice(0, 4)}-${slug}-case-${String(i + 1).padStart(5, '0')}`;
    const anonymousFacts = facts!.replaceAll(party!, anonymous);
    const frontMatter = {
      slug: caseSlug,
      title: `${anonymous}${type}案`,
      summary: `${cat.zh.replace(/（电商）$/, '')}${type}，${authority}依法查处。`,
      caseType: type,
      productCategory: slug,
      region,
      authority,
      parties: anonymous,
      violation: anonymousFacts,
      legalBasis: basis,
      outcome,
      relatedDecisionNos: [decisionNo],
      publishedAt: published,
      tags: [cat.zh.replace(/（电商）$/, ''), type],
    };
    const yaml = Object.entries(frontMatter)
      .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `  - ${JSON.stringify(x)}`).join('\n')}` : `${k}: ${JSON.stringify(v)}`))
      .join('\n');
    const body = [
      '## 基本案情',
      anonymousFacts,
      '## 查处情况',
      `${authority}依据${basis}，对当事人作出如下处罚：${outcome}。`,
      '## 典型意义',
      SIGNIFICANCE[type!] ?? '经营者应当对其生产、销售的产品质量负责，监管部门将持续加大执法力度。',
    ].join('\n\n');
    out.push({ fileName: `${caseSlug}.md`, text: `---\n${yaml}\n---\n\n${body}\n` });
  }
  return out;
}
