import fs from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { changeCursor, changesInput, listChanges, type Change, type ChangesInput } from '../../api/services/changes.ts';
import type { Portal } from '../../api/portal.ts';
import { connect, type Database } from '../../db/client.ts';
import { importFile } from '../../ingest/import-file.ts';
import { expireDisclosures, LifecycleError, restoreRecord, withdrawRecord } from '../../ops/lifecycle/status.ts';
import { meiliClient } from '../../search/meili.ts';
import { freshDatabase } from '../setup/database.ts';
import { RECORD_TYPES, type RecordType } from '../../types/registry.ts';

/** Its own database: the writers below would disturb the portal's sample data. */
let db: Awaited<ReturnType<typeof freshDatabase>>;
let portal: Portal;
const dir = path.join(inject('tmpDir'), 'changes');
const TYPES: RecordType[] = ['spot-checks', 'penalties'];

beforeAll(async () => {
  db = await freshDatabase('changes');
  // The change feed never touches search: a client for a port nothing listens on proves it.
  portal = { db, counters: db, meili: meiliClient({ url: 'http://127.0.0.1:9', masterKey: 'unused' }) };
  await fs.mkdir(dir, { recursive: true });
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** A seeded PRNG (mulberry32), so a failing sequence of operations can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const position = (seq: string) => changeCursor.decode(seq)!;
const after = (a: string, b: string) => {
  const [x, y] = [position(a), position(b)];
  return BigInt(x.txid) > BigInt(y.txid) || (x.txid === y.txid && x.id > y.id);
};
const feed = (input: ChangesInput) => listChanges(portal, changesInput.parse(input));

/** A consumer keeping a replica: `type/id` → version of every published or corrected record. */
class Replica {
  readonly records = new Map<string, number>();
  readonly seqs = new Set<string>();
  cursor: string | undefined;
  apply(changes: Change[]) {
    for (const c of changes) {
      expect(this.seqs.has(c.seq), `change ${c.seq} delivered twice`).toBe(false);
      if (this.cursor) expect(after(c.seq, this.cursor), 'changes arrive in (txid, id) order').toBe(true);
      this.seqs.add(c.seq);
      this.cursor = c.seq;
      const status = c.record?.status;
      if (status === 'published' || status === 'corrected') this.records.set(`${c.type}/${c.id}`, c.record!.version as number);
      else this.records.delete(`${c.type}/${c.id}`);
    }
  }
  async poll(limit: number) {
    const page = await feed({ since: this.cursor, limit });
    this.apply(page.changes);
    if (page.changes.length === 0) expect(page.meta.next_cursor).toBe(this.cursor ?? changeCursor.encode({ txid: '0', id: 0 }));
    else expect(page.meta.next_cursor).toBe(this.cursor);
    return page;
  }
}

async function publishedSet(database: Database) {
  const tables = RECORD_TYPES.map((t) => `select '${t}/' || id as key, version from ${t.replaceAll('-', '_')} where status in ('published', 'corrected')`);
  const rows = await database.execute<{ key: string; version: number }>(sql.raw(tables.join(' union all ')));
  return new Map(rows.map((r) => [r.key, Number(r.version)]));
}

// Small CSVs over a fixed pool of natural keys: a key seen again with another variant is a correction.
const SPOT_HEADER = '公告编号,发布机关,发布日期,抽查级别,产品名称,标称生产企业名称,规格型号,生产日期/批号,抽查结果,备注';
const spotRow = (k: number, v: number) => `2026年第${k % 3}号,青岚市市场监督管理局,2026-03-0${1 + (k % 3)},市级,电水壶${k},青岚测试电器${k % 5}有限公司,M-${k},2026-01-0${1 + (k % 9)},合格,第${v}版`;
const PENALTY_HEADER = '处罚机关,行政处罚决定书文号,当事人名称,违法事实,处罚内容,罚款金额,处罚决定日期,公示截止日期';
const penaltyRow = (k: number, v: number) =>
  `青岚市市场监督管理局,青市监罚〔2026〕${k}号,青岚测试商贸${k % 4}有限公司,销售不合格产品（第${v}版）,罚款,${1000 * (k + 1)},2026-02-1${k % 10},${k % 2 ? '2027-06-30' : '2099-12-31'}`;

describe('the change feed keeps an exact replica under concurrent writes', () => {
  it('does not pass a change whose transaction is still running, and delivers it once it commits', async () => {
    await fs.writeFile(path.join(dir, 'seed.csv'), [SPOT_HEADER, ...[0, 1, 2].map((k) => spotRow(k, 0))].join('\n'));
    expect((await importFile(db, path.join(dir, 'seed.csv'), { type: 'spot-checks', operator: 'test' })).created).toBe(3);
    const replica = new Replica();
    while ((await replica.poll(2)).meta.has_more);
    expect(replica.records.size).toBe(3);
    const [first, second] = [...replica.records.keys()].map((k) => k.replace('spot-checks/', ''));

    // A slow transaction withdraws `first` (smaller audit id), a fast one withdraws `second` and commits.
    let release!: () => void, held!: () => void;
    const [gate, heldReady] = [new Promise<void>((r) => (release = r)), new Promise<void>((r) => (held = r))];
    const slow = db.db.transaction(async (tx) => {
      await withdrawRecord(tx as unknown as Database, { type: 'spot-checks', id: first!, actor: 'test', command: 'test', reason: 'slow' });
      held();
      await gate;
    });
    await heldReady;
    await withdrawRecord(db.db, { type: 'spot-checks', id: second!, actor: 'test', command: 'test', reason: 'fast' });
    // An id cursor would now read the fast withdrawal and move past the slow one's smaller id for good.
    const [{ committed }] = (await db.sql`select max(id)::int as committed from audit_log where record_id = ${second!}`) as unknown as [{ committed: number }];
    expect(committed).toBeGreaterThan(0);
    try {
      const waiting = await replica.poll(10);
      expect(waiting.changes).toEqual([]);
      expect(waiting.meta.has_more).toBe(false);
    } finally {
      release();
      await slow;
    }
    const page = await replica.poll(10);
    expect(page.changes.map((c) => [c.id, c.action, c.reason])).toEqual([[first, 'withdraw', 'slow'], [second, 'withdraw', 'fast']]);
    expect(position(page.changes[0]!.seq).id).toBeLessThan(committed);
    expect(page.changes[0]!.record).toEqual({ status: 'withdrawn', statusReason: 'slow', statusChangedAt: expect.any(Date) });
    expect(replica.records).toEqual(await publishedSet(db.db));
  });

  it('ends with exactly the published set after a random concurrent sequence of writes', async () => {
    const random = rng(20260621);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const done = { writers: false };
    const counts: Record<string, number> = {};
    const count = (kind: string) => (counts[kind] = (counts[kind] ?? 0) + 1);
    let files = 0;

    async function ids(type: RecordType, visible: boolean) {
      const table = type === 'spot-checks' ? sql`spot_checks` : sql`penalties`;
      const rows = await db.db.execute<{ id: string }>(sql`select id from ${table} where (status in ('published', 'corrected')) = ${visible} order by id`);
      return rows.map((r) => r.id);
    }
    /** Lost races (already withdrawn, deadlock with an expiry) roll back and write nothing. */
    async function tolerate(kind: string, op: () => Promise<unknown>) {
      try {
        await op();
        count(kind);
      } catch (error) {
        const code = (error as { code?: string; cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
        if (!(error instanceof LifecycleError) && code !== '40P01') throw error;
        count(`${kind} (lost race)`);
      }
    }
    async function step(writer: number, n: number) {
      const r = random();
      const type = pick(TYPES)!;
      if (r < 0.4) {
        const keys = [...new Set(Array.from({ length: 2 + Math.floor(random() * 6) }, () => Math.floor(random() * 24)))];
        const file = path.join(dir, `w${writer}-${n}-${(files += 1)}.csv`);
        const rows = keys.map((k) => (type === 'spot-checks' ? spotRow(k, Math.floor(random() * 3)) : penaltyRow(k, Math.floor(random() * 3))));
        await fs.writeFile(file, [type === 'spot-checks' ? SPOT_HEADER : PENALTY_HEADER, ...rows].join('\n'));
        await tolerate('import', async () => {
          const result = await importFile(db, file, { type, operator: `writer ${writer}` });
          expect(result.status).toBe('succeeded');
          if (result.corrected) count('import with corrections');
        });
      } else if (r < 0.6) {
        const id = pick(await ids(type, true));
        if (id) await tolerate('withdraw', () => withdrawRecord(db.db, { type, id, actor: 'test', command: 'test', reason: `writer ${writer}` }));
      } else if (r < 0.75) {
        const id = pick(await ids(type, false));
        if (id) await tolerate('restore', () => restoreRecord(db.db, { type, id, actor: 'test', command: 'test' }));
      } else if (r < 0.85) {
        await tolerate('expire', () => expireDisclosures(db.db, 'test', '2030-01-01'));
      } else if (r < 0.93) {
        // A slow change: withdraw or restore inside a transaction that stays open while others commit.
        const visible = random() < 0.6;
        const id = pick(await ids(type, visible));
        if (!id) return;
        await tolerate('slow transaction', () =>
          db.db.transaction(async (tx) => {
            const change = { type, id, actor: 'test', command: 'test', reason: 'slow' };
            await (visible ? withdrawRecord(tx as unknown as Database, change) : restoreRecord(tx as unknown as Database, change));
            await tx.execute(sql`select pg_sleep(0.2)`);
          }),
        );
      } else {
        // A transaction that only holds an xid open: no change after it may be delivered meanwhile.
        await db.db.transaction(async (tx) => {
          await tx.execute(sql`select pg_current_xact_id()`);
          await tx.execute(sql`select pg_sleep(0.2)`);
        });
        count('idle transaction');
      }
    }

    const replica = new Replica();
    const consumer = (async () => {
      while (!done.writers) if (!(await replica.poll(7)).meta.has_more) await sleep(15);
    })();
    await Promise.all([0, 1, 2, 3].map(async (w) => {
      for (let n = 0; n < 25; n += 1) await step(w, n);
    }));
    done.writers = true;
    await consumer;

    // Drain: every audit row is delivered exactly once, and the replica is the published set.
    const deadline = Date.now() + 20_000;
    const [{ total }] = (await db.sql`select count(*)::int as total from audit_log`) as unknown as [{ total: number }];
    while (replica.seqs.size < total && Date.now() < deadline) if (!(await replica.poll(50)).meta.has_more) await sleep(50);
    expect(replica.seqs.size).toBe(total);
    expect((await replica.poll(50)).changes).toEqual([]);
    const published = await publishedSet(db.db);
    expect(published.size).toBeGreaterThan(5);
    expect(replica.records).toEqual(published);
    for (const kind of ['import', 'import with corrections', 'withdraw', 'restore', 'expire', 'slow transaction', 'idle transaction']) {
      expect(counts[kind] ?? 0, `${kind} ran (counts: ${JSON.stringify(counts)})`).toBeGreaterThan(0);
    }
    const actions = await db.sql`select distinct action from audit_log order by action`;
    expect(actions.map((a) => a.action)).toEqual(['correct', 'create', 'expire', 'restore', 'withdraw']);
  });

  it('filters by type and keeps the same cursor', async () => {
    const pages = await feed({ types: 'penalties', limit: 1000 });
    expect(pages.changes.length).toBeGreaterThan(0);
    expect(pages.changes.every((c) => c.type === 'penalties')).toBe(true);
    const rest = await feed({ types: ['penalties', 'spot-checks'], since: pages.changes[0]!.seq, limit: 1000 });
    expect(rest.changes.filter((c) => c.type === 'penalties').map((c) => c.seq)).toEqual(pages.changes.slice(1).map((c) => c.seq));
    expect(() => changesInput.parse({ types: 'penalties,recalls' })).toThrow(/types/);
    expect(() => changesInput.parse({ since: 'not-a-cursor' })).toThrow(/since/);
  });
});

describe('GET /api/v1/changes', () => {
  const base = inject('baseUrl');
  const get = async (query: string) => {
    const response = await fetch(`${base}/api/v1/changes${query}`);
    return { status: response.status, body: (await response.json()) as any };
  };

  it('replays the sample data from the start: creates and expiries, ending at the published set', async () => {
    const replica = new Replica();
    const actions = new Set<string>();
    let since = '';
    const portalDb = connect(inject('databaseUrl'), { max: 1 });
    const published = await publishedSet(portalDb.db);
    await portalDb.close();
    for (let caughtUp = 0; caughtUp < 20; ) {
      const { status, body } = await get(`?limit=1000${since}`);
      expect(status).toBe(200);
      expect(body.meta).toMatchObject({ license: expect.any(String), disclaimer: expect.any(String), total: body.changes.length });
      replica.apply(body.changes);
      for (const c of body.changes as Change[]) {
        actions.add(c.action);
        expect(c.url).toBe(`/${c.type}/${c.id}`);
      }
      since = `&since=${body.meta.next_cursor}`;
      if (body.meta.has_more) continue;
      if (isDeepStrictEqual(replica.records, published)) break;
      // Caught up, but a write of the portal's own may still be in flight: it arrives on a later poll.
      caughtUp += 1;
      await sleep(100);
    }
    expect(actions).toContain('create');
    expect(actions).toContain('expire');
    expect(replica.records).toEqual(published);
  });

  it('answers bad input with a 400 in the error shape', async () => {
    for (const query of ['?since=garbage', `?since=${Buffer.from('{"t":"x","i":1}').toString('base64url')}`, '?types=spot-checks,recalls', '?types=', '?limit=0', '?limit=1001', '?cursor=1']) {
      const { status, body } = await get(query);
      expect(status, query).toBe(400);
      expect(body.error).toMatchObject({ code: 'BAD_REQUEST', message: expect.any(String), requestId: expect.any(String) });
    }
  });
});
