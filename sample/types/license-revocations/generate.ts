/**
 * Licence and certificate actions (吊销/撤销/注销/暂停) on production licences (XK), food
 * production licences (SC) and CCC certificates. Revocations reuse the penalty decision that
 * revoked the licence; suspensions of CCC certificates follow failed spot checks.
 */
import { licenceKinds, profile, type LicenceKind } from '../../catalog.ts';
import type { Enterprise } from '../../enterprises.ts';
import type { DecisionNumbers, RevocationLink, SpotFailure } from '../../links.ts';
import { Rng, dayNumber, isoFromDay } from '../../prng.ts';
import { category, nationalAuthority, provinceOf, provincialAuthority, type Authority } from '../../taxonomy.ts';

export const LICENSE_HEADERS = [
  '许可证编号', '企业名称', '统一社会信用代码', '产品名称', '处理措施', '原因', '决定书文号', '决定日期', '发布机关', '产品类别', '所在地区',
] as const;

type Action = '吊销' | '撤销' | '注销' | '暂停';

const FIRST = dayNumber('2017-02-01');
const LAST = dayNumber('2026-11-15');

/** Product units as printed on licences. */
const XK_UNIT: Record<string, string> = {
  'wire-cable': '电线电缆', cement: '水泥', fertilizer: '化肥（复肥）', 'food-paper-packaging': '食品用纸包装、容器等制品',
};
const SC_UNIT: Record<string, string> = { 'packaged-drinking-water': '饮料（包装饮用水）', 'edible-vegetable-oil': '食用油、油脂及其制品' };

const REASONS: Record<LicenceKind, Partial<Record<Action, readonly string[]>>> = {
  XK: {
    注销: ['企业申请注销', '许可证有效期届满未申请延续', '企业营业执照已注销，依法注销许可证', '企业不再从事该产品生产，主动申请注销'],
    撤销: [
      '企业以提供虚假检验报告等欺骗手段取得许可，依据《中华人民共和国行政许可法》第六十九条予以撤销',
      '申请材料中的生产场所与实际不符，属以欺骗手段取得许可，予以撤销',
    ],
    吊销: ['生产销售不合格产品，情节严重', '监督抽查不合格，责令整改后复查仍不合格', '出租、出借生产许可证证书'],
  },
  SC: {
    注销: ['企业申请注销', '食品生产许可证有效期届满未申请延续', '企业营业执照已注销，依法注销许可证'],
    撤销: ['以隐瞒真实情况等不正当手段取得食品生产许可，依据《中华人民共和国行政许可法》第六十九条予以撤销'],
    吊销: ['生产不符合食品安全标准的食品，情节严重', '拒不履行整改要求，违法情节严重'],
  },
  CCC: {
    注销: ['获证企业申请注销认证证书', '认证证书有效期届满未申请延续', '产品不再生产，认证证书注销'],
    撤销: ['认证证书暂停期间未按要求整改，认证证书撤销', '获证企业出租、出借认证证书，认证证书撤销', '获证产品存在缺陷导致质量安全事故，认证证书撤销'],
    暂停: ['获证产品经监督抽查不合格，认证证书暂停', '企业未按期接受获证后监督检查，认证证书暂停', '获证产品与型式试验样品不一致，认证证书暂停'],
  },
};

interface Licence {
  no: string;
  kind: LicenceKind;
  product: string;
  category: string;
}

export function generateLicenseActions(
  r: Rng, ents: readonly Enterprise[], failures: readonly SpotFailure[], revocations: readonly RevocationLink[],
  total: number, numbers: DecisionNumbers,
): string[][] {
  const licences = new Map<string, Licence>();
  const usedNos = new Set<string>();
  const keys = new Set<string>();
  const rows: string[][] = [];

  const licenceOf = (e: Enterprise, cat: string, kind: LicenceKind, date: string): Licence => {
    const key = `${e.idx}|${cat}|${kind}`;
    const known = licences.get(key);
    if (known) return known;
    const prof = profile(cat);
    let no = '';
    do {
      if (kind === 'XK') no = `(${provinceOf(e.regionCode).abbr})XK${prof.codes[kind] ?? ''}-${r.digits(5)}`;
      else if (kind === 'SC') no = `SC1${prof.codes[kind] ?? ''}${e.regionCode}${r.digits(4)}${r.digits(1)}`;
      else no = `${Math.max(2012, Number(date.slice(0, 4)) - r.int(1, 5))}01${prof.codes[kind] ?? ''}${r.digits(8)}`;
    } while (usedNos.has(no));
    usedNos.add(no);
    const product = kind === 'XK' ? (XK_UNIT[cat] ?? category(cat).zh) : kind === 'SC' ? (SC_UNIT[cat] ?? category(cat).zh) : r.pick(prof.variants).name;
    const lic = { no, kind, product, category: cat };
    licences.set(key, lic);
    return lic;
  };

  const emit = (e: Enterprise, lic: Licence, action: Action, date: string, a: Authority, decisionNo?: string, reason?: string) => {
    const key = `${lic.no}|${action}|${date}`;
    if (keys.has(key) || rows.length >= total) return;
    keys.add(key);
    const word = { 吊销: '处罚', 撤销: '许撤', 注销: '许注', 暂停: '暂停' }[action];
    rows.push([
      lic.no, e.name, e.uscc, lic.product, action, reason ?? r.pick(REASONS[lic.kind][action] ?? ['依法处理']),
      decisionNo ?? numbers.next(a, date, word), date, a.zh, lic.category, e.regionCode,
    ]);
  };

  // 1. Licences revoked by a penalty decision (same decision number and date).
  for (const rev of revocations) {
    const e = ents[rev.ent]!;
    emit(e, licenceOf(e, rev.category, 'XK', rev.date), '吊销', rev.date, rev.authority, rev.decisionNo, '生产销售不合格产品，情节严重，依法吊销生产许可证');
  }

  // 2. CCC certificates suspended after failed spot checks; some cancelled later.
  const seen = new Set<number>();
  const ccc = r.shuffle(failures.filter((f) => licenceKinds(f.category).includes('CCC')));
  for (const f of ccc.slice(0, Math.round(total * 0.25))) {
    if (seen.has(f.ent)) continue;
    seen.add(f.ent);
    const e = ents[f.ent]!;
    const date = isoFromDay(Math.min(LAST, dayNumber(f.date) + r.int(20, 90)));
    const lic = licenceOf(e, f.category, 'CCC', date);
    emit(e, lic, '暂停', date, nationalAuthority(date), undefined, '获证产品经监督抽查不合格，认证证书暂停');
    if (r.chance(0.3)) {
      const later = isoFromDay(Math.min(LAST, dayNumber(date) + r.int(120, 400)));
      emit(e, lic, '注销', later, nationalAuthority(later), undefined, '暂停期满未整改到位，认证证书注销');
    }
  }

  // 3. Everything else: any licensed maker, any action.
  const holders = (k: LicenceKind) => ents.flatMap((e) => e.categories.filter((c) => licenceKinds(c).includes(k)).map((c) => [e, c] as const));
  const byKind = { XK: holders('XK'), CCC: holders('CCC'), SC: holders('SC') };
  for (let guard = 0; rows.length < total && guard < total * 50; guard++) {
    const kind = r.weighted(['XK', 'CCC', 'SC'] as const, [45, 30, 25]);
    if (byKind[kind].length === 0) continue;
    const [e, cat] = r.pick(byKind[kind]);
    const date = isoFromDay(r.int(FIRST, LAST));
    const action: Action = r.weighted(['注销', '撤销', '吊销', '暂停'] as const, kind === 'CCC' ? [40, 15, 0, 45] : [55, 20, 25, 0]);
    const a = kind === 'CCC' ? nationalAuthority(date) : provincialAuthority(e.regionCode);
    emit(e, licenceOf(e, cat, kind, date), action, date, a);
  }
  return rows;
}
