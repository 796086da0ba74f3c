import { isAdminRequest } from '../admin-auth.ts';
import { DomainError } from '../errors.ts';
import { getPortal } from '../portal.ts';
import type { Sql } from '../../db/client.ts';
import { parseEnv, type Env } from '../../core/env.ts';
import { within } from '../../core/within.ts';
import { clientIp } from './client-ip.ts';
import { bearerOf, hashKey, KEY_PATTERN } from './keys.ts';

/** What the limiter decided for one request. */
export interface AccessDecision {
  /** RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset (seconds), and Retry-After over the limit. */
  headers: Record<string, string>;
  /** Set when the request must not be served: 401 (unknown or revoked key) or 429 (over the limit). */
  error?: DomainError;
}

interface Count {
  count: number;
  /** Seconds until this window ends. */
  reset: number;
}

const WINDOW_SECONDS = 60;
/** How long a query may take before the request goes through unlimited. */
const QUERY_TIMEOUT_MS = 2_000;
/** After a failure, requests go through without asking PostgreSQL for this long. */
const PAUSE_AFTER_FAILURE_MS = 5_000;
const SWEEP_PROBABILITY = 1 / 1000;

let env: Env | undefined;
let pausedUntil = 0;
let failing = false;

/**
 * Counts the request in its bucket (as `calls` requests: each call of a tRPC batch counts) and decides. A bearer credential that is not an admin token
 * must be a valid, unrevoked API key (`key:<id>`, RATE_LIMIT_KEYED); anything else is a 401,
 * never a silent downgrade to anonymous. Everyone else counts by address (`ip:…`,
 * RATE_LIMIT_ANONYMOUS). One statement per request; if PostgreSQL fails, availability wins: the
 * request goes through and the failure is logged once.
 */
export async function checkAccess(request: Request, clientAddress?: string, calls = 1): Promise<AccessDecision> {
  env ??= parseEnv();
  const bearer = bearerOf(request);
  const keyed = bearer !== undefined && !isAdminRequest(request);
  const limit = keyed ? env.RATE_LIMIT_KEYED : env.RATE_LIMIT_ANONYMOUS;
  if (Date.now() < pausedUntil) return unlimited(limit);
  const refused = refusedUntilReset(bearer ?? `ip:${clientIp(request, clientAddress, env.TRUST_PROXY)}`, limit, keyed);
  if (refused) return refused;
  try {
    const sql = getPortal().counters.sql;
    if (Math.random() < SWEEP_PROBABILITY) {
      deleteOldWindows(sql).catch((error: Error) => console.warn(`[portal] rate limiter: deleting old windows failed (${error.message})`));
    }
    const ipBucket = `ip:${clientIp(request, clientAddress, env.TRUST_PROXY)}`;
    let decision: AccessDecision;
    if (!keyed) {
      decision = decide(await timed(countBucket(sql, ipBucket, calls)), limit, false);
    } else {
      const counted = KEY_PATTERN.test(bearer) ? await timed(countKey(sql, hashKey(bearer), calls)) : undefined;
      if (counted) {
        decision = decide(counted, limit, true);
      } else {
        // A wrong key still counts against the address, so guessing keys is limited too.
        decision = decide(await timed(countBucket(sql, ipBucket, calls)), env.RATE_LIMIT_ANONYMOUS, false);
        decision.error ??= new DomainError('UNAUTHORIZED', 'The API key is not valid or has been revoked (Authorization: Bearer qp_…); leave the header out for anonymous access');
      }
    }
    if (decision.error?.code === 'TOO_MANY_REQUESTS') rememberOverLimit(bearer ?? ipBucket, decision);
    if (failing) console.warn('[portal] rate limiter: PostgreSQL answers again; limits apply');
    failing = false;
    return decision;
  } catch (error) {
    pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
    if (!failing) console.warn(`[portal] rate limiter unavailable (${(error as Error).message}); requests pass unlimited until PostgreSQL answers`);
    failing = true;
    return unlimited(limit);
  }
}

/**
 * Callers known to be over their limit, until their window ends: refused without a round trip to
 * PostgreSQL, so a flood from one caller costs one map look-up a request. (By the key as presented,
 * or the address: a wrong key that is over the address's limit is refused like the address.)
 */
const overLimit = new Map<string, { until: number; decision: AccessDecision }>();

function rememberOverLimit(caller: string, decision: AccessDecision): void {
  if (overLimit.size > 10_000) overLimit.clear();
  overLimit.set(caller, { until: Date.now() + Number(decision.headers['Retry-After'] ?? 1) * 1000, decision });
}

function refusedUntilReset(caller: string, limit: number, keyed: boolean): AccessDecision | undefined {
  const known = overLimit.get(caller);
  if (!known) return undefined;
  const seconds = Math.ceil((known.until - Date.now()) / 1000);
  if (seconds <= 0) {
    overLimit.delete(caller);
    return undefined;
  }
  return decide({ count: limit + 1, reset: seconds }, limit, keyed);
}

/** One upsert: the bucket's count in the current fixed window, `calls` more (a tRPC batch's calls). */
async function countBucket(sql: Sql, bucket: string, calls: number): Promise<Count> {
  const [row] = await sql<Count[]>`
    insert into rate_limits (bucket, window_start, count)
    values (${bucket}, to_timestamp(floor(extract(epoch from now()) / 60) * 60), ${calls})
    on conflict (bucket, window_start) do update set count = rate_limits.count + ${calls}
    returning count, (extract(epoch from window_start - now()) + 60)::float8 as reset`;
  return row!;
}

/**
 * One statement for a keyed request: find the key by the hash of what was presented, count the
 * request in `key:<id>`, add it to today's usage (UTC) and note last use (at most once a minute).
 * No row: the key is unknown or revoked.
 */
async function countKey(sql: Sql, keyHash: string, calls: number): Promise<Count | undefined> {
  const [row] = await sql<Count[]>`
    with k as (
      select id from api_keys where key_hash = ${keyHash} and revoked_at is null
    ), hit as (
      insert into rate_limits (bucket, window_start, count)
      select 'key:' || k.id, to_timestamp(floor(extract(epoch from now()) / 60) * 60), ${calls}::int from k
      on conflict (bucket, window_start) do update set count = rate_limits.count + ${calls}::int
      returning count, (extract(epoch from window_start - now()) + 60)::float8 as reset
    ), used as (
      insert into api_key_usage (key_id, day, requests)
      select k.id, (now() at time zone 'utc')::date, ${calls}::int from k
      on conflict (key_id, day) do update set requests = api_key_usage.requests + ${calls}::int
    ), seen as (
      update api_keys set last_used_at = now()
      where id in (select id from k) and (last_used_at is null or last_used_at < now() - interval '1 minute')
    )
    select count, reset from hit`;
  return row;
}

function decide({ count, reset }: Count, limit: number, keyed: boolean): AccessDecision {
  const seconds = Math.max(1, Math.ceil(reset));
  const headers = rateLimitHeaders(limit, Math.max(0, limit - count), seconds);
  if (count <= limit) return { headers };
  const hint = keyed ? '' : '; an API key gets a higher limit';
  return {
    headers: { ...headers, 'Retry-After': String(seconds) },
    error: new DomainError('TOO_MANY_REQUESTS', `More than ${limit} requests in a minute; retry in ${seconds} s${hint}`),
  };
}

/** While the limiter cannot count: the configured limit, nothing used. */
function unlimited(limit: number): AccessDecision {
  const seconds = WINDOW_SECONDS - (Math.floor(Date.now() / 1000) % WINDOW_SECONDS);
  return { headers: rateLimitHeaders(limit, limit, seconds) };
}

const rateLimitHeaders = (limit: number, remaining: number, reset: number): Record<string, string> => ({
  'RateLimit-Limit': String(limit),
  'RateLimit-Remaining': String(remaining),
  'RateLimit-Reset': String(reset),
});

const timed = <T>(query: Promise<T>): Promise<T> => within(QUERY_TIMEOUT_MS, query);

/** Now and then (1 request in 1000) one request deletes windows older than ten minutes, in the background. */
export async function deleteOldWindows(sql: Sql): Promise<number> {
  return (await sql`delete from rate_limits where window_start < now() - interval '10 minutes'`).count;
}
