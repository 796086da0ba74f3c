import { guard } from './access/guard.ts';
import { DomainError, errorResponse, MethodNotAllowedError } from './errors.ts';
import { queryInput, refuseQuery } from './query-string.ts';
import { createCaller, createContext, type serverCaller } from './root.ts';
import { openApiDocument } from './openapi/index.ts';
import { TYPE_PATTERN } from '../types/registry.ts';
import { serveDownloads } from './services/downloads.ts';
import { adminImportFields, importUpload, MAX_UPLOAD_BYTES } from './services/admin-import.ts';
import type { Context } from './trpc.ts';
import { checkDeclaredLength, limitedBody, readJsonObject, refusing, tooLarge } from './request-body.ts';

type Caller = ReturnType<typeof serverCaller>;

interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  pattern: RegExp;
  /** Inputs the path gives: the same name in the query is a 400, not silently overridden. */
  fromPath?: string[];
  call: (caller: Caller, params: string[], query: Record<string, string>, body: Record<string, unknown>) => Promise<unknown>;
}

/** REST routes under /api/v1: each is a method, a path pattern and the tRPC procedure it calls. */
const ROUTES: Route[] = [
  { method: 'GET', pattern: /^search$/, call: (c, _p, q) => c.search.query(q) },
  { method: 'GET', pattern: /^suggest$/, call: (c, _p, q) => c.search.suggest(q as never) },
  { method: 'GET', pattern: /^count$/, call: (c, _p, q) => c.count.by(q as never) },
  // A type's listing is its search with the type fixed: the same filters, sort and paging.
  { method: 'GET', pattern: new RegExp(`^(${TYPE_PATTERN})$`), fromPath: ['type'], call: (c, [type], q) => c.search.query({ ...q, type } as never) },
  { method: 'GET', pattern: /^enterprises\/([^/]+)$/, fromPath: ['key'], call: (c, [key], q) => c.enterprises.profile({ ...q, key: key! }) },
  { method: 'POST', pattern: /^admin\/records\/([^/]+)\/withdraw$/, call: (c, [id], _q, b) => c.admin.withdraw({ ...b, id: id! } as never) },
  { method: 'POST', pattern: /^admin\/records\/([^/]+)\/restore$/, call: (c, [id], _q, b) => c.admin.restore({ ...b, id: id! } as never) },
  { method: 'GET', pattern: /^changes$/, call: (c, _p, q) => c.changes.list(q as never) },
  // Before the record route below, which would read `stats` as a type name.
  { method: 'GET', pattern: /^stats\/failure-rates$/, call: (c, _p, q) => c.stats.failureRates(q as never) },
  { method: 'POST', pattern: /^screen$/, call: (c, _p, _q, b) => c.screen.run(b as never) },
  { method: 'POST', pattern: /^screen\/products$/, call: (c, _p, _q, b) => c.screen.products(b as never) },
  // Watchlists of the calling API key (api/routers/watchlists.ts); before the record route below.
  { method: 'POST', pattern: /^watchlists$/, call: (c, _p, _q, b) => c.watchlists.create(b as never) },
  { method: 'GET', pattern: /^watchlists$/, call: (c, _p, q) => c.watchlists.list(q as never) },
  { method: 'GET', pattern: /^watchlists\/([^/]+)$/, fromPath: ['id'], call: (c, [id], q) => c.watchlists.get({ ...q, id: id! }) },
  { method: 'DELETE', pattern: /^watchlists\/([^/]+)$/, call: (c, [id]) => c.watchlists.delete({ id: id! }) },
  { method: 'POST', pattern: /^watchlists\/([^/]+)\/secret$/, call: (c, [id], _q, b) => c.watchlists.rotateSecret({ ...b, id: id! }) },
  { method: 'POST', pattern: /^watchlists\/([^/]+)\/entries$/, call: (c, [id], _q, b) => c.watchlists.addEntries({ ...b, id: id! } as never) },
  { method: 'POST', pattern: /^watchlists\/([^/]+)\/entries\/remove$/, call: (c, [id], _q, b) => c.watchlists.removeEntries({ ...b, id: id! } as never) },
  { method: 'GET', pattern: /^watchlists\/([^/]+)\/entries$/, fromPath: ['id'], call: (c, [id], q) => c.watchlists.entries({ ...q, id: id! }) },
  { method: 'DELETE', pattern: /^watchlists\/([^/]+)\/entries\/([^/]+)$/, call: (c, [id, entryId]) => c.watchlists.deleteEntry({ id: id!, entryId: entryId! }) },
  { method: 'GET', pattern: /^watchlists\/([^/]+)\/events$/, fromPath: ['id'], call: (c, [id], q) => c.watchlists.events({ ...q, id: id! } as never) },
  { method: 'POST', pattern: /^watchlists\/([^/]+)\/replay$/, call: (c, [id], _q, b) => c.watchlists.replay({ ...b, id: id! } as never) },
  { method: 'GET', pattern: /^(?!admin\/)([a-z-]+)\/([^/]+)$/, fromPath: ['type', 'id'], call: (c, [type, id], q) => c.records.byId({ ...q, type: type as never, id: id! }) },
];

/** Endpoints served outside ROUTES (below), with their methods. */
const OTHER_ENDPOINTS: { method: 'GET' | 'POST'; pattern: RegExp }[] = [
  { method: 'POST', pattern: /^admin\/imports$/ },
  { method: 'GET', pattern: /^openapi\.json$/ },
  { method: 'GET', pattern: /^downloads(\/.+)?$/ },
];

/**
 * The methods an /api/v1 path answers (the Allow header, the preflight's Allow-Methods), or
 * undefined when nothing is there: a GET endpoint answers HEAD too, a public one OPTIONS.
 */
export function methodsAt(path: string): string[] | undefined {
  const endpoints = [...OTHER_ENDPOINTS, ...ROUTES].filter((e) => e.pattern.test(path));
  if (endpoints.length === 0) return undefined;
  const methods = new Set(endpoints.flatMap((e) => (e.method === 'GET' ? ['GET', 'HEAD'] : [e.method])));
  if (!/^admin(\/|$)/.test(path)) methods.add('OPTIONS');
  return [...methods];
}

const pathOf = (url: URL) => url.pathname.replace(/^\/api\/v1\/?/, '').replace(/\/$/, '');

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8' };

/**
 * Serves /api/v1/*: rate-limited by API key or client address (`clientAddress`, the socket's),
 * with RateLimit-* headers on every response and CORS on public GETs (api/access/guard.ts).
 */
export function handleRest(request: Request, clientAddress?: string): Promise<Response> {
  return guard(request, clientAddress, errorResponse, () => serveRest(request), { methods: methodsAt(pathOf(new URL(request.url))) ?? [] });
}

/**
 * The same procedures as tRPC, as plain JSON for Java, Go and Python clients. Exported without the
 * rate limit for the portal's own pages (/developers shows real answers): they are not API clients.
 */
export async function serveRest(request: Request): Promise<Response> {
  // A HEAD never reaches here: runtime/web-server.mjs hands the app a GET and sends no body.
  const ctx = createContext(request);
  const url = new URL(request.url);
  const path = pathOf(url);
  try {
    const allowed = methodsAt(path);
    if (!allowed) throw new DomainError('NOT_FOUND', `No API endpoint at /api/v1/${path}`);
    if (!allowed.includes(request.method) || request.method === 'OPTIONS') throw new MethodNotAllowedError(request.method, allowed);
    if (path === 'admin/imports') return await handleAdminImport(request, ctx);
    if (path === 'openapi.json') {
      refuseQuery(url.searchParams, 'the document describes every endpoint');
      return json(openApiDocument(), 200, ctx.requestId);
    }
    if (path === 'downloads' || path.startsWith('downloads/')) {
      refuseQuery(url.searchParams, 'a download is named by its path');
      return await serveDownloads(request, path, ctx);
    }
    const method = request.method;
    // The query is a GET's input; a POST's input is its JSON body, and it takes no parameters.
    if (method === 'POST') refuseQuery(url.searchParams, 'send the input as the JSON body');
    // A DELETE is named by its path alone.
    if (method === 'DELETE') refuseQuery(url.searchParams, 'the path names what is deleted');
    const query = queryInput(url.searchParams);
    const route = ROUTES.find((r) => r.method === method && r.pattern.test(path));
    if (!route) throw new DomainError('NOT_FOUND', `No API endpoint at /api/v1/${path}`);
    const doubled = route.fromPath?.find((name) => name in query);
    if (doubled) throw new DomainError('BAD_REQUEST', `${doubled}: is given by the path; leave it out of the query`);
    const params = route.pattern.exec(path)!.slice(1).map((p) => safeDecode(p));
    const body = method === 'POST' ? await readJsonObject(request) : {};
    const result = await route.call(createCaller(ctx), params, query, body);
    return json(result, 200, ctx.requestId);
  } catch (error) {
    return errorResponse(error, ctx.requestId);
  }
}

const json = (body: unknown, status: number, requestId: string) =>
  new Response(JSON.stringify(body), { status, headers: { ...JSON_HEADERS, 'x-request-id': requestId } });

/** POST /api/v1/admin/imports: multipart `file` plus the command's options; the import report. */
async function handleAdminImport(request: Request, ctx: Context): Promise<Response> {
  if (!ctx.isAdmin) throw new DomainError('UNAUTHORIZED', 'An admin token is required: send Authorization: Bearer <token> (see ADMIN_TOKENS)');
  // The file plus the form's other fields and multipart framing.
  const maxBody = MAX_UPLOAD_BYTES + 1024 * 1024;
  const hint = '; use npm run import for big files';
  await checkDeclaredLength(request, maxBody, hint);
  if (!/^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '')) {
    throw await refusing(request, new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data with a "file" field'));
  }
  let exceeded = false;
  let form: FormData;
  try {
    // Counted as it streams in: a chunked upload without Content-Length is cut off at the limit too.
    const body = limitedBody(request, maxBody, hint, () => (exceeded = true));
    form = await new Request(request.url, { method: 'POST', headers: request.headers, body, duplex: 'half' } as RequestInit).formData();
  } catch {
    if (exceeded) throw tooLarge(maxBody, hint);
    throw new DomainError('BAD_REQUEST', 'Send the file as multipart/form-data with a "file" field');
  }
  const file = form.get('file');
  if (!(file instanceof File)) throw new DomainError('BAD_REQUEST', 'file: is required (a multipart file field named "file")');
  const fields = Object.fromEntries([...form.entries()].filter(([k, v]) => k !== 'file' && typeof v === 'string'));
  const report = await importUpload(ctx.portal, file, adminImportFields.parse(fields));
  // A rejected file is the uploader's to mend: 422 with the row-level report beside the error.
  if (report.status === 'rejected') throw new DomainError('UNPROCESSABLE_CONTENT', `${report.file} was rejected: ${report.errorCount} problem(s); nothing was written`, { report });
  return json(report, 200, ctx.requestId);
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new DomainError('BAD_REQUEST', 'The path is not valid percent-encoding');
  }
}
