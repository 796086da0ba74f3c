import { z } from 'zod';

/** Plain decimal digits, optionally negative (so that `-1` is told it is too small, not malformed). */
const DECIMAL = /^-?\d+$/;

const NOT_DECIMAL = 'must be a whole number in plain decimal digits (not 0x10, 1e3, +5, 5.0 or with spaces)';

/**
 * A whole number from a query string or JSON, within bounds: `limit=20` or `{"limit": 20}`.
 * `z.coerce.number()` would read `0x10`, `1e3`, `+5`, ` 5` and `5.0` as numbers; here only
 * plain decimal digits are, and anything else is refused with a message that says so. In the
 * OpenAPI document (JSON Schema of the input) it is an integer with its bounds.
 */
export function wholeNumber(min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && DECIMAL.test(value) ? Number(value) : value),
    z
      .number({ error: NOT_DECIMAL })
      .int(NOT_DECIMAL)
      .min(min, min === 0 ? 'must not be negative' : `must be at least ${min}`)
      .max(max, `must be at most ${max}`),
  );
}
