/**
 * Administrative penalty decisions (行政处罚信息公示). Some follow failed spot checks of the same
 * enterprise, some are the decisions cited by content/typical-cases, about a tenth are against
 * natural persons (published masked, no USCC), and a few revoke a production licence.
 */
import { licenceKinds, profile } from '../../catalog.ts';
import { maskedName, type Enterprise } from '../../enterprises.ts';
import { Rng, addYears, dayNumber, isoFromDay } from '../../prng.ts';
import { randomProvince } from '../../places.ts';
import { authority as authorityOf, category, provinceOf, provincialAuthority, type Authority } from '../../taxonomy.ts';
import { amountAfter, list, str, type TypicalCaseFile } from '../../curated-cases.ts';
import { DecisionNumbers, type RevocationLink, type SpotFailure } from '../../links.ts';

export const PENALTY_HEADERS = [
  '行政处罚决定书文号', '当事人名称', '统一社会信用代码', '法定代表人', '违法行为类型', '违法事实', '处罚依据',
  '处罚内容', '罚款金额（元）', '没收违法所得金额（元）', '处罚决定日期', '处罚机关', '公示截止日期', '产品类别', '所在地区',
] as const;


export interface PenaltyOutput {
  rows: string[][];
  revocations: RevocationLink[];
  /** enterprise idx → number of penalties */
  parties: Map<number, number>;
}

const FIRST = dayNumber('2017-03-01');
const LAST = dayNumber('2026-11-15');
const PQL = '《中华人民共和国产品质量法》';

type Kind = 'unqualified' | 'passing-off' | 'no-licence' | 'no-ccc' | 'label' | 'fake-mark' | 'food' | 'seller';

const KIND_TYPE: Record<Kind, string> = {
  unqualified: '生产不合格产品', 'passing-off': '以不合格产品冒充合格产品', 'no-licence': '无证生产',
  'no-ccc': '未经强制性产品认证擅自出厂销售', label: '产品标识不符合规定', 'fake-mark': '冒用认证标志',
  food: '生产不符合食品安全标准的食品', seller: '销售不合格产品',
};

const KIND_BASIS: Record<Kind, string> = {
  unqualified: `${PQL}第四十九条`, 'passing-off': `${PQL}第五十条`,
  'no-licence': '《工业产品生产许可证管理条例》第四十五条', 'no-ccc': '《中华人民共和国认证认可条例》第六十六条',
  label: `${PQL}第五十四条`, 'fake-mark': `${PQL}第五十三条`, food: '《中华人民共和国食品安全法》第一百二十四条',
  seller: `${PQL}第四十九条`,
};

const round100 = (n: number) => Math.max(100, Math.round(n / 100) * 100);
const money = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(2));
const ymd = (iso: string) => `${iso.slice(0, 4)}年${Number(iso.slice(5, 7))}月`;


interface Draft {
  kind: Kind;
  ent?: Enterprise;
  person?: string;
  regionCode: string;
  category: string;
  date: string;
  failure?: SpotFailure;
  revoke?: boolean;
}

function facts(r: Rng, d: Draft, am: Amounts): string {
  const { value, gain } = am;
  const prof = profile(d.category);
  const product = d.failure?.product ?? r.pick(prof.variants).name;
  const model = d.failure?.model ?? r.pick(prof.variants).spec(r);
  const items = (d.failure?.items ?? [r.pick(category(d.category).testItems)]).join('、');
  const qty = `${am.qty}${prof.unit}`;
  const tail = gain > 0 ? `违法所得${money(gain)}元。` : '尚未销售。';
  switch (d.kind) {
    case 'unqualified':
    case 'passing-off':
      return d.failure
        ? `在${ymd(d.failure.date)}${d.failure.level === '国家' ? '国家' : '省级'}监督抽查中，当事人生产的${product}（规格型号：${model}）经检验${items}项目不符合标准要求。经查，当事人共生产该批次产品${qty}，货值金额${money(value)}元，${tail}`
        : `当事人生产的${product}（规格型号：${model}）经抽样检验，${items}项目不合格${d.kind === 'passing-off' ? '，当事人仍以合格产品名义对外销售' : ''}。涉案产品${qty}，货值金额${money(value)}元，${tail}`;
    case 'seller':
      return `当事人在其经营场所销售的${product}经抽样检验${items}项目不合格。当事人购进该产品${qty}，货值金额${money(value)}元，${tail}`;
    case 'no-licence':
      return `当事人在未取得工业产品生产许可证的情况下擅自生产${product}。执法人员现场查获成品${qty}，货值金额${money(value)}元。`;
    case 'no-ccc':
      return `当事人生产的${product}属于强制性产品认证目录内产品，未取得强制性产品认证证书即出厂销售。涉案产品${qty}，货值金额${money(value)}元，${tail}`;
    case 'label':
      return `当事人生产的${product}未标注${r.pick(['执行标准', '生产日期', '生产厂厂址', '产品规格型号', '中文警示说明'])}，产品标识不符合${PQL}第二十七条的规定。货值金额${money(value)}元。`;
    case 'fake-mark':
      return `当事人在其生产的${product}及包装上标注强制性产品认证标志，但该产品未获得有效认证证书。涉案产品${qty}，货值金额${money(value)}元。`;
    case 'food':
      return `当事人生产的${product}经抽样检验，${items}项目不符合食品安全国家标准。涉案产品${qty}，货值金额${money(value)}元，${tail}`;
  }
}

interface Amounts {
  qty: number;
  value: number;
  fine: number;
  gain: number;
}

/** Quantity × unit price = goods value; fine and illegal gains follow the legal ranges loosely. */
function amounts(r: Rng, d: Draft): Amounts {
  const small = d.kind === 'label' || d.kind === 'seller' || !!d.person;
  const [pmin, pmax] = profile(d.category).price;
  const price = Math.round((pmin + r.next() * (pmax - pmin)) * 100) / 100;
  const budget = small ? r.int(800, 30_000) : r.int(5_000, 400_000);
  const qty = Math.max(1, Math.round(budget / price));
  const value = Math.round(qty * price * 100) / 100;
  const gain = r.chance(0.6) && d.kind !== 'label' ? Math.round(value * (0.05 + r.next() * 0.3) * 100) / 100 : 0;
  const skew = r.next() ** 2;
  let fine: number;
  if (d.kind === 'label') fine = round100(value * (0.05 + r.next() * 0.25));
  else if (d.kind === 'no-ccc') fine = round100(r.int(50_000, 200_000));
  else if (d.kind === 'food') fine = value < 10_000 ? round100(r.int(50_000, 100_000)) : round100(value * r.int(10, 20));
  else if (d.kind === 'passing-off') fine = round100(value * (0.5 + skew * 2.5));
  else if (d.kind === 'fake-mark') fine = round100(value * (0.3 + r.next() * 0.7));
  else fine = round100(value * (d.person ? 0.5 + skew : 1 + skew * 2));
  return { qty, value, fine, gain };
}

function content(r: Rng, d: Draft, am: Amounts): string {
  const { fine, gain } = am;
  const unit = profile(d.category).unit;
  const seized = r.int(Math.ceil(am.qty * 0.2), am.qty);
  const parts: string[] = [];
  if (d.kind === 'label') parts.push('警告', '责令改正');
  else if (d.kind === 'no-licence') parts.push('责令停止生产', `没收违法生产的产品${seized}${unit}`);
  else parts.push(d.kind === 'seller' ? '责令停止销售' : '责令停止生产、销售', `没收不合格产品${seized}${unit}`);
  if (gain > 0) parts.push(`没收违法所得${money(gain)}元`);
  parts.push(`罚款${money(fine)}元`);
  if (d.revoke) parts.push('吊销工业产品生产许可证');
  return parts.join('；');
}

function kindFor(r: Rng, cat: string): Kind {
  const lic = licenceKinds(cat);
  if (lic.includes('SC')) return 'food';
  const kinds: Kind[] = ['unqualified', 'passing-off', 'label', 'unqualified'];
  if (lic.includes('XK')) kinds.push('no-licence');
  if (lic.includes('CCC')) kinds.push('no-ccc', 'fake-mark');
  return r.pick(kinds);
}

export function generatePenalties(
  r: Rng, ents: readonly Enterprise[], failures: readonly SpotFailure[], cases: readonly TypicalCaseFile[],
  total: number, numbers: DecisionNumbers,
): PenaltyOutput {
  const caseNos = new Set<string>();
  const rows: string[][] = [];
  const revocations: RevocationLink[] = [];
  const parties = new Map<number, number>();
  const clampDay = (d: number) => isoFromDay(Math.min(LAST, Math.max(FIRST, d)));
  const emit = (d: Draft, no: string, a: Authority, fixed?: { type: string; facts: string; basis: string; content: string; fine: number; gain: number }) => {
    const am = amounts(r, d);
    if (fixed) Object.assign(am, { fine: fixed.fine, gain: fixed.gain });
    const { fine, gain } = am;
    const text = fixed?.content ?? content(r, d, am);
    const lowOnly = !/没收|吊销|停止生产/.test(text) && fine <= 10_000;
    const until = addYears(d.date, d.kind === 'label' || d.person || lowOnly ? 1 : 3);
    rows.push([
      no, d.person ?? d.ent!.name, d.person ? '' : d.ent!.uscc, d.person ? '' : d.ent!.legalRep, fixed?.type ?? KIND_TYPE[d.kind],
      fixed?.facts ?? facts(r, d, am), fixed?.basis ?? KIND_BASIS[d.kind], text, money(fine), money(gain),
      d.date, a.zh, until, d.category, d.regionCode,
    ]);
    if (d.ent) parties.set(d.ent.idx, (parties.get(d.ent.idx) ?? 0) + 1);
    if (d.revoke && d.ent) revocations.push({ ent: d.ent.idx, decisionNo: no, date: d.date, category: d.category, authority: a });
  };

  // 1. Decisions cited by typical cases (numbers and amounts taken from the case files).
  for (const c of cases) {
    const cat = str(c.data.productCategory);
    const region = str(c.data.region);
    const a = authorityOf(str(c.data.authority));
    const partyNames = str(c.data.parties).split(/[、，]/);
    list(c.data.relatedDecisionNos).forEach((no, i) => {
      if (rows.length >= total || caseNos.has(no)) return;
      caseNos.add(no);
      numbers.reserve(no);
      const partyText = partyNames[Math.min(i, partyNames.length - 1)] ?? '';
      const personMatch = /(?:当事人|个体经营者|经营者)?([\u4e00-\u9fff])某/.exec(partyText);
      const isPerson = personMatch !== null && !/公司|厂|店|部|社/.test(partyText);
      const makers = ents.filter((e) => e.categories.includes(cat));
      const city = makers.filter((e) => e.regionCode === region);
      const local = city.length ? city : makers.filter((e) => provinceOf(e.regionCode).code === provinceOf(region).code);
      const ent = isPerson ? undefined : r.pick(local.length ? local : makers);
      const date = clampDay(dayNumber(str(c.data.publishedAt)) - r.int(30, 150));
      // Several decisions: the outcome has one sentence per party, in the same order.
      const nos = list(c.data.relatedDecisionNos);
      const sentences = str(c.data.outcome).split('。').filter((x) => x.trim() !== '');
      const outcome = nos.length > 1 && sentences.length === nos.length ? `${sentences[i]!.replace(/^对[^没责警罚]+?(?=没收|责令|警告|罚款)/, '')}。` : str(c.data.outcome);
      const d: Draft = { kind: 'unqualified', regionCode: ent?.regionCode ?? region, category: cat, date, ...(ent ? { ent } : { person: `${personMatch![1]}**` }) };
      emit(d, no, a, {
        type: str(c.data.caseType), facts: str(c.data.violation), basis: str(c.data.legalBasis), content: outcome,
        fine: amountAfter(outcome, '罚款'), gain: amountAfter(outcome, '没收违法所得'),
      });
    });
  }

  // 2. Penalties following failed spot checks: every repeat offender, then other failures.
  const seen = new Set<number>();
  const linked = [...failures.filter((f) => f.designated), ...r.shuffle(failures.filter((f) => !f.designated))]
    .filter((f) => !seen.has(f.ent) && seen.add(f.ent));
  const linkedTarget = Math.min(linked.length, Math.round(total * 0.13));
  let revokeBudget = Math.max(2, Math.round(total / 40));
  for (const f of linked.slice(0, linkedTarget)) {
    if (rows.length >= total) break;
    const ent = ents[f.ent]!;
    const revoke = revokeBudget > 0 && licenceKinds(f.category).includes('XK') && (f.designated || r.chance(0.5));
    if (revoke) revokeBudget--;
    const d: Draft = { kind: r.chance(0.8) ? 'unqualified' : 'passing-off', ent, regionCode: ent.regionCode, category: f.category, date: clampDay(dayNumber(f.date) + r.int(60, 240)), failure: f, revoke };
    const a = provincialAuthority(ent.regionCode);
    emit(d, numbers.next(a, d.date, '处罚'), a);
  }

  // 3. Natural persons (individual sellers), about a tenth, masked at source.
  const persons = Math.round(total * 0.1);
  for (let i = 0; i < persons && rows.length < total; i++) {
    const prov = randomProvince(r);
    const cat = r.pick(['ebike-charger', 'ebike-lithium-battery', 'ebike-helmet', 'gas-hose', 'gas-pressure-regulator', 'fertilizer', 'toys', 'children-clothing', 'wire-cable', 'fire-extinguisher']);
    const d: Draft = { kind: 'seller', person: maskedName(r), regionCode: r.pick(prov.cities).code, category: cat, date: clampDay(r.int(FIRST, LAST)) };
    const a = provincialAuthority(d.regionCode);
    emit(d, numbers.next(a, d.date, '处罚'), a);
  }

  // 4. The rest: any manufacturer, any year; a few by SAMR itself.
  while (rows.length < total) {
    const ent = r.pick(ents);
    const cat = r.pick(ent.categories);
    const d: Draft = { kind: kindFor(r, cat), ent, regionCode: ent.regionCode, category: cat, date: clampDay(r.int(FIRST, LAST)) };
    const a = r.chance(0.02) && d.date >= '2018-04-10' ? authorityOf('samr') : provincialAuthority(ent.regionCode);
    emit(d, numbers.next(a, d.date, '处罚'), a);
  }
  return { rows, revocations, parties };
}
