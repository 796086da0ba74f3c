import os from 'node:os';
import { parseArgs } from 'node:util';
import { asc, eq } from 'drizzle-orm';
import { runCommand, UsageError } from '../runtime/command.ts';
import { auditLog } from '../db/schema/index.ts';
import { findRecord, RecordNotFound } from '../ops/lifecycle/find-record.ts';
import { expireDisclosures, expiredCount, LifecycleError, restoreRecord, withdrawRecord } from '../ops/lifecycle/status.ts';
import { RECORD_TYPES, type RecordType } from '../types/registry.ts';

const USAGE = `Usage:
  npm run withdraw -- <id or natural key> --reason "why" [--type TYPE] [--operator NAME]
  npm run restore  -- <id or natural key> [--type TYPE] [--operator NAME]
  npm run restore  -- --in FILE [--replace]      restore a whole backup instead (see npm run backup)
  npm run expire   -- [--today YYYY-MM-DD]        expire records whose disclosure period ended
  npm run audit    -- <id or natural key> [--type TYPE]   print a record's history`;

const command = process.argv[2];
// `npm run restore -- --in FILE` restores a whole backup (ops/backup); with a record id, one record.
if (command === 'restore' && process.argv.slice(3).some((a) => a === '--in' || a.startsWith('--in='))) {
  const { runBackupCommand } = await import('./backup-command.ts');
  await runBackupCommand('restore', process.argv.slice(3));
}
const { values: o, positionals } = (() => {
  try {
    return parseArgs({
      args: process.argv.slice(3),
      allowPositionals: true,
      options: { reason: { type: 'string' }, type: { type: 'string' }, operator: { type: 'string' }, today: { type: 'string' } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
})();

await runCommand(USAGE, async ({ handle }) => {
  const db = handle.db;
  const actor = o.operator ?? os.userInfo().username;
  if (o.type && !RECORD_TYPES.includes(o.type as RecordType)) throw new UsageError(`--type must be one of: ${RECORD_TYPES.join(', ')}`);
  const type = o.type as RecordType | undefined;
  const target = async () => {
    if (positionals.length !== 1) throw new UsageError('Give exactly one record id or natural key.');
    return findRecord(db, positionals[0]!, type);
  };
  try {
    switch (command) {
      case 'withdraw': {
        if (!o.reason?.trim()) throw new UsageError('--reason is required: the tombstone tells the public why.');
        const r = await withdrawRecord(db, { ...(await target()), actor, command: 'withdraw', reason: o.reason.trim() });
        console.log(`${r.type}/${r.id}: withdrawn (was ${r.previousStatus}). It leaves search as soon as the sync worker runs.`);
        return 0;
      }
      case 'restore': {
        const r = await restoreRecord(db, { ...(await target()), actor, command: 'restore' });
        console.log(`${r.type}/${r.id}: restored (${r.status}; was ${r.previousStatus}).`);
        return 0;
      }
      case 'expire': {
        if (o.today && !/^\d{4}-\d{2}-\d{2}$/.test(o.today)) throw new UsageError('--today must be YYYY-MM-DD');
        const ids = await expireDisclosures(db, actor, o.today);
        console.log(`${expiredCount(ids.length)} expired (disclosure period ended).`);
        return 0;
      }
      case 'audit': {
        const { type: t, id } = await target();
        const rows = await db.select().from(auditLog).where(eq(auditLog.recordId, id)).orderBy(asc(auditLog.id));
        console.log(`${t}/${id}`);
        for (const r of rows.filter((x) => x.type === t)) {
          const hashes = r.beforeHash === r.afterHash ? '' : ` ${short(r.beforeHash)} → ${short(r.afterHash)}`;
          const via = r.importId ? `import #${r.importId}${r.source ? ` (${r.source})` : ''}` : r.command;
          console.log(`${r.at.toISOString()}  ${r.action.padEnd(8)} v${r.version}  by ${r.actor} via ${via}${hashes}${r.reason ? `  reason: ${r.reason}` : ''}`);
        }
        return 0;
      }
      default:
        throw new UsageError(`Unknown command "${command ?? ''}".`);
    }
  } catch (error) {
    if (error instanceof RecordNotFound || error instanceof LifecycleError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
});

function short(hash: string | null): string {
  return hash ? hash.slice(0, 12) : '(none)';
}
