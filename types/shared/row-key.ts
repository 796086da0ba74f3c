import { getTableColumns, type Table } from 'drizzle-orm';

/** The property a column has in drizzle's rows of its table (rows are keyed by property, not by column name). */
export function rowKeyOf(table: Table, column: unknown): string | undefined {
  return Object.entries(getTableColumns(table)).find(([, c]) => c === column)?.[0];
}
