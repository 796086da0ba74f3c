import { parseArgs } from 'node:util';
import { desc, eq, sql } from 'drizzle-orm';
import { generateKey, hashKey, KEY_PATTERN, keyPrefix } from '../api/access/keys.ts';
import { runCommand, UsageError } from '../runtime/command.ts';
import type { Database } from '../db/client.ts';
import { apiKeys, apiKeyUsage } from '../db/schema/index.ts';

const USAGE = `Usage:
  npm run keys -- create --name "who uses it"   create an API key; it is printed once, only its hash is stored
  npm run keys -- list                          id, name, prefix, created, last used, revoked, requests in the last 7 days
  npm run keys -- revoke <id, prefix or key>    revoke a key: its requests get 401 from then on`;

const command = process.argv[2];
const { values: o, positionals } = (() => {
  try {
    return parseArgs({ args: process.argv.slice(3), allowPositionals: true, options: { name: { type: 'string' } } });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();

await runCommand(USAGE, async ({ handle: { db } }) => {
  switch (command) {
    case 'create':
      return create(db);
    case 'list':
      if (positionals.length || o.name !== undefined) throw new UsageError('list takes no arguments.');
      return list(db);
    case 'revoke':
      if (positionals.length !== 1 || o.name !== undefined) throw new UsageError('Give exactly one key id, prefix or key.');
      return revoke(db, positionals[0]!);
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : 'Give a command.');
  }
});

async function create(db: Database): Promise<number> {
  const name = o.name?.trim();
  if (!name) throw new UsageError('--name is required: say who or what uses the key.');
  if (name.length > 200) throw new UsageError('--name must be at most 200 characters.');
  if (positionals.length) throw new UsageError('create takes no positional arguments; quote the name: --name "…"');
  const key = generateKey();
  const [row] = await db.insert(apiKeys).values({ name, keyHash: hashKey(key), prefix: keyPrefix(key) }).returning({ id: apiKeys.id });
  console.log(`API key #${row!.id} for "${name}" (prefix ${keyPrefix(key)}):\n\n  ${key}\n`);
  console.log('Copy it now: it is shown only this once and only its hash is stored.');
  console.log('Clients send it as: Authorization: Bearer <key>');
  return 0;
}

async function list(db: Database): Promise<number> {
  const recent = sql<number>`coalesce((select sum(${apiKeyUsage.requests}) from ${apiKeyUsage}
    where ${apiKeyUsage.keyId} = ${apiKeys.id} and ${apiKeyUsage.day} > (now() at time zone 'utc')::date - 7), 0)::int`;
  const rows = await db
    .select({ id: apiKeys.id, name: apiKeys.name, prefix: apiKeys.prefix, created: apiKeys.createdAt, lastUsed: apiKeys.lastUsedAt, revoked: apiKeys.revokedAt, recent })
    .from(apiKeys)
    .orderBy(desc(apiKeys.id));
  if (rows.length === 0) {
    console.log('No API keys yet. Create one with: npm run keys -- create --name "…"');
    return 0;
  }
  const table = [
    ['id', 'name', 'prefix', 'created', 'last used', 'revoked', 'requests (7 days)'],
    ...rows.map((r) => [String(r.id), r.name, r.prefix, stamp(r.created), stamp(r.lastUsed) || 'never', stamp(r.revoked) || '-', String(r.recent)]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  return 0;
}

async function revoke(db: Database, target: string): Promise<number> {
  const where = /^\d+$/.test(target)
    ? eq(apiKeys.id, Number(target))
    : KEY_PATTERN.test(target)
      ? eq(apiKeys.keyHash, hashKey(target))
      : target.startsWith('qp_') && target.length <= 8
        ? eq(apiKeys.prefix, target)
        : undefined;
  if (!where) throw new UsageError(`"${target}" is not a key id, prefix (qp_ and 5 characters) or key.`);
  const found = await db.select({ id: apiKeys.id, name: apiKeys.name, revokedAt: apiKeys.revokedAt }).from(apiKeys).where(where);
  if (found.length === 0) {
    console.error(`No API key matches "${target}".`);
    return 1;
  }
  if (found.length > 1) {
    console.error(`"${target}" matches ${found.length} keys (ids ${found.map((k) => k.id).join(', ')}); revoke by id.`);
    return 1;
  }
  const key = found[0]!;
  if (key.revokedAt) {
    console.log(`API key #${key.id} ("${key.name}") was already revoked on ${stamp(key.revokedAt)}.`);
    return 0;
  }
  await db.update(apiKeys).set({ revokedAt: sql`now()` }).where(eq(apiKeys.id, key.id));
  console.log(`API key #${key.id} ("${key.name}") revoked; its requests are refused (401) from now on.`);
  return 0;
}

function stamp(at: Date | null): string {
  return at ? `${at.toISOString().slice(0, 16).replace('T', ' ')}Z` : '';
}
