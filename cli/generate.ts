/**
 * npm run generate -- --out DIR [--records N] [--seed N] [--spot-checks N] [--penalties N] [--license-revocations N] [--typical-cases N]
 * Writes the fictional sample dataset (see content/sample-data/README.md). Usage errors exit 2.
 */
import { parseArgs } from 'node:util';
import { countsForRecords, DEFAULT_COUNTS, DEFAULT_SEED, generateSampleData, RECORD_SHARES } from '../sample/generate.ts';

const USAGE = `usage: npm run generate -- --out DIR [--records N] [--seed N] [--spot-checks N] [--penalties N] [--license-revocations N] [--typical-cases N]
  --out DIR                  directory to write spot-checks.csv, penalties.csv, license-revocations.csv, enterprises.json
                             (and typical-cases/*.md when typical cases are asked for)
  --records N                N records of all four types in realistic shares (${Object.entries(RECORD_SHARES).map(([k, v]) => `${k} ${v * 100} %`).join(', ')});
                             the per-type options below override single counts
  --seed N                   PRNG seed (default ${DEFAULT_SEED}); the same seed gives byte-identical files
  --spot-checks N            spot-check rows (default ${DEFAULT_COUNTS.spotChecks})
  --penalties N              penalty rows (default ${DEFAULT_COUNTS.penalties})
  --license-revocations N    licence action rows (default ${DEFAULT_COUNTS.licenseRevocations})
  --typical-cases N          typical-case Markdown files: the hand-written ones, then generated ones (default 0)`;

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
        'spot-checks': { type: 'string' },
        penalties: { type: 'string' },
        'license-revocations': { type: 'string' },
        'typical-cases': { type: 'string' },
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
    ...defined({
      spotChecks: integer('spot-checks', values['spot-checks'] as string | undefined),
      penalties: integer('penalties', values.penalties as string | undefined),
      licenseRevocations: integer('license-revocations', values['license-revocations'] as string | undefined),
      typicalCases: integer('typical-cases', values['typical-cases'] as string | undefined),
    }),
  });
  for (const f of result.files) process.stdout.write(`${f.type}: ${f.rows} rows → ${f.path}\n`);
  process.stdout.write(`enterprises: ${result.enterprises.rows} → ${result.enterprises.path}\n`);
  process.stdout.write(`done in ${Math.round(performance.now() - started)} ms (fictional sample data)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
