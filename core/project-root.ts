import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'quality-transparency-portal';

/**
 * The repository's root folder, found by walking up from this module to the package.json of the
 * portal. Not a path relative to the module: the command-line tools also run bundled into
 * dist/cli/ (cli/run.mjs), where a module's own location says nothing about the sources'.
 */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === NAME) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the portal's package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

export const PROJECT_ROOT = findRoot();
