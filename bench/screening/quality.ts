/**
 * Precision and recall of name screening on the labelled set (labelled-names.json).
 *
 * A query's answer is its top match at or above the threshold (none when it has no such match).
 *   TP: the answer is the expected enterprise.
 *   FP: an answer to a negative (expected null), or an answer that is another enterprise.
 *   FN: an expected enterprise that is not the answer (no answer, or a wrong one: a wrong answer
 *       counts as both FP and FN).
 * precision = TP / (TP + FP), recall = TP / (TP + FN). Queries are screened once with threshold 0,
 * so every threshold of the sweep is read from the same answers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LabelledPair } from './build-set.ts';

export type { LabelledPair };
export interface Found { name: string; uscc: string | null; score: number; reasons: string[]; evidence?: string[] }
export type Screen = (queries: { key: string; name: string }[]) => Promise<Found[][]>;

export const LABELLED_SET = path.join(path.dirname(fileURLToPath(import.meta.url)), 'labelled-names.json');
export const loadLabelledSet = (): LabelledPair[] => JSON.parse(readFileSync(LABELLED_SET, 'utf8')) as LabelledPair[];
export const SWEEP = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

/** Screens every pair's query through `screen` (1,000 per call) and returns each one's matches, best first. */
export async function screenAll(pairs: LabelledPair[], screen: Screen): Promise<Found[][]> {
  const answers: Found[][] = [];
  for (let from = 0; from < pairs.length; from += 1000) {
    answers.push(...(await screen(pairs.slice(from, from + 1000).map((p, i) => ({ key: `q${from + i}`, name: p.query })))));
  }
  return answers;
}

/** One HTTP screening call: POST /api/v1/screen with threshold 0. */
export const httpScreen = (base: string, headers: Record<string, string> = {}): Screen => async (queries) => {
  const response = await fetch(`${base}/api/v1/screen`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ queries, threshold: 0 }) });
  const body = (await response.json()) as { results: { matches: { enterprise: { name: string; uscc: string | null }; score: number; reasons: string[]; evidence?: string[] }[] }[] };
  if (!response.ok) throw new Error(`/api/v1/screen: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.results.map((r) => r.matches.map((m) => ({ name: m.enterprise.name, uscc: m.enterprise.uscc, score: m.score, reasons: m.reasons, evidence: m.evidence })));
};

export interface Failure { query: string; kind: string; expected: string | null; got: string | null; score: number | null; reasons?: string[] }
export interface Quality {
  threshold: number;
  pairs: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  /** Positive kinds: the share found; negative kinds: the share left without an answer. */
  byKind: Record<string, { pairs: number; correct: number; share: number }>;
  failures: Failure[];
}

const same = (f: Found, e: NonNullable<LabelledPair['expected']>) => (e.uscc ? f.uscc === e.uscc : f.name === e.name);
const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function qualityAt(pairs: LabelledPair[], answers: Found[][], threshold: number): Quality {
  let [tp, fp, fn, tn] = [0, 0, 0, 0];
  const byKind: Quality['byKind'] = {};
  const failures: Failure[] = [];
  pairs.forEach((p, i) => {
    const top = answers[i]!.find((m) => m.score >= threshold);
    const ok = p.expected ? !!top && same(top, p.expected) : !top;
    if (p.expected && ok) tp++;
    else if (p.expected) (fn++, top && fp++);
    else if (top) fp++;
    else tn++;
    const k = (byKind[p.kind] ??= { pairs: 0, correct: 0, share: 0 });
    k.pairs++;
    if (ok) k.correct++;
    else failures.push({ query: p.query, kind: p.kind, expected: p.expected?.name ?? null, got: top?.name ?? null, score: top?.score ?? answers[i]![0]?.score ?? null, reasons: top?.evidence ?? top?.reasons });
  });
  for (const k of Object.values(byKind)) k.share = r3(k.correct / k.pairs);
  return { threshold, pairs: pairs.length, tp, fp, fn, tn, precision: r3(tp / Math.max(1, tp + fp)), recall: r3(tp / Math.max(1, tp + fn)), byKind, failures };
}

/**
 * The sweep, and the threshold it points to: the middle of the thresholds that meet both targets
 * (precision ≥ 0.98, recall ≥ 0.95), so that the default has room on either side; the best recall
 * with precision ≥ 0.98 when none meets both.
 */
export function sweep(pairs: LabelledPair[], answers: Found[][]) {
  const rows = SWEEP.map((t) => qualityAt(pairs, answers, t));
  const both = rows.filter((r) => r.precision >= 0.98 && r.recall >= 0.95);
  const fallback = rows.filter((r) => r.precision >= 0.98).sort((a, b) => b.recall - a.recall)[0] ?? rows[0]!;
  const chosen = both.length ? both[Math.floor((both.length - 1) / 2)]!.threshold : fallback.threshold;
  return { rows: rows.map(({ failures, byKind, ...r }) => r), chosen };
}
