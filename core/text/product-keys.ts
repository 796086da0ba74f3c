/**
 * Keys that decide whether a platform's listing and a published record name the same product:
 * brand, model, batch and GTIN as publishers really print them (`DOT4（HZY4）`, `L-HM46 净含量:4L(普通）`,
 * `图形＋静魔`, `Husqvarna, KTM`, `2023-05-16/W003020`, `20.05.2009 - 28.03.2011`). The SQL side of
 * the brand and model keys is db/queries/product-keys.ts: both are built from the characters below,
 * so a key computed here is the key PostgreSQL indexed.
 */
import { foldForIndex } from './chinese.ts';

/** Dropped from a key: spacing, hyphens and other joining punctuation (after NFKC, full width is ASCII). */
export const KEY_NOISE = ` \t\r\v\f-_.:'"\`*#!?&<>®™©·•・“”‘’—–~～。《》〈〉「」『』`;
/** Split a key into alternatives: brackets (a model's other name) and list separators (several brands or models). */
export const KEY_SEPARATORS = `()[]{}/\\|,;+、，；【】\n`;
/** Parts that name no product: a trademark's "graphic" element, placeholders. */
const GENERIC_PARTS = new Set(['图形', '图案', '图文', '字母', '文字', '无', '其他', 'none', 'na', 'null', '不详']);

const esc = (chars: string) => chars.replace(/[\\\]\[\-^/]/g, (c) => `\\${c}`);
const NOISE_RE = new RegExp(`[${esc(KEY_NOISE)}]+`, 'gu');
const SEPARATOR_RE = new RegExp(`[${esc(KEY_SEPARATORS)}]+`, 'u');
const ALL_RE = new RegExp(`[${esc(KEY_NOISE)}${esc(KEY_SEPARATORS)}]+`, 'gu');

/** PostgreSQL's lower() in the portal's C-locale cluster lowers ASCII only; so does the key. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (c) => c.toLowerCase());

/**
 * The keys of one brand or model cell, the same as PostgreSQL computes them: the whole text
 * (NFKC, lower case, spacing and punctuation dropped) and each bracketed or listed alternative.
 * `DOT4（HZY4）` → dot4hzy4, dot4, hzy4. Empty and generic parts are left out here (SQL keeps them
 * in its array, which is harmless: no query sends them).
 */
export function productKeys(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const text = raw.normalize('NFKC');
  const whole = asciiLower(text.replace(ALL_RE, ''));
  const parts = asciiLower(text.replace(NOISE_RE, '')).split(SEPARATOR_RE);
  return [...new Set([whole, ...parts])].filter((k) => k && !GENERIC_PARTS.has(k));
}

const folded = new Map<string, string[]>();
/**
 * The keys with traditional script folded to simplified: what scoring compares (鴻達 is 鸿达).
 * Remembered: a batch compares the same few thousand cells many times, and the folding walks
 * OpenCC's tries each time; the memory is emptied whenever it holds 100,000 cells.
 */
export function foldedKeys(raw: string | null | undefined): string[] {
  if (!raw) return [];
  const known = folded.get(raw);
  if (known) return known;
  if (folded.size >= 100_000) folded.clear();
  const keys = productKeys(foldForIndex(raw).toLowerCase());
  folded.set(raw, keys);
  return keys;
}

export type KeyComparison = 'equal' | 'normalised-equal' | 'different';

/**
 * An alternative stands for the product only when it could be a model or brand on its own: two
 * Chinese characters (静魔 of 图形＋静魔), or three others and not digits alone (so 120/28, a
 * clothing size, does not match "120", nor XF the list "F-Type, F-Pace, XE, XF").
 */
const distinctive = (part: string) => (/\p{Script=Han}/u.test(part) ? part.length >= 2 : part.length >= 3 && !/^\d+$/.test(part));

/**
 * Two cells compared: `equal` as written (trimmed), `normalised-equal` when the whole keys agree
 * or a distinctive alternative of one is the other's whole or alternative (DOT4 vs DOT4（HZY4）),
 * else `different`.
 */
export function compareKeys(given: string, published: string): KeyComparison {
  if (given.trim() === published.trim()) return 'equal';
  const [a, b] = [foldedKeys(given), foldedKeys(published)];
  if (a[0] !== undefined && a[0] === b[0]) return 'normalised-equal';
  const usable = (keys: string[]) => new Set([keys[0], ...keys.slice(1).filter(distinctive)].filter((k): k is string => k !== undefined));
  const other = usable(b);
  return [...usable(a)].some((k) => other.has(k) && (k === a[0] || k === b[0] || distinctive(k))) ? 'normalised-equal' : 'different';
}

/** A GTIN (EAN-8, UPC-A, EAN-13, GTIN-14) checked: its digits without leading zeros, or why not. */
export function parseGtin(raw: string): { ok: true; value: string } | { ok: false; reason: string } {
  const digits = raw.normalize('NFKC').replace(/[\s-]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, reason: 'must be digits only (EAN-8, UPC-A, EAN-13 or GTIN-14)' };
  if (![8, 12, 13, 14].includes(digits.length)) return { ok: false, reason: `has ${digits.length} digits; a GTIN has 8, 12, 13 or 14` };
  const body = digits.slice(0, -1);
  const sum = [...body].reverse().reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 3 : 1), 0);
  const check = (10 - (sum % 10)) % 10;
  if (check !== Number(digits.at(-1))) return { ok: false, reason: `check digit is ${digits.at(-1)}, expected ${check}` };
  return { ok: true, value: digits.replace(/^0+/, '') };
}

/** A GTIN as it may be printed: the same number zero-padded to each GTIN length. */
export const gtinSpellings = (value: string): string[] => [8, 12, 13, 14].filter((n) => value.length <= n).map((n) => value.padStart(n, '0'));

/** The numbers in a barcodes cell as printed (8 digits or more). */
export const barcodeNumbers = (cell: string | null | undefined): string[] => (cell ?? '').split(/[^0-9]+/).filter((d) => d.length >= 8);
/** A barcode as parseGtin's value: without leading zeros. */
export const gtinValue = (digits: string): string => digits.replace(/^0+/, '');
