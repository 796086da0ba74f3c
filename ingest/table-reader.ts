import { maskPersonalData } from '../core/normalize/mask.ts';
import type { RecordTypeDescriptor } from '../types/shared/descriptor.ts';
import { totalsInText, type AnnouncementDraft } from './announcements.ts';
import { mapHeaders } from './map-headers.ts';
import type { SourceRow, TableInfo } from './read-table.ts';
import { classifyRow, resultNamedBy, sectionName } from './row-kinds.ts';
import type { AnnouncementOptions, ImportWarning, TableContext } from './validate-row.ts';

/** What the report says about one table: where its header is, and what became of each column. */
export interface TableReport {
  sheet?: string;
  headerRow: number;
  /** header → field */
  mapped: Record<string, string>;
  /** Columns no field reads: their values are kept with each record (`extra`). */
  unmapped: string[];
  /** How rows got their result when the table has no result column. */
  result?: string;
  /** The publisher whose file shape the table is (foreign alerts), named or recognised. */
  publisher?: string;
  skippedRows: number;
}

type Warn = (warning: ImportWarning) => Promise<void>;

interface TableState {
  info: TableInfo;
  context: TableContext;
  report: TableReport;
  /** The totals the text above the table prints for it. */
  totals: { tested?: number; failed?: number; passage?: string };
  /** The announcements its rows belong to, and how many of its rows came out qualified. */
  announcements: Map<string, AnnouncementDraft>;
  qualifiedRows: number;
}

/** A line above a table that reads like a title (of the announcement or of the list). */
const TITLE = /公告|通告|通报|名单|名录|结果|情况|信息|抽查|抽检|监测|清单|汇总/;

/**
 * Reads the tables of one file as the importer walks their rows: maps each table's headers and
 * says which columns were mapped and which kept unmapped, tells how rows get a result the table
 * does not print (the list's title, a section row, or the unqualified items), follows section
 * rows, skips footnotes, totals and repeated headers with a warning, and takes the totals an
 * announcement prints from the text above its table.
 */
export class TableReader {
  readonly reports: TableReport[] = [];
  private current?: TableState;
  private readonly tables: TableState[] = [];
  /** The passages whose totals each announcement has taken: two lists under one passage count it once. */
  private readonly counted = new Map<string, Set<string>>();

  private readonly def: RecordTypeDescriptor;
  private readonly options: AnnouncementOptions;
  private readonly fileName: string;
  private readonly warn: Warn;

  constructor(def: RecordTypeDescriptor, options: AnnouncementOptions, fileName: string, warn: Warn) {
    this.def = def;
    this.options = options;
    this.fileName = fileName;
    this.warn = warn;
  }

  /** The context of the table a row belongs to; the first row of a new table sets it up. */
  async enter(info: TableInfo): Promise<TableContext> {
    if (this.current?.info === info) return this.current.context;
    const headerMap = mapHeaders(info.headers, this.def.import.headers);
    const where = info.sheet ? `sheet "${info.sheet}": ` : '';
    const titles = info.preamble.filter((line) => TITLE.test(line) && line.length <= 200);
    const context: TableContext = { headerMap, sheet: info.sheet, title: this.options.announcementTitle ? undefined : titles[0] };
    // Headers are echoed by the report, the CLI and the admin API: masked like stored text (a
    // column named 联系人13812345678 must not print the number).
    const report: TableReport = {
      sheet: info.sheet,
      headerRow: info.headerRow,
      mapped: Object.fromEntries([...headerMap.fields].map(([header, field]) => [maskPersonalData(header), field])),
      unmapped: headerMap.unknown.map(maskPersonalData),
      skippedRows: 0,
    };
    for (const header of headerMap.suspicious.map(maskPersonalData)) {
      await this.warn({ sheet: info.sheet, column: header, value: '', reason: `${where}column "${header}" looks like a party, product or date but no field reads it: its values are kept unmapped with each record (rename it to an accepted header to import it)` });
    }
    const sources = this.def.import.sources;
    if (sources) {
      const named = this.options.source && sources.ids.includes(this.options.source) ? this.options.source : undefined;
      const publisher = named ?? sources.recognise(info.headers);
      if (publisher) {
        context.publisherValues = sources.values(publisher);
        report.publisher = publisher;
        if (!named) await this.warn({ sheet: info.sheet, column: '(file)', value: '', reason: `${where}recognised from its headers as a file of ${publisher}` });
      }
    }
    const list = this.def.import.list;
    if (list) {
      const mapped = new Set(headerMap.fields.values());
      const named = [titles.at(-1), info.sheet, ...titles, this.options.announcementTitle, this.fileName.replace(/\.[^.]+$/, '')]
        .map((text) => ({ text, result: resultNamedBy(text) }))
        .find((n) => n.result);
      if (named && !this.options.result) context.listResult = { value: named.result!, basis: `the title "${maskPersonalData(named.text!)}"` };
      if (!mapped.has(list.resultField) && !this.options.result) {
        if (context.listResult) report.result = `every row ${context.listResult.value === 'unqualified' ? '不合格' : '合格'}, as ${context.listResult.basis} says`;
        else if (mapped.has(list.itemsField)) {
          context.resultFromItems = true;
          report.result = 'told per row by its unqualified items (filled: 不合格, empty: 合格)';
        } else {
          await this.warn({ sheet: info.sheet, column: '(file)', value: '', reason: `${where}no result column, no unqualified-items column and no title that names the list: give --result 合格 or --result 不合格` });
        }
        if (report.result) await this.warn({ sheet: info.sheet, column: '(file)', value: '', reason: `${where}no result column: the result was inferred: ${report.result}` });
      }
    }
    // Lines an earlier table was under too (the page's title) are not this list's own totals.
    const own = info.preamble.filter((line) => !this.tables.some((t) => t.info.preamble.includes(line)));
    this.current = { info, context, report, totals: totalsInText(own), announcements: new Map(), qualifiedRows: 0 };
    this.tables.push(this.current);
    this.reports.push(report);
    return context;
  }

  /**
   * A row that only adds an unqualified item to the record above it — publishers put each failed
   * item of a product on its own row, with the product's cells merged down (or left blank) — as the
   * row above with that item added; undefined for any other row.
   */
  continuation(row: SourceRow, previous: SourceRow | undefined): SourceRow | undefined {
    const current = this.current!;
    const itemsField = this.def.import.list?.itemsField;
    if (!itemsField || !previous || previous.table !== row.table) return undefined;
    const header = [...current.context.headerMap.fields].find(([, field]) => field === itemsField)?.[0];
    if (!header) return undefined;
    const values = row.values ?? current.info.headers.map((h) => row.cells[h] ?? '');
    const own = values.flatMap((v, i) => (v.trim() !== '' && !row.fromAbove?.[i] ? [current.info.headers[i]] : []));
    if (own.length !== 1 || own[0] !== header) return undefined;
    const items = [previous.cells[header], row.cells[header]].map((v) => v?.trim()).filter(Boolean).join('、');
    return { ...previous, cells: { ...previous.cells, [header]: items } };
  }

  /** False for a row that is not a record (section, footnote, totals, repeated header): reported, and a section row is followed. */
  async isDataRow(row: SourceRow): Promise<boolean> {
    const current = this.current!;
    const values = row.values ?? current.info.headers.map((h) => row.cells[h] ?? '');
    const kind = classifyRow(current.info.headers, values.map(maskPersonalData));
    if (kind.kind === 'data') return true;
    current.report.skippedRows += 1;
    const sheet = current.info.sheet;
    if (kind.kind === 'section') {
      const name = sectionName(kind.text);
      const result = resultNamedBy(name);
      if (result) current.context.sectionResult = result;
      else current.context.section = name;
      await this.warn({ row: row.rowNumber, sheet, column: '(row)', value: kind.text, reason: result ? `section row: the rows below it are ${result === 'unqualified' ? '不合格' : '合格'}` : `section row: the rows below it are of the product kind "${name}"` });
    } else {
      const what = { footnote: 'a footnote', total: 'a totals row', header: 'the header repeated' }[kind.kind];
      await this.warn({ row: row.rowNumber, sheet, column: '(row)', value: kind.kind === 'header' ? '' : kind.text, reason: `skipped: ${what}, not a record` });
    }
    return false;
  }

  /**
   * The announcement a record of the current table belongs to, with the totals it prints and the
   * kind of list the table is. Totals given as options are the announcement's; totals printed
   * above a table are that list's, and the lists of one announcement add up.
   */
  announcement(draft: AnnouncementDraft, result: unknown): AnnouncementDraft {
    const current = this.current!;
    const { batchesTested, batchesFailed } = this.options;
    if (batchesTested !== undefined || batchesFailed !== undefined) {
      Object.assign(draft, { batchesTested: batchesTested ?? null, batchesFailed: batchesFailed ?? null, totalsSource: 'option' });
    } else if (current.totals.tested !== undefined && !current.announcements.has(draft.id) && !this.counted.get(draft.id)?.has(current.totals.passage!)) {
      this.counted.set(draft.id, new Set([...(this.counted.get(draft.id) ?? []), current.totals.passage!]));
      const failed = current.totals.failed;
      const first = draft.totalsSource !== 'text';
      Object.assign(draft, {
        batchesTested: (first ? 0 : (draft.batchesTested ?? 0)) + current.totals.tested,
        batchesFailed: failed === undefined || (!first && draft.batchesFailed === null) ? null : (first ? 0 : draft.batchesFailed!) + failed,
        totalsSource: 'text',
      });
    }
    current.announcements.set(draft.id, draft);
    if (result === 'qualified') current.qualifiedRows += 1;
    if (this.def.import.list) draft.listKinds.add(this.options.result ? (/不|un/.test(this.options.result) ? 'unqualified' : 'qualified') : (current.context.sectionResult ?? current.context.listResult?.value ?? 'all'));
    return draft;
  }

  /**
   * Once every row is read: a table whose results were told by its unqualified items and in which
   * every row failed is an unqualified-products list (it says nothing about a failure rate), and a
   * file without record rows is said so.
   */
  finish(rows: number): ImportWarning[] {
    for (const table of this.tables) {
      if (!table.context.resultFromItems || table.qualifiedRows > 0) continue;
      for (const draft of table.announcements.values()) {
        draft.listKinds.delete('all');
        draft.listKinds.add('unqualified');
      }
    }
    if (rows > 0 || this.reports.length === 0) return [];
    return [{ column: '(file)', value: '', reason: 'the file holds no record rows (only a header, titles or notes)' }];
  }
}
