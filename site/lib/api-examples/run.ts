import { changesHeard, onPortalChange } from '../../../api/change-watch.ts';
import { handleHealth } from '../../../api/http.ts';
import { serveRest } from '../../../api/rest.ts';
import { serverCaller } from '../../../api/root.ts';
import { asksForFreshAnswer } from '../../../api/access/keys.ts';
import { isAdminRequest } from '../../../api/admin-auth.ts';
import { RECORD_TYPES } from '../../../types/registry.ts';
import { publicOrigin } from '../../../core/public-url.ts';
import { operations, type ExampleRequest, type Operation, type Sample } from './operations.ts';
import { curl, python, typescript, typescriptSdk } from './snippets.ts';
import { printJson, printText, TRIM } from './trim.ts';

/** One operation as /developers shows it: what it is for, the request in three forms, the real answer. */
export interface Example extends Omit<Operation, 'request'> {
  curl: string;
  /** With the SDK (sdk/) for the document's operations, with fetch for the URLs outside it. */
  typescript: string;
  python: string;
  status: number;
  contentType: string;
  /** The answer, trimmed (trim.ts). */
  response: string;
}

/**
 * Real values to ask about: the newest record of the first type and an enterprise from the
 * enterprises index. With no data at all the examples still run, and show the API's 404s.
 */
async function pickSample(request: Request): Promise<Sample> {
  const caller = serverCaller(request);
  const type = RECORD_TYPES[0];
  const [records, failed, enterprises, downloads] = await Promise.all([
    caller.search.query({ type, sort: 'newest', limit: 1 }),
    caller.search.query({ type, result: 'unqualified', sort: 'newest', limit: 1 } as never).catch(() => undefined),
    caller.search.query({ type: 'enterprises', limit: 1 }),
    serveRest(new Request(new URL('/api/v1/downloads', request.url))).then((r): Promise<{ snapshots?: { date: string }[] }> => (r.ok ? r.json() : Promise.resolve({}))),
  ]);
  const enterpriseId = enterprises.hits[0]?.id;
  const profile = enterpriseId ? await caller.enterprises.profile({ key: enterpriseId }).catch(() => undefined) : undefined;
  const failedId = failed?.hits[0]?.id;
  const product = failedId ? ((await caller.records.byId({ type, id: failedId }).catch(() => undefined))?.record as Record<string, unknown> | undefined) : undefined;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    type,
    recordId: records.hits[0]?.id ?? 'no-record-yet',
    enterpriseKey: profile?.enterprise.uscc ?? profile?.enterprise.id ?? 'no-enterprise-yet',
    enterpriseName: profile?.enterprise.name ?? '电缆',
    snapshotDate: downloads.snapshots?.[0]?.date ?? new Date().toISOString().slice(0, 10),
    product: { brand: text(product?.brand), model: text(product?.model), batch: text(product?.batch), manufacturer: text(product?.manufacturerName) },
  };
}

/** The request sent to the portal's own handler, in this process: the same code a client reaches. */
async function answer(origin: string, example: ExampleRequest, fresh: Record<string, string>): Promise<Response> {
  const headers: Record<string, string> = example.body ? { 'content-type': 'application/json' } : {};
  Object.assign(headers, fresh);
  const request = new Request(`${origin}${example.path}`, { method: example.method, headers, body: example.body ? JSON.stringify(example.body) : undefined });
  return example.path.startsWith('/api/v1/') ? serveRest(request) : handleHealth(request);
}

/** The beginning of a text answer (a bulk CSV can be large): one line more than is shown, then stop. */
async function beginning(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while ((text.match(/\n/g)?.length ?? 0) <= TRIM.lines) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel().catch(() => {});
  return text + decoder.decode();
}

async function run(origin: string, operation: Operation, sample: Sample, fresh: Record<string, string>): Promise<Example> {
  const { request: make, ...described } = operation;
  const request = make(sample);
  const response = await answer(origin, request, fresh);
  const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!;
  const isJson = contentType === 'application/json';
  return {
    ...described,
    curl: curl(origin, request),
    typescript: operation.inSdk ? typescriptSdk(origin, operation, request) : typescript(origin, request, !isJson),
    python: python(origin, request, !isJson),
    status: response.status,
    contentType,
    response: isJson ? printJson(await response.json()) : printText(await beginning(response)),
  };
}

/**
 * The examples, kept for FRESH_MS: a page view of /developers would otherwise send a dozen
 * requests. Written with the public origin (core/public-url.ts), so one copy serves every Host.
 * Emptied whenever the data changes, and not kept while changes cannot be heard
 * (api/change-watch.ts), like every cache here; the bulk downloads are rebuilt without a change
 * notice, so their example may lag by up to FRESH_MS.
 */
const FRESH_MS = 30_000;
let kept: { at: number; examples: Promise<{ examples: Example[]; missing: string[] }> } | undefined;
onPortalChange(() => (kept = undefined));

/** Every public operation with a real request and answer; `missing` names operations without an example. */
export function apiExamples(request: Request): Promise<{ examples: Example[]; missing: string[] }> {
  const origin = publicOrigin();
  const noCache = asksForFreshAnswer(request, isAdminRequest(request));
  if (kept && !noCache && Date.now() - kept.at <= FRESH_MS && changesHeard()) return kept.examples;
  const examples = (async () => {
    const sample = await pickSample(request);
    const { operations: list, missing } = operations();
    // One after another: the page is rendered rarely (it is cached) and the server has other work.
    const out: Example[] = [];
    // A fresh page asks its own handlers for fresh answers, with the same credential.
    const fresh: Record<string, string> = noCache ? { 'cache-control': 'no-cache', authorization: request.headers.get('authorization') ?? '' } : {};
    for (const operation of list) out.push(await run(origin, operation, sample, fresh));
    return { examples: out, missing };
  })();
  if (changesHeard() && !noCache) {
    const entry = { at: Date.now(), examples };
    kept = entry;
    // A failed run (the database down) is not kept: the next view tries again.
    examples.catch(() => kept === entry && (kept = undefined));
  }
  return examples;
}
