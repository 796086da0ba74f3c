import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Newest modification time under `p` (a file or a folder), ignoring dot-folders: whether a build
 * (the site's, runtime/build.ts; the command-line tools', cli/run.mjs) is older than its sources.
 * Plain JavaScript so that cli/run.mjs can use it before anything is compiled.
 */
export function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const stat = statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = 0;
  for (const entry of readdirSync(p)) if (!entry.startsWith('.')) max = Math.max(max, newestMtime(path.join(p, entry)));
  return max;
}
