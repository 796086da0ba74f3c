/**
 * Recognising identifiers typed (or pasted) into the search box, so that the search layer can
 * answer them with an exact match on the records' `identifiers` field instead of full-text
 * relevance. The same canonical forms are produced at index time from the stored values
 * (`canonicalLicenceNo`, `canonicalDecisionNo`), so query and index always meet.
 *
 * Every input is first normalized: NFKC, zero-width/format characters removed, full-width to
 * half-width, and for the code-like kinds all whitespace removed and Latin upper-cased.
 */
import { stripInvisible, toHalfWidth } from '../normalize/text.ts';
import { parseUscc, USCC_CHARSET } from '../normalize/uscc.ts';

export type IdentifierKind = 'uscc' | 'production-licence' | 'food-licence' | 'ccc' | 'decision-no';

export interface DetectedIdentifier {
  kind: IdentifierKind;
  /** Canonical form, equal to what the index stores for the same identifier. */
  value: string;
  /** Production licences only: the issuing province abbreviation when given, e.g. 浙. */
  province?: string;
}

/** NFKC, invisibles out, half-width. (NFKC already folds most full-width forms; toHalfWidth
 *  is kept for the ideographic space and as the project's single definition of the rule.) */
function base(raw: string): string {
  return toHalfWidth(stripInvisible(raw.normalize('NFKC')));
}

/** Code-like normalization: no whitespace (incl. NBSP etc.), upper-case Latin. */
function compact(raw: string): string {
  return base(raw).replace(/[\s\p{Z}]+/gu, '').toUpperCase();
}

const USCC_SHAPE = new RegExp(`^[${USCC_CHARSET}]{18}$`);

/**
 * 全国工业产品生产许可证 numbers: XK + 2-digit product category + 3-digit product unit +
 * 5-digit serial, optionally preceded by the issuing province in brackets: (浙)XK06-001-01234.
 * Hyphens (or dash look-alikes) are optional: XK0600101234 is the same licence.
 */
const PRODUCTION_LICENCE =
  /^(?:[(\[【〔]?(\p{Script=Han})[)\]】〕]?)?XK(\d{2})[-‐‑–—−]?(\d{3})[-‐‑–—−]?(\d{5})$/u;

/** SC (食品生产许可证) or JY (食品经营许可证) + 14 digits. */
const FOOD_LICENCE = /^(SC|JY)(\d{14})$/;

/** A CCC certificate number is 16 digits; recognised only when that is the whole query. */
const CCC_CERTIFICATE = /^\d{16}$/;

/** Any bracket pair regulators (or their typists) put around the year of a document number. */
const YEAR_IN_BRACKETS = /[(\[【〔〖{<《]((?:19|20)\d{2})[)\]】〕〗}>》]/;

/**
 * A Chinese administrative document number (文号) after `canonicalDecisionNo`:
 * issuer abbreviation + 〔year〕 + serial + 号, e.g. 浙市监处罚〔2023〕112号. The issuer part
 * must contain a Han character; Latin letters, digits and hyphens occur in some (杭余市监…).
 */
const DOCUMENT_NUMBER = /^(?=[^〔]*\p{Script=Han})[\p{Script=Han}A-Za-z0-9-]{2,30}〔\d{4}〕[\p{Script=Han}A-Za-z0-9-]{0,6}\d{1,7}号$/u;

/**
 * Canonical form of a licence or certificate number, for the `identifiers` field:
 *   (浙)XK06-001-01234 / xk0600101234 → XK06-001-01234 (province dropped),
 *   sc 1063 3010 2001 23 → SC10633010200123, JY…, CCC numbers → 16 digits.
 * Unknown formats still come back normalized (half-width, no whitespace, upper case), so an
 * exact match on other licence types works as long as both sides go through this function.
 */
export function canonicalLicenceNo(raw: string): string {
  const code = compact(raw);
  const xk = PRODUCTION_LICENCE.exec(code);
  if (xk) return `XK${xk[2]}-${xk[3]}-${xk[4]}`;
  return code;
}

/**
 * Canonical form of a decision (or any document) number: half-width digits, no whitespace,
 * the year in 〔〕 whatever brackets were used, and a 第 before the serial dropped
 * (浙市监处罚[2023]第112号 → 浙市监处罚〔2023〕112号). Leading zeros and every other character are
 * kept (Latin upper-cased). Text without a bracketed year is only normalized that way.
 */
export function canonicalDecisionNo(raw: string): string {
  const text = compact(raw);
  const year = YEAR_IN_BRACKETS.exec(text);
  if (!year) return text;
  const before = text.slice(0, year.index);
  const after = text.slice(year.index + year[0].length).replace(/^第(?=\d)/, '');
  return `${before}〔${year[1]}〕${after}`;
}

/**
 * The identifier a whole query stands for, or undefined when it is ordinary search text.
 * Checked in order: USCC (valid check character only), production licence, food licence,
 * CCC certificate, decision number. 电线, 鸿达, 2023 or an 18-character string with a wrong
 * USCC check character are not identifiers.
 */
export function detectIdentifier(query: string): DetectedIdentifier | undefined {
  const code = compact(query);
  if (code.length === 0 || code.length > 60) return undefined;

  // parseUscc also tolerates hyphens inside the code; the shape test keeps it to real codes.
  if (USCC_SHAPE.test(code.replace(/-/g, ''))) {
    const uscc = parseUscc(code);
    return uscc.ok ? { kind: 'uscc', value: uscc.value } : undefined;
  }

  const xk = PRODUCTION_LICENCE.exec(code);
  if (xk) {
    const value = `XK${xk[2]}-${xk[3]}-${xk[4]}`;
    return xk[1] ? { kind: 'production-licence', value, province: xk[1] } : { kind: 'production-licence', value };
  }

  if (FOOD_LICENCE.test(code)) return { kind: 'food-licence', value: code };
  if (CCC_CERTIFICATE.test(code)) return { kind: 'ccc', value: code };

  // Decision numbers. Penalty decisions contain 罚 (浙市监处罚…), but licence revocations
  // carry decision numbers of the same 〔year〕…号 shape without it (浙市监许撤〔2023〕1号), and
  // nothing else people search for looks like that, so the shape alone decides.
  const decision = canonicalDecisionNo(query);
  if (DOCUMENT_NUMBER.test(decision)) {
    return { kind: 'decision-no', value: decision };
  }
  return undefined;
}
