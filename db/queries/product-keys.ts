import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { KEY_NOISE, KEY_SEPARATORS } from '../../core/text/product-keys.ts';

/**
 * core/text/product-keys.ts's keys computed by PostgreSQL, for the expression indexes product
 * screening finds its candidates with. Literals, not parameters: the planner uses an expression
 * index only for the very expression it was built on, and the drizzle schema and the query both
 * take it from here.
 */
// Control characters as escapes, and `;` as \x3b: drizzle-kit's snapshot splits an index definition on semicolons.
const ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '\v': '\\v', '\f': '\\f', ';': '\\x3b' };
const pgClass = (chars: string) => chars.replace(/[\\\]\[\-^']/g, (c) => (c === "'" ? "''" : `\\${c}`)).replace(/[\n\t\r\v\f;]/g, (c) => ESCAPES[c]!);
const NOISE = `[${pgClass(KEY_NOISE)}]+`;
const SEPARATORS = `[${pgClass(KEY_SEPARATORS)}]+`;
const ALL = `[${pgClass(KEY_NOISE)}${pgClass(KEY_SEPARATORS)}]+`;

/** The whole key and each alternative of a brand or model cell (text[]; empty parts are harmless). */
export function productKeysSql(column: AnyPgColumn | SQL): SQL {
  const nfkc = sql`normalize(coalesce(${column}, ''), NFKC)`;
  return sql`(array[lower(regexp_replace(${nfkc}, '${sql.raw(ALL)}', '', 'g'))] || regexp_split_to_array(lower(regexp_replace(${nfkc}, '${sql.raw(NOISE)}', '', 'g')), '${sql.raw(SEPARATORS)}'))`;
}

/** The numbers in a barcodes cell as printed (text[]): compared with every zero-padded spelling of a GTIN. */
export const barcodesSql = (column: AnyPgColumn | SQL): SQL => sql`regexp_split_to_array(coalesce(${column}, ''), '[^0-9]+')`;
