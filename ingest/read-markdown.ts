import fs from 'node:fs/promises';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { FileFormatError } from './read-common.ts';

/** A typical case as Markdown with YAML front matter: the front matter fields plus `body`. */
export async function readMarkdownCase(file: string): Promise<Record<string, string>> {
  const text = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw new FileFormatError(`${path.basename(file)}: contains NUL bytes; a typical case is UTF-8 Markdown text`);
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  if (!match) throw new FileFormatError(`${path.basename(file)}: no front matter (the file must start with a --- block)`);
  let meta: unknown;
  try {
    meta = parseYaml(match[1]!);
  } catch (error) {
    throw new FileFormatError(`${path.basename(file)}: front matter is not valid YAML: ${(error as Error).message}`);
  }
  if (!meta || typeof meta !== 'object' || Array.isArray(meta)) {
    throw new FileFormatError(`${path.basename(file)}: front matter must be a mapping of field: value`);
  }
  const cells: Record<string, string> = { slug: path.basename(file).replace(/\.(md|markdown)$/i, '') };
  for (const [key, value] of Object.entries(meta)) {
    cells[key] = Array.isArray(value) ? value.join('\n') : value === null ? '' : String(value);
  }
  cells.body = match[2]!.trim();
  return cells;
}
