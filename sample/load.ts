import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import type { DbHandle } from '../db/client.ts';
import { importEnterpriseDirectory } from '../ingest/enterprise-directory.ts';
import { importFile } from '../ingest/import-file.ts';
import { imports } from '../db/schema/index.ts';
import { generateSampleData } from './generate.ts';
import { BUNDLED_FILES } from './types/registry.ts';

/**
 * Loads the generated, fictional sample dataset when the database has never imported anything:
 * the generator writes ordinary import files and they go through the same import as real files.
 */
export async function loadSampleDataIfEmpty(handle: DbHandle, outDir: string, log: (line: string) => void): Promise<boolean> {
  const [row] = await handle.db.select({ n: count() }).from(imports);
  if ((row?.n ?? 0) > 0) return false;
  log('empty database: generating and importing the sample data (fictional)');
  await loadSampleData(handle, outDir, log);
  return true;
}

export async function loadSampleData(handle: DbHandle, outDir: string, log: (line: string) => void = () => {}): Promise<void> {
  const { files } = await generateSampleData({ outDir });
  const operator = `sample-data (${os.userInfo().username})`;
  for (const file of files) {
    const result = await importFile(handle, file.path, { type: file.type, operator, isSample: true });
    if (result.status !== 'succeeded') {
      const first = result.errors.slice(0, 5).map((e) => `row ${e.row} ${e.column}: ${e.reason}`).join('; ');
      throw new Error(`sample file ${path.basename(file.path)} was rejected (${result.errors.length} errors: ${first})`);
    }
    log(`imported ${result.created} ${file.type} from ${path.basename(file.path)}`);
  }
  // Files shipped as they are (the hand-written typical cases), one import each.
  for (const { type, dir, extension } of BUNDLED_FILES) {
    const names = (await fs.readdir(dir)).filter((f) => f.endsWith(extension)).sort();
    for (const name of names) {
      const result = await importFile(handle, path.join(dir, name), { type, operator, isSample: true });
      if (result.status !== 'succeeded') {
        throw new Error(`${type} file ${name} was rejected: ${result.errors.map((e) => `${e.column}: ${e.reason}`).join('; ')}`);
      }
    }
    log(`imported ${names.length} ${type}`);
  }
  const directory = path.join(outDir, 'enterprises.json');
  const { updated } = await importEnterpriseDirectory(handle, directory);
  log(`added English names, aliases and brands to ${updated} enterprises`);
}
