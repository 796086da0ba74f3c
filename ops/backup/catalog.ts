import type postgres from 'postgres';

/** A connection or a transaction: the catalog is read inside the backup's snapshot. */
type Sql = postgres.Sql | postgres.TransactionSql;

/**
 * Tables about the deployment, not the data: which Meilisearch instances this database feeds
 * (search_instances, registered by the worker from MEILI_URL). A backup leaves them out and a
 * restore keeps the target's own: a restored copy of another deployment's list would name servers
 * the target does not have.
 */
const DEPLOYMENT_TABLES = new Set(['search_instances']);

/**
 * Every ordinary table of the portal's data (schema public), parents before the tables whose
 * foreign keys point at them, so that a restore can load them in this order with every constraint
 * in place.
 */
export async function tablesInLoadOrder(sql: Sql): Promise<string[]> {
  const tables = (await sql<{ name: string }[]>`
    select relname as name from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace order by relname`)
    .map((t) => t.name)
    .filter((name) => !DEPLOYMENT_TABLES.has(name));
  const edges = await sql<{ child: string; parent: string }[]>`
    select c.relname as child, p.relname as parent
    from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace`;
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const e of edges) if (e.child === table && e.parent !== table) visit(e.parent);
    ordered.push(table);
  };
  for (const table of tables) visit(table);
  return ordered;
}

/** The stored columns of a table in order (generated and dropped columns are left out). */
export async function columnsOf(sql: Sql, table: string): Promise<string[]> {
  const rows = await sql<{ name: string }[]>`
    select attname as name from pg_attribute
    where attrelid = ${`public.${quoteIdent(table)}`}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
    order by attnum`;
  return rows.map((r) => r.name);
}

/** The migrations drizzle has applied, oldest first (empty before the first one). */
export async function appliedMigrations(sql: Sql): Promise<string[]> {
  const [exists] = await sql<{ found: boolean }[]>`select to_regclass('drizzle.__drizzle_migrations') is not null as found`;
  if (!exists?.found) return [];
  return (await sql<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations order by id`).map((r) => r.hash);
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
export const columnList = (columns: string[]) => columns.map(quoteIdent).join(', ');
