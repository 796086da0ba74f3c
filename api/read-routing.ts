import type { DbHandle } from '../db/client.ts';
import { isDatabaseUnavailable, toDomainError } from './errors.ts';
import type { Portal } from './portal.ts';

/**
 * Which reads may go to a read replica (DATABASE_REPLICA_URLS), decided here and nowhere else.
 *
 * A replica may be up to REPLICA_MAX_LAG_SECONDS behind the primary, so only reads of published
 * data that anyone may see a few seconds late use one: record pages and records, enterprise
 * profiles, search (its PostgreSQL fallback), screening, counts, statistics, campaigns, feeds and
 * sitemaps (`replicaProcedure` in api/trpc.ts and the few pages that call a service themselves).
 * Everything that must read its own writes stays on the primary: the admin API and any request
 * with an admin token, imports, rate-limit counters, API keys, watchlists, health, metrics, and
 * the change feed, whose snapshot rule (api/services/changes.ts) needs the primary's newest commit.
 *
 * A change this process has heard of (api/change-watch.ts: NOTIFY portal_changed, or its own admin
 * write) is never read back from a replica that lacks it: until one holds it, reads go to the
 * primary (ReadPools.afterChange), so the page and search caches it empties do not fill again with
 * older data. Other changes are seen at most REPLICA_MAX_LAG_SECONDS late.
 */

const views = new WeakMap<DbHandle, Portal>();

/** The portal with `handle` as its database; one per handle, so per-portal caches keep working. */
function viewOn(portal: Portal, handle: DbHandle): Portal {
  let view = views.get(handle);
  // Without `replicas`: whatever the read calls in turn stays on this same replica.
  if (!view) views.set(handle, (view = { ...portal, db: handle, replicas: undefined }));
  return view;
}

/**
 * A read that gives up on the replica it ran on: the server went away (stopped, restarted, cut
 * off), or a recovery conflict cancelled the query (a replica cancels reads that block replaying
 * a vacuum). Read-only work is safe to run again, on the primary.
 */
function isReplicaFailure(error: unknown): boolean {
  if (isDatabaseUnavailable(error)) return true;
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    if ((e as { name?: unknown }).name === 'PostgresError' && (e as { code?: unknown }).code === '40001') return true;
  }
  return false;
}

/**
 * A read the primary must answer instead: the replica failed it (isReplicaFailure), or found
 * nothing. A replica within its lag bound may not have replayed a record yet that a search hit
 * or a link already names; a "not found" from it is only believed once the primary says so too.
 */
export function askThePrimary(error: unknown): boolean {
  return isReplicaFailure(error) || toDomainError(error).code === 'NOT_FOUND';
}

/** Where the next read goes: a healthy replica's portal view, or the portal itself. */
export function readTarget(portal: Portal): { portal: Portal; handle?: DbHandle } {
  const handle = portal.replicas?.pick();
  return handle && handle !== portal.db ? { portal: viewOn(portal, handle), handle } : { portal };
}

/** After a replica failed a read: skip it (when it went away) until its next check finds it back. */
export function replicaFailed(portal: Portal, handle: DbHandle, error: unknown): void {
  if (isDatabaseUnavailable(error)) portal.replicas?.reportUnreachable(handle);
}

/**
 * Runs a read-only `read` on a healthy replica, or on the primary when there is none; a read the
 * replica fails or finds nothing for (askThePrimary) runs again on the primary, so a replica that
 * dies mid-request or lags behind a new record costs that request some time, not an error.
 */
export async function onReplica<T>(portal: Portal, read: (portal: Portal) => Promise<T>): Promise<T> {
  const target = readTarget(portal);
  if (!target.handle) return read(portal);
  try {
    return await read(target.portal);
  } catch (error) {
    if (!askThePrimary(error)) throw error;
    replicaFailed(portal, target.handle, error);
    return read(portal);
  }
}
