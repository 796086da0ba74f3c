import fs from 'node:fs/promises';
import path from 'node:path';
import { asc, count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type DbHandle } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { generateSampleData } from '../../sample/generate.ts';
import { auditLog, imports, recordVersions, searchOutbox } from '../../db/schema/index.ts';
import { sleep } from '../../runtime/ports.ts';
import { runTool } from './lib/commands.ts';
import { startFaultServices, type FaultServices } from './lib/services.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';

const ROWS = 60_000;

let services: FaultServices;
let handle: DbHandle;
let file: string;

beforeAll(async () => {
  services = await startFaultServices('import-kill');
  handle = connect(services.databaseUrl, { max: 2 });
  await runMigrations(handle);
  const { files } = await generateSampleData({ outDir: path.join(services.dir, 'files'), seed: 8, spotChecks: ROWS, penalties: 0, licenseRevocations: 0 });
  file = files.find((f) => f.type === 'spot-checks')!.path;
});
afterAll(async () => {
  await handle?.close();
  await services?.close();
});

const rows = async (table: typeof spotChecks | typeof searchOutbox | typeof auditLog | typeof recordVersions) =>
  (await handle.db.select({ n: count() }).from(table))[0]!.n;
const importCommand = () => runTool('cli/import.ts', ['--type', 'spot-checks', file], { DATABASE_URL: services.databaseUrl, DATA_DIR: services.dir });

describe('an import killed (SIGKILL) midway through a large file, then run again', () => {
  it('stores nothing of the killed run, marks it failed, and the second run stores every row exactly once', async () => {
    const inFile = (await fs.readFile(file, 'utf8')).split('\n').filter((line) => line.trim()).length - 1;
    expect(inFile).toBe(ROWS);

    const killed = importCommand();
    // Midway: the progress line says some rows are done and the file is not finished.
    const deadline = Date.now() + 120_000;
    let progress: RegExpExecArray | null = null;
    while (!(progress = /(\d+)% ([\d,]+) rows/.exec(killed.output()))) {
      if (Date.now() > deadline || killed.child.exitCode !== null) throw new Error(`no progress line from the import:\n${killed.output()}`);
      await sleep(50);
    }
    killed.child.kill('SIGKILL');
    const end = await killed.done;
    expect(end.signal).toBe('SIGKILL');
    const share = Number(progress[1]);
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(100);

    // Nothing from the killed run, in any table the import writes.
    expect(await rows(spotChecks)).toBe(0);
    expect(await rows(searchOutbox)).toBe(0);
    expect(await rows(auditLog)).toBe(0);
    expect(await rows(recordVersions)).toBe(0);

    const again = await importCommand().done;
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`${ROWS} rows: ${ROWS} new, 0 corrected, 0 unchanged`));

    // Exactly one copy of every row and one audit entry each (a new record is its own first
    // version: record_versions only keeps versions that corrections replaced).
    expect(await rows(spotChecks)).toBe(ROWS);
    const [distinct] = await handle.db.select({ n: sql<number>`count(distinct ${spotChecks.naturalKey})::int` }).from(spotChecks);
    expect(distinct!.n).toBe(ROWS);
    expect(await rows(recordVersions)).toBe(0);
    expect(await rows(auditLog)).toBe(ROWS);
    // No orphan outbox rows: every change names a record or an enterprise that exists.
    const orphans = await handle.sql<{ n: number }[]>`
      select count(*)::int as n from search_outbox o
      where (o.target = 'spot-checks' and not exists (select 1 from spot_checks s where s.id = o.record_id))
         or (o.target = 'enterprises' and not exists (select 1 from enterprises e where e.id = o.record_id))
         or o.target not in ('spot-checks', 'enterprises')`;
    expect(orphans[0]!.n).toBe(0);
    const [outboxRecords] = await handle.sql<{ n: number }[]>`select count(distinct record_id)::int as n from search_outbox where target = 'spot-checks'`;
    expect(outboxRecords!.n).toBe(ROWS);

    // The imports table tells what happened: the killed run failed, the second one succeeded.
    const runs = await handle.db.select().from(imports).orderBy(asc(imports.id));
    expect(runs.map((r) => r.status)).toEqual(['failed', 'succeeded']);
    expect(runs[0]!.error).toMatch(/interrupted/);
    expect(runs[0]!.finishedAt).not.toBeNull();
    expect(runs[1]!.rowsCreated).toBe(ROWS);
  });
});
