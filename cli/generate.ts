/**
 * npm run generate -- --out DIR [--records N] [--seed N] [--<type> N]…
 * Writes the fictional sample dataset (see content/sample-data/README.md). Usage errors exit 2.
 * The per-type options come from the sample registry (sample/types/registry.ts).
 */
import { parseArgs } from 'node:util';
import { countsForRecords, DEFAULT_SEED, generateSampleData, RECORD_SHARES } from '../sample/generate.ts';
import { SAMPLE_TYPES } from '../sample/types/registry.ts';

const typeOptions = SAMPLE_TYPES.map((t) => `  --${t.type} N`.padEnd(29) + `${t.what} (default ${t.defaultCount})`).join('\n');
const USAGE = `usage: npm run generate -- --out DIR [--records N] [--seed N] ${SAMPLE_TYPES.map((t) => `[--${t.type} N]`).join(' ')}
  --out DIR                  directory to write ${SAMPLE_TYPES.filter((t) => t.table).map((t) => `${t.type}.csv`).join(', ')}, enterprises.json
                             (and ${SAMPLE_TYPES.filter((t) => !t.table).map((t) => `${t.type}/`).join(', ')} when asked for)
  --records N                N records of all types in realistic shares (${Object.entries(RECORD_SHARES).map(([k, v]) => `${k} ${v * 100} %`).join(', ')});
                             the per-type options below override single counts
  --seed N                   PRNG seed (default ${DEFAULT_SEED}); the same seed gives byte-identical files
${typeOptions}`;

function usageError(message: string): never {
  process.stderr.write(`generate: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw.trim())) usageError(`--${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw.trim());
}

const defined = <T extends object>(o: T): Partial<T> => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        ...Object.fromEntries(SAMPLE_TYPES.map((t) => [t.type, { type: 'string' as const }])),
        records: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    usageError((err as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const out = values.out;
  if (typeof out !== 'string' || out.trim() === '') usageError('--out DIR is required');
  const started = performance.now();
  const records = integer('records', values.records as string | undefined);
  const shares = records === undefined ? {} : countsForRecords(records);
  const result = await generateSampleData({
    outDir: out,
    seed: integer('seed', values.seed as string | undefined),
    ...shares,
    ...defined(Object.fromEntries(SAMPLE_TYPES.map((t) => [t.option, integer(t.type, values[t.type] as string | undefined)]))),
  });
  for (const f of result.files) process.stdout.write(`${f.type}: ${f.rows} rows → ${f.path}\n`);
  process.stdout.write(`enterprises: ${result.enterprises.rows} → ${result.enterprises.path}\n`);
  process.stdout.write(`done in ${Math.round(performance.now() - started)} ms (fictional sample data)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
