/**
 * Fictional sample dataset for the portal: spot checks, penalties and licence actions as the
 * CSV files publishers upload (UTF-8 with BOM, CRLF, RFC 4180, Chinese headers), plus
 * enterprises.json with English names, brands and aliases. Fully deterministic per seed.
 */
import { copyFile, mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvRows } from './csv.ts';
import { buildEnterprises, DEFAULT_ENTERPRISES, toEntry, type EnterpriseEntry } from './enterprises.ts';
import { generateLicenseActions, LICENSE_HEADERS } from './licenses.ts';
import { DecisionNumbers, generatePenalties, PENALTY_HEADERS } from './penalties.ts';
import { Rng, deriveSeed } from './prng.ts';
import { generateSpotChecks, SPOT_CHECK_HEADERS } from './spot-checks.ts';
import { generateTypicalCases, type GeneratedCase } from './typical-case-writer.ts';
import { list, readTypicalCases, TYPICAL_CASES_DIR, type TypicalCaseFile } from './typical-cases.ts';

export { SPOT_CHECK_HEADERS, PENALTY_HEADERS, LICENSE_HEADERS };

export const DEFAULT_SEED = 20170101;
export const DEFAULT_SPOT_CHECKS = 3200;
export const DEFAULT_PENALTIES = 240;
export const DEFAULT_LICENSE_REVOCATIONS = 120;
export const DEFAULT_COUNTS = {
  spotChecks: DEFAULT_SPOT_CHECKS,
  penalties: DEFAULT_PENALTIES,
  licenseRevocations: DEFAULT_LICENSE_REVOCATIONS,
} as const;

/**
 * Shares of a national dataset by type (`--records N`): spot checks dominate, a typical case is
 * written for about one penalty in eighty. One enterprise per ten records, as in real registers.
 */
export const RECORD_SHARES = { spotChecks: 0.88, penalties: 0.08, licenseRevocations: 0.039, typicalCases: 0.001 } as const;

export function countsForRecords(records: number): Required<Pick<SampleOptions, 'spotChecks' | 'penalties' | 'licenseRevocations' | 'typicalCases'>> {
  const share = (s: number) => Math.round(records * s);
  return {
    spotChecks: records - share(RECORD_SHARES.penalties) - share(RECORD_SHARES.licenseRevocations) - share(RECORD_SHARES.typicalCases),
    penalties: share(RECORD_SHARES.penalties),
    licenseRevocations: share(RECORD_SHARES.licenseRevocations),
    typicalCases: share(RECORD_SHARES.typicalCases),
  };
}

export type SampleType = 'spot-checks' | 'penalties' | 'license-revocations';

export interface SampleOptions {
  seed?: number;
  spotChecks?: number;
  penalties?: number;
  licenseRevocations?: number;
  /**
   * Typical cases to write as Markdown beside the CSV files: the hand-written ones first, then
   * cases generated from penalties. 0 (the default) writes none; the sample loads content/ itself.
   */
  typicalCases?: number;
  /** Typical cases whose decision numbers become penalty rows (default: content/typical-cases). */
  curatedCases?: readonly TypicalCaseFile[];
}

export interface GenerateOptions extends SampleOptions {
  outDir: string;
}

export interface GeneratedFile {
  type: SampleType | 'typical-cases';
  path: string;
  rows: number;
}

export interface GenerateResult {
  files: GeneratedFile[];
  /** enterprises.json: every enterprise named in the files, with English name, brands, aliases. */
  enterprises: { path: string; rows: number };
}

export interface SampleTable {
  type: SampleType;
  fileName: string;
  headers: readonly string[];
  rows: string[][];
}

export interface SampleData {
  tables: SampleTable[];
  enterprises: EnterpriseEntry[];
  /** Generated typical cases (only when `typicalCases` asks for more than the hand-written ones). */
  cases: GeneratedCase[];
}

function count(name: string, value: number | undefined, fallback: number): number {
  const n = value ?? fallback;
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  return n;
}

/** Build the dataset in memory (no files written). */
export function buildSampleData(opts: SampleOptions = {}): SampleData {
  const seed = count('seed', opts.seed, DEFAULT_SEED);
  const nSpot = count('spotChecks', opts.spotChecks, DEFAULT_SPOT_CHECKS);
  const nPen = count('penalties', opts.penalties, DEFAULT_PENALTIES);
  const nLic = count('licenseRevocations', opts.licenseRevocations, DEFAULT_LICENSE_REVOCATIONS);
  const cases = opts.curatedCases ?? readTypicalCases();
  const nCases = count('typicalCases', opts.typicalCases, 0);

  const pool = Math.max(DEFAULT_ENTERPRISES, Math.round((nSpot + nPen + nLic) / 10));
  const ents = buildEnterprises(new Rng(deriveSeed(seed, 'enterprises')), pool);
  const spot = generateSpotChecks(new Rng(deriveSeed(seed, 'spot-checks')), ents, nSpot);
  const numbers = new DecisionNumbers(new Rng(deriveSeed(seed, 'decision-numbers')));
  for (const c of cases) for (const no of list(c.data.relatedDecisionNos)) numbers.reserve(no);
  const pen = generatePenalties(new Rng(deriveSeed(seed, 'penalties')), ents, spot.failures, cases, nPen, numbers);
  const lic = generateLicenseActions(new Rng(deriveSeed(seed, 'license-revocations')), ents, spot.failures, pen.revocations, nLic, numbers);

  // enterprises.json lists every pool enterprise that a file names (by USCC or by name).
  const named = new Set<string>();
  for (const row of spot.rows) named.add(row[10] || row[8]!);
  for (const row of pen.rows) named.add(row[2] || row[1]!);
  for (const row of lic) named.add(row[2] || row[1]!);
  const enterprises = ents
    .filter((e) => named.has(e.uscc) || named.has(e.name) || (e.formerName !== undefined && named.has(e.formerName)))
    .map(toEntry);

  // Files read like real exports: newest last, by decision date then document number.
  const byDate = (col: number) => (a: string[], b: string[]) =>
    (a[col]! < b[col]! ? -1 : a[col]! > b[col]! ? 1 : 0) || (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0);
  pen.rows.sort(byDate(10));
  lic.sort(byDate(7));

  return {
    tables: [
      { type: 'spot-checks', fileName: 'spot-checks.csv', headers: SPOT_CHECK_HEADERS, rows: spot.rows },
      { type: 'penalties', fileName: 'penalties.csv', headers: PENALTY_HEADERS, rows: pen.rows },
      { type: 'license-revocations', fileName: 'license-revocations.csv', headers: LICENSE_HEADERS, rows: lic },
    ],
    enterprises,
    cases: generateTypicalCases(new Rng(deriveSeed(seed, 'typical-cases')), pen.rows, Math.max(0, nCases - cases.length)),
  };
}

/** Write spot-checks.csv, penalties.csv, license-revocations.csv and enterprises.json to outDir. */
export async function generateSampleData(opts: GenerateOptions): Promise<GenerateResult> {
  const data = buildSampleData(opts);
  await mkdir(opts.outDir, { recursive: true });
  const files: GeneratedFile[] = [];
  for (const t of data.tables) {
    const path = join(opts.outDir, t.fileName);
    // Streamed in chunks: a million rows would not fit in one string.
    const file = await open(path, 'w');
    try {
      for (const chunk of csvRows(t.headers, t.rows)) await file.write(chunk);
    } finally {
      await file.close();
    }
    files.push({ type: t.type, path, rows: t.rows.length });
  }
  if ((opts.typicalCases ?? 0) > 0) {
    const dir = join(opts.outDir, 'typical-cases');
    await mkdir(dir, { recursive: true });
    const curated = opts.curatedCases ?? readTypicalCases();
    for (const c of curated.slice(0, opts.typicalCases)) await copyFile(join(TYPICAL_CASES_DIR, c.file), join(dir, c.file));
    for (const c of data.cases) await writeFile(join(dir, c.fileName), c.text, 'utf8');
    files.push({ type: 'typical-cases', path: dir, rows: Math.min(curated.length, opts.typicalCases ?? 0) + data.cases.length });
  }
  const entPath = join(opts.outDir, 'enterprises.json');
  await writeFile(entPath, `${JSON.stringify(data.enterprises, null, 2)}\n`, 'utf8');
  return { files, enterprises: { path: entPath, rows: data.enterprises.length } };
}
