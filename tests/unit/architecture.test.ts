import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RECORD_TYPES } from '../../types/registry.ts';

/**
 * The rules of ARCHITECTURE.md, checked on the source tree: data flows one way through the
 * floors, nothing imports in a loop, files stay small, and a record type lives in its folders.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');

/** Each source folder's floor: a file imports its own folder or lower floors, never a peer or above. */
const FLOORS: Record<string, number> = {
  core: 1, db: 2, storage: 2, types: 3, ingest: 4, search: 4, ops: 5, sample: 5, api: 6, runtime: 6, site: 7, cli: 8, bench: 8,
};
const SKIP = new Set(['migrations', 'results', 'node_modules']);
const SOURCE = /\.(ts|mts|mjs|js|astro|css)$/;

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(rel);
      } else if (SOURCE.test(entry.name)) out.push(rel);
    }
  };
  for (const dir of Object.keys(FLOORS)) walk(dir);
  return out.sort();
}

const files = sourceFiles();
const text = new Map(files.map((f) => [f, fs.readFileSync(path.join(ROOT, f), 'utf8')]));

/** Relative imports of a file (static, dynamic, re-exports), resolved to repository paths. */
function importsOf(file: string): string[] {
  const specs = [...text.get(file)!.matchAll(/(?:\bfrom|\bimport)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)].map((m) => m[1]!);
  return specs.map((spec) => path.normalize(path.join(path.dirname(file), spec))).filter((target) => text.has(target));
}
const graph = new Map(files.map((f) => [f, importsOf(f)]));
const folderOf = (file: string) => file.split(path.sep)[0]!;

describe('architecture', () => {
  it('every source file has a floor, and imports only its own folder or lower floors', () => {
    const wrong: string[] = [];
    for (const [file, targets] of graph) {
      for (const target of targets) {
        const [from, to] = [folderOf(file), folderOf(target)];
        if (from !== to && FLOORS[to]! >= FLOORS[from]!) wrong.push(`${file} -> ${target}`);
      }
    }
    expect(files.length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });

  it('has no import loops', () => {
    // Depth-first search; a grey file met again closes a loop.
    const state = new Map<string, 'grey' | 'black'>();
    const loops: string[] = [];
    const visit = (file: string, trail: string[]) => {
      state.set(file, 'grey');
      for (const next of graph.get(file) ?? []) {
        if (state.get(next) === 'grey') loops.push([...trail.slice(trail.indexOf(next)), next].join(' -> '));
        else if (!state.has(next)) visit(next, [...trail, next]);
      }
      state.set(file, 'black');
    };
    for (const file of files) if (!state.has(file)) visit(file, [file]);
    expect(loops).toEqual([]);
  });

  it('keeps every source file within 300 lines', () => {
    const long = files.map((f) => [f, text.get(f)!.split('\n').length - 1] as const).filter(([, n]) => n > 300);
    expect(long).toEqual([]);
  });

  it('names each record type, as a string or a path, in at most three files outside its own folders', () => {
    for (const type of RECORD_TYPES) {
      const own = [path.join('types', type), path.join('site', 'types', type), path.join('sample', 'types', type)].map((d) => d + path.sep);
      // The name between quotes, backticks or slashes: 'penalties', `/penalties/${id}`, ./penalties/x.
      const named = new RegExp(`['"\`/]${type}(?=['"\`/?.#])`);
      const naming = files.filter((f) => !own.some((d) => f.startsWith(d)) && named.test(text.get(f)!));
      expect(naming.length, `${type}: ${naming.join(', ')}`).toBeLessThanOrEqual(3);
    }
  });

  it('keeps the record types apart: one type folder never imports another', () => {
    const crossing: string[] = [];
    for (const [file, targets] of graph) {
      const from = /^(?:site\/)?types\/([a-z-]+)\//.exec(file)?.[1];
      if (!from || !(RECORD_TYPES as readonly string[]).includes(from)) continue;
      for (const target of targets) {
        const to = /^(?:site\/)?types\/([a-z-]+)\//.exec(target)?.[1];
        if (to && to !== from && (RECORD_TYPES as readonly string[]).includes(to)) crossing.push(`${file} -> ${target}`);
      }
    }
    expect(crossing).toEqual([]);
  });
});
