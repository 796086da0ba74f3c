import type { DbHandle } from '../db/client.ts';

/** One Meilisearch the outbox feeds (a row of search_instances). */
export interface SearchInstance {
  id: number;
  url: string;
  /** It joined after records existed: a full rebuild comes before its first drain. */
  needsRebuild: boolean;
}

/**
 * Makes search_instances match the configured URLs (MEILI_URL, in order) and returns them with
 * their ids. Ids of known URLs never change, so each keeps its outbox rows and falls behind or
 * catches up on its own. A new URL gets the lowest free id and, unless it is the very first one
 * (which the outbox has fed all along), a full rebuild. A URL no longer configured is forgotten
 * with its rows; if that was instance 0, the first remaining instance takes id 0 with its rows.
 * With one URL configured and one registered they are the same instance, whatever the addresses.
 *
 * Changes happen under a lock that waits for running writers and holds new ones back until
 * commit: a transaction in flight while an instance is added could otherwise write rows the
 * trigger did not copy to it, after its rebuild had read the database.
 */
export async function registerInstances(handle: DbHandle, urls: string[]): Promise<SearchInstance[]> {
  const wanted = [...new Set(urls.map(normalUrl))];
  if (wanted.length === 0) throw new Error('no Meilisearch URL configured');
  const current = await listInstances(handle);
  const same = current.length === wanted.length && wanted.every((url) => current.some((i) => i.url === url));
  if (same) return ordered(current, wanted);
  // One instance that moved (the embedded Meilisearch gets a new port at every start): the same
  // instance at a new address, as it always was with a single MEILI_URL. Its rows and id stay.
  if (wanted.length === 1 && current.length === 1) {
    await handle.sql`update search_instances set url = ${wanted[0]!} where id = ${current[0]!.id}`;
    return [{ ...current[0]!, url: wanted[0]! }];
  }
  await handle.sql.begin(async (tx) => {
    await tx`lock table search_outbox in share row exclusive mode`;
    await tx`lock table search_instances in exclusive mode`;
    let known: SearchInstance[] = await tx<SearchInstance[]>`select id, url, needs_rebuild as "needsRebuild" from search_instances order by id`;
    const first = known.length === 0;
    for (const gone of known.filter((i) => !wanted.includes(i.url))) {
      await tx`delete from search_outbox where instance = ${gone.id}`;
      await tx`delete from search_instances where id = ${gone.id}`;
    }
    known = known.filter((i) => wanted.includes(i.url));
    if (known.length && !known.some((i) => i.id === 0)) {
      const heir = known[0]!;
      await tx`update search_outbox set instance = 0 where instance = ${heir.id}`;
      await tx`update search_instances set id = 0 where id = ${heir.id}`;
      heir.id = 0;
    }
    const [{ hasData } = { hasData: false }] = await tx<{ hasData: boolean }[]>`select exists (select 1 from search_outbox) or exists (select 1 from audit_log) as "hasData"`;
    for (const url of wanted.filter((u) => !known.some((i) => i.url === u))) {
      const id = freeId(known);
      // The first instance ever registered is the one the outbox has been feeding.
      const needsRebuild = !(first && id === 0) && hasData;
      await tx`insert into search_instances (id, url, needs_rebuild) values (${id}, ${url}, ${needsRebuild})`;
      known.push({ id, url, needsRebuild });
    }
  });
  return ordered(await listInstances(handle), wanted);
}

export async function listInstances(handle: DbHandle): Promise<SearchInstance[]> {
  return handle.sql<SearchInstance[]>`select id, url, needs_rebuild as "needsRebuild" from search_instances order by id`;
}

/** After its rebuild an instance drains like the others. */
export async function markRebuilt(handle: DbHandle, id: number): Promise<void> {
  await handle.sql`update search_instances set needs_rebuild = false where id = ${id}`;
}

/** Origin plus path without a trailing slash: `http://A:7700/` and `http://a:7700` are one instance. */
export function normalUrl(url: string): string {
  const u = new URL(url.trim());
  return `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
}

function freeId(known: SearchInstance[]): number {
  for (let id = 0; ; id++) if (!known.some((i) => i.id === id)) return id;
}

function ordered(instances: SearchInstance[], urls: string[]): SearchInstance[] {
  return urls.map((url) => instances.find((i) => i.url === url)!);
}
