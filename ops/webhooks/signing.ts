import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the secret is `whsec_` and the
 * base64 of 32 random bytes; each delivery carries `webhook-id` (the event's id, the same on every
 * attempt and replay, so a receiver can drop duplicates), `webhook-timestamp` (seconds, new on
 * each attempt, so a receiver can refuse old replays by an attacker) and `webhook-signature`:
 * `v1,` and the base64 HMAC-SHA256, keyed with the secret's bytes, of "{id}.{timestamp}.{body}".
 */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The headers of one delivery attempt. */
export function signedHeaders(secret: string, id: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = Math.floor(now / 1000);
  return {
    'content-type': 'application/json',
    'user-agent': 'quality-portal-webhooks/1',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': sign(secret, id, timestamp, body),
  };
}
