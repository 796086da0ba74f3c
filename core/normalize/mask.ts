/**
 * Personal-data masking required by SAMR Order 45: resident ID numbers, mobile numbers and the
 * names of natural-person parties are masked at import, so nothing unmasked is ever stored.
 * Over-masking is preferred to leaking, but enterprise identifiers (USCCs, licence numbers)
 * must survive, so IDs are recognised by structure (area, birth date, GB 11643 check digit)
 * and phone numbers only as whole digit runs.
 *
 * Detection runs on a half-width view of the text (same length, see toHalfWidth) so full-width
 * digits are caught too; the masked value is written in half-width digits.
 */
import { isoDate } from './dates.ts';
import { parseUscc } from './uscc.ts';
import { cleanCell, toHalfWidth } from './text.ts';

const HAN = /\p{Script=Han}/u;
const NAME_SEPARATOR = /[\s·•・.\-]/u;

/** 张三 → 张*, 张三丰 → 张**, 阿卜杜·热合曼 → 阿**·***, John Smith → J*** S****. */
export function maskPersonName(name: string): string {
  const s = cleanCell(name);
  if (s === '') return '';
  if (HAN.test(s)) {
    const chars = [...s];
    if (chars.length === 1) return '*';
    return chars.map((c, i) => (i === 0 || NAME_SEPARATOR.test(c) ? c : '*')).join('');
  }
  // Latin and other scripts: keep the first letter of each word.
  return s.replace(/(\p{L})([\p{L}\p{M}'’]*)/gu, (_, first: string, rest: string) =>
    first + '*'.repeat([...rest].length));
}

// Province-level codes of GB/T 2260 (plus 71 Taiwan, 81/82 Hong Kong/Macao, 83 residence permits).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

/** GB 11643 check character of an 18-digit resident ID (first 17 digits in). */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * ID_WEIGHTS[i]!;
  return ID_CHECK.charAt(sum % 11);
}

/** Area code and birth date plausible (no check digit test): 18 digits (last may be X) or 15. */
function hasResidentIdShape(id: string): boolean {
  if (!/^\d{15}$|^\d{17}[\dX]$/.test(id)) return false;
  if (!PROVINCES.has(Number(id.slice(0, 2)))) return false;
  if (id.length === 15) {
    return isoDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12))).ok;
  }
  return isoDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))).ok;
}

/** Strictly valid resident ID: shape plus, for 18 digits, the GB 11643 check digit. */
export function isResidentIdNumber(s: string): boolean {
  const id = s.toUpperCase();
  return hasResidentIdShape(id) && (id.length === 15 || residentIdCheckChar(id) === id.charAt(17));
}

/**
 * Whether to mask: a valid ID, or an ID-shaped number whose check digit is wrong (a typo or a
 * made-up example is still personal data) unless it is a valid USCC — the only other 18-digit
 * identifier in these records, and one that fails the ID checksum 10 times out of 11.
 */
function shouldMaskAsId(id: string): boolean {
  if (!hasResidentIdShape(id)) return false;
  return id.length === 15 || residentIdCheckChar(id) === id.charAt(17) || !parseUscc(id).ok;
}

function keepEnds(digits: string): string {
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4);
}

/**
 * Replace matches found in the half-width view; `mask` returns the replacement or null to keep
 * the original text. Indices line up because toHalfWidth preserves length.
 */
function replaceInView(text: string, pattern: RegExp, mask: (m: RegExpExecArray) => string | null): string {
  const view = toHalfWidth(text);
  let out = '';
  let last = 0;
  for (const m of view.matchAll(pattern)) {
    const replacement = mask(m);
    if (replacement === null) continue;
    out += text.slice(last, m.index) + replacement;
    last = m.index + m[0].length;
  }
  return out + text.slice(last);
}

// 18- or 15-digit runs, optionally grouped 6-8-4 / 6-6-3 with a space or hyphen, not part of a
// longer digit run.
const ID_CANDIDATE = /(?<!\d)(?:\d{6}[ -]?\d{8}[ -]?\d{3}[\dXx]|\d{6}[ -]?\d{6}[ -]?\d{3})(?![\dXx])/g;

/** 110101199003071234 → 1101**********1234 wherever a valid resident ID appears in free text. */
export function maskIdNumbers(text: string): string {
  return replaceInView(text, ID_CANDIDATE, (m) => {
    const id = m[0].replace(/[ -]/g, '').toUpperCase();
    return shouldMaskAsId(id) ? keepEnds(id) : null;
  });
}

// Mainland mobile: optional +86/0086/86 prefix, 11 digits 1[3-9]x, optionally grouped 3-4-4.
const PHONE = /(?<!\d)((?:(?:\+|00)86|86)[ -]?)?(1[3-9]\d)[ -]?(\d{4})[ -]?(\d{4})(?!\d)/g;
// USCC-shaped tokens; a phone-looking run inside a valid USCC is part of the code, not a phone.
const USCC_TOKEN = /(?<![0-9A-Za-z])[0-9A-Z]{18}(?![0-9A-Za-z])/g;

/** 13812345678 / +86 138-1234-5678 → 138****5678 (the prefix is kept as written). */
export function maskPhoneNumbers(text: string): string {
  const protectedSpans: Array<[number, number]> = [];
  for (const m of toHalfWidth(text).matchAll(USCC_TOKEN)) {
    if (parseUscc(m[0]).ok) protectedSpans.push([m.index, m.index + 18]);
  }
  return replaceInView(text, PHONE, (m) => {
    if (protectedSpans.some(([a, b]) => m.index < b && m.index + m[0].length > a)) return null;
    const prefix = m[1] === undefined ? '' : text.slice(m.index, m.index + m[1].length);
    return `${prefix}${m[2]}****${m[4]}`;
  });
}

/** IDs first: a masked ID contains '*', so the phone pass cannot bite into one. */
export function maskPersonalData(text: string): string {
  return maskPhoneNumbers(maskIdNumbers(text));
}

/** Replaces every occurrence of a person's name in a text with its masked form. */
export function maskNameIn(name: string): <T extends string | undefined>(text: T) => T {
  const masked = maskPersonName(name);
  return <T extends string | undefined>(text: T) => (text === undefined || name.length < 2 ? text : (text.split(name).join(masked) as T));
}

/** For tests and output scans: would masking change anything? */
export function containsUnmaskedPersonalData(text: string): boolean {
  return maskPersonalData(text) !== text;
}
