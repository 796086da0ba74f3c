/**
 * The real corpus of the screening benchmark: every real publication under tests/fixtures/real,
 * imported with only the options a publisher would give (as tests/integration/real-publications
 * does). Its enterprises are the names the labelled set (labelled-names.json) is built from.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.ts';
import { enterprises } from '../../db/schema/index.ts';
import { importFile, type ImportOptions } from '../../ingest/import-file.ts';
import { directoryStorage } from '../../storage/directory.ts';
import { ROOT } from '../lib/portal.ts';

export const REAL_DIR = path.join(ROOT, 'tests/fixtures/real');

type Options = Omit<ImportOptions, 'operator' | 'type'>;
/**
 * What each file's announcement gives (the options of real-publications.test.ts), by file name;
 * the record type is the folder's name. Files not named here are imported without options.
 */
const OPTIONS: Record<string, Options> = {
  '02-samr-2024-fuel-additives.orig.csv': { authority: '国家市场监督管理总局', publishedAt: '2025-04-07', result: '不合格' },
  '04-shanghai-2023-2025-lubricants.orig.csv': { authority: '上海市市场监督管理局', category: '润滑油' },
  '07-tianjin-hedong-2018-childrens-clothing.orig.csv': { authority: '天津市河东区市场和质量监督管理局', publishedAt: '2018-11-28', category: '儿童服装' },
  '08-xiamen-2021h1-childrens-clothing.orig.csv': { authority: '厦门市市场监督管理局', publishedAt: '2021-09-16' },
  '11-xian-2013-wires.html': { authority: '西安市质量技术监督局', publishedAt: '2013-08-28', category: '电线电缆' },
  '12-wanrong-2023-wires.html': { authority: '万荣县市场监督管理局', publishedAt: '2023-04-11', category: '电线电缆' },
  '13-inner-mongolia-2018-toys.csv': { authority: '内蒙古自治区工商行政管理局', publishedAt: '2018-11-01', announcementTitle: '内蒙古自治区工商行政管理局2018年流通领域儿童玩具质量抽检不合格商品名单' },
  '14-shandong-2020-masks-recheck.csv': { authority: '山东省市场监督管理局', publishedAt: '2020-09-14' },
  '15-chongqing-2020-motorcycles-steel.html': { authority: '重庆市市场监督管理局', publishedAt: '2021-03-25' },
  '16-huainan-2018-childrens-clothing.csv': { authority: '淮南市市场监督管理局', publishedAt: '2018-11-27', announcementTitle: '2018年淮南市流通领域儿童服装类商品质量抽检结果汇总表' },
  '17-shanghai-2018-safety-helmets.html': { authority: '上海市质量技术监督局', publishedAt: '2018-09-27' },
  '18-tianjin-2013-electric-bicycles.html': { authority: '天津市工商行政管理局', publishedAt: '2013-10-01' },
  '19-tianjin-binhai-2023-ebikes-auto-parts.html': { authority: '天津市滨海新区市场监督管理局', publishedAt: '2023-10-19' },
};
/** Notes beside the data (sources, expected counts, search notes) and the GB18030 copy of a file already imported. */
const NOT_DATA = /(?:\.txt|\.gb18030\.csv|^SOURCES\.md|^expected\.json|^DOMESTIC-MATCH-SEARCH\.md)$/;

/** Every data file under tests/fixtures/real, as [record type (its top folder), path], in a fixed order. */
export function realFiles(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (type: string, dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(type, full);
      else if (!NOT_DATA.test(entry.name)) out.push([type, full]);
    }
  };
  for (const entry of readdirSync(REAL_DIR, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) if (entry.isDirectory()) walk(entry.name, path.join(REAL_DIR, entry.name));
  return out;
}

/** Imports every real file (good rows only: `partial`, as a publisher correcting later would) into `handle`. */
export async function importRealCorpus(handle: DbHandle, workDir: string, log: (line: string) => void = () => {}): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  for (const [type, file] of realFiles()) {
    const result = await importFile(handle, file, {
      ...OPTIONS[path.basename(file)],
      type,
      partial: true,
      operator: 'screening-benchmark',
      archive: directoryStorage(workDir),
      reportPath: path.join(workDir, `${path.basename(file)}.report.csv`),
    } as ImportOptions);
    log(`${path.relative(REAL_DIR, file)}: ${result.status}, ${result.created} created, ${result.errors.length} errors`);
  }
}

export interface CorpusEnterprise { name: string; uscc: string | null; englishName: string | null; aliases: string[] }

/** The enterprises (not individuals) the corpus names, by name. */
export async function corpusEnterprises(handle: DbHandle): Promise<CorpusEnterprise[]> {
  return handle.db
    .select({ name: enterprises.name, uscc: enterprises.uscc, englishName: enterprises.englishName, aliases: enterprises.aliases })
    .from(enterprises)
    .where(and(eq(enterprises.kind, 'enterprise')))
    .orderBy(enterprises.name);
}
