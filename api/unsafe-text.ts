/**
 * PostgreSQL text cannot hold U+0000: a NUL byte in any parameter makes the query fail with
 * "invalid byte sequence", which would surface as a 500. No identifier, name or search term
 * legitimately contains one, so input carrying it is refused up front as a 400.
 */

/** The dotted path of the first string containing NUL in `value` (an input object), or undefined. */
export function nulPathIn(value: unknown): string | undefined {
  // Iterative, so a deeply nested hostile input cannot overflow the stack.
  const stack: [unknown, string][] = [[value, '']];
  let visited = 0;
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (++visited > 100_000) return undefined; // zod rejects inputs this large anyway
    if (typeof current === 'string') {
      if (current.includes('\u0000')) return path || '(input)';
    } else if (current && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (key.includes('\u0000')) return path ? `${path}.${key}` : key;
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return undefined;
}
