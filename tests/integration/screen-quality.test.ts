import fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { corpusEnterprises, importRealCorpus } from '../../bench/screening/corpus.ts';
import type { LabelledName, LabelledPair } from '../../bench/screening/build-set.ts';
import { loadLabelledSet, qualityAt, screenAll, type Found } from '../../bench/screening/quality.ts';
import { DEFAULT_SCREEN_THRESHOLD } from '../../api/services/screen-input.ts';
import { startMeilisearch, type RunningMeilisearch } from '../../runtime/meilisearch-server.ts';
import { freePort } from '../../runtime/ports.ts';
import { meiliClient } from '../../search/meili.ts';
import { drainAll, ensureIndexes } from '../../search/sync.ts';
import { freshDatabase } from '../setup/database.ts';
import { startPortal, type PortalProcess } from '../setup/portal-process.ts';

/**
 * The screening benchmark's labelled set (bench/screening/labelled-names.json), checked on a
 * sample: the real corpus imported into a portal of its own, a fifth of the pairs and some of every
 * kind screened over HTTP at the default threshold, precision and recall held to the targets.
 */
const dir = path.join(inject('tmpDir'), 'screen-quality');
let db: Awaited<ReturnType<typeof freshDatabase>>;
let meiliServer: RunningMeilisearch;
let server: PortalProcess;
let base: string;
const pairs = loadLabelledSet();
// A fifth of the set, and the first three of every kind, in the file's order.
const sample = pairs.filter((p, i) => i % 5 === 0 || pairs.filter((o) => o.kind === p.kind).indexOf(p) < 3);
let answers: Found[][];

beforeAll(async () => {
  await fs.mkdir(dir, { recursive: true });
  db = await freshDatabase('screen_quality');
  meiliServer = await startMeilisearch(path.join(dir, 'meili'), path.join(dir, 'meili-key'));
  await importRealCorpus(db, path.join(dir, 'work'));
  const meili = meiliClient({ url: meiliServer.url, masterKey: meiliServer.masterKey });
  await ensureIndexes(meili);
  await drainAll(db, meili);
  server = startPortal({
    DATA_DIR: path.join(dir, 'portal'), DATABASE_URL: db.url, MEILI_URL: meiliServer.url, MEILI_MASTER_KEY: meiliServer.masterKey,
    SAMPLE_DATA: '0', HOST: '127.0.0.1', PORT: String(await freePort()),
  });
  base = await server.ready;
  // The server's own default threshold, as a caller who sends none gets it; the sweep is the benchmark's.
  answers = await screenAll(sample, async (queries) => {
    const response = await fetch(`${base}/api/v1/screen`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ queries }) });
    const body = (await response.json()) as { meta: { threshold: number }; results: { matches: { enterprise: { name: string; uscc: string | null }; score: number; reasons: string[]; evidence: string[] }[] }[] };
    expect(response.status).toBe(200);
    expect(body.meta.threshold).toBe(DEFAULT_SCREEN_THRESHOLD);
    return body.results.map((r) => r.matches.map((m) => ({ name: m.enterprise.name, uscc: m.enterprise.uscc, score: m.score, reasons: m.reasons, evidence: m.evidence })));
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await meiliServer?.stop();
  await db?.drop();
});

const answerOf = (query: string) => answers[sample.findIndex((p) => p.query === query)]!;

describe('screening quality on the labelled set (a sample, over HTTP)', () => {
  it('labels the enterprises the real corpus creates, every one of them', async () => {
    const names = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../bench/screening/names.json'), 'utf8')) as LabelledName[];
    expect(names.map((n) => n.name).sort()).toEqual((await corpusEnterprises(db)).map((e) => e.name).sort());
    const expected = new Set(pairs.flatMap((p) => (p.expected ? [p.expected.name] : [])));
    for (const name of expected) expect(names.some((n) => n.name === name), name).toBe(true);
  });

  it('meets the targets at the default threshold: precision ≥ 0.98, recall ≥ 0.95', () => {
    expect(new Set(sample.map((p) => p.kind)).size).toBe(new Set(pairs.map((p) => p.kind)).size);
    expect(sample.length).toBeGreaterThanOrEqual(100);
    const q = qualityAt(sample, answers, DEFAULT_SCREEN_THRESHOLD);
    expect({ precision: q.precision >= 0.98, recall: q.recall >= 0.95, failures: q.failures }).toMatchObject({ precision: true, recall: true });
    // No hard negative of the sample is matched at all: another trade name, another trade, no trade name, a firm not in the data.
    expect(q.failures.filter((f) => f.expected === null)).toEqual([]);
  });

  it('says in words which parts agreed and which differed', () => {
    const of = (kind: string) => sample.find((p: LabelledPair) => p.kind === kind && answerOf(p.query)[0])!;
    const regionChanged = answerOf(of('region-changed').query)[0]!;
    expect(regionChanged.evidence!.join('\n')).toMatch(/^trade name (\S+) = \1$/m);
    expect(regionChanged.evidence!.join('\n')).toMatch(/^region \S+ ≠ \S+$/m);
    const formChanged = answerOf(of('form-changed').query)[0]!;
    expect(formChanged.evidence!.join('\n')).toMatch(/^form \S+ ≠ \S+$/m);
    const branch = answerOf(of('branch').query)[0]!;
    expect(branch.reasons).toContain('branch');
    expect(branch.evidence!.join('\n')).toMatch(/names a branch \(\S+分公司\)/);
    const pinyin = answerOf(of('pinyin').query)[0]!;
    expect(pinyin.reasons).toContain('pinyin');
  });
});
