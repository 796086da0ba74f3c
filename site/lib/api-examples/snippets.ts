import type { ExampleRequest, Operation } from './operations.ts';

/** Quotes for a POSIX shell: inside '…' only a quote itself needs care. */
const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/**
 * The request as one curl command (continued with backslashes when it has a body). Its URL is
 * always the first quoted argument, so a test can take it from the page.
 */
export function curl(origin: string, request: ExampleRequest): string {
  const url = shellQuote(`${origin}${request.path}`);
  if (!request.body) return `curl ${url}`;
  return [`curl -X ${request.method} ${url}`, `  -H 'content-type: application/json'`, `  -d ${shellQuote(JSON.stringify(request.body))}`].join(' \\\n');
}

/** The query of a path as key → value, and the path without it. */
function split(path: string): { base: string; query: [string, string][] } {
  const url = new URL(path, 'http://x');
  return { base: url.pathname, query: [...url.searchParams] };
}

/** The request with fetch, in TypeScript (Node 18+, Deno, browsers); `asText` for a file that is not JSON. */
export function typescript(origin: string, request: ExampleRequest, asText = false): string {
  const { base, query } = split(request.path);
  const lines = [`const url = new URL('${origin}${base}');`];
  for (const [key, value] of query) lines.push(`url.searchParams.set(${JSON.stringify(key)}, ${JSON.stringify(value)});`);
  if (request.body) {
    lines.push(
      `const response = await fetch(url, {`,
      `  method: '${request.method}',`,
      `  headers: { 'content-type': 'application/json' },`,
      `  body: JSON.stringify(${indent(JSON.stringify(request.body, null, 2), '  ')}),`,
      `});`,
    );
  } else {
    lines.push('const response = await fetch(url);');
  }
  lines.push(
    '// Errors are JSON too: { error: { code, message, requestId } }.',
    'if (!response.ok) throw new Error((await response.json()).error.message);',
    asText ? 'const text = await response.text();' : 'const data = await response.json();',
  );
  return lines.join('\n');
}

/** The package name of the SDK in sdk/ (its package.json), as a platform imports it. */
export const SDK_PACKAGE = '@quality-portal/sdk';

/** The values of a documented path's {placeholders} in a request's path. */
function pathParameters(template: string, path: string): [string, string][] {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '([^/]+)')}$`);
  const values = pattern.exec(path)?.slice(1) ?? [];
  return names.map((name, i) => [name, decodeURIComponent(values[i] ?? '')]);
}

/** An object literal on one line: `{ q: "电缆", limit: 2 }`. */
const literal = (entries: [string, unknown][]) => `{ ${entries.map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')} }`;

/**
 * The request with the SDK (sdk/): the operation's function, named by its operationId, with its
 * path, query and body as the SDK types them (numbers as numbers). `throwOnError` makes an error
 * answer a thrown `{ error: { code, message, requestId } }`, so `data` is the answer.
 */
export function typescriptSdk(origin: string, operation: Pick<Operation, 'id' | 'path' | 'numeric'>, request: ExampleRequest): string {
  const { base, query } = split(request.path);
  const options: string[] = ['client'];
  const path = pathParameters(operation.path, base);
  if (path.length) options.push(`path: ${literal(path)}`);
  if (query.length) options.push(`query: ${literal(query.map(([k, v]) => [k, operation.numeric.includes(k) && /^\d+$/.test(v) ? Number(v) : v]))}`);
  if (request.body) options.push(`body: ${indent(JSON.stringify(request.body, null, 2), '  ')}`);
  options.push('throwOnError: true');
  return [
    `import { createPortalClient, ${operation.id} } from '${SDK_PACKAGE}';`,
    '',
    `// An API key (apiKey: 'qp_…') raises the rate limit; without one the use is anonymous.`,
    `const client = createPortalClient({ baseUrl: '${origin}' });`,
    '// With throwOnError an error answer is thrown as { error: { code, message, requestId } }.',
    `const { data } = await ${operation.id}({`,
    ...options.map((option) => `  ${option},`),
    '});',
    'console.log(data);',
  ].join('\n');
}

/** The request with Python's requests. */
export function python(origin: string, request: ExampleRequest, asText = false): string {
  const { base, query } = split(request.path);
  const lines = ['import requests', '', `url = ${JSON.stringify(`${origin}${base}`)}`];
  const args = ['url'];
  if (query.length) {
    lines.push(`params = {${query.map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`).join(', ')}}`);
    args.push('params=params');
  }
  if (request.body) {
    // JSON and Python literals agree for strings, numbers, lists and dicts, which is all a body holds here.
    lines.push(`body = ${JSON.stringify(request.body, null, 4)}`);
    args.push('json=body');
  }
  args.push('timeout=30');
  lines.push(
    `response = requests.${request.method.toLowerCase()}(${args.join(', ')})`,
    '# Errors are JSON too: {"error": {"code", "message", "requestId"}}.',
    'response.raise_for_status()',
    asText ? 'text = response.text' : 'data = response.json()',
  );
  return lines.join('\n');
}

const indent = (text: string, by: string) => text.split('\n').join(`\n${by}`);
