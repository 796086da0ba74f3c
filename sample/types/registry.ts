/**
 * The sample generators of every record type, in the order they run: the one place on this floor
 * that names them all. The fictional world hangs together — penalties follow from failed spot
 * checks, licence actions from both, generated typical cases retell penalties — so this file
 * wires each generator (sample/types/<name>/) to what the earlier ones produced; sample/generate.ts
 * writes whatever they return.
 */
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../core/project-root.ts';
import type { Enterprise } from '../enterprises.ts';
import { Rng, deriveSeed } from '../prng.ts';
import { ALERT_HEADERS, generateCrossBorderAlerts } from './cross-border-alerts/generate.ts';
import { generateLicenseActions, LICENSE_HEADERS } from './license-revocations/generate.ts';
import { generatePenalties, PENALTY_HEADERS } from './penalties/generate.ts';
import { generateSpotChecks, SPOT_CHECK_HEADERS } from './spot-checks/generate.ts';
import { list, readTypicalCases, type TypicalCaseFile } from '../curated-cases.ts';
import { DecisionNumbers } from '../links.ts';
import { generateTypicalCases, type GeneratedCase } from './typical-cases/writer.ts';

/**
 * Each type's count option (`--spot-checks N`, `{ spotChecks: N }`), whether it is a table (a CSV
 * file; the enterprise pool scales with those rows), its default and its share of `--records N`.
 */
export const SAMPLE_TYPES = [
  { type: 'spot-checks', option: 'spotChecks', table: true, defaultCount: 3200, share: 0.8795, what: 'spot-check rows' },
  { type: 'penalties', option: 'penalties', table: true, defaultCount: 240, share: 0.08, what: 'penalty rows' },
  { type: 'license-revocations', option: 'licenseRevocations', table: true, defaultCount: 120, share: 0.039, what: 'licence action rows' },
  // Markdown files: the hand-written ones of content/ first, then ones generated from penalties.
  { type: 'typical-cases', option: 'typicalCases', table: false, defaultCount: 0, share: 0.001, what: 'typical-case Markdown files: the hand-written ones, then generated ones' },
  // Foreign recalls of products the spot checks' manufacturers make (fictional, in the CPSC shape).
  { type: 'cross-border-alerts', option: 'crossBorderAlerts', table: true, defaultCount: 40, share: 0.0005, what: 'cross-border alert rows (fictional US recalls)' },
] as const;

export type CountOption = (typeof SAMPLE_TYPES)[number]['option'];
export type SampleType = (typeof SAMPLE_TYPES)[number]['type'];
export type { GeneratedCase, TypicalCaseFile };

/** A generated import file's rows, with the enterprise each row names (USCC, or name without one). */
export interface SampleTable {
  type: SampleType;
  fileName: string;
  headers: readonly string[];
  rows: string[][];
}

export interface SampleTables {
  tables: SampleTable[];
  /** USCCs or names of the enterprises the tables name (enterprises.json lists those). */
  named: Set<string>;
  /** Generated typical cases (only when more are asked for than content/ holds). */
  cases: GeneratedCase[];
}

/** Runs every generator over one enterprise pool, each on its own random stream of the seed. */
export function buildTables(seed: number, ents: readonly Enterprise[], counts: Record<CountOption, number>, curated: readonly TypicalCaseFile[]): SampleTables {
  const rng = (stream: string) => new Rng(deriveSeed(seed, stream));
  const spot = generateSpotChecks(rng('spot-checks'), ents, counts.spotChecks);
  const numbers = new DecisionNumbers(rng('decision-numbers'));
  for (const c of curated) for (const no of list(c.data.relatedDecisionNos)) numbers.reserve(no);
  const pen = generatePenalties(rng('penalties'), ents, spot.failures, curated, counts.penalties, numbers);
  const lic = generateLicenseActions(rng('license-revocations'), ents, spot.failures, pen.revocations, counts.licenseRevocations, numbers);
  const alerts = generateCrossBorderAlerts(rng('cross-border-alerts'), ents, new Set(spot.rows.map((row) => row[10]!)), counts.crossBorderAlerts);

  const named = new Set<string>();
  for (const row of spot.rows) named.add(row[10] || row[8]!);
  for (const row of [...pen.rows, ...lic]) named.add(row[2] || row[1]!);

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
      { type: 'cross-border-alerts', fileName: 'cross-border-alerts.csv', headers: ALERT_HEADERS, rows: alerts },
    ],
    named,
    cases: generateTypicalCases(rng('typical-cases'), pen.rows, Math.max(0, counts.typicalCases - curated.length)),
  };
}

/** The hand-written typical cases, which every sample dataset cites. */
export const TYPICAL_CASES_DIR = join(PROJECT_ROOT, 'content/typical-cases');
export const curatedCases = (): TypicalCaseFile[] => readTypicalCases(TYPICAL_CASES_DIR);

/**
 * Writes the typical cases asked for into outDir/typical-cases/: the hand-written ones, then the
 * generated ones. Returns the folder as one import file, or nothing when none were asked for.
 */
export async function writeCaseFiles(outDir: string, count: number, curated: readonly TypicalCaseFile[], generated: GeneratedCase[]) {
  if (count <= 0) return undefined;
  const dir = join(outDir, 'typical-cases');
  await mkdir(dir, { recursive: true });
  for (const c of curated.slice(0, count)) await copyFile(join(TYPICAL_CASES_DIR, c.file), join(dir, c.file));
  for (const c of generated) await writeFile(join(dir, c.fileName), c.text, 'utf8');
  return { type: 'typical-cases' as const, path: dir, rows: Math.min(curated.length, count) + generated.length };
}

/** Files the sample loads as they are, beside what it generates: the hand-written typical cases. */
export const BUNDLED_FILES: { type: SampleType; dir: string; extension: string }[] = [{ type: 'typical-cases', dir: TYPICAL_CASES_DIR, extension: '.md' }];
