import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateSampleData } from '../../sample/generate.ts';
import { auditLog, imports, searchOutbox } from '../../db/schema/index.ts';
import { freshDatabase } from '../setup/database.ts';
import { ROOT } from '../setup/portal-process.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';
import { penalties } from '../../types/penalties/table.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
const dir = path.join(inject('tmpDir'), 'import-cli');
const fixture = (name: string) => path.join(ROOT, 'tests/fixtures', name);

/** Runs an npm script's command exactly as `npm run <script> -- args` would, against the test database. */
function run(script: string, args: string[], opts: { killAfterMs?: number } = {}) {
  const argv = script === 'import' ? ['import', ...args] : ['lifecycle', script, ...args];
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['cli/run.mjs', ...argv], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    if (opts.killAfterMs) setTimeout(() => child.kill('SIGKILL'), opts.killAfterMs);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const n = async (table: typeof spotChecks | typeof searchOutbox | typeof imports | typeof auditLog) =>
  (await db.db.select({ n: count() }).from(table))[0]!.n;

beforeAll(async () => {
  db = await freshDatabase('cli');
  await fs.mkdir(dir, { recursive: true });
});
afterAll(async () => {
  await db?.drop();
});

describe('npm run import', () => {
  it('rejects a file with bad rows: exit 1, every bad row printed and written to a CSV report, nothing stored', async () => {
    const { code, stderr } = await run('import', ['--type', 'spot-checks', '--report-dir', dir, fixture('spot-checks-bad-rows.csv')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/REJECTED, nothing from this file was written/);
    expect(stderr).toMatch(/column 统一社会信用代码: .*check character/);
    expect(stderr).toMatch(/impossible date/);
    const report = await fs.readFile(path.join(dir, 'spot-checks-bad-rows.csv.errors.csv'), 'utf8');
    expect(report.split('\r\n').filter(Boolean)).toHaveLength(1 + 3);
    expect(await n(spotChecks)).toBe(0);
  });

  it('with --partial imports the good rows and writes the bad ones to a rejects file', async () => {
    const { code, stderr } = await run('import', ['--type', 'spot-checks', '--partial', '--report-dir', dir, fixture('spot-checks-bad-rows.csv')]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/3 row\(s\) rejected/);
    expect(await n(spotChecks)).toBe(8);
    const rejects = await fs.readFile(path.join(dir, 'spot-checks-bad-rows.csv.rejects.csv'), 'utf8');
    expect(rejects.split('\r\n').filter(Boolean)).toHaveLength(1 + 3);
  });

  it('imports a real unqualified list as published; --json keeps created/corrected/unchanged and adds warnings', async () => {
    const file = fixture('real/spot-checks/02-samr-2024-fuel-additives.orig.csv');
    const args = ['--type', 'spot-checks', '--authority', '国家市场监督管理总局', '--published-at', '2025-04-07', '--report-dir', dir, '--json', file];
    const { code, stdout } = await run('import', args);
    expect(code).toBe(0);
    const report = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ status: 'succeeded', rows: 5, created: 5, corrected: 0, unchanged: 0, warningCount: 1 });
    expect(report.warnings[0].reason).toMatch(/result was inferred/);
    expect(report.tables[0].unmapped).toEqual(['序号']);
    // The original bytes are archived under DATA_DIR/sources by their SHA-256.
    expect((await fs.stat(path.join(dir, 'sources', report.fileSha256.slice(0, 2), `${report.fileSha256}.csv`))).size).toBeGreaterThan(0);
    const again = JSON.parse((await run('import', args)).stdout.trim().split('\n').at(-1)!);
    expect(again).toMatchObject({ created: 0, corrected: 0, unchanged: 5 });
  });

  it('refuses a PDF with one line that says how to convert it', async () => {
    const { code, stderr } = await run('import', ['--type', 'spot-checks', fixture('readers/results.pdf')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/PDF cannot be imported.*original spreadsheet/);
  });

  it('says how to use it when the command line is wrong (exit 2)', async () => {
    const { code, stderr } = await run('import', ['--type', 'recalls', 'x.csv']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--type must be one of/);
    expect((await run('import', ['--bogus'])).code).toBe(2);
  });

  it('killed midway and run again, leaves exactly one copy of every row and no orphan outbox rows', async () => {
    const { files } = await generateSampleData({ outDir: path.join(dir, 'big'), seed: 11, spotChecks: 30_000, penalties: 0, licenseRevocations: 0 });
    const big = files.find((f) => f.type === 'spot-checks')!;
    const before = { records: await n(spotChecks), outbox: await n(searchOutbox) };
    const killed = await run('import', ['--type', 'spot-checks', big.path], { killAfterMs: 4000 });
    expect(killed.code).toBeNull();
    expect(await n(spotChecks)).toBe(before.records);
    expect(await n(searchOutbox)).toBe(before.outbox);

    const again = await run('import', ['--type', 'spot-checks', big.path]);
    expect(again.code, again.stderr).toBe(0);
    expect(await n(spotChecks)).toBe(before.records + big.rows);
    expect(await n(searchOutbox)).toBeGreaterThan(before.outbox + big.rows - 1);
    const third = await run('import', ['--type', 'spot-checks', big.path]);
    expect(third.stdout).toMatch(new RegExp(`0 new, 0 corrected, ${big.rows} unchanged`));
    expect(await n(spotChecks)).toBe(before.records + big.rows);
  });
});

describe('npm run withdraw / restore / audit / expire', () => {
  it('withdraws by id with a reason, restores, and prints the audited history', async () => {
    const [record] = await db.db.select({ id: spotChecks.id }).from(spotChecks).limit(1);
    expect((await run('withdraw', [record!.id])).code).toBe(2);
    const w = await run('withdraw', [record!.id, '--reason', '信用修复 credit repair', '--operator', 'inspector-li']);
    expect(w.code, w.stderr).toBe(0);
    expect(w.stdout).toMatch(/withdrawn/);
    expect((await run('withdraw', [record!.id, '--reason', 'again'])).code).toBe(1);
    expect((await run('restore', [record!.id])).code).toBe(0);
    const audit = await run('audit', [record!.id]);
    expect(audit.stdout).toMatch(/create .*via import #\d+/);
    expect(audit.stdout).toMatch(/withdraw .*by inspector-li via withdraw .*reason: 信用修复 credit repair/);
    expect(audit.stdout).toMatch(/restore/);
    expect((await run('audit', ['no-such-record'])).code).toBe(1);
  });

  it('expires, within the import, penalties whose disclosure period has already ended', async () => {
    const file = path.join(dir, 'pen.csv');
    await fs.writeFile(file, '行政处罚决定书文号,当事人名称,处罚内容,处罚决定日期,处罚机关,公示截止日期\r\n测罚〔2020〕1号,某某食品有限公司,警告,2020-01-01,测试市场监督管理局,2021-01-01\r\n');
    // Already past its disclosure period when imported: expired in the import's own transaction,
    // so it is never published, not even until the next hourly expiry.
    const imported = await run('import', ['--type', 'penalties', file]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/1 penalty imported as expired: their disclosure period had already ended/);
    const [record] = await db.db.select({ id: penalties.id, status: penalties.status }).from(penalties).where(eq(penalties.decisionNo, '测罚〔2020〕1号'));
    expect(record?.status).toBe('expired');
    const history = await run('audit', [record!.id]);
    expect(history.stdout, history.stderr).toMatch(/create[\s\S]*expire/);
    expect((await run('expire', [])).stdout).toMatch(/0 penalties expired/);
  });
});
