import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { connect } from '../../db/client.ts';
import { imports } from '../../db/schema/index.ts';
import { freePort } from '../../runtime/ports.ts';
import { searchKeyFor } from '../../search/meili.ts';
import { startPortal } from '../setup/portal-process.ts';
import { descendants } from '../setup/process-tree.ts';

/** Processes whose command line mentions `needle` (postgres and meilisearch started for a DATA_DIR). */
function processesMentioning(needle: string): string[] {
  const out = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return out.split('\n').filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

const tmpDir = inject('tmpDir');
const dataDir = path.join(tmpDir, 'embedded-start');

afterAll(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('npm start with no configuration (embedded servers)', () => {
  it('starts PostgreSQL and Meilisearch under DATA_DIR, prints the URL last, and leaves nothing running after SIGTERM', async () => {
    const port = await freePort();
    const portal = startPortal({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SAMPLE_DATA: '0', DATABASE_URL: '', MEILI_URL: '', MEILI_MASTER_KEY: '' });
    const url = await portal.ready;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const health = (await (await fetch(`${url}/api/health`)).json()) as { status: string; records: Record<string, number> };
    expect(health).toMatchObject({ status: 'ok', db: 'ok', search: 'ok', records: { 'spot-checks': 0 } });

    const keyFile = await fs.stat(path.join(dataDir, 'meili-master-key'));
    expect(keyFile.mode & 0o777).toBe(0o600);
    expect(processesMentioning(dataDir).length).toBeGreaterThanOrEqual(2);
    // Its web server holds the search-only key, never the master key, and that key cannot write.
    const masterKey = (await fs.readFile(path.join(dataDir, 'meili-master-key'), 'utf8')).trim();
    const webServer = descendants(portal.child.pid!).find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('web-server.mjs'));
    const environ = readFileSync(`/proc/${webServer}/environ`, 'utf8');
    expect(environ).not.toContain(masterKey);
    expect(environ).toContain(`MEILI_SEARCH_KEY=${searchKeyFor(masterKey)}`);
    const { meiliUrl } = JSON.parse(await fs.readFile(path.join(dataDir, 'runtime.json'), 'utf8')) as { meiliUrl: string };
    const write = await fetch(`${meiliUrl}/indexes/spot-checks/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${searchKeyFor(masterKey)}`, 'content-type': 'application/json' },
      body: '[{"id":"forged"}]',
    });
    expect(write.status).toBe(403);
    // The "ready" line is the last thing start-up prints (the access-log lines of the requests
    // served since are not start-up output).
    const startUp = portal.output().trimEnd().split('\n').filter((line) => !/^\{.*"msg":"request"/.test(line));
    expect(startUp.at(-1)).toBe(`Portal ready on ${url}`);

    expect(await portal.stop('SIGTERM')).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);

    // A second start reuses DATA_DIR: same cluster, same key.
    const again = startPortal({ DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', SAMPLE_DATA: '0', DATABASE_URL: '', MEILI_URL: '', MEILI_MASTER_KEY: '' });
    await again.ready;
    expect(await again.stop('SIGINT')).toBe(0);
    expect(processesMentioning(dataDir)).toEqual([]);
  });

  it('stops with one clear line when the configuration is malformed', async () => {
    const portal = startPortal({ DATA_DIR: dataDir, DATABASE_URL: 'mysql://root:secret@localhost/x' });
    await expect(portal.ready).rejects.toThrow(/DATABASE_URL must be a URL starting with postgres:\/\//);
    expect(portal.output()).not.toContain('secret');
    expect(portal.output()).not.toMatch(/\n\s+at /);
  });
});

describe('npm start on a database that already holds data', () => {
  it('loads nothing twice', async () => {
    const handle = connect(inject('databaseUrl'), { max: 1 });
    const before = (await handle.db.select({ n: count() }).from(imports))[0]!.n;
    expect(before).toBeGreaterThan(0);
    const portal = startPortal({
      DATA_DIR: path.join(tmpDir, 'second-start'),
      DATABASE_URL: inject('databaseUrl'),
      MEILI_URL: inject('meiliUrl'),
      MEILI_MASTER_KEY: inject('meiliKey'),
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
    });
    await portal.ready;
    await portal.stop();
    expect((await handle.db.select({ n: count() }).from(imports))[0]!.n).toBe(before);
    await handle.close();
  });
});
