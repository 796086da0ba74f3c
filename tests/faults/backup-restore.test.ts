import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalProcess } from '../setup/portal-process.ts';
import { runTool } from './lib/commands.ts';
import { startPortalOn } from './lib/portal.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';

/**
 * A portal with the sample data and a withdrawal is backed up with `npm run backup`; the backup is
 * restored with `npm run restore -- --in` into a fresh PostgreSQL and Meilisearch; a portal on those
 * answers exactly as the first one did.
 */
let source: FaultServices;
let target: FaultServices;
const portals: PortalProcess[] = [];
let sourceBase: string;
let backupFile: string;

const tool = (file: string, args: string[], services: FaultServices) =>
  runTool(file, args, { ...services.env(), DATA_DIR: path.join(services.dir, 'cli') }).done;

const get = async (base: string, url: string) => {
  const response = await fetch(`${base}${url}`);
  const text = await response.text();
  return { status: response.status, text, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : undefined };
};

/** The whole change feed, page by page. */
async function feed(base: string, since?: string): Promise<unknown[]> {
  const all: unknown[] = [];
  for (let cursor = since; ; ) {
    const { json } = await get(base, `/api/v1/changes?limit=1000${cursor ? `&since=${cursor}` : ''}`);
    all.push(...json.changes);
    if (!json.meta.has_more) return all;
    cursor = json.meta.next_cursor;
  }
}

const QUERIES = ['电线电缆', '不合格', 'cable', 'lanyao', '燃气', '电动自行车'];

/** What a user of the site and the API sees, as one comparable object. */
async function answers(base: string, ids: { type: string; id: string }[], enterprise: string) {
  const out: Record<string, unknown> = {};
  for (const q of QUERIES) out[`search ${q}`] = (await get(base, `/api/v1/search?q=${encodeURIComponent(q)}&limit=20`)).json;
  out['facets'] = (await get(base, '/api/v1/search?q=&limit=1')).json.facets;
  for (const { type, id } of ids) {
    out[`api ${id}`] = (await get(base, `/api/v1/${type}/${id}`)).json;
    const page = await get(base, `/${type}/${id}`);
    out[`page ${id}`] = { status: page.status, title: /<title>(.*?)<\/title>/.exec(page.text)?.[1], h1: /<h1[^>]*>(.*?)<\/h1>/s.exec(page.text)?.[1] };
  }
  out['enterprise'] = (await get(base, `/api/v1/enterprises/${enterprise}`)).json;
  for (const field of ['region', 'category', 'year', 'status']) out[`count ${field}`] = (await get(base, `/api/v1/count?type=spot-checks&field=${field}`)).json;
  out['records'] = (await get(base, '/api/health')).json.records;
  out['changes'] = await feed(base);
  return out;
}

let before: Record<string, unknown>;
let ids: { type: string; id: string }[];
let enterprise: string;

beforeAll(async () => {
  source = await startFaultServices('backup-source');
  const started = await startPortalOn(source, 'portal', { SAMPLE_DATA: '1' });
  portals.push(started.portal);
  sourceBase = started.base;
  ids = [];
  for (const type of ['spot-checks', 'penalties', 'license-revocations', 'typical-cases']) {
    const { json } = await get(sourceBase, `/api/v1/${type}?limit=2&sort=newest`);
    ids.push(...json.hits.map((h: { id: string }) => ({ type, id: h.id })));
  }
  // A withdrawal, so the feed and a tombstone are part of what must survive.
  const withdrawn = ids[1]!;
  const w = await tool('cli/lifecycle.ts', ['withdraw', withdrawn.id, '--reason', '决定已撤销 decision revoked'], source);
  expect(w.code, w.stderr).toBe(0);
  const { json } = await get(sourceBase, `/api/v1/${ids[0]!.type}/${ids[0]!.id}`);
  enterprise = json.record?.manufacturerUscc ?? json.record?.manufacturerId ?? json.manufacturerId;
  // Let the portal's sync worker send the withdrawal (record and enterprises): the picture is only
  // worth comparing once the source's search agrees with its database.
  let verify = await tool('cli/search.ts', ['verify'], source);
  for (let i = 0; i < 20 && verify.code !== 0; i++) verify = await tool('cli/search.ts', ['verify'], source);
  expect(verify.code, verify.stdout).toBe(0);
  before = await answers(sourceBase, ids, enterprise);
}, 300_000);
afterAll(async () => {
  for (const portal of portals) await portal.stop();
  await source?.close();
  await target?.close();
});

describe('npm run backup, then npm run restore -- --in into fresh servers', () => {
  it('writes a backup of the running portal', async () => {
    backupFile = path.join(source.dir, 'portal.backup.gz');
    const run = await tool('cli/backup.ts', ['backup', '--out', backupFile], source);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Backup written to .*portal\.backup\.gz: \d+ rows in \d+ tables/);
  });

  it('restores it; the restored portal answers exactly as before, and its change feed goes on', async () => {
    target = await startFaultServices('backup-target');
    const run = await tool('cli/lifecycle.ts', ['restore', '--in', backupFile], target);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Restored .*: \d+ rows in \d+ tables; search rebuilt/);

    const verify = await tool('cli/search.ts', ['verify'], target);
    expect(verify.code, verify.stdout).toBe(0);

    const started = await startPortalOn(target, 'portal');
    portals.push(started.portal);
    const after = await answers(started.base, ids, enterprise);
    for (const key of Object.keys(before)) expect(after[key], key).toEqual(before[key]);

    // A client's cursor from the old portal goes on on the restored one, and a new change comes after the old ones.
    const changes = before.changes as { seq: string }[];
    expect(changes.length).toBeGreaterThan(100);
    const cursor = changes[changes.length - 3]!.seq;
    expect(await feed(started.base, cursor)).toEqual(changes.slice(-2));
    const w = await tool('cli/lifecycle.ts', ['withdraw', ids[2]!.id, '--reason', 'published in error'], target);
    expect(w.code, w.stderr).toBe(0);
    const newer = (await feed(started.base, changes.at(-1)!.seq)) as { id: string; action: string }[];
    expect(newer.map((c) => `${c.action} ${c.id}`)).toEqual([`withdraw ${ids[2]!.id}`]);
  });

  it('refuses to restore over data unless told to replace it', async () => {
    const run = await tool('cli/lifecycle.ts', ['restore', '--in', backupFile], target);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/restore: the database already holds data \(in .*\); restore into an empty database, or add --replace.*Nothing was changed/);
    const bad = await tool('cli/lifecycle.ts', ['restore', '--in', path.join(target.dir, 'missing.gz')], target);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--in: .*missing\.gz does not exist/);
  });
});
