/**
 * The tables of a document (an HTML page, a DOCX body) as the HTML and DOCX readers build them
 * while they parse: text flows into the innermost open table cell, or into the document's own
 * lines (title, headings, paragraphs) when no table is open. Which tables hold data is decided
 * when each closes:
 *
 * - a table with at least 2 rows holding text and a row of at least 2 non-empty cells, and no such
 *   table inside it, is a data table;
 * - a table that holds a data table is layout (a page wrapped in a table, a two-column frame): it
 *   dissolves into its cells' lines and the data tables inside, in document order, so it hides
 *   nothing and its text becomes the preamble of the tables after it;
 * - a smaller table (one row, one column) becomes text: a line per row.
 *
 * Memory is the text of the document, never a DOM: a 50 MB page holds little more than its text.
 */
import { MAX_GRID_CELLS, type DocModel, type DocTable, type SpanCell } from './document-grid.ts';
import { FileFormatError } from './read-common.ts';

export { documentTables, type DocModel } from './document-grid.ts';

/** HTML clamps colspan to 1000. */
const MAX_COLSPAN = 1000;

const collapse = (text: string) => text.replace(/[\t\n\f\r \u00a0]+/g, ' ').trim();

interface TableRef {
  table: DocTable;
}
type FlowItem = string | TableRef;

/**
 * Where text goes: a cell, a caption, or the document itself. Lines are collapsed and blank ones
 * dropped; finished lines are kept as one string until a data table arrives (a cell of a layout
 * table, the document), so that a million cells cost a million strings, not a million arrays.
 */
class Sink {
  private done = '';
  private items?: FlowItem[];
  private line = '';
  text(text: string): void {
    this.line += text;
  }
  /** Ends the current line (a block boundary or a line break). */
  lineBreak(): void {
    const line = collapse(this.line);
    this.line = '';
    if (!line) return;
    if (this.items) this.items.push(line);
    else this.done = this.done ? `${this.done}\n${line}` : line;
  }
  push(item: FlowItem): void {
    this.lineBreak();
    if (typeof item === 'string') {
      this.line = item;
      this.lineBreak();
      return;
    }
    this.items ??= this.done ? this.done.split('\n') : [];
    this.done = '';
    this.items.push(item);
  }
  /** Whether a data table was put here. */
  get holdsTable(): boolean {
    return this.items !== undefined;
  }
  /** Lines and data tables, in order. */
  flow(): FlowItem[] {
    this.lineBreak();
    return this.items ?? (this.done ? this.done.split('\n') : []);
  }
  /** The lines, joined by line breaks (data tables left out). */
  joined(separator = '\n'): string {
    this.lineBreak();
    const text = this.items ? this.items.filter((item): item is string => typeof item === 'string').join('\n') : this.done;
    return separator === '\n' ? text : text.replace(/\n/g, separator);
  }
}

/** A cell once it is closed: its text, or (a cell of a layout table) the lines and tables in it. */
interface ClosedCell extends SpanCell {
  flow?: FlowItem[];
}

interface OpenTable {
  parent: Sink;
  rows: ClosedCell[][];
  row?: ClosedCell[];
  /** The open row is marked deleted (DOCX tracked changes). */
  deleted: boolean;
  cell?: { sink: Sink; span: SpanCell };
  caption?: Sink;
  captionText: string;
  /** Text inside the table but outside any cell: kept with the text before the table. */
  stray: Sink;
}

export class DocumentBuilder {
  private readonly root = new Sink();
  private readonly open: OpenTable[] = [];
  private titleSink?: Sink;
  private title = '';
  private cells = 0;
  private readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  private get table(): OpenTable | undefined {
    return this.open.at(-1);
  }

  /** The sink text goes to now. */
  private get sink(): Sink {
    if (this.titleSink) return this.titleSink;
    const table = this.table;
    if (!table) return this.root;
    return table.caption ?? table.cell?.sink ?? table.stray;
  }

  text(text: string): void {
    this.sink.text(text);
  }

  /** A block boundary or a line break (<br>, </p>, </div>, a DOCX paragraph end). */
  lineBreak(): void {
    this.sink.lineBreak();
  }

  openTitle(): void {
    this.titleSink = new Sink();
  }

  closeTitle(): void {
    if (!this.titleSink) return;
    this.title ||= this.titleSink.joined(' ');
    this.titleSink = undefined;
  }

  openTable(): void {
    const parent = this.sink;
    parent.lineBreak();
    this.open.push({ parent, rows: [], deleted: false, captionText: '', stray: new Sink() });
  }

  openCaption(): void {
    const table = this.table;
    if (table && !table.cell) table.caption = new Sink();
  }

  closeCaption(): void {
    const table = this.table;
    if (!table?.caption) return;
    table.captionText ||= table.caption.joined(' ');
    table.caption = undefined;
  }

  openRow(): void {
    const table = this.table;
    if (!table) return;
    this.closeRow();
    table.row = [];
  }

  /** Marks the open row deleted (DOCX `<w:trPr><w:del/>`): it is left out. */
  deleteRow(): void {
    const table = this.table;
    if (table?.row) table.deleted = true;
  }

  closeRow(): void {
    const table = this.table;
    if (!table?.row) return;
    this.closeCell();
    if (!table.deleted) table.rows.push(table.row);
    table.row = undefined;
    table.deleted = false;
  }

  openCell(colspan = 1, rowspan = 1, continues = false): void {
    const table = this.table;
    if (!table) return;
    this.closeCaption();
    this.closeCell();
    if (!table.row) table.row = [];
    const span: SpanCell = { text: '', colspan: 1, rowspan: 1 };
    setSpan(span, colspan, rowspan, continues);
    table.cell = { sink: new Sink(), span };
    if (++this.cells > MAX_GRID_CELLS) this.tooBig();
  }

  /** Changes the spans of the open cell (DOCX gives them in `<w:tcPr>`, after the cell opens). */
  spanCell(update: { colspan?: number; rowspan?: number; continues?: boolean }): void {
    const span = this.table?.cell?.span;
    if (span) setSpan(span, update.colspan ?? span.colspan, update.rowspan ?? span.rowspan, update.continues ?? span.continues ?? false);
  }

  /** An empty cell of `width` grid columns before the first cell of the open row (DOCX `w:gridBefore`). */
  skipColumns(width: number): void {
    const table = this.table;
    if (!table?.row || table.row.length || table.cell || !(width >= 1)) return;
    const span: SpanCell = { text: '', colspan: 1, rowspan: 1 };
    setSpan(span, width, 1, false);
    table.row.push(span);
  }

  closeCell(): void {
    const table = this.table;
    const cell = table?.cell;
    if (!table?.row || !cell) return;
    const closed: ClosedCell = cell.span;
    if (cell.sink.holdsTable) closed.flow = cell.sink.flow();
    else closed.text = cell.sink.joined();
    table.row.push(closed);
    table.cell = undefined;
  }

  closeTable(): void {
    if (!this.table) return;
    this.closeRow();
    this.closeCaption();
    const table = this.open.pop()!;
    const { parent } = table;
    for (const item of table.stray.flow()) parent.push(item);
    if (table.rows.some((row) => row.some((cell) => cell.flow))) {
      // Layout: its lines and the data tables inside it, in order, as if it were not there.
      if (table.captionText) parent.push(table.captionText);
      for (const row of table.rows) for (const cell of row) for (const item of cell.flow ?? (cell.text ? cell.text.split('\n') : [])) parent.push(item);
      return;
    }
    const rows: SpanCell[][] = table.rows;
    const filledRows = rows.filter((row) => row.some((cell) => cell.text !== ''));
    const wide = rows.some((row) => row.filter((cell) => cell.text !== '').length >= 2);
    if (filledRows.length >= 2 && wide) {
      parent.push({ table: { caption: table.captionText, rows, before: [] } });
      return;
    }
    // Too small to be a data table: its text, a line per row.
    if (table.captionText) parent.push(table.captionText);
    for (const row of filledRows) parent.push(collapse(row.map((cell) => cell.text.replace(/\n/g, ' ')).filter(Boolean).join(' ')));
  }

  private tooBig(): never {
    throw new FileFormatError(`${this.name}: refused: its tables have more than ${MAX_GRID_CELLS.toLocaleString('en')} cells; split the document or export the table as CSV`);
  }

  /** The document: closes whatever is still open, and assigns each data table the lines before it. */
  finish(): DocModel {
    this.closeTitle();
    while (this.open.length) this.closeTable();
    const tables: DocTable[] = [];
    let lines: string[] = [];
    for (const item of this.root.flow()) {
      if (typeof item === 'string') lines.push(item);
      else {
        item.table.before = lines;
        tables.push(item.table);
        lines = [];
      }
    }
    return { title: this.title, tables };
  }
}

function setSpan(cell: SpanCell, colspan: number, rowspan: number, continues: boolean): void {
  cell.colspan = Number.isFinite(colspan) ? Math.min(Math.max(Math.trunc(colspan), 1), MAX_COLSPAN) : 1;
  cell.rowspan = Number.isFinite(rowspan) ? Math.min(Math.max(Math.trunc(rowspan), 0), 65_534) : 1;
  if (continues) cell.continues = true;
  else delete cell.continues;
}
