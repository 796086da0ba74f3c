/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last one a
 * check character over the first 17. Publishers type these by hand, so we accept lower case,
 * full-width forms, spaces, hyphens and zero-width characters, and store one canonical form.
 */
import { fail, ok, type ParseResult } from './result.ts';
import { stripInvisible, toHalfWidth } from './text.ts';

/** The 31 code characters; I, O, S, V and Z are excluded to avoid confusion with 1, 0, 5, U, 2. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const USCC_LIKE = new RegExp(`^[${USCC_CHARSET}]{18}$`);

/**
 * Check character for the first 17 characters (upper-case, half-width). Throws on bad input:
 * callers (the sample-data generator) construct the prefix themselves, so bad input is a bug.
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) {
    throw new Error(`USCC prefix must be 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) {
      throw new Error(`invalid USCC character '${first17.charAt(i)}' at position ${i + 1}`);
    }
    sum += value * WEIGHTS[i]!;
  }
  const check = 31 - (sum % 31);
  return USCC_CHARSET.charAt(check === 31 ? 0 : check);
}

/** Canonical form before validation: half-width, upper case, no separators or invisibles. */
function canonical(input: string): string {
  return toHalfWidth(stripInvisible(input.normalize('NFKC')))
    .replace(/[\s\-\u2010-\u2015\u2212]/g, '')
    .toUpperCase();
}

export function parseUscc(input: string): ParseResult<string> {
  const code = canonical(input);
  if (code.length === 0) return fail('USCC is empty');
  if (code.length !== 18) {
    return fail(`USCC must be 18 characters, found ${code.length} ("${code}")`);
  }
  for (let i = 0; i < 18; i++) {
    const c = code.charAt(i);
    if (!USCC_CHARSET.includes(c)) {
      const hint = 'IOSVZ'.includes(c) ? ` (the letters I, O, S, V and Z are never used)` : '';
      return fail(`USCC "${code}" has an invalid character '${c}' at position ${i + 1}${hint}`);
    }
  }
  const expected = usccCheckChar(code.slice(0, 17));
  const found = code.charAt(17);
  if (expected !== found) {
    return fail(`USCC "${code}" has a wrong check character: expected '${expected}', found '${found}'`);
  }
  return ok(code);
}

/** Quick shape test (no checksum) used to tell a USCC column or token from other identifiers. */
export function isUsccLike(s: string): boolean {
  return USCC_LIKE.test(canonical(s));
}

/** A code published partly masked (`92640********E416F`): kept as published, never a profile key. */
export const isMaskedIdentifier = (s: string | null | undefined) => Boolean(s && /[*＊×]/.test(s));

/**
 * A USCC cell as regulators publish it: a complete code (checked as by parseUscc) or a partly
 * masked one, which is accepted and kept masked in canonical form. Only a complete code can name
 * an enterprise; the check character of a masked code cannot be verified, so none is claimed.
 */
export function parsePublishedUscc(input: string): ParseResult<string> {
  if (!isMaskedIdentifier(input)) return parseUscc(input);
  const code = canonical(input).replace(/[＊×]/g, '*');
  const visible = code.replace(/\*/g, '');
  if (code.length < 10 || code.length > 20 || [...visible].some((c) => !USCC_CHARSET.includes(c))) {
    return fail(`"${code}" is neither a USCC nor a partly masked one (18 characters, some shown as *)`);
  }
  return ok(code);
}

/** The code when it is complete (a profile key, an identifier to search by); undefined when masked or absent. */
export const completeUscc = (s: string | null | undefined) => (s && !isMaskedIdentifier(s) ? s : undefined);
