import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapHeaders } from '../../ingest/map-headers.ts';
import { readRows } from '../../ingest/read-table.ts';
import { validateRow } from '../../ingest/validate-row.ts';
import { TYPE_BY_NAME } from '../../types/registry.ts';
import { buildSampleData, countsForRecords, generateSampleData, RECORD_SHARES } from '../../sample/generate.ts';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('generate --records N', () => {
  it('splits N records into the five types by their shares, summing to N', () => {
    for (const n of [0, 1, 999, 1000, 1_000_000]) {
      const c = countsForRecords(n);
      expect(c.spotChecks + c.penalties + c.licenseRevocations + c.typicalCases + c.crossBorderAlerts).toBe(n);
    }
    const million = countsForRecords(1_000_000);
    expect(million).toEqual({
      spotChecks: 1_000_000 * RECORD_SHARES.spotChecks,
      penalties: 80_000,
      licenseRevocations: 39_000,
      typicalCases: 1_000,
      crossBorderAlerts: 500,
    });
  });

  it('scales the enterprise pool with the dataset, so names stay unique and records spread out', () => {
    const d = buildSampleData({ seed: 42, spotChecks: 40_000, penalties: 3000, licenseRevocations: 1000 });
    const makers = new Set(d.tables[0]!.rows.map((r) => r[8]));
    expect(makers.size).toBeGreaterThan(3000);
    const names = d.enterprises.map((e) => e.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('writes typical-case Markdown that the importer accepts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'generate-records-'));
    dirs.push(dir);
    const result = await generateSampleData({ outDir: dir, seed: 42, ...countsForRecords(40_000) });
    const cases = result.files.find((f) => f.type === 'typical-cases')!;
    expect(cases.rows).toBe(40);
    const files = await readdir(cases.path);
    expect(files).toHaveLength(40);
    const def = TYPE_BY_NAME['typical-cases'];
    for (const file of files) {
      for await (const row of readRows(join(cases.path, file), { knownHeaders: Object.values(def.import.headers).flat() })) {
        const result = validateRow(def, { headerMap: mapHeaders(Object.keys(row.cells), def.import.headers) }, {}, row);
        expect(result.ok ? [] : result.errors, file).toEqual([]);
      }
    }
  });
});
