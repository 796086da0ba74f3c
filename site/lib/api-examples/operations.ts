import { openApiDocument } from '../../../api/openapi/index.ts';
import type { RecordType } from '../../../types/registry.ts';

/** Real values from the portal's data that the examples ask about (see sample.ts). */
export interface Sample {
  type: RecordType;
  recordId: string;
  /** An enterprise: its USCC when it has one, else its id; and its name. */
  enterpriseKey: string;
  enterpriseName: string;
  /** The newest dated snapshot of the downloads (YYYY-MM-DD). */
  snapshotDate: string;
  /** The newest failed record's product fields, for product screening: brand, model, batch and manufacturer as published. */
  product: { brand?: string; model?: string; batch?: string; manufacturer?: string };
}

/** One request as a client sends it: a path from the origin, with its query, and a JSON body. */
export interface ExampleRequest {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: Record<string, unknown>;
}

/** What a public operation is for, in both languages, and the request that shows it. */
interface ExampleSpec {
  zh: string;
  en: string;
  request(sample: Sample): ExampleRequest;
}

export interface Operation extends ExampleSpec {
  /** The OpenAPI operationId, or a name of ours for the two URLs outside /api/v1 (health, the document). */
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** The path as documented, with its {placeholders}, from the origin. */
  path: string;
  /** Operations of the document are functions of the SDK (sdk/), named by their operationId; the two URLs outside it are not. */
  inSdk: boolean;
  /** Query parameters the document types as numbers: the SDK takes them as numbers, not strings. */
  numeric: string[];
}

const get = (path: string, query: Record<string, string> = {}): ExampleRequest => {
  const search = new URLSearchParams(query).toString();
  return { method: 'GET', path: search ? `${path}?${search}` : path };
};
const v1 = '/api/v1';

/**
 * An example for every public operation, by operationId. The page lists the operations of the
 * OpenAPI document, so an operation added there without an entry here shows as missing on the
 * page, and tests/unit/api-examples.test.ts fails.
 */
export const EXAMPLES: Record<string, ExampleSpec> = {
  search: {
    zh: '联合检索全部类型（或用 type 只查一类），含筛选、分面计数、排序和游标分页；查询正好指向一家企业时先给出该企业（answer）。',
    en: 'Search every type at once (or one, with type), with filters, facet counts, sort and cursor paging; a query that names one enterprise answers with it first (answer).',
    request: (s) => get(`${v1}/search`, { q: s.enterpriseName, limit: '2' }),
  },
  suggest: {
    zh: '输入联想：按前几个字给出企业和品牌名称。',
    en: 'Search-as-you-type: enterprise and brand names for the first few characters.',
    request: (s) => get(`${v1}/suggest`, { q: [...s.enterpriseName].slice(0, 2).join(''), limit: '3' }),
  },
  count: {
    zh: '按某一字段计数，返回该字段的全部取值及条数。',
    en: 'Counts by one field: every value of the field and its number of records.',
    request: (s) => get(`${v1}/count`, { type: s.type, field: 'year' }),
  },
  listByType: {
    zh: '某一类型的列表，参数与 search 相同（此处按发布日期从新到旧）。',
    en: 'One type’s listing, with the same parameters as search (here newest first).',
    request: (s) => get(`${v1}/${s.type}`, { sort: 'newest', limit: '2' }),
  },
  getRecord: {
    zh: '单条记录的全部公开字段、各版本和变更记录；已撤回、已过期的记录也能读取。',
    en: 'One record: every published field, its versions and history; withdrawn and expired records too.',
    request: (s) => get(`${v1}/${s.type}/${encodeURIComponent(s.recordId)}`),
  },
  getEnterprise: {
    zh: '企业画像：按统一社会信用代码或编号读取，含风险标记、计数和时间线。',
    en: 'An enterprise profile by USCC or id: its flags, counts and timeline.',
    request: (s) => get(`${v1}/enterprises/${encodeURIComponent(s.enterpriseKey)}`),
  },
  listDownloads: {
    zh: '全量数据下载清单：每个类型的 NDJSON.gz 和 CSV，含大小、条数、SHA-256 和生成时间。',
    en: 'The bulk downloads: NDJSON.gz and CSV per type, with size, record count, SHA-256 and time.',
    request: () => get(`${v1}/downloads`),
  },
  download: {
    zh: '下载清单中的一个文件；ETag 即其 SHA-256，可用 If-None-Match 避免重复下载。',
    en: 'One file of the list; its ETag is its SHA-256, so If-None-Match saves downloading it again.',
    request: (s) => get(`${v1}/downloads/${s.type}.csv`),
  },
  downloadSnapshot: {
    zh: '某一天的快照中的文件：保留最近 7 天每天一份和每月 1 日一份，各有 SHA-256。',
    en: 'A file of a dated snapshot: one a day for the last 7 days and one for the first of each month, each with its SHA-256.',
    request: (s) => get(`${v1}/downloads/${s.snapshotDate}/${s.type}.csv`),
  },
  dataDictionary: {
    zh: '数据字典：每个类型每个字段的名称、类型、中英文含义、示例和监管部门发布时的列名。',
    en: 'The data dictionary: every field of every type with its kind, meaning in Chinese and English, an example and the header regulators publish.',
    request: () => get(`${v1}/downloads/dictionary.json`),
  },
  dataPackage: {
    zh: 'Frictionless 数据包描述（datapackage.json）：每个 CSV 文件的地址、大小、哈希和表结构，以及许可协议。',
    en: 'The Frictionless data package (datapackage.json): each CSV file’s URL, size, hash and Table Schema, and the licence.',
    request: () => get(`${v1}/downloads/datapackage.json`),
  },
  codebook: {
    zh: '代码表：每个编码列的取值及其中英文含义。',
    en: 'The codebook: every coded column’s values with their Chinese and English words.',
    request: () => get(`${v1}/downloads/codebook.json`),
  },
  failureRates: {
    zh: '抽查不合格率（按类别或年份），依据公告公布的总数计算，未计入的行数另列。',
    en: 'Spot-check failure rates by category or year, from the totals announcements print; rows left out are counted.',
    request: () => get(`${v1}/stats/failure-rates`, { by: 'year' }),
  },
  screen: {
    zh: '批量筛查：每次最多 1,000 个名称、统一社会信用代码、许可证编号或品牌，返回匹配分数、理由（哪些名称要素一致、哪些不同）和风险标记。',
    en: 'Batch screening: up to 1,000 names, USCCs, licence numbers or brands per request, with match scores, reasons, the evidence in words (which parts of the names agreed, which differed) and flags.',
    request: (s) => ({
      method: 'POST',
      path: `${v1}/screen`,
      body: { queries: [{ key: 'seller-1', name: s.enterpriseName }, { key: 'seller-2', uscc: s.enterpriseKey }] },
    }),
  },
  screenProducts: {
    zh: '商品批量筛查：每次最多 1,000 个商品（品牌、型号、批次、生产企业、统一社会信用代码、GTIN、平台、店铺），返回匹配的不合格抽查批次和境外通报，附分数和逐字段证据。',
    en: 'Product screening: up to 1,000 listings per request (brand, model, batch, manufacturer, USCC, GTIN, platform, store), answered with the failed spot-check batches and foreign alerts that match, a score and per-field evidence.',
    request: (s) => ({
      method: 'POST',
      path: `${v1}/screen/products`,
      body: {
        items: [
          { key: 'sku-1', ...(s.product.brand ? { brand: s.product.brand } : {}), ...(s.product.model ? { model: s.product.model } : {}), ...(s.product.batch ? { batch: s.product.batch } : {}), ...(s.product.manufacturer ? { manufacturer: s.product.manufacturer } : { manufacturer: s.enterpriseName }) },
          { key: 'sku-2', gtin: '4006381333931' },
        ],
      },
    }),
  },
  changes: {
    zh: '变更流：新增、更正、撤回、恢复、期满，按顺序给出，游标不会漏掉任何一条，足以维护精确副本。',
    en: 'The change feed: creates, corrections, withdrawals, restores and expiries in order; the cursor never skips one, enough for an exact copy.',
    request: () => get(`${v1}/changes`, { limit: '2' }),
  },
};

/** URLs outside the document's paths that a client also uses. */
const EXTRA: Operation[] = [
  {
    id: 'openapi',
    method: 'GET',
    path: `${v1}/openapi.json`,
    zh: '本 API 的 OpenAPI 3.1 文档，可据此生成客户端。',
    en: 'This API’s OpenAPI 3.1 document, to generate a client from.',
    inSdk: false,
    numeric: [],
    request: () => get(`${v1}/openapi.json`),
  },
  {
    id: 'health',
    method: 'GET',
    path: '/api/health',
    zh: '服务状态（数据库、搜索）与各类型记录数；数据库不可用时返回 503。',
    en: 'Service status (database, search) and record counts per type; 503 while the database is down.',
    inSdk: false,
    numeric: [],
    request: () => get('/api/health'),
  },
];

type DocumentOperation = Pick<Operation, 'id' | 'method' | 'path' | 'inSdk' | 'numeric'>;
interface ParameterSchema {
  type?: string | string[];
  anyOf?: ParameterSchema[];
  oneOf?: ParameterSchema[];
}
interface DocumentParameter {
  name: string;
  in: string;
  schema?: ParameterSchema;
}

const typesOf = (schema: ParameterSchema | undefined): string[] =>
  schema ? [schema.type ?? [], ...[...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].map(typesOf)].flat(2) : [];
const isNumeric = (parameter: DocumentParameter) =>
  parameter.in === 'query' && typesOf(parameter.schema).some((type) => type === 'integer' || type === 'number');

/**
 * The public operations of the OpenAPI document. The admin ones need a token and are left out;
 * the watchlist ones act on an API key's own lists, so they cannot be run live for every reader:
 * /developers shows them in their own section (KEYED_EXAMPLES, site/lib/api-examples/keyed.ts).
 */
export function documentOperations(): DocumentOperation[] {
  return operationsTagged((tags) => !tags.includes('admin') && !tags.includes(KEYED_TAG));
}

/** The operations that act for an API key (tag `watchlists`). */
export const KEYED_TAG = 'watchlists';
export const keyedOperations = (): DocumentOperation[] => operationsTagged((tags) => tags.includes(KEYED_TAG));

function operationsTagged(wanted: (tags: string[]) => boolean): DocumentOperation[] {
  const paths = openApiDocument().paths as Record<string, Record<string, { operationId: string; tags?: string[]; parameters?: DocumentParameter[] }>>;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([, op]) => wanted(op.tags ?? []))
      .map(([method, op]) => ({
        id: op.operationId,
        method: method.toUpperCase() as 'GET' | 'POST' | 'DELETE',
        path: `${v1}${path}`,
        inSdk: true,
        numeric: (op.parameters ?? []).filter(isNumeric).map((p) => p.name),
      })),
  );
}

/** Every public operation with its example, in the document's order; `missing` lists any without one. */
export function operations(): { operations: Operation[]; missing: string[] } {
  const documented = documentOperations();
  const missing = documented.filter((op) => !EXAMPLES[op.id]).map((op) => op.id);
  const withExamples = documented.flatMap((op) => (EXAMPLES[op.id] ? [{ ...op, ...EXAMPLES[op.id]! }] : []));
  return { operations: [...withExamples, ...EXTRA], missing };
}
