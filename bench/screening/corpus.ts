/**
 * The real corpus of the screening benchmark: every real publication under tests/fixtures/real,
 * imported with only the options a publisher would give (as tests/integration/real-publications
 * does). Its enterprises are the names the labelled set (labelled-names.json) is built from.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { DbHandle } from '../../db/client.ts';
import { enterprises } from '../../db/schema/index.ts';
import { importFile, type ImportOptions } from '../../ingest/import-file.ts';
import { ROOT } from '../lib/portal.ts';

export const REAL_DIR = path.join(ROOT, 'tests/fixtures/real');

type Options = Omit<ImportOptions, 'operator'>;
/** File (under tests/fixtures/real) and the options its publisher's announcement gives. */
export const REAL_FILES: [string, Options][] = [
  ['spot-checks/02-samr-2024-fuel-additives.orig.csv', { type: 'spot-checks', authority: '国家市场监督管理总局', publishedAt: '2025-04-07', result: '不合格' }],
  ['spot-checks/04-shanghai-2023-2025-lubricants.orig.csv', { type: 'spot-checks', authority: '上海市市场监督管理局', category: '润滑油' }],
  ['spot-checks/07-tianjin-hedong-2018-childrens-clothing.orig.csv', { type: 'spot-checks', authority: '天津市河东区市场和质量监督管理局', publishedAt: '2018-11-28', category: '儿童服装' }],
  ['spot-checks/08-xiamen-2021h1-childrens-clothing.orig.csv', { type: 'spot-checks', authority: '厦门市市场监督管理局', publishedAt: '2021-09-16' }],
  ['spot-checks/11-xian-2013-wires.html', { type: 'spot-checks', authority: '西安市质量技术监督局', publishedAt: '2013-08-28', category: '电线电缆' }],
  ['spot-checks/12-wanrong-2023-wires.html', { type: 'spot-checks', authority: '万荣县市场监督管理局', publishedAt: '2023-04-11', category: '电线电缆' }],
  ['spot-checks/13-inner-mongolia-2018-toys.csv', { type: 'spot-checks', authority: '内蒙古自治区工商行政管理局', publishedAt: '2018-11-01', announcementTitle: '内蒙古自治区工商行政管理局2018年流通领域儿童玩具质量抽检不合格商品名单' }],
  ['spot-checks/14-shandong-2020-masks-recheck.csv', { type: 'spot-checks', authority: '山东省市场监督管理局', publishedAt: '2020-09-14' }],
  ['spot-checks/15-chongqing-2020-motorcycles-steel.html', { type: 'spot-checks', authority: '重庆市市场监督管理局', publishedAt: '2021-03-25' }],
  ['spot-checks/16-huainan-2018-childrens-clothing.csv', { type: 'spot-checks', authority: '淮南市市场监督管理局', publishedAt: '2018-11-27', announcementTitle: '2018年淮南市流通领域儿童服装类商品质量抽检结果汇总表' }],
  ['spot-checks/17-shanghai-2018-safety-helmets.html', { type: 'spot-checks', authority: '上海市质量技术监督局', publishedAt: '2018-09-27' }],
  ['spot-checks/18-tianjin-2013-electric-bicycles.html', { type: 'spot-checks', authority: '天津市工商行政管理局', publishedAt: '2013-10-01' }],
  ['penalties/02-decisions-with-date.csv', { type: 'penalties' }],
  ['penalties/21-yecheng-2025-televisions-without-ccc.html', { type: 'penalties' }],
  ['penalties/22-yiyang-ziyang-2021-mosquito-incense.html', { type: 'penalties' }],
  ['penalties/23-tianjin-dongli-2020-masks-forged-maker.html', { type: 'penalties' }],
  ['license-revocations/31-liaoning-2020-revoked-industrial-licences.html', { type: 'license-revocations' }],
  ['typical-cases/2022-leling-tianmao-cable-unqualified-pvc-wire.md', { type: 'typical-cases' }],
  ['typical-cases/41-shandong-2022-wires-yan-case.md', { type: 'typical-cases' }],
  ['typical-cases/42-taizhou-hailing-2023-gas-cooker.md', { type: 'typical-cases' }],
  ['typical-cases/43-taizhou-hailing-2023-lpg-regulator.md', { type: 'typical-cases' }],
  ['typical-cases/44-tianjin-2020-masks-expired-food-batch134.md', { type: 'typical-cases' }],
  ['typical-cases/45-samr-2021-longyan-sanshi-food-licence-revoked.md', { type: 'typical-cases' }],
  ['cross-border-alerts/eu-safety-gate/safety_gate_alerts_222.csv', { type: 'cross-border-alerts' }],
  ['cross-border-alerts/us-cpsc-recalls/cpsc_recalls_merged_unique.json', { type: 'cross-border-alerts' }],
  ['cross-border-alerts/tw-fda-border-rejections/taiwan_tfda_cn_subset.csv', { type: 'cross-border-alerts' }],
];

/** Imports every real file (good rows only: `partial`, as a publisher correcting later would) into `handle`. */
export async function importRealCorpus(handle: DbHandle, workDir: string, log: (line: string) => void = () => {}): Promise<void> {
  mkdirSync(workDir, { recursive: true });
  for (const [file, options] of REAL_FILES) {
    const result = await importFile(handle, path.join(REAL_DIR, file), {
      ...options,
      partial: true,
      operator: 'screening-benchmark',
      archiveDir: path.join(workDir, 'sources'),
      reportPath: path.join(workDir, `${path.basename(file)}.report.csv`),
    } as ImportOptions);
    log(`${file}: ${result.status}, ${result.created} created, ${result.errors.length} errors`);
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
