import path from 'node:path';
import type { Meilisearch } from 'meilisearch';
import { connect, type DbHandle } from '../db/client.ts';
import { meiliUrls, parseEnv, type PortalRole } from '../core/env.ts';
import { SearchClients, singleClientSet } from '../search/search-clients.ts';

/** What every service needs: the database and the search engine. One per process. */
export interface Portal {
  db: DbHandle;
  /** The first Meilisearch; services search through searchClientsOf() below, which fails over. */
  meili: Meilisearch;
  /** Every Meilisearch of MEILI_URL, with the search-only key; unset: just `meili`. */
  searchClients?: SearchClients;
  /** A small pool for the rate-limit counters, which commit without waiting for the disk. */
  counters: DbHandle;
  /** Where imported source files are archived (DATA_DIR/sources); unset in tests that import nothing. */
  sourcesDir?: string;
  /** PORTAL_ROLE of the process this web server belongs to (reported by /api/health); default all. */
  role?: PortalRole;
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
  const searchClients = SearchClients.fromUrls(meiliUrls(env.MEILI_URL), env.MEILI_SEARCH_KEY);
  portal = {
    // While PostgreSQL is down a page or an API call answers 503 at once (at most 2 s for a server
    // that does not answer at all), and the first request after it is back gets through.
    db: connect(env.DATABASE_URL, { max: 20, connectTimeoutSeconds: 2, maxReconnectDelaySeconds: 0.1 }),
    meili: searchClients.members[0]!.client,
    searchClients,
    counters: connect(env.DATABASE_URL, { max: 4, connectTimeoutSeconds: 2, maxReconnectDelaySeconds: 0.1, asyncCommit: true }),
    sourcesDir: path.resolve(env.DATA_DIR, 'sources'),
    role: env.PORTAL_ROLE,
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
