/**
 * Text clean-up shared by every parser. Two different jobs, kept apart on purpose:
 * - `cleanCell` tidies a value for display: the published text keeps its original form
 *   (full-width punctuation, brackets, case) because regulators' wording must not be altered.
 * - `normalizeName` builds a matching key only: the same company typed with full-width
 *   brackets, stray spaces or a pasted zero-width space must still land on one profile.
 */

const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const FULL_WIDTH_OFFSET = 0xfee0; // U+FF01 '！' − U+0021 '!'

/**
 * Full-width ASCII (U+FF01–FF5E) → half-width, ideographic space → space.
 * Every replacement is one UTF-16 unit for one, so string length and indices are preserved
 * (mask.ts relies on that to find numbers in a half-width view and edit the original).
 */
export function toHalfWidth(s: string): string {
  return s
    .replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - FULL_WIDTH_OFFSET))
    .replace(/\u3000/g, ' ');
}

// Zero-width space/joiners, word joiner, BOM, plus every other Unicode "format" character
// (soft hyphen, bidi marks and isolates…): invisible in a spreadsheet, fatal to exact matching.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\p{Cf}]/gu;

export function stripInvisible(s: string): string {
  return s.replace(INVISIBLE, '');
}

/**
 * Matching key for enterprise names: NFKC (folds full-width forms and compatibility
 * characters), no invisible characters, no whitespace at all (Chinese names have none, and
 * "XX 有限公司" vs "XX有限公司" is the same company), Chinese brackets → ASCII, Latin lower case.
 */
export function normalizeName(s: string): string {
  return toHalfWidth(stripInvisible(s.normalize('NFKC')))
    .replace(/[\s\p{Z}]+/gu, '')
    .replace(/[（﹙]/g, '(')
    .replace(/[）﹚]/g, ')')
    .toLowerCase();
}

/**
 * Display value of a spreadsheet cell: trimmed, invisible characters removed, runs of spaces
 * collapsed to one. Line breaks are kept (one per run) because multi-line cells such as
 * 违法事实 or a list of unqualified items carry meaning in them; CRLF becomes LF.
 */
export function cleanCell(s: string | number | null | undefined): string {
  if (s === null || s === undefined) return '';
  return stripInvisible(String(s))
    .replace(/\r\n?/g, '\n')
    .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : ' '))
    .trim();
}
