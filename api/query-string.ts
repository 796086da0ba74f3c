import { DomainError } from './errors.ts';

/**
 * A query string as a procedure's input: each parameter once. `Object.fromEntries` would keep
 * the last of `?limit=5&limit=6` and drop the other without a word; here a repeated parameter is a
 * 400 (every parameter of the API takes one value; lists are comma-separated). Unknown parameters
 * are refused by the procedures' strict input schemas. A prototype-free object, so that a
 * parameter named `__proto__` is an unknown parameter like any other.
 */
export function queryInput(params: URLSearchParams): Record<string, string> {
  const input = Object.create(null) as Record<string, string>;
  for (const [name, value] of params) {
    if (Object.hasOwn(input, name)) throw new DomainError('BAD_REQUEST', `${name}: is given more than once; it takes one value (a list is comma-separated)`);
    input[name] = value;
  }
  return input;
}

/** For endpoints that take no query parameters (their input is the path or a JSON body). */
export function refuseQuery(params: URLSearchParams, instead: string): void {
  const [first] = params.keys();
  if (first !== undefined) throw new DomainError('BAD_REQUEST', `${first}: is not a parameter of this endpoint; it takes none (${instead})`);
}
