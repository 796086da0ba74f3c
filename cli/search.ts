import type { Meilisearch } from 'meilisearch';
import type { DbHandle } from '../db/client.ts';
import { meiliForCommand, runCommand, UsageError } from '../runtime/command.ts';
import { meiliClient } from '../search/meili.ts';
import { reindex } from '../search/rebuild.ts';
import { drainAll, ensureIndexes } from '../search/sync.ts';
import { verify } from '../search/verify.ts';

const USAGE = `Usage:
  npm run sync      send pending changes (the outbox) to Meilisearch once
  npm run reindex   rebuild every index from PostgreSQL and swap the new ones in atomically
  npm run verify    compare PostgreSQL with Meilisearch; exits 1 listing every difference`;

const COMMANDS: Record<string, (handle: DbHandle, meili: Meilisearch) => Promise<number>> = {
  async sync(handle, meili) {
    await ensureIndexes(meili);
    console.log(`${await drainAll(handle, meili)} changes sent to Meilisearch.`);
    return 0;
  },
  async reindex(handle, meili) {
    const counts = await reindex(handle, meili, (line) => console.log(line));
    console.log(`Reindexed: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
    return 0;
  },
  async verify(handle, meili) {
    const report = await verify(handle, meili);
    for (const d of report.differences.slice(0, 1000)) console.log(`${d.index}/${d.id}: ${d.problem}${d.detail ? ` (${d.detail})` : ''}`);
    if (report.differences.length > 1000) console.log(`… and ${report.differences.length - 1000} more`);
    const checked = Object.entries(report.checked).map(([k, v]) => `${k} ${v}`).join(', ');
    const pending = report.pendingChanges ? ` ${report.pendingChanges} changes are still waiting in the outbox (run npm run sync).` : '';
    console.log(`${report.differences.length ? `${report.differences.length} differences` : 'In step'}: checked ${checked}.${pending}`);
    return report.differences.length ? 1 : 0;
  },
};

await runCommand(USAGE, async ({ env, dataDir, handle }) => {
  const command = COMMANDS[process.argv[2] ?? ''];
  if (!command) throw new UsageError(`Unknown command "${process.argv[2] ?? ''}".`);
  const meili = await meiliForCommand(env, dataDir);
  try {
    return await command(handle, meiliClient(meili));
  } finally {
    await meili.stop();
  }
});
