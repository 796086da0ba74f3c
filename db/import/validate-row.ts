import { createHash } from 'node:crypto';
import { maskPersonalData } from '../normalize/mask.ts';
import { cleanCell } from '../normalize/text.ts';
import type { RecordTypeDef } from '../records/index.ts';
import { maskNameIn } from '../records/penalties.ts';
import { recordIdentity } from '../records/index.ts';
import type { HeaderMap } from './map-headers.ts';
import type { SourceRow } from './read-table.ts';

/** Announcement-level values given on the command line; a non-empty column wins over them. */
export interface AnnouncementOptions {
  authority?: string;
  announcementNo?: string;
  announcementTitle?: string;
  publishedAt?: string;
  level?: string;
  category?: string;
  campaign?: string;
}

const OPTION_FIELDS: Record<keyof AnnouncementOptions, string> = {
  authority: 'authority',
  announcementNo: 'sourceNumber',
  announcementTitle: 'sourceTitle',
  publishedAt: 'publishedAt',
  level: 'level',
  category: 'productCategory',
  campaign: 'campaign',
};

/** One problem with one cell of one row, as the import report prints it. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
}

export interface ValidRecord {
  rowNumber: number;
  id: string;
  naturalKey: string;
  contentHash: string;
  input: Record<string, unknown>;
  extra: Record<string, string>;
}

/** Turns one source row into a validated, normalized record or the list of what is wrong with it. */
export function validateRow(
  def: RecordTypeDef,
  headerMap: HeaderMap,
  options: AnnouncementOptions,
  row: SourceRow,
): { ok: true; record: ValidRecord } | { ok: false; errors: RowError[] } {
  const raw: Record<string, string> = {};
  const columnOf: Record<string, string> = {};
  const extra: Record<string, string> = {};
  for (const [header, value] of Object.entries(row.cells)) {
    const field = headerMap.fields.get(header);
    if (!field) {
      // Kept, not dropped — but masked like every other cell: no ID or phone number is stored.
      // The header too: a column named after a person's number would otherwise store it as a key.
      if (value.trim() !== '') extra[maskPersonalData(cleanCell(header))] = maskPersonalData(cleanCell(value));
      continue;
    }
    // 万元 columns: the amount parser understands the 万 suffix.
    raw[field] = headerMap.tenThousandYuan.has(field) && value.trim() !== '' ? `${value.trim()}万` : value;
    columnOf[field] = header;
  }
  for (const [option, field] of Object.entries(OPTION_FIELDS)) {
    const value = options[option as keyof AnnouncementOptions];
    if (value !== undefined && (raw[field] ?? '').trim() === '') {
      raw[field] = value;
      columnOf[field] = `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
    }
  }

  const parsed = def.schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        return {
          row: row.rowNumber,
          column: columnOf[field] ?? preferredHeader(def, field),
          // Reports, the CLI and the admin API's 422 echo this value: masked like stored text.
          value: maskPersonalData(cleanCell(raw[field] ?? '')),
          reason: maskPersonalData(issue.message), // parsers quote the bad value in their message
        };
      }),
    };
  }
  const input = parsed.data;
  // A natural person's name (masked in the record by its schema) must not survive in extra columns.
  if ((input as { partyKind?: string }).partyKind === 'person') {
    const mask = maskNameIn(cleanCell(raw.partyName));
    for (const [header, value] of Object.entries(extra)) extra[header] = mask(value);
  }
  const { id, naturalKey } = recordIdentity(def, def.naturalKey(input));
  return {
    ok: true,
    record: {
      rowNumber: row.rowNumber,
      id,
      naturalKey,
      contentHash: contentHash(input, extra),
      input,
      extra,
    },
  };
}

/** The header a user should add when a required field is missing from the file. */
function preferredHeader(def: RecordTypeDef, field: string): string {
  return def.headers[field]?.[0] ?? field;
}

/** Hash of the normalized content: equal hashes mean a re-import changes nothing. */
export function contentHash(input: Record<string, unknown>, extra: Record<string, string>): string {
  return createHash('sha256').update(stableJson({ input, extra })).digest('hex');
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
