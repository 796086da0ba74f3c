import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { newestMtime as newest } from './sources-mtime.mjs';

// Everything the site's server bundle is built from (the layers under site/).
const SOURCES = ['site', 'api', 'ops', 'search', 'ingest', 'types', 'db', 'core', 'content', 'runtime', 'astro.config.mjs', 'package-lock.json'];

/** Builds the site on first start, and again whenever a source file is newer than the build. */
export async function ensureBuilt(root: string, log: (line: string) => void): Promise<void> {
  const entry = path.join(root, 'dist/server/entry.mjs');
  const built = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  if (built && SOURCES.every((s) => newest(path.join(root, s)) <= built)) return;
  log(built ? 'sources changed since the last build; rebuilding the site' : 'building the site (first start)');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`astro build failed (exit ${code})`))));
    child.on('error', reject);
  });
}
