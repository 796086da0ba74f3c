/** What /developers shows about watchlist webhooks: how to verify one, in TypeScript and Python. */

export const verifyTypescript = `import { createHmac, timingSafeEqual } from 'node:crypto';

// secret: the whsec_… the portal showed when the watchlist was made (or its secret rotated).
// body: the request body exactly as received (raw text, not re-serialized JSON).
export function verifyWebhook(secret: string, headers: Record<string, string>, body: string): boolean {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'] ?? '';
  if (!id || !timestamp) return false;
  // Refuse old messages: a replay by someone who recorded one.
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 5 * 60) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(\`\${id}.\${timestamp}.\${body}\`).digest();
  return signatures.split(' ').some((s) => {
    const [version, value] = s.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
// Or with the spec authors' library: new Webhook(secret).verify(body, headers) (npm: standardwebhooks).
// Then drop duplicates by webhook-id: retries and replays send the same id again.`;

export const verifyPython = `import base64, hashlib, hmac, time

def verify_webhook(secret: str, headers: dict, body: bytes) -> bool:
    msg_id = headers["webhook-id"]
    timestamp = headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > 5 * 60:
        return False
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
    return any(
        version == "v1" and hmac.compare_digest(value, expected)
        for version, _, value in (s.partition(",") for s in headers["webhook-signature"].split(" "))
    )
# Or: from standardwebhooks import Webhook; Webhook(secret).verify(body, headers)  (PyPI: standardwebhooks)`;
