import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, hashKey, keyPrefix } from '../../api/access/keys.ts';
import { connect, type DbHandle } from '../../db/client.ts';
import { usccCheckChar } from '../../core/normalize/uscc.ts';
import { isAlive, sleep } from '../../runtime/ports.ts';
import type { PortalProcess } from '../setup/portal-process.ts';
import { runTool } from './lib/commands.ts';
import { startPortalOn } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';
import { startReceiver, type Received } from './lib/webhook-receiver.ts';

/*
 * Watchlists that push, end to end: a portal of its own (receivers on 127.0.0.1 are allowed with
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=1), changes made through the admin API, and a receiver that
 * checks every signature with the Standard Webhooks authors' library, not the portal's code.
 */

const ADMIN = 'webhook-test-admin-token-0123456789';
const uscc = (first17: string) => `${first17}${usccCheckChar(first17)}`;
// Fictional companies (the sample data's style): no real enterprise is named.
const WATCHED = { name: '澜曜示例电器有限公司', uscc: uscc('91350100MA0WH0001') };
const OTHER = { name: '青屿示例灯饰有限公司', uscc: uscc('91350100MA0WH0002') };

let services: FaultServices;
let portal: PortalProcess;
let base: string;
let db: DbHandle;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
const keys: { a: string; b: string } = { a: '', b: '' };
let listId = '';
let decision = 0;

const portalEnv = { ADMIN_TOKENS: ADMIN, WEBHOOK_ALLOW_PRIVATE_TARGETS: '1', RATE_LIMIT_KEYED: '1000000' };

async function api(method: string, path: string, key: string | undefined, body?: unknown) {
  const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${key}`;
  const response = await fetch(`${base}/api/v1${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

/** A penalty decision about `party`, imported through the admin API; a new decision number each time. */
async function importPenalty(party: { name: string; uscc: string }) {
  decision++;
  const csv = [
    '行政处罚决定书文号,当事人名称,统一社会信用代码,违法事实,处罚内容,罚款金额（万元）,处罚决定日期,处罚机关,公示截止日期',
    `测市监处罚〔2026〕${700 + decision}号,${party.name},${party.uscc},生产不合格电水壶,罚款,1.5,2026-10-0${1 + (decision % 9)},福建省市场监督管理局,2029-10-01`,
  ].join('\r\n');
  const form = new FormData();
  form.set('type', 'penalties');
  form.set('file', new File([csv], `penalties-webhook-${decision}.csv`, { type: 'text/csv' }));
  const response = await fetch(`${base}/api/v1/admin/imports`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: form });
  expect(response.status, await response.clone().text()).toBe(200);
}

async function eventually<T>(what: string, check: () => T | undefined | Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

const arrived = (predicate: (r: Received) => boolean) => () => receiver.received.find(predicate);

async function newKey(name: string): Promise<string> {
  const key = generateKey();
  await db.sql`insert into api_keys (name, key_hash, prefix) values (${name}, ${hashKey(key)}, ${keyPrefix(key)})`;
  return key;
}

/** SIGKILL the portal and its web server child: no shutdown, nothing flushed. */
function killPortal(p: PortalProcess) {
  const pid = p.child.pid!;
  const children = fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  process.kill(pid, 'SIGKILL');
  for (const child of children) if (isAlive(child)) process.kill(child, 'SIGKILL');
  return Promise.all([pid, ...children].map(async (id) => {
    while (isAlive(id)) await sleep(20);
  }));
}

beforeAll(async () => {
  services = await startFaultServices('webhooks');
  receiver = await startReceiver();
  ({ portal, base } = await startPortalOn(services, 'portal', portalEnv));
  db = connect(services.databaseUrl, { max: 2 });
  keys.a = await newKey('Webhook platform A');
  keys.b = await newKey('Webhook platform B');
});
afterAll(async () => {
  await portal?.stop();
  await receiver?.close();
  await db?.close();
  await services?.close();
});

describe('watchlists that push', () => {
  it('a change to a watched company arrives signed, with its type and record; an unwatched one does not', async () => {
    // The USCC as a platform might type it: lower case, with spaces.
    const created = await api('POST', '/watchlists', keys.a, {
      name: 'Sellers on platform A',
      webhook_url: receiver.url,
      entries: [{ kind: 'uscc', value: WATCHED.uscc.toLowerCase().replace(/(.{6})/, '$1 ') }, { kind: 'brand', value: '示例光' }, { kind: 'uscc', value: 'not-a-uscc' }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(created.body.watchlist).toMatchObject({ name: 'Sellers on platform A', entries: 2 });
    expect(created.body.refused).toEqual([{ index: 2, message: expect.stringContaining('not a valid USCC') }]);
    listId = created.body.watchlist.id;
    receiver.setSecret(created.body.secret);
    // Shown once: the list as read again has no secret.
    expect(JSON.stringify((await api('GET', `/watchlists/${listId}`, keys.a)).body)).not.toContain('whsec_');

    await importPenalty(OTHER);
    await importPenalty(WATCHED);
    const published = await eventually('the published event', arrived((r) => r.payload.type === 'record.published'));
    expect(published.verified).toBe(true);
    expect(published.id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(published.payload.data).toMatchObject({ watchlist_id: listId, action: 'create', record: { type: 'penalties', status: 'published', version: 1 } });
    expect(published.payload.data.matched).toEqual([{ kind: 'uscc', value: expect.any(String) }]);
    const record = await fetch(`${base}/api/v1/penalties/${encodeURIComponent(published.payload.data.record.id)}`).then((r) => r.json() as Promise<any>);
    expect(JSON.stringify(record)).toContain(WATCHED.name);
    expect(JSON.stringify(receiver.received.map((r) => r.payload))).not.toContain(OTHER.name);

    const withdrawn = await api('POST', `/admin/records/${published.payload.data.record.id}/withdraw`, ADMIN, { reason: '发布有误 published in error' });
    expect(withdrawn.status).toBe(200);
    const gone = await eventually('the withdrawn event', arrived((r) => r.payload.type === 'record.withdrawn'));
    expect(gone.verified).toBe(true);
    expect(gone.id).not.toBe(published.id);
    expect(gone.payload.data).toMatchObject({ action: 'withdraw', reason: '发布有误 published in error', record: { id: published.payload.data.record.id, status: 'withdrawn' } });
    // Withdrawn content does not leave through a webhook.
    expect(gone.payload.data.fields).toBeUndefined();
  });

  it('a receiver that fails is retried until it answers, and the delivery log shows every attempt', async () => {
    const before = receiver.received.length;
    receiver.failNext(1);
    await importPenalty(WATCHED);
    const failed = await eventually('the failed attempt', () => receiver.received.slice(before).find((r) => r.answered === 500));
    expect(failed.verified).toBe(true);
    const retried = await eventually('the retry', () => receiver.received.slice(before).find((r) => r.id === failed.id && r.answered === 200));
    expect(retried.verified).toBe(true);
    // A new timestamp (and so a new signature) on the retry, the same event id.
    expect(Number(retried.timestamp)).toBeGreaterThanOrEqual(Number(failed.timestamp));
    const log = await eventually('the log', async () => {
      const events = (await api('GET', `/watchlists/${listId}/events`, keys.a)).body.events as any[];
      const event = events.find((e) => e.id === failed.id);
      return event?.status === 'delivered' ? event : undefined;
    });
    expect(log.attempts.map((a: any) => a.status_code)).toEqual([500, 200]);
    expect(log.attempts[0].error).toMatch(/500/);
    expect(log.attempts[1].error).toBeNull();
    expect(log.type).toBe('record.published');
  });

  it('a replay sends the same event again with the same webhook-id, one event or all since a time', async () => {
    const first = receiver.received.find((r) => r.payload.type === 'record.published')!;
    const count = () => receiver.received.filter((r) => r.id === first.id && r.answered === 200).length;
    const before = count();
    const replayed = await api('POST', `/watchlists/${listId}/replay`, keys.a, { event_id: first.id });
    expect(replayed).toMatchObject({ status: 200, body: { replayed: 1 } });
    await eventually('the replay', () => count() > before || undefined);
    expect(receiver.received.filter((r) => r.id === first.id).every((r) => r.verified)).toBe(true);
    const all = await api('POST', `/watchlists/${listId}/replay`, keys.a, { since: '2000-01-01T00:00:00Z' });
    expect(all.body.replayed).toBeGreaterThanOrEqual(3);
    expect((await api('POST', `/watchlists/${listId}/replay`, keys.a, { event_id: 'evt_00000000000000000000000000000000' })).status).toBe(404);
    expect((await api('POST', `/watchlists/${listId}/replay`, keys.a, {})).status).toBe(400);
  });

  it('a list is its key’s own: another key gets 404, no key 401', async () => {
    expect((await api('GET', `/watchlists/${listId}`, keys.b)).status).toBe(404);
    expect((await api('GET', `/watchlists/${listId}/events`, keys.b)).status).toBe(404);
    expect((await api('DELETE', `/watchlists/${listId}`, keys.b)).status).toBe(404);
    expect((await api('POST', `/watchlists/${listId}/entries`, keys.b, { entries: [{ kind: 'name', value: '某某' }] })).status).toBe(404);
    expect((await api('GET', '/watchlists', keys.b)).body).toEqual({ watchlists: [] });
    const anonymous = await api('GET', '/watchlists', undefined);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHORIZED');
    expect((await api('GET', `/watchlists/${listId}`, keys.a)).status).toBe(200);
  });

  it('holds 100,000 entries and refuses the 100,001st', async () => {
    const list = await api('POST', '/watchlists', keys.b, { name: 'Big list', webhook_url: receiver.url });
    expect(list.status).toBe(200);
    const id = list.body.watchlist.id;
    for (let batch = 0; batch < 10; batch++) {
      const entries = Array.from({ length: 10_000 }, (_, i) => ({ kind: 'name', value: `示例商户${batch * 10_000 + i}号有限公司` }));
      const added = await api('POST', `/watchlists/${id}/entries`, keys.b, { entries });
      expect(added.status, JSON.stringify(added.body).slice(0, 300)).toBe(200);
      expect(added.body.total).toBe((batch + 1) * 10_000);
    }
    const over = await api('POST', `/watchlists/${id}/entries`, keys.b, { entries: [{ kind: 'brand', value: '多一个' }] });
    expect(over.status).toBe(409);
    expect(over.body.error.message).toContain('100,000');
    // An entry already on the list is no new entry: still accepted.
    expect((await api('POST', `/watchlists/${id}/entries`, keys.b, { entries: [{ kind: 'name', value: '示例商户0号有限公司' }] })).body).toMatchObject({ added: 0, skipped: 1, total: 100_000 });
    const tooMany = await api('POST', `/watchlists/${id}/entries`, keys.b, { entries: Array.from({ length: 10_001 }, (_, i) => ({ kind: 'name', value: `x${i}` })) });
    expect(tooMany.status).toBe(400);
    // Paged with a cursor; one removed makes room for one.
    const page = await api('GET', `/watchlists/${id}/entries?limit=2`, keys.b);
    expect(page.body.entries).toHaveLength(2);
    expect(page.body.meta.has_more).toBe(true);
    const next = await api('GET', `/watchlists/${id}/entries?limit=2&cursor=${page.body.meta.next_cursor}`, keys.b);
    expect(next.body.entries[0].id).not.toBe(page.body.entries[0].id);
    expect((await api('DELETE', `/watchlists/${id}/entries/${page.body.entries[0].id}`, keys.b)).body).toEqual({ deleted: true });
    expect((await api('POST', `/watchlists/${id}/entries`, keys.b, { entries: [{ kind: 'brand', value: '多一个' }] })).body).toMatchObject({ added: 1, total: 100_000 });
    // Removed in bulk by what was added (folded the same way: full-width digits are the same name).
    const removed = await api('POST', `/watchlists/${id}/entries/remove`, keys.b, { entries: [{ kind: 'name', value: '示例商户１号有限公司' }, { kind: 'name', value: '不在名单上的示例公司' }] });
    expect(removed.body).toEqual({ removed: 1, not_found: 1, total: 99_999 });
    expect((await api('DELETE', `/watchlists/${id}`, keys.b)).body).toEqual({ deleted: true });
    expect((await api('GET', `/watchlists/${id}`, keys.b)).status).toBe(404);
  });

  it('a portal killed (SIGKILL) with a delivery in flight delivers it after the restart, and a change made while it was down too: no event lost', async () => {
    receiver.hold();
    const before = receiver.received.length;
    await importPenalty(WATCHED);
    const inFlight = await eventually('the delivery in flight', () => receiver.received.slice(before).find((r) => r.answered === 0));
    await killPortal(portal);
    receiver.release();
    // The delivery in flight left no attempt behind: its event is still pending.
    const [pending] = await db.sql<{ status: string; attempts: number }[]>`select status, attempts from webhook_events where id = ${inFlight.id}`;
    expect(pending).toMatchObject({ status: 'pending', attempts: 0 });
    // A change committed while no portal runs (npm run withdraw): the matcher finds it in the audit log on start.
    const withdrawnIds = new Set(receiver.received.filter((r) => r.payload.type === 'record.withdrawn').map((r) => r.payload.data.record.id));
    const target = receiver.received.find((r) => r.payload.type === 'record.published' && !withdrawnIds.has(r.payload.data.record.id))!.payload.data.record.id as string;
    const withdraw = await runTool('cli/lifecycle.ts', ['withdraw', target, '--reason', '停机期间撤回 withdrawn while the portal was down'], { DATABASE_URL: services.databaseUrl, DATA_DIR: services.dir }).done;
    expect(withdraw.code, withdraw.stderr).toBe(0);
    ({ portal, base } = await startPortalOn(services, 'portal', portalEnv));
    const offline = await eventually('the change made while the portal was down', arrived((r) => r.payload.type === 'record.withdrawn' && r.payload.data.record.id === target));
    expect(offline.verified).toBe(true);
    await importPenalty(WATCHED);
    await eventually('the event after the restart', () => receiver.received.find((r) => r.id === inFlight.id && r.answered === 200));
    // Every event the portal made reached the receiver at least once (duplicates carry the same id).
    const caughtUp = async () => {
      const [cursor] = await db.sql<{ behind: boolean }[]>`select (select max(id) from audit_log) > audit_id as behind from webhook_cursor`;
      return !cursor!.behind || undefined;
    };
    await eventually('the matcher caught up', caughtUp);
    const events = await eventually('every event delivered', async () => {
      const rows = await db.sql<{ id: string; status: string }[]>`select id, status from webhook_events where watchlist_id = ${listId}`;
      return rows.every((r) => r.status === 'delivered') ? rows : undefined;
    });
    const delivered = new Set(receiver.received.filter((r) => r.answered === 200 && r.verified).map((r) => r.id));
    expect(events.filter((e) => !delivered.has(e.id))).toEqual([]);
    // One event per change and watchlist, whatever was replayed: the audit entries matched are distinct.
    const [dupes] = await db.sql<{ n: number }[]>`select count(*)::int as n from (select audit_id from webhook_events group by watchlist_id, audit_id having count(*) > 1) d`;
    expect(dupes!.n).toBe(0);
    // What a crash between reading the log and committing amounts to: the matcher reads entries it
    // already matched. Sent back to the start of the log, it makes no second event.
    const [eventsBefore] = await db.sql<{ n: number }[]>`select count(*)::int as n from webhook_events`;
    await db.sql`update webhook_cursor set txid = '0', audit_id = 0`;
    await eventually('the matcher read the log again', async () => {
      const [cursor] = await db.sql<{ audit_id: string }[]>`select audit_id from webhook_cursor`;
      return Number(cursor!.audit_id) > 0 || undefined;
    });
    await importPenalty(OTHER);
    await eventually('the matcher caught up', caughtUp);
    expect((await db.sql<{ n: number }[]>`select count(*)::int as n from webhook_events`)[0]!.n).toBe(eventsBefore!.n);
  });
});
