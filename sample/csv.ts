/** RFC 4180 CSV writer: UTF-8 with BOM, CRLF line endings, quotes only where needed. */

export function csvField(value: string | number | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [...csvRows(headers, rows)].join('');
}

/** The same text in chunks of `chunkRows` rows, for files too large to hold as one string. */
export function* csvRows(headers: readonly string[], rows: readonly (readonly (string | number)[])[], chunkRows = 10_000): Generator<string> {
  yield `\uFEFF${headers.map(csvField).join(',')}\r\n`;
  for (let start = 0; start < rows.length; start += chunkRows) {
    const lines: string[] = [];
    for (const row of rows.slice(start, start + chunkRows)) {
      if (row.length !== headers.length) {
        throw new Error(`CSV row has ${row.length} fields, expected ${headers.length}`);
      }
      lines.push(row.map(csvField).join(','));
    }
    yield `${lines.join('\r\n')}\r\n`;
  }
}

/** Minimal RFC 4180 parser (used by tests and tooling; handles BOM, quotes, CRLF). */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let inQuotes = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i] as string;
    if (inQuotes) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += c;
    } else if (c === '"') inQuotes = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}
