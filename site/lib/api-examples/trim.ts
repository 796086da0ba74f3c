/**
 * How /developers shortens a real API answer so the page stays readable: the shape and the first
 * values of everything, not every item. Pure, so a test can shorten a live answer the same way and
 * compare it with what the page shows.
 */
export const TRIM = {
  /** Items of an array shown before "… N more". */
  items: 2,
  /** Keys of an object shown before "…": "N more keys". */
  keys: 24,
  /** Characters of a string shown before "…". */
  chars: 100,
  /** Nesting shown; deeper objects and arrays are summarised by their size. */
  depth: 7,
  /** Lines of a text answer (a CSV file). */
  lines: 3,
};

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** A JSON value cut down: arrays to their first items, long strings, deep or wide objects. */
export function trimJson(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return cut(value, TRIM.chars);
  if (Array.isArray(value)) {
    if (depth >= TRIM.depth) return value.length === 0 ? [] : [`… ${value.length} items`];
    const shown = value.slice(0, TRIM.items).map((item) => trimJson(item, depth + 1));
    return value.length > TRIM.items ? [...shown, `… ${value.length - TRIM.items} more`] : shown;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (depth >= TRIM.depth) return entries.length === 0 ? {} : { '…': `${entries.length} keys` };
    const shown = entries.slice(0, TRIM.keys).map(([key, item]) => [key, trimJson(item, depth + 1)]);
    if (entries.length > TRIM.keys) shown.push(['…', `${entries.length - TRIM.keys} more keys`]);
    return Object.fromEntries(shown);
  }
  return value;
}

/** The trimmed answer as the page prints it. */
export const printJson = (value: unknown): string => JSON.stringify(trimJson(value), null, 2);

/**
 * The first lines of a text answer, each cut, and "…" when more follow. `text` may be only the
 * beginning of the answer, as long as it holds one character past the lines shown.
 */
export function printText(text: string): string {
  const lines = text.replace(/\r\n/g, '\n').replace(/\n$/, '').split('\n');
  const shown = lines.slice(0, TRIM.lines).map((line) => cut(line, TRIM.chars * 2));
  return lines.length > TRIM.lines ? [...shown, '…'].join('\n') : shown.join('\n');
}
