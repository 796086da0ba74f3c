/**
 * A document's data tables laid out as grids (document-tables.ts collects them): spans become
 * cells filled from above or left empty, and each table becomes one table of the file with the
 * document's text above it as its preamble.
 */
import { FileFormatError, type RawRow, type RawTable } from './read-common.ts';

/** One cell as the document writes it, before the grid is laid out. */
export interface SpanCell {
  text: string;
  colspan: number;
  /** HTML rowspan (0: to the end of the table); 1 for DOCX, which marks the cells below instead. */
  rowspan: number;
  /** DOCX `<w:vMerge/>` (continue): the cell lies under the cell above in its grid column. */
  continues?: boolean;
}

/** A data table of a document, with the text between the previous data table (or the start) and it. */
export interface DocTable {
  caption: string;
  rows: SpanCell[][];
  /** Lines between the previous data table (or the start of the document) and this one. */
  before: string[];
}

export interface DocModel {
  title: string;
  tables: DocTable[];
}

/** Excel has 16,384 columns. */
export const MAX_GRID_COLUMNS = 16_384;
/** Cells of all grids together: far above any published table, far below what exhausts memory. */
export const MAX_GRID_CELLS = 20_000_000;

/**
 * The grid of a table written with spans: a cell covered by a colspan is '', a cell under a
 * rowspan (or a DOCX vertical-merge continuation) carries the value of the merge's top cell and
 * is marked `fromAbove`. Row numbers are the rows' order in the table, 1-based.
 */
export function* gridRows(rows: SpanCell[][], name: string): Generator<RawRow> {
  interface Cover {
    left: number;
    text: string;
  }
  const covers: (Cover | undefined)[] = [];
  const topText: string[] = []; // DOCX: the text at the top of a vertical merge, per grid column
  let cells = 0;
  for (const [r, row] of rows.entries()) {
    const active = covers.map((cover) => (cover && cover.left > 0 ? cover : undefined));
    const values: (string | undefined)[] = [];
    const fromAbove: boolean[] = [];
    const set = (c: number, text: string, above: boolean) => {
      if (c >= MAX_GRID_COLUMNS) throw new FileFormatError(`${name}: refused: a table is wider than ${MAX_GRID_COLUMNS} columns; export the table as CSV`);
      values[c] = text;
      fromAbove[c] = above;
    };
    const added: [number, Cover][] = [];
    let col = 0;
    for (const cell of row) {
      while (active[col]) col++;
      if (cell.continues) {
        set(col, topText[col] ?? '', true);
        for (let k = 1; k < cell.colspan; k++) set(col + k, '', true);
      } else {
        set(col, cell.text, false);
        topText[col] = cell.text;
        for (let k = 1; k < cell.colspan; k++) {
          set(col + k, '', false);
          topText[col + k] = '';
        }
        const rowspan = cell.rowspan === 0 ? rows.length - r : Math.min(cell.rowspan, rows.length - r);
        if (rowspan > 1) for (let k = 0; k < cell.colspan; k++) added.push([col + k, { left: rowspan - 1, text: k === 0 ? cell.text : '' }]);
      }
      col += cell.colspan;
    }
    for (const [c, cover] of active.entries()) {
      if (!cover) continue;
      if (values[c] === undefined) set(c, cover.text, true);
      cover.left -= 1;
    }
    for (const [c, cover] of added) covers[c] = cover;
    cells += values.length;
    if (cells > MAX_GRID_CELLS) throw new FileFormatError(`${name}: refused: its tables have more than ${MAX_GRID_CELLS.toLocaleString('en')} cells; split the document or export the table as CSV`);
    const raw: RawRow = { rowNumber: r + 1, values: Array.from(values, (v) => v ?? '') };
    if (fromAbove.includes(true)) raw.fromAbove = Array.from(raw.values, (_, c) => fromAbove[c] ?? false);
    yield raw;
  }
}

/** Longest preamble line kept (a long paragraph is cut, with …). */
const MAX_PREAMBLE_LINE = 500;

/** A document's data tables as the tables of a file, each with the document text above it. */
export function documentTables(model: DocModel, name: string, size: number, progress?: { bytesRead: number }): RawTable[] {
  const total = model.tables.reduce((sum, t) => sum + t.rows.length, 0) || 1;
  let before = 0;
  return model.tables.map((table, index) => {
    const start = before;
    before += table.rows.length;
    const lines = table.before.filter((line) => line !== model.title);
    const preamble = [...(model.title ? [model.title] : []), ...lines].map((line) => (line.length > MAX_PREAMBLE_LINE ? `${line.slice(0, MAX_PREAMBLE_LINE - 1)}…` : line));
    return {
      index,
      sheet: table.caption || `表格 ${index + 1}`,
      label: table.caption ? `table ${index + 1} "${table.caption}"` : `table ${index + 1}`,
      preamble,
      last: index === model.tables.length - 1,
      rows: (function* () {
        for (const row of gridRows(table.rows, name)) {
          if (progress) progress.bytesRead = Math.round((size * (start + row.rowNumber)) / total);
          yield row;
        }
      })(),
    };
  });
}
