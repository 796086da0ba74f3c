import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../ingest/import-file.ts';
import { auditLog, enterprises, recordVersions, searchOutbox } from '../../db/schema/index.ts';
import { garbage, latin1, utf16le, zipBombXlsx } from '../hostile/files.ts';
import { freshDatabase } from '../setup/database.ts';
import { ROOT } from '../setup/portal-process.ts';
import { spotChecks } from '../../types/spot-checks/table.ts';
import { penalties } from '../../types/penalties/table.ts';

let db: Awaited<ReturnType<typeof freshDatabase>>;
let dir: string;
const HEADER = '行政处罚决定书文号,当事人名称,统一社会信用代码,违法事实,处罚内容,罚款金额,处罚决定日期,处罚机关';
const ROW = (n: number, facts = '销售不合格电线') => `青岚市监罚〔2024〕${n}号,青岚测试电器有限公司,,${facts},罚款,5000,2024-03-0${(n % 9) + 1},青岚市市场监督管理局`;

/** Rows in every table an import writes: a refused file must leave all of them as they were. */
async function counts() {
  const tables = { penalties, spotChecks, recordVersions, auditLog, searchOutbox, enterprises };
  return Object.fromEntries(await Promise.all(Object.entries(tables).map(async ([name, t]) => [name, (await db.db.select({ n: count() }).from(t))[0]!.n])));
}

async function write(name: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, content);
  return file;
}

/** Imports a file that must be refused: a file-level error or a rejected report, nothing written. */
async function refused(file: string, type: 'penalties' | 'spot-checks' = 'penalties'): Promise<string> {
  const before = await counts();
  let message: string;
  try {
    const result = await importFile(db, file, { type, operator: 'hostile-test' });
    expect(result.status, path.basename(file)).toBe('rejected');
    message = result.errors.map((e) => `row ${e.row}, ${e.column}: ${e.reason}`).join('\n');
  } catch (error) {
    message = (error as Error).message;
    expect((error as Error).constructor.name, message).toBe('FileFormatError');
  }
  expect(await counts(), path.basename(file)).toEqual(before);
  expect(message).not.toMatch(/\n\s+at |node_modules/);
  return message;
}

beforeAll(async () => {
  db = await freshDatabase('hostile_import');
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'hostile-import-'));
  // Something already stored, so "nothing written" is checked against real rows.
  await write('good.csv', `${HEADER}\n${ROW(1)}\n`);
  expect((await importFile(db, path.join(dir, 'good.csv'), { type: 'penalties', operator: 'hostile-test' })).created).toBe(1);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('hostile import files', () => {
  it('a zip-bomb workbook (200 MB of sheet XML in a ~600 KB file) is refused at once, without inflating it', async () => {
    const file = path.join(dir, 'bomb.xlsx');
    const bytes = await zipBombXlsx(file, 200);
    expect(bytes).toBeLessThan(1024 * 1024);
    const heap = process.memoryUsage().heapUsed;
    expect(await refused(file)).toMatch(/bomb\.xlsx: refused: it would inflate \d+-fold to 200 MB/);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(64 * 1024 * 1024);
  });

  it('a zip bomb that lies about its sizes is stopped as soon as it inflates past what it declared', async () => {
    const file = path.join(dir, 'liar.xlsx');
    await zipBombXlsx(file, 200, true);
    expect(await refused(file)).toMatch(/inflates to more than the 4096 bytes it declares/);
  });

  it('malformed CSV: an unterminated or stray quote is a file-level error that says where', async () => {
    expect(await refused(await write('quote.csv', `${HEADER}\n${ROW(2)}\n"青岚市监罚〔2024〕3号,"unterminated,\n${ROW(4)}\n`))).toMatch(/quote\.csv: not valid CSV: .*Quote.*line 3/);
    expect(await refused(await write('stray.csv', `${HEADER}\n${ROW(2)}\nab"c,"d"e\n`))).toMatch(/stray\.csv: not valid CSV: .*line 3/);
  });

  it('ragged rows (cells missing or extra) are row-level errors, and the whole file is rejected', async () => {
    const message = await refused(await write('ragged.csv', `${HEADER}\n${ROW(5)}\n青岚市监罚〔2024〕6号,某公司\n${ROW(7)},extra,cells,here\n`));
    expect(message).toMatch(/row 3, .*is required/);
  });

  it('binary garbage, UTF-16, Latin-1, an XLSX named .csv and a CSV named .xlsx each get a clear error', async () => {
    expect(await refused(await write('garbage.csv', garbage(20_000)))).toMatch(/NUL bytes|is required|not valid CSV/);
    expect(await refused(await write('utf16.csv', utf16le(`${HEADER}\n${ROW(8)}\n`)))).toMatch(/UTF-16/);
    expect(await refused(await write('latin1.csv', latin1('Décision n°,Partie,Fait\nA-1,Société Générale,café\n')))).toMatch(/is required/);
    const xlsx = await fs.readFile(path.join(ROOT, 'tests/fixtures/penalties-wan-yuan.xlsx'));
    expect(await refused(await write('workbook.csv', xlsx))).toMatch(/ZIP package.*\.xlsx/);
    expect(await refused(await write('table.xlsx', `${HEADER}\n${ROW(9)}\n`))).toMatch(/not a ZIP package/);
    expect(await refused(await write('truncated.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2))))).toMatch(/table\.xlsx|truncated\.xlsx/);
  });

  it('a NUL byte inside an otherwise valid CSV is refused for the file, not a database error', async () => {
    expect(await refused(await write('nul.csv', `${HEADER}\n${ROW(10, 'a\u0000b')}\n`))).toMatch(/row 2 contains NUL bytes/);
  });

  it('a 100,000-character cell is a row-level error, not a crash', async () => {
    expect(await refused(await write('long.csv', `${HEADER}\n${ROW(11, 'x'.repeat(100_000))}\n`))).toMatch(/longer than 8000 characters/);
  });

  it('formula-like cells are stored as the text they are, never evaluated', async () => {
    const formulas = ["=cmd|' /C calc'!A0", '+1+1', '-2+3', '@SUM(A1:A9)'];
    const lines = formulas.map((f, i) => `青岚市监罚〔2024〕${20 + i}号,"${f.replace(/"/g, '""')}",,"${f}",罚款,100,2024-04-01,青岚市市场监督管理局`);
    const result = await importFile(db, await write('formulas.csv', `${HEADER}\n${lines.join('\n')}\n`), { type: 'penalties', operator: 'hostile-test' });
    expect(result).toMatchObject({ status: 'succeeded', created: 4 });
    for (const [i, formula] of formulas.entries()) {
      const [row] = await db.db.select().from(penalties).where(eq(penalties.decisionNo, `青岚市监罚〔2024〕${20 + i}号`));
      expect(row?.facts).toBe(formula);
    }
  });

  it('npm run import refuses the zip bomb with one clear line and exit code 1', async () => {
    const file = path.join(dir, 'cli-bomb.xlsx');
    await zipBombXlsx(file, 100);
    const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
      const child = spawn(path.join(ROOT, 'node_modules/.bin/node'), ['cli/run.mjs', 'import', '--type', 'penalties', file], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: db.url, DATA_DIR: dir },
      });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      child.stderr.on('data', (c: Buffer) => (out += c));
      child.on('exit', (code) => resolve({ code, out }));
    });
    expect(run.code).toBe(1);
    expect(run.out).toMatch(/cli-bomb\.xlsx: refused: it would inflate/);
    expect(run.out).not.toMatch(/\n\s+at /);
  });
});
