import { getTableColumns, getTableName, is, SQL, type Column, type Table } from 'drizzle-orm';
import type postgres from 'postgres';

/**
 * Writes rows with `COPY … FROM STDIN` (text format) instead of INSERT: the import's bulk path, so
 * a million rows cost what PostgreSQL's own loader costs. Rows are keyed by drizzle property names,
 * as for `insert().values()`. A column no row sets is left to its database default (ids, txid,
 * timestamps); a value a row leaves out takes the column's drizzle default, else NULL.
 */
export async function copyRows(sql: postgres.Sql | postgres.TransactionSql, table: Table, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => rows.some((row) => row[key] !== undefined));
  const names = columns.map(([, column]) => `"${column.name}"`).join(', ');
  // The text is built before the COPY starts, so the statement never waits on this process
  // (which, during an import, is also reading the next rows).
  const chunks: string[] = [];
  let chunk = '';
  for (const row of rows) {
    chunk += columns.map(([key, column]) => copyValue(row[key] === undefined ? defaultOf(column) : row[key], column)).join('\t');
    chunk += '\n';
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(chunk);
  const stream = await sql.unsafe(`copy "${getTableName(table)}" (${names}) from stdin`).writable();
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (const text of chunks) stream.write(text);
  stream.end();
  await done;
}

/** The value a row that leaves the column out gets: the drizzle default (SQL defaults are `'{}'` or `now()` here). */
function defaultOf(column: Column): unknown {
  if (!is(column.default, SQL)) return column.default;
  if (column.columnType === 'PgArray') return [];
  if (column.columnType === 'PgTimestamp') return new Date();
  return undefined;
}

/** One value in COPY's text format: `\N` for NULL, array literals for arrays, JSON for other objects. */
export function copyValue(value: unknown, column?: Column): string {
  if (value === null || value === undefined) return '\\N';
  const text =
    value instanceof Date ? value.toISOString()
    : column?.columnType === 'PgArray' ? arrayLiteral(value as unknown[])
    : typeof value === 'object' ? JSON.stringify(value)
    : String(value);
  return text.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** `{"a","b"}`: every element quoted, so commas, braces and spaces inside need no further thought. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/["\\]/g, '\\$&')}"`)).join(',')}}`;
}
