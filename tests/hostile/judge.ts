import { HTML_MARKERS } from './payloads.ts';
import type { Answer } from './send.ts';

/**
 * Text that must never reach a client: stack frames, file system paths, driver and database
 * errors, secrets and the files a traversal would reach.
 */
const LEAKS: [string, RegExp][] = [
  ['stack frame', /\n\s+at [^\n]+:\d+:\d+\)?/],
  ['source path', /\/(work|home|root|tmp)\/[\w./-]+\.(ts|mjs|js)\b/],
  ['node_modules path', /node_modules\//],
  ['postgres url', /postgres(ql)?:\/\/[^\s"]*@/],
  ['postgres error', /syntax error at or near|invalid byte sequence for encoding|unterminated quoted string|relation "[^"]+" does not exist/],
  ['meilisearch internals', /invalid_search_filter|MeiliSearch(ApiError|RequestError)|Attribute `[^`]+` is not filterable/],
  ['connection error', /ECONNREFUSED|ECONNRESET|EADDRINUSE/],
  ['js error name', /\b(TypeError|ReferenceError|RangeError|SyntaxError): /],
  ['passwd file', /root:x:0:0:/],
  ['package.json', /"devDependencies"\s*:/],
];

/**
 * Everything wrong with one answer; empty when it is acceptable. `secrets` (the Meilisearch master
 * key, the database URL, the admin token) must not appear anywhere in it.
 */
export function problemsWith(path: string, answer: Answer, allow?: number[], secrets: string[] = []): string[] {
  const problems: string[] = [];
  const { status, body } = answer;
  if (allow ? !allow.includes(status) : status < 200 || status > 499) problems.push(`status ${status}`);
  for (const [what, pattern] of LEAKS) if (pattern.test(body)) problems.push(`leaks ${what}: ${pattern.exec(body)![0].slice(0, 120)}`);
  for (const secret of secrets) if (body.includes(secret)) problems.push('leaks a secret');
  const type = String(answer.headers['content-type'] ?? '');
  if (type.includes('text/html')) {
    // Inside a double-quoted attribute value (`value="<script>…"`) markup is inert as long as the
    // quote itself is escaped; everywhere else the marker must not appear.
    const outsideAttributes = body.replace(/="[^"]*"/g, '=""');
    for (const marker of HTML_MARKERS) if (outsideAttributes.includes(marker)) problems.push(`HTML reflects ${marker} unescaped`);
  }
  if (status >= 400 && isApi(path) && type.includes('application/json')) problems.push(...errorShapeProblems(path, body));
  return problems;
}

const isApi = (path: string) => path.startsWith('/api/');

/** REST errors are `{ error: { code, message, requestId } }`; tRPC errors carry the same code and request id in `data`. */
function errorShapeProblems(path: string, body: string): string[] {
  let parsed: any;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['error body is not JSON'];
  }
  const errors = Array.isArray(parsed) ? parsed.map((p) => p?.error) : [parsed?.error];
  const problems: string[] = [];
  for (const error of errors) {
    // Refused before tRPC reads anything (413, 415, 429): the REST shape, with the same codes.
    const restShaped = typeof error?.code === 'string' && typeof error?.requestId === 'string';
    if (path.startsWith('/api/trpc') && !restShaped) {
      if (typeof error?.message !== 'string' || typeof error?.data?.code !== 'string') problems.push(`not a tRPC error: ${body.slice(0, 200)}`);
      else if (error.data.code === 'INTERNAL_SERVER_ERROR') problems.push(`tRPC error code INTERNAL_SERVER_ERROR for a client error: ${body.slice(0, 200)}`);
    } else if (typeof error?.code !== 'string' || typeof error?.message !== 'string' || typeof error?.requestId !== 'string') {
      problems.push(`not the error shape: ${body.slice(0, 200)}`);
    }
  }
  return problems;
}
