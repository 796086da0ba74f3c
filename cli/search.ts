import type { Meilisearch } from 'meilisearch';
import { meiliUrls } from '../core/env.ts';
import type { DbHandle } from '../db/client.ts';
import { meiliForCommand, runCommand, UsageError } from '../runtime/command.ts';
import { listInstances, normalUrl, registerInstances, type SearchInstance } from '../search/instances.ts';
import { ensureSearchKey, meiliClient } from '../search/meili.ts';
import { reindex } from '../search/rebuild.ts';
import { drainAll, ensureIndexes } from '../search/sync.ts';
import { verify } from '../search/verify.ts';

const USAGE = `Usage:
  npm run sync                     send pending changes (the outbox) to every Meilisearch once
  npm run reindex                  rebuild every index of every Meilisearch from PostgreSQL, swapping the new ones in atomically
  npm run verify                   compare PostgreSQL with each Meilisearch; exits 1 listing every difference
  npm run search -- search-key     print the search-only key for MEILI_SEARCH_KEY (created on each instance if missing)
With several instances (MEILI_URL=url1,url2) each is reported on its own.`;

interface Target {
  instance: SearchInstance;
  meili: Meilisearch;
  /** How its lines start: empty with one instance. */
  prefix: string;
}

type Command = (handle: DbHandle, targets: Target[]) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  async sync(handle, targets) {
    for (const { instance, meili, prefix } of targets) {
      await ensureIndexes(meili);
      console.log(`${prefix}${await drainAll(handle, meili, instance.id)} changes sent to Meilisearch.`);
    }
    return 0;
  },
  async reindex(handle, targets) {
    for (const { instance, meili, prefix } of targets) {
      const counts = await reindex(handle, meili, (line) => console.log(`${prefix}${line}`), instance.id);
      console.log(`${prefix}Reindexed: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
    }
    return 0;
  },
  async verify(handle, targets) {
    let failed = 0;
    for (const { instance, meili, prefix } of targets) {
      let report;
      try {
        report = await verify(handle, meili, instance.id);
      } catch (error) {
        console.log(`${prefix}could not be read: ${(error as Error).message}`);
        failed++;
        continue;
      }
      for (const d of report.differences.slice(0, 1000)) console.log(`${prefix}${d.index}/${d.id}: ${d.problem}${d.detail ? ` (${d.detail})` : ''}`);
      if (report.differences.length > 1000) console.log(`${prefix}… and ${report.differences.length - 1000} more`);
      const checked = Object.entries(report.checked).map(([k, v]) => `${k} ${v}`).join(', ');
      const pending = report.pendingChanges ? ` ${report.pendingChanges} changes are still waiting in the outbox (run npm run sync).` : '';
      console.log(`${prefix}${report.differences.length ? `${report.differences.length} differences` : 'In step'}: checked ${checked}.${pending}`);
      if (report.differences.length) failed++;
    }
    return failed ? 1 : 0;
  },
  async 'search-key'(_handle, targets) {
    const keys = new Set<string>();
    for (const { meili } of targets) keys.add(await ensureSearchKey(meili));
    // One master key, one uid: every instance gives the same key.
    if (keys.size !== 1) throw new Error('the instances gave different search keys: do they share one MEILI_MASTER_KEY?');
    console.log([...keys][0]);
    return 0;
  },
};

/**
 * The instances of MEILI_URL with their outbox ids. A command never changes which instances are
 * registered (the worker does), unless none is yet.
 */
async function targetsFor(handle: DbHandle, urls: string[], masterKey: string): Promise<Target[]> {
  let known = await listInstances(handle);
  if (known.length === 0) known = await registerInstances(handle, urls);
  return urls.map((url, n) => {
    const instance = known.find((i) => i.url === normalUrl(url));
    if (!instance) throw new Error(`${new URL(url).origin} is not one of the instances the worker feeds; start the worker with it in MEILI_URL first`);
    return { instance, meili: meiliClient({ url, masterKey, timeoutMs: 30_000 }), prefix: urls.length > 1 ? `meilisearch-${n + 1} (${new URL(url).origin}): ` : '' };
  });
}

await runCommand(USAGE, async ({ env, dataDir, handle }) => {
  const command = COMMANDS[process.argv[2] ?? ''];
  if (!command) throw new UsageError(`Unknown command "${process.argv[2] ?? ''}".`);
  const meili = await meiliForCommand(env, dataDir);
  try {
    return await command(handle, await targetsFor(handle, meiliUrls(meili.url), meili.masterKey));
  } finally {
    await meili.stop();
  }
});
