import http from 'node:http';
import https from 'node:https';
import type { DbHandle } from '../../db/client.ts';
import { signedHeaders } from './signing.ts';
import { checkTarget, parseTargetUrl, pinnedLookup, type TargetPolicy } from './target.ts';

/**
 * Delivery: every pending event whose time has come is POSTed to its watchlist's URL, signed.
 * A 2xx answer is delivered; anything else (another status, a refused connection, a timeout, a
 * redirect, which is never followed) is an attempt logged with its error, and the next one waits
 * longer: RETRY_DELAYS_S after the 1st, 2nd… failure, the last repeated, until the event's
 * retry_until (24 h after it was made, or after a replay), when it is marked failed.
 */
export const RETRY_DELAYS_S = [5, 5 * 60, 30 * 60, 2 * 3600, 5 * 3600, 10 * 3600];
const TIMEOUT_MS = 10_000;
/** How much of an answer is read (for the log); the rest is dropped and the socket closed. */
const MAX_ANSWER_BYTES = 64 * 1024;
const PER_STEP = 50;
const IN_PARALLEL = 4;

export const retryDelaySeconds = (failures: number) => RETRY_DELAYS_S[Math.min(failures, RETRY_DELAYS_S.length) - 1]!;

interface Due {
  id: string;
  payload: Record<string, unknown>;
  attempts: number;
  /** A string: drizzle turns postgres.js's date parsing off on the shared connection. */
  retry_until: string;
  webhook_url: string;
  secret: string;
}

export interface AttemptResult {
  statusCode?: number;
  error?: string;
  durationMs: number;
}

/** One POST: to the address that was checked, with a timeout, a size cap, no redirects. */
export async function post(urlText: string, headers: Record<string, string>, body: string, policy: TargetPolicy): Promise<AttemptResult> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  let url: URL;
  let address: { address: string; family: number };
  try {
    url = parseTargetUrl(urlText, policy);
    [address] = (await checkTarget(url, policy)) as [{ address: string; family: number }];
  } catch (error) {
    return { error: (error as Error).message, durationMs: took() };
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<AttemptResult, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      resolve({ ...result, durationMs: took() });
    };
    const request = client.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) }, lookup: pinnedLookup(address), timeout: TIMEOUT_MS, agent: false },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_ANSWER_BYTES) response.destroy();
        });
        const finish = () => {
          const ok = statusCode >= 200 && statusCode < 300;
          const redirect = statusCode >= 300 && statusCode < 400 ? ' (redirects are not followed)' : '';
          done(ok ? { statusCode } : { statusCode, error: `HTTP ${statusCode}${redirect}` });
        };
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    request.on('error', (error: NodeJS.ErrnoException) => done({ error: error.code ? `${error.code}: ${error.message}` : error.message }));
    request.end(body);
  });
}

/**
 * Sends the events that are due, up to PER_STEP, IN_PARALLEL at a time. Returns how many were
 * tried. An attempt is logged, and the event's state updated, in one statement after it ends: a
 * crash in between sends it again (at least once; the webhook-id tells the receiver).
 */
export async function deliverStep(handle: DbHandle, policy: TargetPolicy): Promise<number> {
  const due = (await handle.sql<Due[]>`
    select e.id, e.payload, e.attempts, e.retry_until, w.webhook_url, w.secret
    from webhook_events e join watchlists w on w.id = e.watchlist_id
    where e.status = 'pending' and e.next_attempt_at <= now() and not w.disabled
    order by e.next_attempt_at limit ${PER_STEP}`) as Due[];
  const queue = [...due];
  const worker = async () => {
    for (let event = queue.shift(); event; event = queue.shift()) await deliverOne(handle, event, policy);
  };
  await Promise.all(Array.from({ length: IN_PARALLEL }, worker));
  return due.length;
}

async function deliverOne(handle: DbHandle, event: Due, policy: TargetPolicy): Promise<void> {
  const body = JSON.stringify(event.payload);
  const result = await post(event.webhook_url, signedHeaders(event.secret, event.id, body), body, policy);
  const failures = event.attempts + 1;
  const delivered = result.error === undefined;
  const nextAt = new Date(Date.now() + retryDelaySeconds(failures) * 1000);
  const status = delivered ? 'delivered' : nextAt > new Date(event.retry_until) ? 'failed' : 'pending';
  await handle.sql.begin(async (tx) => {
    await tx`insert into webhook_attempts (event_id, status_code, error, duration_ms) values (${event.id}, ${result.statusCode ?? null}, ${result.error ?? null}, ${result.durationMs})`;
    await tx`
      update webhook_events set attempts = attempts + 1, status = ${status}, last_error = ${result.error ?? null},
        next_attempt_at = ${(delivered ? new Date() : nextAt).toISOString()}::timestamptz, delivered_at = case when ${delivered} then now() else delivered_at end
      where id = ${event.id}`;
  });
}
