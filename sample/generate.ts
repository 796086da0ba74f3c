/**
 * Fictional sample dataset for the portal: each type's rows as the files publishers upload
 * (CSV: UTF-8 with BOM, CRLF, RFC 4180, Chinese headers; typical cases as Markdown), plus
 * enterprises.json with English names, brands and aliases. Fully deterministic per seed. The
 * generators of the types are in sample/types/ (its registry runs them).
 */
import { mkdir, open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { csvRows } from './csv.ts';
import { buildEnterprises, DEFAULT_ENTERPRISES, toEntry, type EnterpriseEntry } from './enterprises.ts';
import { Rng, deriveSeed } from './prng.ts';
import {
  buildTables, curatedCases, SAMPLE_TYPES, writeCaseFiles, type CountOption, type GeneratedCase, type SampleTable, type SampleType, type TypicalCaseFile,
} from './types/registry.ts';

export type { SampleTable, SampleType, CountOption };

export const DEFAULT_SEED = 20170101;
/** The rows each table gets by default. */
export const DEFAULT_COUNTS = Object.fromEntries(SAMPLE_TYPES.filter((t) => t.table).map((t) => [t.option, t.defaultCount])) as Partial<Record<CountOption, number>>;

/**
 * Shares of a national dataset by type (`--records N`): spot checks dominate, a typical case is
 * written for about one penalty in eighty. One enterprise per ten records, as in real registers.
 */
export const RECORD_SHARES = Object.fromEntries(SAMPLE_TYPES.map((t) => [t.option, t.share])) as Record<CountOption, number>;

/** N records split by the shares; the first type takes what rounding leaves, so they sum to N. */
export function countsForRecords(records: number): Record<CountOption, number> {
  const [first, ...rest] = SAMPLE_TYPES;
  const counts = Object.fromEntries(rest.map((t) => [t.option, Math.round(records * t.share)])) as Record<CountOption, number>;
  counts[first.option] = records - rest.reduce((sum, t) => sum + counts[t.option], 0);
  return Object.fromEntries(SAMPLE_TYPES.map((t) => [t.option, counts[t.option]])) as Record<CountOption, number>;
}

export type SampleOptions = Partial<Record<CountOption, number>> & {
  seed?: number;
  /** Typical cases whose decision numbers become penalty rows (default: content/typical-cases). */
  curatedCases?: readonly TypicalCaseFile[];
};

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
  const counts = Object.fromEntries(SAMPLE_TYPES.map((t) => [t.option, count(t.option, opts[t.option], t.defaultCount)])) as Record<CountOption, number>;
  const rows = SAMPLE_TYPES.filter((t) => t.table).reduce((sum, t) => sum + counts[t.option], 0);
  const pool = Math.max(DEFAULT_ENTERPRISES, Math.round(rows / 10));
  const ents = buildEnterprises(new Rng(deriveSeed(seed, 'enterprises')), pool);
  const { tables, named, cases } = buildTables(seed, ents, counts, opts.curatedCases ?? curatedCases());
  // enterprises.json lists every pool enterprise that a file names (by USCC or by name).
  const enterprises = ents
    .filter((e) => named.has(e.uscc) || named.has(e.name) || (e.formerName !== undefined && named.has(e.formerName)))
    .map(toEntry);
  return { tables, enterprises, cases };
}

/** Write each type's file (spot-checks.csv…), the typical cases asked for, and enterprises.json to outDir. */
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
  const cases = await writeCaseFiles(opts.outDir, opts.typicalCases ?? 0, opts.curatedCases ?? curatedCases(), data.cases);
  if (cases) files.push(cases);
  const entPath = join(opts.outDir, 'enterprises.json');
  await writeFile(entPath, `${JSON.stringify(data.enterprises, null, 2)}\n`, 'utf8');
  return { files, enterprises: { path: entPath, rows: data.enterprises.length } };
}
