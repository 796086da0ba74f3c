import { z } from 'zod';

/**
 * Every environment variable the portal reads, parsed once. A bad value stops start-up with one
 * readable line per problem instead of a stack trace from deep inside a driver.
 */
const url = (protocols: string[], example: string) =>
  z
    .string()
    .trim()
    .refine((value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    }, `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}, e.g. ${example}`);

/**
 * A PostgreSQL URL, also with several hosts (`postgres://u:p@h1:5432,h2:5432/db?target_session_attrs=read-write`,
 * which postgres.js tries in turn): the WHATWG URL parser refuses a host list, so each host is
 * checked in a one-host copy of the URL.
 */
export function isPostgresUrl(value: string): boolean {
  const match = /^(postgres(?:ql)?:\/\/)([^@/?#]*@)?([^/?#]*)(.*)$/.exec(value);
  if (!match) return false;
  const [, scheme, user = '', hosts = '', rest] = match;
  return hosts.split(',').every((host) => {
    try {
      return new URL(`${scheme}${user}${host}${rest}`).protocol.startsWith('postgres');
    } catch {
      return false;
    }
  });
}

const postgresUrl = z
  .string()
  .trim()
  .refine(isPostgresUrl, 'must be a URL starting with postgres:// or postgresql://, e.g. postgres://user:password@localhost:5432/portal');

/**
 * The portal's public address: an http(s) origin, normalised to `scheme://host[:port]` (a trailing
 * slash dropped, the host lower-cased, a default port left out). No path: every link the pages
 * print is root-relative, so the portal must be served at the root of its origin.
 */
const publicOrigin = z
  .string()
  .trim()
  .transform((value, ctx) => {
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      /* reported below */
    }
    const problem = !parsed || !['http:', 'https:'].includes(parsed.protocol)
      ? 'must be an http:// or https:// origin, e.g. https://portal.example.org'
      : parsed.username || parsed.password
        ? 'must not hold a user name or password'
        : parsed.pathname !== '/' || parsed.search || parsed.hash
          ? 'must be an origin only (scheme, host and port), without a path, query or fragment: the portal is served at the root'
          : parsed.origin.length > 200
            ? 'must be at most 200 characters'
            : undefined;
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return parsed!.origin;
  });

const flag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no'], { error: 'must be 1 or 0 (also true/false, yes/no)' })
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const perMinute = z.coerce
  .number({ error: 'must be a number of requests per minute' })
  .int('must be a whole number')
  .positive('must be a positive whole number');

export const PORTAL_ROLES = ['all', 'web', 'worker'] as const;
export type PortalRole = (typeof PORTAL_ROLES)[number];

export const envSchema = z
  .object({
    DATA_DIR: z.string().trim().min(1).default('.data'),
    HOST: z.string().trim().min(1).default('localhost'),
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 65535')
      .max(65535, 'must be between 1 and 65535')
      .default(4321),
    DATABASE_URL: postgresUrl.optional(),
    /**
     * Comma-separated URLs of read replicas of DATABASE_URL (streaming standbys). Public reads
     * (pages, records, enterprises, search fallback, screening, counts, stats, feeds, sitemaps) go
     * to a healthy one; everything that must read its own writes stays on DATABASE_URL. One URL per
     * replica: a comma here separates replicas, never the hosts of one URL.
     */
    DATABASE_REPLICA_URLS: z
      .string()
      .transform((v) => v.split(/,(?=\s*postgres(?:ql)?:\/\/)/).map((u) => u.trim()).filter(Boolean))
      .refine((urls) => urls.every(isPostgresUrl), 'must be comma-separated URLs starting with postgres:// or postgresql://')
      .default([]),
    /** A replica further behind the primary than this many seconds (or down) is skipped: reads go to the primary. */
    REPLICA_MAX_LAG_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .positive('must be a positive number of seconds')
      .default(5),
    /**
     * One Meilisearch, or several separated by commas (`http://10.0.0.5:7700,http://10.0.0.6:7700`):
     * the worker feeds each from the outbox with its own progress, the web tier searches the first
     * that answers. Every instance has the same MEILI_MASTER_KEY. Read it with meiliUrls().
     */
    MEILI_URL: z
      .string()
      .trim()
      .refine((value) => value.split(',').every((one) => url(['http:', 'https:'], '').safeParse(one.trim()).success), 'must be one http(s):// URL or several separated by commas, e.g. http://127.0.0.1:7700')
      .optional(),
    MEILI_MASTER_KEY: z.string().min(16, 'must be at least 16 characters (Meilisearch refuses shorter keys)').optional(),
    /**
     * A Meilisearch key whose only action is `search` (on every index), the one key the web tier
     * holds (`npm run search -- search-key` prints it). Required with PORTAL_ROLE=web; role `all`
     * makes one with the master key for its own web server.
     */
    MEILI_SEARCH_KEY: z.string().min(16, 'must be at least 16 characters (a Meilisearch API key)').optional(),
    SAMPLE_DATA: flag.default(true),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    /**
     * What this process does (runtime/start.ts): `all` everything on one machine, embedded servers
     * included; `web` pages and the API only; `worker` migrations and, on the elected leader, the
     * background work (search sync, expiry, downloads, webhook deliveries).
     */
    PORTAL_ROLE: z.enum(PORTAL_ROLES, { error: `must be one of ${PORTAL_ROLES.join(', ')}` }).default('all'),
    /** Comma-separated bearer tokens for the admin API; none means the admin API refuses everyone. */
    ADMIN_TOKENS: z
      .string()
      .transform((v) => v.split(',').map((t) => t.trim()).filter(Boolean))
      .refine((tokens) => tokens.every((t) => t.length >= 24), 'must be comma-separated tokens of at least 24 characters each')
      .default([]),
    /** Requests per minute per client address without an API key, and per API key. */
    RATE_LIMIT_ANONYMOUS: perMinute.default(120),
    RATE_LIMIT_KEYED: perMinute.default(1200),
    /**
     * Where the public reaches the portal (`https://portal.example.org`): the origin of every
     * absolute URL it prints (feeds, sitemap, robots.txt, canonical and hreflang links, the export's
     * URLs, the API examples). Unset: the listening address (core/public-url.ts), never the request's Host.
     */
    PUBLIC_URL: publicOrigin.optional(),
    /** 1: the client address is the first one in X-Forwarded-For (only behind a proxy that sets it). */
    TRUST_PROXY: flag.default(false),
    /**
     * 1: watchlist webhooks may go to private, loopback and link-local addresses and over plain
     * http (tests, or platforms on the operator's own network). Otherwise only public https targets
     * (ops/webhooks/target.ts): the portal must not be a way into the network it runs in.
     */
    WEBHOOK_ALLOW_PRIVATE_TARGETS: flag.default(false),
    /**
     * The bulk downloads are rebuilt this many seconds after the last change reached search, so a
     * run of imports costs one rebuild, not one each.
     */
    DOWNLOADS_REBUILD_DELAY_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(0, 'must be 0 or more seconds')
      .max(3600, 'must be at most 3600 seconds')
      .default(30),
    /**
     * Shared storage of the bulk downloads and the archived source files (storage/from-env.ts),
     * which every web instance and the worker must see: unset, DATA_DIR/downloads and
     * DATA_DIR/sources; STORAGE_DIR, a directory all instances mount (NFS…) holding downloads/
     * and sources/; STORAGE_S3_BUCKET, an S3-compatible bucket (credentials: the AWS SDK's chain).
     */
    STORAGE_DIR: z.string().trim().min(1).optional(),
    STORAGE_S3_BUCKET: z.string().trim().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3–63 lower-case letters, digits, dots and hyphens)').optional(),
    /** An S3-compatible service's URL (MinIO, Ceph, Garage…); unset: AWS S3 itself. */
    STORAGE_S3_ENDPOINT: url(['http:', 'https:'], 'https://s3.example.org').optional(),
    /** Unset: the AWS SDK's own (AWS_REGION, the shared config file). */
    STORAGE_S3_REGION: z.string().trim().regex(/^[a-z0-9-]{2,40}$/, 'must be a region name, e.g. us-east-1').optional(),
    /** Keys go under this prefix (`portal/prod`), so one bucket can hold several portals. */
    STORAGE_S3_PREFIX: z
      .string()
      .trim()
      .transform((v) => v.replace(/^\/+|\/+$/g, ''))
      .refine((v) => v.split('/').every((s) => /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/.test(s)), 'must be key segments of letters, digits, dots, hyphens and underscores separated by /')
      .optional(),
    /** 1: the bucket goes in the path (`https://host/bucket/key`), as most self-hosted services need. */
    STORAGE_S3_FORCE_PATH_STYLE: flag.default(false),
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = problems;
    this.name = 'EnvError';
  }
}

/** Parses `source` (default process.env); empty strings count as unset, as in most .env files. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const result = envSchema.safeParse(present);
  // Never echo a value in a problem: it may be a password or a key.
  const problems = result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
  const role = result.success ? result.data.PORTAL_ROLE : undefined;
  // The web tier searches with a search-only key and must never hold the master key.
  if (role === 'web') {
    if (present.MEILI_MASTER_KEY) problems.push('MEILI_MASTER_KEY must not be set with PORTAL_ROLE=web: the web tier holds only MEILI_SEARCH_KEY (a key that can only search)');
    if (!present.MEILI_SEARCH_KEY) problems.push('MEILI_SEARCH_KEY is required with PORTAL_ROLE=web (npm run search -- search-key prints one)');
  } else if (role === 'worker' && !present.MEILI_MASTER_KEY) problems.push('MEILI_MASTER_KEY is required with PORTAL_ROLE=worker (it feeds Meilisearch)');
  // Role all's own web server gets MEILI_URL with only the search key; the role itself needs the master key.
  else if (present.MEILI_URL && !present.MEILI_MASTER_KEY && !present.MEILI_SEARCH_KEY) problems.push('MEILI_MASTER_KEY is required when MEILI_URL is set');
  // Only `all` starts embedded servers: instances of the other roles share servers run elsewhere.
  if (role && role !== 'all') {
    for (const name of ['DATABASE_URL', 'MEILI_URL'] as const) {
      if (!present[name]) problems.push(`${name} is required with PORTAL_ROLE=${role} (only the role all starts embedded servers)`);
    }
  }
  if (present.STORAGE_DIR && present.STORAGE_S3_BUCKET) problems.push('STORAGE_DIR and STORAGE_S3_BUCKET are two places for the same files: set one of them');
  for (const name of ['STORAGE_S3_ENDPOINT', 'STORAGE_S3_REGION', 'STORAGE_S3_PREFIX', 'STORAGE_S3_FORCE_PATH_STYLE'] as const) {
    if (present[name] && !present.STORAGE_S3_BUCKET) problems.push(`${name} needs STORAGE_S3_BUCKET (the bucket it belongs to)`);
  }
  if (problems.length || !result.success) throw new EnvError(problems);
  return result.data;
}

/** The Meilisearch URLs of MEILI_URL, in order (empty when unset). */
export function meiliUrls(value: string | undefined): string[] {
  return (value ?? '').split(',').map((one) => one.trim()).filter(Boolean);
}

/**
 * `npm start -- --role web` (or `--role=web`): the flag wins over PORTAL_ROLE. Returns `source`
 * with the flag applied, for parseEnv to check like any other value.
 */
export function withRoleFlag(argv: string[], source: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  const out = { ...source };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--role=(.*)$/.exec(arg);
    if (inline) {
      // An empty flag value must not count as unset, as an empty variable does.
      if (!inline[1]) throw new EnvError([`--role needs a value: ${PORTAL_ROLES.join(', ')}`]);
      out.PORTAL_ROLE = inline[1];
    } else if (arg === '--role') {
      const value = argv[++i];
      if (!value || value.startsWith('--')) throw new EnvError([`--role needs a value: ${PORTAL_ROLES.join(', ')}`]);
      out.PORTAL_ROLE = value;
    } else throw new EnvError([`unknown argument ${JSON.stringify(arg.slice(0, 40))} (npm start accepts only --role ${PORTAL_ROLES.join('|')})`]);
  }
  return out;
}
