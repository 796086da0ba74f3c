/**
 * Pinyin spellings of enterprise and brand names, stored in the index so that a visitor
 * typing on a Latin keyboard (or searching from an English page) still finds 鸿达电缆有限公司
 * with `hongda`, `hong da dian lan` or `hddl`. Computed once per name at import/index time.
 *
 * pinyin-pro notes: `type: 'array'` returns exactly one element per code point; a character
 * without a reading comes back unchanged (we drop it). Surname mode stays off (it is for
 * personal names and slower); the default reverse-maximum-match segmentation is the fastest
 * and picks readings by word (重庆 → chong qing, 银行 → yin hang).
 */
import { pinyin } from 'pinyin-pro';
import { foldForIndex } from './chinese.ts';
import { companyCore } from './company.ts';

export { companyCore } from './company.ts';

/** One syllable of a Han character, or one run of Latin letters/digits (passed through). */
interface Token {
  text: string;
  han: boolean;
}

/** Han runs and Latin/digit runs; everything else (spaces, brackets, punctuation) separates. */
const RUNS = /(\p{Script=Han}+)|([a-z0-9]+)/gu;
const HAN = /\p{Script=Han}/u;
const SYLLABLE = /^[a-z]+$/;

const PINYIN_OPTIONS = { toneType: 'none', type: 'array', v: true } as const;

/** Expects already folded (simplified, half-width) lower-case text. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(RUNS)) {
    const [, han, latin] = match;
    if (latin !== undefined) {
      tokens.push({ text: latin, han: false });
      continue;
    }
    if (han === undefined) continue;
    for (const syllable of pinyin(han, PINYIN_OPTIONS)) {
      // `v: true` spells ü as v (lv, nv); anything else non-alphabetic is an unknown character.
      if (SYLLABLE.test(syllable)) tokens.push({ text: syllable, han: true });
    }
  }
  return tokens;
}

/**
 * Adds the spaced, joined and initials spellings of `tokens` to `out`. Initials take the first
 * letter of each syllable (zh → z, as people type them) and keep Latin/digit runs whole
 * (TCL王牌 → tclwp). One-letter initials are skipped: they would match far too much.
 */
function addSpellings(out: Set<string>, tokens: readonly Token[]): void {
  if (!tokens.some((t) => t.han)) return;
  const texts = tokens.map((t) => t.text);
  out.add(texts.join(' '));
  out.add(texts.join(''));
  const initials = tokens.map((t) => (t.han ? t.text.charAt(0) : t.text)).join('');
  if (initials.length >= 2) out.add(initials);
}

/**
 * Pinyin spellings of a Chinese enterprise or brand name (lower case, no tones, ü as v),
 * deduplicated, most specific first:
 *   - the whole name: `hong da dian lan you xian gong si`, `hongdadianlanyouxiangongsi`,
 *     `hddlyxgs`;
 *   - its core (`companyCore`, region and legal form removed): `hong da dian lan`,
 *     `hongdadianlan`, `hddl`;
 *   - the trade name, taken as the first two Han characters of the core because that is what
 *     consumers type: `hong da`, `hongda`, `hd`.
 * Latin letters and digits pass through lower-cased (TCL王牌电器 → `tcl wang pai dian qi`).
 * Traditional and full-width input is folded first. Returns [] when the name has no Han
 * characters (its Latin form is already searchable as is).
 */
export function pinyinVariants(name: string): string[] {
  if (!HAN.test(name)) return [];
  let known = spelled.get(name);
  if (!known) {
    // The same firms and brands recur in thousands of records: each name is spelled once.
    if (spelled.size >= SPELLED_MAX) spelled.clear();
    known = spell(name);
    spelled.set(name, known);
  }
  return [...known];
}

const spelled = new Map<string, string[]>();
/** Names kept (a few MB); past that the cache starts afresh rather than tracking use. */
const SPELLED_MAX = 50_000;

function spell(name: string): string[] {
  const out = new Set<string>();
  addSpellings(out, tokenize(foldForIndex(name).toLowerCase()));

  const coreTokens = tokenize(companyCore(name));
  addSpellings(out, coreTokens);

  const [first, second] = coreTokens;
  if (first?.han && second?.han) addSpellings(out, [first, second]);
  return [...out];
}

/** Toneless pinyin of a (folded) text, run together, lower case, ü as v; non-Han letters and digits kept: 金达电缆 → jindadianlan. */
export function pinyinKey(text: string): string {
  const out: string[] = [];
  for (const token of tokenize(foldForIndex(text).toLowerCase())) out.push(token.text);
  return out.join('');
}

let syllables: Set<string> | undefined;
/** Every toneless syllable pinyin-pro gives the common Han block (about 400), built on first use. */
function syllableSet(): Set<string> {
  if (!syllables) {
    let block = '';
    for (let c = 0x4e00; c <= 0x9fa5; c++) block += String.fromCharCode(c);
    syllables = new Set(pinyin(block, { ...PINYIN_OPTIONS, segmentit: 0 } as typeof PINYIN_OPTIONS).filter((s) => SYLLABLE.test(s)));
  }
  return syllables;
}

/**
 * A Latin word cut into the fewest pinyin syllables (ainibaobao → ai ni bao bao), or undefined when
 * it is not pinyin (technologies). The index holds names syllable by syllable, so a run-together
 * spelling finds them once cut.
 */
export function pinyinSyllables(word: string): string[] | undefined {
  const set = syllableSet();
  const w = word.toLowerCase();
  const best: (string[] | undefined)[] = [[]];
  for (let end = 1; end <= w.length; end++) {
    for (let start = Math.max(0, end - 6); start < end; start++) {
      const before = best[start];
      if (before && set.has(w.slice(start, end)) && (!best[end] || best[end]!.length > before.length + 1)) best[end] = [...before, w.slice(start, end)];
    }
  }
  return best[w.length];
}
