/**
 * JSON as published by open-data APIs (the CPSC recalls API, TFDA's open data): an array of
 * records, an object holding one (`{ "results": [...] }`), or JSON Lines. Each record becomes a
 * row: nested lists and objects are flattened one level to `Key.Sub` columns (SaferProducts'
 * `Manufacturers: [{ Name }]` → `Manufacturers.Name`), several values joined by line breaks.
 */
import fs from 'node:fs/promises';
import { checkDocumentSize, FileFormatError, type RawRow, type TableSource } from './read-common.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: Json): string => (v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** One record as columns: scalars as they are, lists joined by line breaks (each value once), objects one level down. */
function flatten(record: { [key: string]: Json }): Map<string, string> {
  const out = new Map<string, string>();
  const add = (key: string, value: string) => {
    const had = out.get(key) ?? '';
    if (value && !had.split('\n').includes(value)) out.set(key, had ? `${had}\n${value}` : value);
    else if (!out.has(key)) out.set(key, value);
  };
  for (const [key, value] of Object.entries(record)) {
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) {
      if (isObject(item)) for (const [sub, v] of Object.entries(item)) add(`${key}.${sub}`, text(v));
      else add(key, text(item));
    }
  }
  return out;
}

/** The records of a parsed document: the array itself, or the first array of objects an object holds. */
function recordsOf(doc: Json): { [key: string]: Json }[] | undefined {
  if (Array.isArray(doc)) return doc.every(isObject) ? doc : undefined;
  if (!isObject(doc)) return undefined;
  for (const value of Object.values(doc)) if (Array.isArray(value) && value.length && value.every(isObject)) return value;
  return undefined;
}

function parse(body: string, name: string, lines: boolean): Json {
  try {
    if (lines) return body.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Json);
    return JSON.parse(body) as Json;
  } catch (error) {
    throw new FileFormatError(`${name}: this is not valid JSON${lines ? ' Lines' : ''} (${(error as Error).message}); save the API's answer as it came`);
  }
}

export async function jsonTables(file: string, name: string, progress?: { bytesRead: number }): Promise<TableSource> {
  const size = await checkDocumentSize(file, name, 'a JSON file', 'split it into smaller files');
  const body = (await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, '');
  const records = recordsOf(parse(body, name, /\.(jsonl|ndjson)$/i.test(name)));
  if (!records) throw new FileFormatError(`${name}: holds no list of records (an array of objects, or an object with one)`);
  const flat = records.map(flatten);
  const headers = [...new Set(flat.flatMap((r) => [...r.keys()]))];
  return {
    emptyMessage: `${name}: holds no records`,
    async *tables() {
      yield {
        index: 0,
        label: 'records',
        last: true,
        rows: (function* (): Generator<RawRow> {
          yield { rowNumber: 0, values: headers };
          for (const [i, r] of flat.entries()) {
            if (progress) progress.bytesRead = Math.round((size * (i + 1)) / flat.length);
            yield { rowNumber: i + 1, values: headers.map((h) => r.get(h) ?? '') };
          }
        })(),
      };
    },
  };
}
