import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runCommand, UsageError } from '../runtime/command.ts';
import { importFile, type ImportResult } from '../ingest/import-file.ts';
import { ImportProgress } from '../ingest/progress.ts';
import { portalStorage } from '../storage/from-env.ts';
import { expireDisclosures, expiredCount } from '../ops/lifecycle/status.ts';
import { RECORD_TYPES, TYPES, typeNamed, type RecordType } from '../types/registry.ts';

const USAGE = `Usage: npm run import -- --type <${RECORD_TYPES.join('|')}> [options] FILE...
  FILE: .csv (UTF-8 or GB18030), .xlsx, .xls, .docx, .html/.htm (a saved announcement page), .json/.jsonl (API answers), .md (typical cases)
  Announcement-level values (used where the file has no such column):
    --authority TEXT  --announcement-no TEXT  --announcement-title TEXT  --published-at DATE
    --source-url URL  --level national|provincial|municipal|county  --category SLUG|NAME  --campaign SLUG
  Spot-check lists:
    --result 合格|不合格        the list's result when it has no result column (an unqualified-products list)
    --unqualified-items TEXT   the failed items, when the announcement names them once for all unqualified rows
    --batches-tested N  --batches-failed N   the totals the announcement prints (共抽查N批次，不合格M批次)
  Foreign alerts (--type ${TYPES.filter((t) => t.import.sources).map((t) => t.name).join('|')}):
    --source ${TYPES.flatMap((t) => t.import.sources?.ids ?? []).join('|')}   the publisher, when the file's headers do not show it
  --operator NAME     who is importing (default: your user name)
  --dry-run           only validate; write nothing
  --partial           import the good rows; write the bad ones to FILE.rejects.csv
  --report-dir DIR    where FILE.errors.csv (and FILE.rejects.csv) go (default: next to FILE)
  --json              print one JSON line per file (the result, with its first problems) instead of text
Exit codes: 0 imported, 1 a file was rejected (nothing from it was written), 2 usage error.`;

let parsed: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
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
      'source-url': { type: 'string' },
      source: { type: 'string' },
      result: { type: 'string' },
      'unqualified-items': { type: 'string' },
      'batches-tested': { type: 'string' },
      'batches-failed': { type: 'string' },
      operator: { type: 'string' },
      'report-dir': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      partial: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
}
try {
  parsed = parse();
} catch (error) {
  console.error(`${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}

/**
 * `npm run import`: validates and imports files, all-or-nothing per file unless --partial.
 * Works with or without a running portal; search catches up from the outbox.
 */
await runCommand(USAGE, async ({ handle, dataDir }) => {
  const { values: o, positionals: files } = parsed;
  if (!o.type || !RECORD_TYPES.includes(o.type as RecordType)) throw new UsageError(`--type must be one of: ${RECORD_TYPES.join(', ')}`);
  if (files.length === 0) throw new UsageError('Give at least one file to import.');
  const sources = typeNamed(o.type as RecordType).import.sources;
  if (o.source !== undefined && !sources?.ids.includes(o.source)) {
    throw new UsageError(sources ? `--source must be one of: ${sources.ids.join(', ')}` : `--source is for types read in several publishers' shapes (${TYPES.filter((t) => t.import.sources).map((t) => t.name).join(', ')})`);
  }
  if (o['dry-run'] && o.partial) throw new UsageError('--dry-run and --partial do not go together.');
  if (o.result !== undefined && !['合格', '不合格', 'qualified', 'unqualified', 'pass', 'fail'].includes(o.result)) throw new UsageError('--result must be 合格 or 不合格');
  const count = (name: 'batches-tested' | 'batches-failed') => {
    const value = o[name];
    if (value === undefined) return undefined;
    if (!/^\d{1,9}$/.test(value)) throw new UsageError(`--${name} must be a whole number, e.g. 200`);
    return Number(value);
  };
  const batchesTested = count('batches-tested');
  const batchesFailed = count('batches-failed');
  if (batchesTested !== undefined && batchesFailed !== undefined && batchesFailed > batchesTested) throw new UsageError('--batches-failed cannot be more than --batches-tested');
  let failed = false;
  for (const file of files) {
    const where = path.resolve(o['report-dir'] ?? path.dirname(file));
    await fs.mkdir(where, { recursive: true });
    const base = path.join(where, path.basename(file));
    const progress = new ImportProgress(path.basename(file));
    const operator = o.operator ?? os.userInfo().username;
    let expired: string[] = [];
    const result = await importFile(handle, path.resolve(file), {
      type: o.type as RecordType,
      operator,
      dryRun: o['dry-run'],
      partial: o.partial,
      reportPath: `${base}.errors.csv`,
      rejectsPath: `${base}.rejects.csv`,
      onProgress: (p) => progress.update(p),
      beforeCommit: async (tx) => {
        expired = await expireDisclosures(tx, operator);
      },
      authority: o.authority,
      announcementNo: o['announcement-no'],
      announcementTitle: o['announcement-title'],
      publishedAt: o['published-at'],
      level: o.level,
      category: o.category,
      campaign: o.campaign,
      sourceUrl: o['source-url'],
      source: o.source,
      result: o.result,
      unqualifiedItems: o['unqualified-items'],
      batchesTested,
      batchesFailed,
      archive: portalStorage(),
    }).finally(() => progress.done());
    failed ||= result.status === 'rejected';
    if (o.json) console.log(JSON.stringify({ ...result, archived: result.archived?.location, errors: result.errors.slice(0, 20), warnings: result.warnings.slice(0, 50) }));
    else printResult(file, result, base, o['dry-run']);
    if (expired.length && !o.json && result.status === 'succeeded') console.log(`  ${expiredCount(expired.length)} imported as expired: their disclosure period had already ended, so they are not published`);
  }
  return failed ? 1 : 0;
});

function printResult(file: string, r: ImportResult, base: string, dryRun: boolean) {
  const counts = `${r.rows} rows: ${r.created} new, ${r.corrected} corrected, ${r.unchanged} unchanged`;
  for (const t of r.tables) {
    const where = t.sheet ? `  sheet "${t.sheet}", header` : '  header';
    console.log(`${where} in row ${t.headerRow}; columns: ${Object.entries(t.mapped).map(([h, f]) => `${h} → ${f}`).join(', ') || '(none mapped)'}`);
    if (t.unmapped.length) console.log(`    kept unmapped (stored with each record as published): ${t.unmapped.join(', ')}`);
    if (t.result) console.log(`    result: ${t.result}`);
  }
  for (const a of r.announcements.filter((x) => x.batchesTested !== null)) {
    console.log(`  announcement ${a.number ?? a.title ?? a.id}: ${a.batchesTested} batches tested, ${a.batchesFailed ?? '?'} failed (as published)`);
  }
  if (r.warningCount) {
    console.warn(`  ${r.warningCount} warning(s):`);
    for (const w of r.warnings) console.warn(`    ${w.row !== undefined ? `row ${w.row}${w.sheet ? ` (${w.sheet})` : ''}, ` : ''}${w.column}: ${w.reason}${w.value ? ` (value: ${JSON.stringify(w.value)})` : ''}`);
    if (r.warningCount > r.warnings.length) console.warn(`    … and ${r.warningCount - r.warnings.length} more in ${base}.errors.csv`);
  }
  if (r.status === 'succeeded' && r.rejected === 0) {
    console.log(dryRun ? `${file}: valid, ${r.rows} rows (nothing written: --dry-run)` : `${file}: imported (#${r.importId}), ${counts}, in ${r.durationMs} ms`);
    return;
  }
  const print = r.status === 'rejected' ? console.error : console.warn;
  print(r.status === 'rejected'
    ? `${file}: REJECTED, nothing from this file was written. ${r.errorCount} problem(s) in ${r.rejected} row(s):`
    : `${file}: imported (#${r.importId}) ${counts}; ${r.rejected} row(s) rejected, written to ${base}.rejects.csv:`);
  for (const e of r.errors) print(`  row ${e.row}${e.sheet ? ` (${e.sheet})` : ''}, column ${e.column}: ${e.reason}${e.value ? ` (value: ${JSON.stringify(e.value)})` : ''}`);
  if (r.errorCount > r.errors.length) print(`  … and ${r.errorCount - r.errors.length} more`);
  print(`  The full report is in ${base}.errors.csv`);
}
