import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { databaseForCommand } from '../../runtime/services.ts';
import { EnvError, parseEnv } from '../../runtime/env.ts';
import { connect } from '../client.ts';
import { runMigrations } from '../migrate.ts';
import { RECORD_TYPES, type RecordType } from '../schema/common.ts';
import { importFile } from './import-file.ts';

const USAGE = `Usage: npm run import -- --type <${RECORD_TYPES.join('|')}> [options] FILE...
  --authority TEXT  --announcement-no TEXT  --announcement-title TEXT  --published-at DATE
  --level national|provincial|municipal  --category SLUG  --campaign SLUG
  --operator NAME (default: your user name)  --dry-run (validate only)`;

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/**
 * `npm run import`: validates and imports files all-or-nothing per file. Works with or without a
 * running portal (same DATA_DIR or DATABASE_URL); search catches up from the outbox.
 */
async function main() {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        type: { type: 'string' },
        authority: { type: 'string' },
        'announcement-no': { type: 'string' },
        'announcement-title': { type: 'string' },
        'published-at': { type: 'string' },
        level: { type: 'string' },
        category: { type: 'string' },
        campaign: { type: 'string' },
        operator: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    usage((error as Error).message);
  }
  const { values: o, positionals: files } = parsed;
  if (o.help) usage('Imports regulators’ files.');
  if (!o.type || !RECORD_TYPES.includes(o.type as RecordType)) usage(`--type must be one of: ${RECORD_TYPES.join(', ')}`);
  if (files.length === 0) usage('Give at least one file to import.');

  const env = parseEnv();
  const dataDir = path.resolve(env.DATA_DIR);
  const database = await databaseForCommand(env, dataDir);
  const handle = connect(database.url, { max: 2 });
  let failed = false;
  try {
    await runMigrations(handle);
    for (const file of files) {
      const result = await importFile(handle, path.resolve(file), {
        type: o.type as RecordType,
        operator: o.operator ?? os.userInfo().username,
        dryRun: o['dry-run'],
        authority: o.authority,
        announcementNo: o['announcement-no'],
        announcementTitle: o['announcement-title'],
        publishedAt: o['published-at'],
        level: o.level,
        category: o.category,
        campaign: o.campaign,
      });
      if (result.status === 'succeeded') {
        const verb = o['dry-run'] ? 'valid' : 'imported';
        console.log(`${file}: ${verb}, ${result.rows} rows (${result.created} new, ${result.corrected} corrected, ${result.unchanged} unchanged) in ${result.durationMs} ms`);
      } else {
        failed = true;
        console.error(`${file}: rejected, nothing written. ${result.errors.length} problem(s):`);
        for (const e of result.errors) console.error(`  row ${e.row}, column ${e.column}: ${e.reason}${e.value ? ` (value: ${JSON.stringify(e.value)})` : ''}`);
      }
    }
  } finally {
    await handle.close();
    await database.stop();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((error) => {
  console.error(error instanceof EnvError ? error.message : `import failed: ${(error as Error).message}`);
  process.exit(1);
});
