import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Answer } from '../hostile/send.ts';

/* The OpenAPI document as a contract: what each operation may answer, checked with Ajv. */

type Json = Record<string, any>;
export interface Operation { path: string; method: string; op: Json }

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
const DOC_ID = 'https://contract.test/openapi.json';

/** `$ref: '#/components/…'` points into the document; compiled alone, a schema needs the document's id. */
function anchored(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(anchored);
  if (!schema || typeof schema !== 'object') return schema;
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${DOC_ID}${v}` : anchored(v)]));
}

export class Contract {
  readonly ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  private readonly compiled = new Map<unknown, ValidateFunction>();
  readonly doc: Json;

  constructor(doc: Json) {
    this.doc = doc;
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: DOC_ID, components: doc.components }, undefined, undefined, false);
  }

  operations(): Operation[] {
    return Object.entries(this.doc.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json).filter(([method]) => ['get', 'post', 'put', 'patch', 'delete', 'head'].includes(method)).map(([method, op]) => ({ path, method, op: op as Json })));
  }

  /** Resolves a `$ref` to `#/components/…` (responses, parameters, headers). */
  resolve(node: Json): Json {
    if (typeof node?.$ref !== 'string') return node;
    return this.resolve(node.$ref.slice(2).split('/').reduce((at: Json, part: string) => at[part.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc));
  }

  parameters(operation: Operation): Json[] {
    const shared = ((this.doc.paths as Json)[operation.path].parameters ?? []) as Json[];
    return [...shared, ...((operation.op.parameters ?? []) as Json[])].map((p) => this.resolve(p));
  }

  validator(schema: unknown): ValidateFunction {
    let v = this.compiled.get(schema);
    if (!v) this.compiled.set(schema, (v = this.ajv.compile(anchored(schema) as object)));
    return v;
  }

  /**
   * What is wrong with an answer to `operation`: a 5xx, a status the document does not list, a
   * documented required header missing, or a body outside the documented schema of its status.
   */
  problems(operation: Operation, answer: Answer, method = operation.method): string[] {
    if (answer.status >= 500) return [`${answer.status}: ${answer.body.slice(0, 200)}`];
    const responses = operation.op.responses as Json;
    const documented = responses[String(answer.status)] ?? responses[`${String(answer.status)[0]}XX`] ?? responses.default;
    if (!documented) return [`status ${answer.status} is not documented (${Object.keys(responses).join(', ')}): ${answer.body.slice(0, 160)}`];
    const response = this.resolve(documented);
    const found: string[] = [];
    for (const [name, header] of Object.entries((response.headers ?? {}) as Json)) {
      if (this.resolve(header).required && answer.headers[name.toLowerCase()] === undefined) found.push(`${answer.status} lacks header ${name}`);
    }
    if (method === 'head' || answer.status === 304 || answer.status === 204) return found;
    const type = String(answer.headers['content-type'] ?? '').split(';')[0]!.trim();
    const content = response.content as Json | undefined;
    if (!content) return answer.body ? [...found, `${answer.status} has a body the document does not describe`] : found;
    const media = content[type] ?? Object.entries(content).find(([k]) => k.endsWith('/*') && type.startsWith(k.slice(0, -1)))?.[1];
    if (!media) return [...found, `${answer.status} is ${type || 'untyped'}, documented as ${Object.keys(content).join(', ')}`];
    if (!/json/.test(type) || !media.schema) return found;
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return [...found, `${answer.status} body is not JSON: ${answer.body.slice(0, 120)}`];
    }
    const validate = this.validator(media.schema);
    if (!validate(body)) found.push(`${answer.status} body outside its schema: ${this.ajv.errorsText(validate.errors?.slice(0, 3))}`);
    return found;
  }
}

/** `/{type}/{id}` with its path parameters filled in, encoded as a client would. */
export const pathOf = (template: string, values: Record<string, string>, encode = encodeURIComponent) =>
  template.replace(/\{([^}]+)\}/g, (_m, name: string) => encode(values[name] ?? ''));
