/**
 * Reads the hand-written typical cases (content/, named by sample/types/registry.ts): YAML front matter (the small subset the case files use:
 * `key: scalar`, quoted scalars, and block lists of scalars) plus the Markdown body.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type FrontMatterValue = string | string[];

export interface TypicalCaseFile {
  file: string;
  data: Record<string, FrontMatterValue>;
  body: string;
}

function scalar(raw: string): string {
  const s = raw.trim();
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) return JSON.parse(s) as string;
  if (s.length >= 2 && s.startsWith("'") && s.endsWith("'")) return s.slice(1, -1).replace(/''/g, "'");
  return s;
}

/** Split a Markdown file into front matter and body; throws on anything outside the subset. */
export function parseFrontMatter(text: string, file = '<input>'): { data: Record<string, FrontMatterValue>; body: string } {
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(src);
  if (!m) throw new Error(`${file}: no front matter`);
  const data: Record<string, FrontMatterValue> = {};
  let listKey: string | undefined;
  for (const line of m[1]!.split('\n')) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const item = /^\s+-\s+(.*)$/.exec(line);
    if (item) {
      const list = listKey ? data[listKey] : undefined;
      if (!Array.isArray(list)) throw new Error(`${file}: list item outside a list: ${line}`);
      list.push(scalar(item[1]!));
      continue;
    }
    const kv = /^([A-Za-z][A-Za-z0-9_]*):(?:\s+(.*))?$/.exec(line);
    if (!kv) throw new Error(`${file}: cannot read front matter line: ${line}`);
    const value = kv[2]?.trim() ?? '';
    if (value === '' || value === '[]') {
      data[kv[1]!] = [];
      listKey = kv[1];
    } else {
      data[kv[1]!] = scalar(value);
      listKey = undefined;
    }
  }
  return { data, body: m[2]!.replace(/^\n+/, '') };
}

export function readTypicalCases(dir: string): TypicalCaseFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .sort()
    .map((file) => ({ file, ...parseFrontMatter(readFileSync(join(dir, file), 'utf8'), file) }));
}

export const str = (v: FrontMatterValue | undefined): string => (typeof v === 'string' ? v : '');
export const list = (v: FrontMatterValue | undefined): string[] => (Array.isArray(v) ? v : v ? [v] : []);

/** Amount in yuan from text like 罚款12.6万元 / 罚款35000元 after `label`. */
export function amountAfter(text: string, label: string): number {
  const m = new RegExp(`${label}(?:人民币)?([0-9]+(?:\\.[0-9]+)?)(万)?元`).exec(text);
  if (!m) return 0;
  return Math.round(Number(m[1]) * (m[2] ? 10_000 : 1) * 100) / 100;
}
