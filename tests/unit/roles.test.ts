import { describe, expect, it } from 'vitest';
import { EnvError, meiliUrls, parseEnv, withRoleFlag } from '../../core/env.ts';
import { routeGroup } from '../../runtime/request-log.mjs';

const servers = { DATABASE_URL: 'postgres://portal@db:5432/portal', MEILI_URL: 'http://search:7700', MEILI_MASTER_KEY: 'a-master-key-of-enough-length' };
/** What a `web` instance gets: a search-only key, never the master key. */
const webServers = { DATABASE_URL: servers.DATABASE_URL, MEILI_URL: servers.MEILI_URL, MEILI_SEARCH_KEY: 'a-search-key-of-enough-length' };
const serversFor = (role: string) => (role === 'web' ? webServers : servers);

describe('PORTAL_ROLE and --role', () => {
  it('defaults to all, which may start embedded servers', () => {
    expect(parseEnv({}).PORTAL_ROLE).toBe('all');
    expect(parseEnv(withRoleFlag([], {})).PORTAL_ROLE).toBe('all');
  });

  it('reads PORTAL_ROLE, and the flag (both spellings) wins over it', () => {
    expect(parseEnv({ ...servers, PORTAL_ROLE: 'worker' }).PORTAL_ROLE).toBe('worker');
    expect(parseEnv(withRoleFlag(['--role', 'web'], { ...webServers, PORTAL_ROLE: 'worker' })).PORTAL_ROLE).toBe('web');
    expect(parseEnv(withRoleFlag(['--role=worker'], servers)).PORTAL_ROLE).toBe('worker');
    expect(parseEnv(withRoleFlag([], { ...webServers, PORTAL_ROLE: 'web' })).PORTAL_ROLE).toBe('web');
  });

  it('refuses an unknown role, a flag without a value and other arguments, in one readable line', () => {
    expect(() => parseEnv({ PORTAL_ROLE: 'leader' })).toThrow(/PORTAL_ROLE must be one of all, web, worker/);
    expect(() => parseEnv(withRoleFlag(['--role', 'both'], servers))).toThrow(/PORTAL_ROLE must be one of all, web, worker/);
    for (const argv of [['--role'], ['--role='], ['--role', ''], ['--role', '--verbose']]) {
      expect(() => withRoleFlag(argv, {}), argv.join(' ')).toThrow(/--role needs a value: all, web, worker/);
    }
    expect(() => withRoleFlag(['--port', '80'], {})).toThrow(EnvError);
    expect(() => withRoleFlag(['web'], {})).toThrow(/unknown argument "web" \(npm start accepts only --role all\|web\|worker\)/);
  });

  it('web and worker need servers run elsewhere: only all starts embedded ones', () => {
    for (const role of ['web', 'worker']) {
      try {
        parseEnv({ PORTAL_ROLE: role });
        expect.unreachable();
      } catch (error) {
        expect((error as EnvError).problems).toEqual([
          ...(role === 'web' ? ['MEILI_SEARCH_KEY is required with PORTAL_ROLE=web (npm run search -- search-key prints one)'] : ['MEILI_MASTER_KEY is required with PORTAL_ROLE=worker (it feeds Meilisearch)']),
          `DATABASE_URL is required with PORTAL_ROLE=${role} (only the role all starts embedded servers)`,
          `MEILI_URL is required with PORTAL_ROLE=${role} (only the role all starts embedded servers)`,
        ]);
      }
      expect(parseEnv({ ...serversFor(role), PORTAL_ROLE: role }).PORTAL_ROLE).toBe(role);
    }
    // An empty variable is unset, as everywhere in core/env.ts.
    expect(parseEnv({ PORTAL_ROLE: '' }).PORTAL_ROLE).toBe('all');
  });
});

describe('Meilisearch keys and instances per role', () => {
  it('a web instance holds only a search key: the master key is refused, the search key required', () => {
    expect(() => parseEnv({ ...webServers, MEILI_MASTER_KEY: servers.MEILI_MASTER_KEY, PORTAL_ROLE: 'web' })).toThrow(/MEILI_MASTER_KEY must not be set with PORTAL_ROLE=web/);
    expect(() => parseEnv({ ...servers, PORTAL_ROLE: 'web' })).toThrow(/MEILI_SEARCH_KEY is required with PORTAL_ROLE=web/);
    expect(() => parseEnv({ ...webServers, PORTAL_ROLE: 'worker' })).toThrow(/MEILI_MASTER_KEY is required with PORTAL_ROLE=worker/);
  });

  it('MEILI_URL takes several comma-separated URLs, each checked', () => {
    const env = parseEnv({ ...servers, MEILI_URL: ' http://search-a:7700, http://search-b:7700 ', PORTAL_ROLE: 'worker' });
    expect(meiliUrls(env.MEILI_URL)).toEqual(['http://search-a:7700', 'http://search-b:7700']);
    expect(meiliUrls(undefined)).toEqual([]);
    expect(() => parseEnv({ ...servers, MEILI_URL: 'http://search-a:7700,search-b:7700' })).toThrow(/MEILI_URL must be one http\(s\):\/\/ URL or several separated by commas/);
  });
});

describe('route groups of the HTTP metrics', () => {
  it('puts every path in one of a few groups, never the path itself', () => {
    expect(['/', '/search', '/en/spot-checks/sc-1', '/enterprises/e-9'].map(routeGroup)).toEqual(['page', 'page', 'page', 'page']);
    expect(['/api/v1/search', '/api/trpc/search.query', '/api/v1/spot-checks/sc-1'].map(routeGroup)).toEqual(['api', 'api', 'api']);
    expect(routeGroup('/api/health')).toBe('health');
    expect(routeGroup('/metrics')).toBe('metrics');
    expect(routeGroup('/api/v1/admin/imports')).toBe('admin');
    expect(routeGroup('/api/v1/downloads/spot-checks.csv.gz')).toBe('download');
    expect(['/_astro/app.css', '/favicon.svg'].map(routeGroup)).toEqual(['asset', 'asset']);
    expect(['/feeds/all.xml', '/sitemap.xml', '/spot-checks/sc-1.json', '/robots.txt'].map(routeGroup)).toEqual(['data', 'data', 'data', 'data']);
  });
});
