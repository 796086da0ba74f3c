/**
 * Scores one screened name or brand against one enterprise, with the evidence a reviewer can
 * check: which parts of the two names agreed and which differed. Chinese names are compared by
 * their parts (companyNameParts: 行政区划 + 字号 + 行业 + 组织形式); the trade name (字号) decides.
 */
import { normalizeName } from '../../core/normalize/text.ts';
import { companyCore, companyNameParts, foldForIndex, pinyinKey, type CompanyNameParts } from '../../core/text/index.ts';

export type Candidate = { score: number; reason: string; evidence: string[] };
export type ScoredHit = { name: string; aliases?: string[]; brands?: string[]; englishName?: string | null };
type Keys = { text: string; full: string; core: string; parts?: CompanyNameParts; pinyin?: string[] };
export type KeyCache = Map<string, Keys>;

export const hasHan = (s: string) => /\p{Script=Han}/u.test(s);
/** Letters and digits only: punctuation and brackets never decide a match. */
export const strip = (s: string) => s.replace(/[^\p{L}\p{N}]/gu, '');
/** English legal forms at the end of a normalized (spaceless, lower-case) name. */
const EN_FORMS = /(?:co(?:mpany)?(?:ltd|limited)|limited|ltd|inc|incorporated|corporation|corp|llc|gmbh|co)+$/;
/** Administrative suffixes, dropped when a region is spelled in pinyin (厦门市 → xiamen). */
const ADMIN = /(?:省|市|区|县|旗|镇|乡|街道|村|自治区)/g;

/** Full normalized name and its core (region and company form removed), folded and stripped; Chinese names also in parts and pinyin. */
function nameKeys(s: string, cache: KeyCache): Keys {
  let keys = cache.get(s);
  if (!keys) {
    const full = strip(normalizeName(foldForIndex(s)));
    const parts = hasHan(s) ? companyNameParts(s) : undefined;
    keys = { text: s, full, core: (parts ? strip(companyCore(s)) : full.replace(EN_FORMS, '')) || full, parts };
    cache.set(s, keys);
  }
  return keys;
}

/** How a Chinese name is spelled in pinyin: trade name + industry, with the region first, or the trade name alone (computed when a Latin query needs it). */
function pinyinOf(c: Keys): string[] {
  const parts = c.parts!;
  const region = parts.region.replace(ADMIN, '');
  return (c.pinyin ??= [parts.tradeName + parts.industry, region + parts.tradeName + parts.industry, parts.tradeName].map(pinyinKey));
}

/** Dice coefficient on character bigrams (a one-character string is its own unigram). */
export function dice(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const grams = (s: string) => {
    const cs = [...s];
    const m = new Map<string, number>(cs.length === 1 ? [[s, 1]] : []);
    for (let i = 0; i + 1 < cs.length; i++) m.set(cs[i]! + cs[i + 1]!, (m.get(cs[i]! + cs[i + 1]!) ?? 0) + 1);
    return m;
  };
  const [x, y] = [grams(a), grams(b)];
  let [shared, total] = [0, 0];
  for (const [g, n] of x) (shared += Math.min(n, y.get(g) ?? 0)), (total += n);
  for (const n of y.values()) total += n;
  return (2 * shared) / total;
}

/**
 * The same trade name, or one that only adds a place before it: 织里胜纳德 and 胜纳德, where the
 * register's name carries a town the parser does not know. Two characters at least, so 华金达 stays
 * another firm than 金达.
 */
function tradeNamesAgree(a: string, b: string): 'same' | 'place' | false {
  if (a === b) return 'same';
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return short.length >= 2 && long.endsWith(short) && long.length - short.length >= 2 ? 'place' : false;
}

/** Industries agree when either is missing, one holds the other (电缆, 电线电缆) or they share half their characters. */
function industriesAgree(a: string, b: string): boolean {
  if (!a || !b || a.includes(b) || b.includes(a)) return true;
  const shared = [...new Set(a)].filter((c) => b.includes(c)).length;
  return shared * 2 >= Math.min(a.length, b.length);
}

/** One part of the query beside the same part of the registered name, in words. */
function partWords(label: string, q: string, c: string): string {
  if (q === c) return q ? `${label} ${q} = ${c}` : '';
  if (!q) return `${label} not in the query (registered: ${c})`;
  if (!c) return `${label} ${q} not in the registered name`;
  return `${label} ${q} ≠ ${c}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/**
 * A name against an enterprise's name, aliases and English name: the same normalized name → 1
 * (`name-exact`); the same trade name and industry, i.e. only region or legal form differ → 0.95–0.99,
 * closer full names higher (`name-core`, or `branch` when the query names a branch); the same trade
 * name with a compatible industry (电缆 / 电线电缆) or a place before it → 0.88–0.94 (`name-similar`);
 * a Latin query equal to the name's pinyin (trade name + industry, region first or not) → 0.9
 * (`pinyin`); otherwise 0.8 × bigram (Dice) similarity + 0.2 × the search engine's ranking score, at
 * most 0.94 for Chinese names that share their trade name, 0.85 for pinyin, and at most 0.5 when
 * the registered name's trade name is not read (`name-similar`). A Chinese query without a trade name
 * matches nothing; another trade name, or the same one in another industry, is another firm.
 * A match on an alias or the English name is reported as `alias` or `english-name`.
 */
export function scoreName(name: string, hit: ScoredHit, ranking: number, cache: KeyCache): Candidate {
  const q = nameKeys(name, cache);
  if (q.parts && !q.parts.tradeName) return { score: 0, reason: 'no-trade-name', evidence: ['the query has no trade name (字号)'] };
  const fields: [string, string][] = [[hit.name, 'name'], ...(hit.aliases ?? []).map((a): [string, string] => [a, 'alias'])];
  if (hit.englishName) fields.push([hit.englishName, 'english-name']);
  let best: Candidate = { score: 0, reason: 'name-similar', evidence: [] };
  for (const [text, field] of fields) {
    const c = nameKeys(text, cache);
    const found = q.parts && c.parts ? byParts(q, c) : !q.parts && c.parts ? byPinyin(q, c, ranking) : bySimilarity(q, c, ranking);
    if (!found || found.score <= best.score) continue;
    if (field !== 'name') (found.reason = field), found.evidence.unshift(`matched its ${field === 'alias' ? 'alias' : 'English name'} ${text}`);
    best = found;
  }
  return best;
}

function byParts(q: Keys, c: Keys): Candidate | undefined {
  const [qp, cp] = [q.parts!, c.parts!];
  if (q.full === c.full) return { score: 1, reason: 'name-exact', evidence: [`name = ${c.text} (after folding script, width and spacing)`] };
  if (!cp.tradeName) return bySimilarity(q, c, 0, 0.5);
  const agree = tradeNamesAgree(qp.tradeName, cp.tradeName);
  if (!agree || !industriesAgree(qp.industry, cp.industry)) return undefined;
  const evidence = [
    agree === 'same' ? `trade name ${qp.tradeName} = ${cp.tradeName}` : `trade name ${qp.tradeName} and ${cp.tradeName} agree but for a place before one of them`,
    partWords('industry', qp.industry, cp.industry), partWords('region', qp.region, cp.region), partWords('form', qp.form, cp.form),
  ].filter(Boolean);
  const closeness = dice(q.full, c.full);
  const branch = qp.branch && !cp.branch;
  if (branch) evidence.push(`the query names a branch (${qp.branch}) of this enterprise`);
  if (agree === 'same' && (qp.industry === cp.industry || q.core === c.core)) return { score: 0.95 + 0.04 * closeness, reason: branch ? 'branch' : 'name-core', evidence };
  evidence.push(`names share ${pct(closeness)} of character pairs`);
  return { score: 0.88 + 0.06 * closeness, reason: branch ? 'branch' : 'name-similar', evidence };
}

function byPinyin(q: Keys, c: Keys, ranking: number): Candidate {
  const wanted = q.full.replace(EN_FORMS, '') || q.full;
  const spellings = pinyinOf(c);
  const at = spellings.indexOf(wanted);
  if (at >= 0) {
    // Ties between homophones and namesakes go to the name the spelling covers best: one whose
    // region the query spells or that has none, and not a branch.
    const cp = c.parts!;
    const fit = (at === 1 || !cp.region ? 0.03 : 0) - (at === 2 ? 0.02 : 0) - (cp.branch ? 0.01 : 0);
    return { score: 0.9 + fit, reason: 'pinyin', evidence: [`pinyin ${wanted} = ${c.text} read in pinyin (trade name ${cp.tradeName}${at === 1 ? `, region ${cp.region}` : ''})`] };
  }
  const similarity = Math.max(...spellings.map((p) => dice(wanted, p)));
  return { score: Math.min(0.85, 0.8 * similarity + 0.2 * ranking), reason: 'name-similar', evidence: [`pinyin shares ${pct(similarity)} of letter pairs with ${c.text}`] };
}

function bySimilarity(q: Keys, c: Keys, ranking: number, cap = 0.94): Candidate {
  if (q.full === c.full) return { score: 1, reason: 'name-exact', evidence: [`name = ${c.text} (after folding script, width and spacing)`] };
  if (q.core === c.core) return { score: 0.95 + 0.04 * dice(q.full, c.full), reason: 'name-core', evidence: [`the same name once place and legal form are set aside (${c.core})`] };
  const similarity = Math.max(dice(q.core, c.core), dice(q.full, c.full));
  return { score: Math.min(cap, 0.8 * similarity + 0.2 * ranking), reason: 'name-similar', evidence: [`names share ${pct(similarity)} of character pairs`] };
}

/** A brand: one of the enterprise's brands, normalized → 0.9; otherwise at most 0.8 by similarity. */
export function scoreBrand(brand: string, brands: string[], ranking: number, cache: KeyCache): Candidate {
  const q = nameKeys(brand, cache).full;
  let best: Candidate = { score: 0, reason: 'brand-similar', evidence: [] };
  for (const b of brands) {
    const c = nameKeys(b, cache).full;
    const score = q === c ? 0.9 : 0.8 * (0.8 * dice(q, c) + 0.2 * ranking);
    if (score > best.score) best = { score, reason: score >= 0.9 ? 'brand' : 'brand-similar', evidence: [score >= 0.9 ? `brand ${brand} = ${b}` : `brand ${brand} shares ${pct(dice(q, c))} of character pairs with ${b}`] };
  }
  return best;
}
