/**
 * One result shape for every parser in core/normalize, so the importer can turn any failure
 * into "row N, column C: reason" without knowing which parser produced it.
 */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export function ok<T>(value: T): ParseResult<T> {
  return { ok: true, value };
}

export function fail<T = never>(reason: string): ParseResult<T> {
  return { ok: false, reason };
}
