/**
 * npm run generate -- --out DIR [--seed N] [--spot-checks N] [--penalties N] [--license-revocations N]
 * Writes the fictional sample dataset (see content/sample-data/README.md). Usage errors exit 2.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_COUNTS, DEFAULT_SEED, generateSampleData } from './generate.ts';

const USAGE = `usage: npm run generate -- --out DIR [--seed N] [--spot-checks N] [--penalties N] [--license-revocations N]
  --out DIR                  directory to write spot-checks.csv, penalties.csv, license-revocations.csv, enterprises.json
  --seed N                   PRNG seed (default ${DEFAULT_SEED}); the same seed gives byte-identical files
  --spot-checks N            spot-check rows (default ${DEFAULT_COUNTS.spotChecks})
  --penalties N              penalty rows (default ${DEFAULT_COUNTS.penalties})
  --license-revocations N    licence action rows (default ${DEFAULT_COUNTS.licenseRevocations})`;

function usageError(message: string): never {
  process.stderr.write(`generate: ${message}\n${USAGE}\n`);
  process.exit(2);
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,9}$/.test(raw.trim())) usageError(`--${name} must be a non-negative integer, got "${raw}"`);
  return Number(raw.trim());
}

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
  const result = await generateSampleData({
    outDir: out,
    seed: integer('seed', values.seed as string | undefined),
    spotChecks: integer('spot-checks', values['spot-checks'] as string | undefined),
    penalties: integer('penalties', values.penalties as string | undefined),
    licenseRevocations: integer('license-revocations', values['license-revocations'] as string | undefined),
  });
  for (const f of result.files) process.stdout.write(`${f.type}: ${f.rows} rows → ${f.path}\n`);
  process.stdout.write(`enterprises: ${result.enterprises.rows} → ${result.enterprises.path}\n`);
  process.stdout.write(`done in ${Math.round(performance.now() - started)} ms (fictional sample data)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`generate: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
