import type { Meilisearch } from 'meilisearch';
import { connect, type DbHandle } from '../db/client.ts';
import { ReadPools } from '../db/replicas.ts';
import { meiliUrls, parseEnv, type PortalRole } from '../core/env.ts';
import { SearchClients, singleClientSet } from '../search/search-clients.ts';
import { portalStorage } from '../storage/from-env.ts';
import type { Storage } from '../storage/storage.ts';

/** What every service needs: the database and the search engine. One per process. */
export interface Portal {
  db: DbHandle;
  /** The first Meilisearch; services search through searchClientsOf() below, which fails over. */
  meili: Meilisearch;
  /** Every Meilisearch of MEILI_URL, with the search-only key; unset: just `meili`. */
  searchClients?: SearchClients;
  /** A small pool for the rate-limit counters, which commit without waiting for the disk. */
  counters: DbHandle;
  /** Where imported source files are archived (storage/from-env.ts: under sources/); unset in tests that import nothing. */
  storage?: Storage;
  /** PORTAL_ROLE of the process this web server belongs to (reported by /api/health); default all. */
  role?: PortalRole;
  /**
   * Read replicas (DATABASE_REPLICA_URLS) for reads that may be a little behind; which reads those
   * are is decided in api/read-routing.ts only. Unset: every read goes to `db`.
   */
  replicas?: ReadPools;
}

let portal: Portal | undefined;

/**
 * The web server's dependencies, built on first use from the environment. `npm start` passes the
 * addresses of the servers it started; a deployment sets them itself.
 */
export function getPortal(): Portal {
  if (portal) return portal;
  const env = parseEnv();
  if (!env.DATABASE_URL || !env.MEILI_URL || !env.MEILI_SEARCH_KEY) {
    throw new Error('The web server needs DATABASE_URL, MEILI_URL and MEILI_SEARCH_KEY; start it with `npm start`, which sets them.');
  }
  // While PostgreSQL is down a page or an API call answers 503 at once (at most 2 s for a server
  // that does not answer at all), and the first request after it is back gets through. A replica's
  // pool has the same limits, so a read it cannot serve moves to the primary at once.
  const poolOptions = { max: 20, connectTimeoutSeconds: 2, maxReconnectDelaySeconds: 0.1 };
  const db = connect(env.DATABASE_URL, poolOptions);
  const replicas = env.DATABASE_REPLICA_URLS.length
    ? new ReadPools(db, env.DATABASE_URL, env.DATABASE_REPLICA_URLS, {
        maxLagSeconds: env.REPLICA_MAX_LAG_SECONDS,
        connectOptions: poolOptions,
        log: (line) => console.warn(line),
      }).start()
    : undefined;
  const searchClients = SearchClients.fromUrls(meiliUrls(env.MEILI_URL), env.MEILI_SEARCH_KEY);
  portal = {
    db,
    meili: searchClients.members[0]!.client,
    searchClients,
    counters: connect(env.DATABASE_URL, { max: 4, connectTimeoutSeconds: 2, maxReconnectDelaySeconds: 0.1, asyncCommit: true }),
    storage: portalStorage(),
    role: env.PORTAL_ROLE,
    replicas,
  };
  return portal;
}

/** For tests and scripts that already hold connections. */
export function setPortal(value: Portal): void {
  portal = value;
}

/** The Meilisearch instances a service searches (failing over between them). */
export function searchClientsOf(portal: Portal): SearchClients {
  return portal.searchClients ?? singleClientSet(portal.meili);
}
