import fs from 'node:fs/promises';
import path from 'node:path';
import { sleep } from '../../../runtime/ports.ts';
import { runTool } from './commands.ts';

const HEADERS = '公告编号,发布机关,发布日期,抽查级别,产品名称,标称生产企业名称,标称生产企业地址,统一社会信用代码,被抽样单位名称,商标,规格型号,生产日期/批号,抽查结果,不合格项目,承检机构,备注';

/** The announcement number of import `n`: every record of the fleet's imports carries one. */
export const fleetAnnouncement = (n: number) => `舰队测试〔2026〕${n}号`;
/** A LIKE pattern that matches every announcement number of the fleet's imports, and only those. */
export const FLEET_ANNOUNCEMENTS = '舰队测试〔2026〕%';

/** A spot-check list of `rows` rows, each its own record (its own product, model and batch). */
export function fleetCsv(n: number, rows: number): string {
  const lines = Array.from({ length: rows }, (_, i) => {
    const failedCheck = i % 5 === 0;
    return [
      fleetAnnouncement(n), '测试省市场监督管理局', `2026/1/${1 + (n % 28)}`, '省级', `舰队测试产品${n}-${i}`,
      `舰队测试企业${i % 10}有限公司`, '测试省测试市测试路1号', '', '测试省测试商店', `舰队${i % 7}`, `F-${n}-${i}`, `B${n}-${i}`,
      failedCheck ? '不合格' : '合格', failedCheck ? '标识' : '', '测试省产品质量检验研究院', '',
    ].join(',');
  });
  return `\uFEFF${HEADERS}\r\n${lines.join('\r\n')}\r\n`;
}

export interface ImportRun {
  n: number;
  rows: number;
  code: number | null;
  /** The import's own report (`--json`): how many rows it created, corrected, left unchanged. */
  report?: { status: string; rows: number; created: number; corrected: number; unchanged: number };
  output: string;
  at: number;
  end: number;
}

/**
 * `npm run import` of one small generated file after another, until stopped: an import is always
 * running (or about to) while the test kills members. Each file is new records only.
 */
export function startImports(dir: string, env: Record<string, string>, { rows = 40, pauseMs = 500 } = {}) {
  const runs: ImportRun[] = [];
  let running = true;
  let importing = false;
  const loop = (async () => {
    await fs.mkdir(dir, { recursive: true });
    for (let n = 1; running; n++) {
      const file = path.join(dir, `fleet-${n}.csv`);
      await fs.writeFile(file, fleetCsv(n, rows));
      const at = Date.now();
      importing = true;
      const done = await runTool('cli/import.ts', ['--type', 'spot-checks', '--json', file], env).done.finally(() => (importing = false));
      const line = done.stdout.split('\n').find((l) => l.startsWith('{'));
      runs.push({ n, rows, code: done.code, report: line ? JSON.parse(line) : undefined, output: done.stdout + done.stderr, at, end: Date.now() });
      await sleep(pauseMs);
    }
  })().catch((error: Error) => {
    // Kept as a failed run: the test reports it instead of an unhandled rejection.
    runs.push({ n: runs.length + 1, rows, code: null, output: `the import loop failed: ${error.message}`, at: Date.now(), end: Date.now() });
  });
  return {
    runs,
    /** True while an import command runs. */
    busy: () => importing,
    async stop(): Promise<ImportRun[]> {
      running = false;
      await loop;
      return runs;
    },
  };
}
