import { createHash } from 'node:crypto';
import { maskNameIn, maskPersonalData } from '../core/normalize/mask.ts';
import { cleanCell } from '../core/normalize/text.ts';
import type { RowWarning } from '../types/shared/fields.ts';
import type { RecordTypeDescriptor } from '../types/shared/descriptor.ts';
import { recordIdentity } from '../types/shared/identity.ts';
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
  sourceUrl?: string;
  /** The list's result when the file has no result column (an unqualified-products list is itself the result). */
  result?: string;
  /** Unqualified items the announcement names once for all its unqualified rows. */
  unqualifiedItems?: string;
  /** Totals the announcement prints (共抽查200批次，发现不合格12批次). */
  batchesTested?: number;
  batchesFailed?: number;
  /** The publisher of a type read in several publishers' shapes (foreign alerts), when its headers do not tell. */
  source?: string;
}

const OPTION_FIELDS: Partial<Record<keyof AnnouncementOptions, string>> = {
  authority: 'authority',
  announcementNo: 'sourceNumber',
  announcementTitle: 'sourceTitle',
  publishedAt: 'publishedAt',
  level: 'level',
  category: 'productCategory',
  campaign: 'campaign',
  sourceUrl: 'sourceUrl',
  source: 'publisher',
};

/** One problem with one cell of one row, as the import report prints it. */
export interface RowError {
  row: number;
  column: string;
  value: string;
  reason: string;
  /** The worksheet or table, when the file has several. */
  sheet?: string;
  /** A required field no column of the file holds and no option gives: the same on every row, reported once. */
  missingColumn?: boolean;
}

/** Something the report says about a row or the file without rejecting anything. */
export type ImportWarning = Omit<RowError, 'row'> & { row?: number };

/** How the rows of one table get values the table itself does not hold. */
export interface TableContext {
  headerMap: HeaderMap;
  sheet?: string;
  /** The announcement title found above the table, when no --announcement-title was given. */
  title?: string;
  /** The product kind named by the section row above the current rows (`1、柴油机油、汽油机油`). */
  section?: string;
  /** The result a section row (`一、不合格产品`) gives the rows below it. */
  sectionResult?: 'qualified' | 'unqualified';
  /** The result of every row when the file has no result column, and what it was told from. */
  listResult?: { value: 'qualified' | 'unqualified'; basis: string };
  /** No result column and no list result: each row's result is told by its unqualified items. */
  resultFromItems?: boolean;
  /** What the table's publisher implies for fields no column gives (foreign alerts: authority, licence…). */
  publisherValues?: Record<string, string>;
}

export interface ValidRecord {
  rowNumber: number;
  sheet?: string;
  id: string;
  naturalKey: string;
  contentHash: string;
  input: Record<string, unknown>;
  extra: Record<string, string>;
  warnings: ImportWarning[];
  /** Set by the importer once it knows the row's announcement. */
  announcementId?: string;
}

const VERDICT_WORD = { qualified: '合格', unqualified: '不合格' } as const;

/** Turns one source row into a validated, normalized record or the list of what is wrong with it. */
export function validateRow(
  def: RecordTypeDescriptor,
  table: TableContext,
  options: AnnouncementOptions,
  row: SourceRow,
): { ok: true; record: ValidRecord } | { ok: false; errors: RowError[] } {
  const { headerMap } = table;
  const raw: Record<string, string> = {};
  const columnOf: Record<string, string> = {};
  const extra: Record<string, string> = {};
  const fallbacks: [string, string, string][] = [];
  for (const [header, value] of Object.entries(row.cells)) {
    const field = headerMap.fields.get(header);
    const fallback = headerMap.fallbacks?.get(header);
    if (fallback && value.trim() !== '') fallbacks.push([fallback, value, header]);
    if (!field) {
      // Kept, not dropped — but masked like every other cell: no ID or phone number is stored.
      // The header too: a column named after a person's number would otherwise store it as a key.
      if (header !== '' && value.trim() !== '') extra[maskPersonalData(cleanCell(header))] = maskPersonalData(cleanCell(value));
      continue;
    }
    // 万元 columns: the amount parser understands the 万 suffix.
    raw[field] = headerMap.tenThousandYuan.has(field) && value.trim() !== '' ? `${value.trim()}万` : value;
    columnOf[field] = header;
  }
  const fill = (field: string, value: string | undefined, column: string) => {
    if (value !== undefined && value !== '' && (raw[field] ?? '').trim() === '') {
      raw[field] = value;
      columnOf[field] = column;
    }
  };
  for (const [field, value, header] of fallbacks) {
    // Used where the field's first column is empty on this row; otherwise kept in `extra` as before.
    if ((raw[field] ?? '').trim() === '') {
      fill(field, value, header);
      delete extra[maskPersonalData(cleanCell(header))];
    }
  }
  for (const [option, field] of Object.entries(OPTION_FIELDS)) {
    fill(field, options[option as keyof AnnouncementOptions] as string | undefined, `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  }
  fill('sourceTitle', table.title, '(title above the table)');
  for (const [field, value] of Object.entries(table.publisherValues ?? {})) fill(field, value, '(the publisher)');
  const list = def.import.list;
  if (list) {
    fill(list.kindField, table.section, '(section row)');
    fill(list.resultField, options.result, '--result');
    fill(list.resultField, table.sectionResult && VERDICT_WORD[table.sectionResult], '(section row)');
    fill(list.resultField, table.listResult && VERDICT_WORD[table.listResult.value], `(${table.listResult?.basis})`);
    if (table.resultFromItems && (raw[list.resultField] ?? '').trim() === '') {
      fill(list.resultField, (raw[list.itemsField] ?? '').trim() ? '不合格' : '合格', `(told by ${columnOf[list.itemsField] ?? 'unqualified items'})`);
    }
    if (/不合格/.test(raw[list.resultField] ?? '')) fill(list.itemsField, options.unqualifiedItems, '--unqualified-items');
  }

  const parsed = def.import.schema.safeParse(raw);
  if (!parsed.success) {
    const mappedFields = new Set(headerMap.fields.values());
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => {
        const field = String(issue.path[0] ?? '');
        const missingColumn = !columnOf[field] && !mappedFields.has(field);
        const option = Object.entries(OPTION_FIELDS).find(([, f]) => f === field)?.[0];
        return {
          row: row.rowNumber,
          sheet: table.sheet,
          column: columnOf[field] ?? preferredHeader(def, field),
          // Reports, the CLI and the admin API's 422 echo this value: masked like stored text.
          value: maskPersonalData(cleanCell(raw[field] ?? '')),
          // Parsers quote the bad value in their message: masked too.
          reason: missingColumn
            ? `${issue.message}: the file has no such column${option ? `; give --${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} or add the column` : '; add the column'}`
            : maskPersonalData(issue.message),
          ...(missingColumn ? { missingColumn } : {}),
        };
      }),
    };
  }
  const { warnings: rowWarnings = [], ...input } = parsed.data as Record<string, unknown> & { warnings?: RowWarning[] };
  // A natural person's name (masked in the record by its schema) must not survive in extra columns.
  const person = def.import.personName?.(input, raw);
  if (person) {
    const mask = maskNameIn(cleanCell(person));
    for (const [header, value] of Object.entries(extra)) extra[header] = mask(value);
  }
  const { id, naturalKey } = recordIdentity(def.import, def.import.naturalKey(input));
  return {
    ok: true,
    record: {
      rowNumber: row.rowNumber,
      sheet: table.sheet,
      id,
      naturalKey,
      contentHash: contentHash(input, extra),
      input,
      extra,
      warnings: rowWarnings.map((w) => ({
        row: row.rowNumber,
        sheet: table.sheet,
        column: columnOf[w.field] ?? preferredHeader(def, w.field),
        value: maskPersonalData(cleanCell(raw[w.field] ?? '')),
        reason: w.message,
      })),
    },
  };
}

/** The header a user should add when a required field is missing from the file. */
function preferredHeader(def: RecordTypeDescriptor, field: string): string {
  return def.import.headers[field]?.[0] ?? field;
}

/**
 * Hash of the normalized content: equal hashes mean a re-import changes nothing. The parties
 * are left out: they are derived from the name columns, which are in it.
 */
export function contentHash(input: Record<string, unknown>, extra: Record<string, string>): string {
  const { parties: _derived, ...content } = input;
  return createHash('sha256').update(stableJson({ input: content, extra })).digest('hex');
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
