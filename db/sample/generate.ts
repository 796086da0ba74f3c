/**
 * Fictional sample dataset for the portal: spot checks, penalties and licence actions as the
 * CSV files publishers upload (UTF-8 with BOM, CRLF, RFC 4180, Chinese headers), plus
 * enterprises.json with English names, brands and aliases. Fully deterministic per seed.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toCsv } from './csv.ts';
import { buildEnterprises, toEntry, type EnterpriseEntry } from './enterprises.ts';
import { generateLicenseActions, LICENSE_HEADERS } from './licenses.ts';
import { DecisionNumbers, generatePenalties, PENALTY_HEADERS } from './penalties.ts';
import { Rng, deriveSeed } from './prng.ts';
import { generateSpotChecks, SPOT_CHECK_HEADERS } from './spot-checks.ts';
import { list, readTypicalCases, type TypicalCaseFile } from './typical-cases.ts';

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

export type SampleType = 'spot-checks' | 'penalties' | 'license-revocations';

export interface SampleOptions {
  seed?: number;
  spotChecks?: number;
  penalties?: number;
  licenseRevocations?: number;
  /** Typical cases whose decision numbers become penalty rows (default: content/typical-cases). */
  typicalCases?: readonly TypicalCaseFile[];
}

export interface GenerateOptions extends SampleOptions {
  outDir: string;
}

export interface GeneratedFile {
  type: SampleType;
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
  const cases = opts.typicalCases ?? readTypicalCases();

  const ents = buildEnterprises(new Rng(deriveSeed(seed, 'enterprises')));
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
  };
}

/** Write spot-checks.csv, penalties.csv, license-revocations.csv and enterprises.json to outDir. */
export async function generateSampleData(opts: GenerateOptions): Promise<GenerateResult> {
  const data = buildSampleData(opts);
  await mkdir(opts.outDir, { recursive: true });
  const files: GeneratedFile[] = [];
  for (const t of data.tables) {
    const path = join(opts.outDir, t.fileName);
    await writeFile(path, toCsv(t.headers, t.rows), 'utf8');
    files.push({ type: t.type, path, rows: t.rows.length });
  }
  const entPath = join(opts.outDir, 'enterprises.json');
  await writeFile(entPath, `${JSON.stringify(data.enterprises, null, 2)}\n`, 'utf8');
  return { files, enterprises: { path: entPath, rows: data.enterprises.length } };
}
