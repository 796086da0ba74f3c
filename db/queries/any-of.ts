import { sql, type Column, type SQL } from 'drizzle-orm';

/**
 * `column = any($1)`: the ids travel as one array parameter. drizzle's inArray sends one parameter
 * per value, which PostgreSQL must parse and plan one by one (and caps at 65,535): the importer
 * and the sync worker ask for thousands of ids at a time.
 */
export const anyOf = (column: Column, values: readonly string[]): SQL => sql`${column} = any(${sql.param(values)}::text[])`;
