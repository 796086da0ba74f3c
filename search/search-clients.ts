import { MeilisearchRequestError, type Meilisearch } from 'meilisearch';
import { isMeiliUnreachable, meiliApiError, meiliClient, meiliHealthy } from './meili.ts';

/** How long an instance that failed stays out of rotation before it is probed again. */
const RECHECK_AFTER_MS = 3_000;
const KEY_REFUSED = new Set(['invalid_api_key', 'missing_authorization_header']);

interface Member {
  /** `meilisearch-<n>`, n from 1 in MEILI_URL order; with one instance plain `meilisearch`. */
  name: string;
  url: string;
  client: Meilisearch;
  /** 0 while in rotation; else when it may be probed again. */
  downUntil: number;
  probing?: Promise<void>;
}

/**
 * The web tier's Meilisearch instances (MEILI_URL, each holding the same search-only key):
 * every search goes to the first instance in rotation; one that cannot be reached leaves the
 * rotation and the same request moves on to the next. An instance out of rotation is probed
 * (GET /health, in the background, never on a visitor's request) at most every few seconds and
 * returns when it answers. When none answers the caller's degraded path (PostgreSQL) takes over.
 */
export class SearchClients {
  readonly members: Member[];

  constructor(instances: { url: string; client: Meilisearch }[]) {
    this.members = instances.map((i, n) => ({ name: instances.length === 1 ? 'meilisearch' : `meilisearch-${n + 1}`, url: i.url, client: i.client, downUntil: 0 }));
  }

  static fromUrls(urls: string[], key: string): SearchClients {
    return new SearchClients(urls.map((url) => ({ url, client: meiliClient({ url, masterKey: key }) })));
  }

  /** Runs `work` on the first instance in rotation, moving on while instances are unreachable. */
  async use<T>(work: (meili: Meilisearch) => Promise<T>): Promise<T> {
    let last: unknown = new MeilisearchRequestError('', new Error('no Meilisearch instance is reachable'));
    for (const member of this.members) {
      if (member.downUntil !== 0) {
        this.probeWhenDue(member);
        continue;
      }
      try {
        return await work(member.client);
      } catch (error) {
        // A refused key (a worker has not created the search key on this instance yet) makes
        // the instance as useless to the web tier as one that is down.
        const refused = KEY_REFUSED.has(meiliApiError(error)?.cause?.code ?? '');
        if (!isMeiliUnreachable(error) && !refused) throw error;
        last = refused ? new MeilisearchRequestError(member.url, new Error(`the search key was refused (${meiliApiError(error)!.message})`)) : error;
        member.downUntil = Date.now() + RECHECK_AFTER_MS;
      }
    }
    throw last;
  }

  /** Checks every instance now (for /api/health), updating the rotation with what it finds. */
  async health(): Promise<{ name: string; url: string; ok: boolean; latencyMs: number }[]> {
    return Promise.all(
      this.members.map(async (member) => {
        const started = performance.now();
        const ok = await meiliHealthy(member.client);
        member.downUntil = ok ? 0 : Date.now() + RECHECK_AFTER_MS;
        return { name: member.name, url: member.url, ok, latencyMs: Math.round(performance.now() - started) };
      }),
    );
  }

  private probeWhenDue(member: Member): void {
    if (member.probing || Date.now() < member.downUntil) return;
    member.probing = meiliHealthy(member.client)
      .then((ok) => {
        member.downUntil = ok ? 0 : Date.now() + RECHECK_AFTER_MS;
      })
      .finally(() => (member.probing = undefined));
  }
}

const wrapped = new WeakMap<Meilisearch, SearchClients>();

/** A single client as a set of one (tests and scripts that hand the services one Meilisearch). */
export function singleClientSet(meili: Meilisearch): SearchClients {
  let set = wrapped.get(meili);
  if (!set) wrapped.set(meili, (set = new SearchClients([{ url: meili.config.host, client: meili }])));
  return set;
}
