import path from 'node:path';
import { runCommand } from '../runtime/command.ts';
import { buildDownloads } from '../ops/downloads/build.ts';
import { portalStorage } from '../storage/from-env.ts';

/** `npm run downloads`: rebuilds the bulk files now (the running portal also does after changes). */
await runCommand('Usage: npm run downloads', async ({ dataDir, handle }) => {
  const files = await buildDownloads(handle, portalStorage(), { scratchDir: path.join(dataDir, 'tmp') });
  for (const f of files) console.log(`${f.name}: ${f.records} records, ${f.bytes} bytes, sha256 ${f.sha256}`);
  return 0;
});
