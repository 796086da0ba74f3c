import { RECORD_TYPES, TYPES, type RecordType } from '../../types/registry.ts';
import { FLAG_NAMES } from '../../types/enterprise-facts.ts';
import { fieldDocsOf } from '../../types/shared/dictionary.ts';
import { ENTERPRISE_FIELD_DOCS } from '../services/enterprise-schemas.ts';
import { DATA_LICENSE, DATA_LICENSE_SPDX, DATA_LICENSE_URL, DISCLAIMER } from '../services/list-meta.ts';
import { dataDictionary } from '../services/data-catalogue.ts';

/** Fictional examples, one per operation. Records are built from the dictionaries' examples, so they stay in step with the fields. */
// A dotted name (source.title) documents a CSV column inside an object field, not a field of its own.
const docsExample = (docs: Record<string, { example?: unknown }>) =>
  Object.fromEntries(Object.entries(docs).filter(([name]) => !name.includes('.')).map(([name, doc]) => [name, doc.example ?? null]));

export const recordExample = (type: RecordType) => docsExample(fieldDocsOf(TYPES.find((t) => t.name === type)!));

const facts: Record<string, unknown> = Object.assign({}, ...TYPES.map((t) => t.facts?.empty() ?? {}));

/** The examples show the first two types of the registry. */
const [A, B] = RECORD_TYPES;

const meta = { total: 1, next_cursor: null, last_updated: '2025-06-19T02:15:00.000Z', license: DATA_LICENSE, disclaimer: DISCLAIMER, sample_data: false };
const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const FILE = { type: A, format: 'csv.gz', name: `${A}.csv.gz`, url: `/api/v1/downloads/${A}.csv.gz`, records: 1200, bytes: 183402, sha256: SHA, generatedAt: '2025-06-19T03:00:00.000Z', publishedFrom: '2024-01-05', publishedTo: '2025-06-18' };
const dictionary = dataDictionary();
const heading = { zh: '聚氯乙烯绝缘电缆 · 杭州示例电缆有限公司', en: 'PVC-insulated cable · 杭州示例电缆有限公司' };
const outcome = { tone: 'adverse', label: { zh: '不合格', en: 'Failed' } };

const hit = {
  type: A, id: 'sc-3f9a2c81d0', title: '聚氯乙烯绝缘电缆 不合格 · 杭州示例电缆有限公司', subtitle: '杭州示例电缆有限公司',
  url: `/${A}/sc-3f9a2c81d0`, publishedAt: '2025-06-18', highlight: { title: '聚氯乙烯绝缘<mark>电缆</mark> 不合格' }, heading, outcome,
  status: 'published', authority: '浙江省市场监督管理局',
};

export const EXAMPLES = {
  search: {
    hits: [hit], facets: { category: { 'electrical.wire-cable': 1 }, year: { '2025': 1 } },
    meta: { ...meta, total_exact: true, degraded: false, query: '电缆', sort: 'relevance', filters: {} },
  },
  listByType: { hits: [hit], facets: { result: { unqualified: 1 } }, meta: { ...meta, total_exact: true, degraded: false, query: '', type: A, sort: 'newest', filters: { result: 'unqualified' } } },
  suggest: { suggestions: [{ text: '杭州示例电缆有限公司', kind: 'enterprise', url: '/enterprises/91330110MA2XXXXX0X' }, { text: '示例牌', kind: 'brand', url: '/search?q=%E7%A4%BA%E4%BE%8B%E7%89%8C' }] },
  count: { results: [{ term: '330000', count: 42 }, { term: '440000', count: 17 }], meta: { ...meta, total: 2, type: A, field: 'region' } },
  getRecord: {
    type: A, record: recordExample(A),
    labels: { status: { zh: '已公示', en: 'Published' }, result: { zh: '不合格', en: 'Unqualified' } },
    related: [{ type: B, id: 'pn-77aa01', title: '杭市监罚〔2025〕88号 杭州示例电缆有限公司', heading: { zh: '杭市监罚〔2025〕88号', en: 'Decision 杭市监罚〔2025〕88号' }, outcome: { tone: 'adverse', label: { zh: '行政处罚', en: 'Penalty' } }, date: '2025-04-02', relation: 'same-enterprise' }],
    versions: [{ version: 1, createdAt: '2025-06-19T02:15:00.000Z', data: { id: 'sc-3f9a2c81d0', result: 'unqualified' } }],
    events: [{ action: 'create', at: '2025-06-19T02:15:00.000Z', version: 1, reason: null }],
  },
  getEnterprise: {
    enterprise: docsExample(ENTERPRISE_FIELD_DOCS),
    // The facts of an enterprise with no record of some types: every type's empty facts, then what its records add.
    facts,
    flags: Object.fromEntries(FLAG_NAMES.map((name) => [name, facts[name]])),
    timeline: [{ type: A, id: 'sc-3f9a2c81d0', url: `/${A}/sc-3f9a2c81d0`, date: '2025-06-18', title: hit.title, summary: '导体电阻不合格', heading, outcome, adverse: true, roles: ['manufacturer'], made: true }],
    crossBorderAlerts: [],
  },
  screen: {
    results: [
      { key: 'supplier-17', matches: [{ enterprise: { id: 'ent-91330100', name: '杭州示例电缆有限公司', uscc: '91330110MA2XXXXX0X', url: '/enterprises/91330110MA2XXXXX0X' }, score: 1, reasons: ['uscc'], evidence: ['USCC 91330110MA2XXXXX0X = 91330110MA2XXXXX0X'], flags: { repeatFailure: true }, records: { spotChecks: 3, failedSpotChecks: 2 } }] },
      { key: 'supplier-18', matches: [{ enterprise: { id: 'ent-91330100', name: '杭州示例电缆有限公司', uscc: '91330110MA2XXXXX0X', url: '/enterprises/91330110MA2XXXXX0X' }, score: 0.977, reasons: ['name-core'], evidence: ['trade name 示例 = 示例', 'industry 电缆 = 电缆', 'region 深圳市 ≠ 杭州', 'form 股份有限公司 ≠ 有限公司'], flags: { repeatFailure: true }, records: { spotChecks: 3, failedSpotChecks: 2 } }] },
      { key: 'supplier-19', matches: [] },
    ],
    meta: { queries: 3, matched: 2, errors: 0, threshold: 0.7, degraded: false, took_ms: 14, last_updated: meta.last_updated, license: DATA_LICENSE, disclaimer: DISCLAIMER, sample_data: false },
  },
  screenProductsRequest: {
    items: [
      { key: 'sku-1001', brand: '示例光', model: 'DOT4（HZY4）', batch: '2025-03-17', manufacturer: '杭州示例电缆有限公司', platform: '示例商城' },
      { key: 'sku-1002', gtin: '4006381333931' },
    ],
    threshold: 0.6,
  },
  screenProducts: {
    results: [
      {
        key: 'sku-1001',
        matches: [{
          type: A, id: 'sc-3f9a2c81d0', url: `/${A}/sc-3f9a2c81d0`, title: '制动液（不合格）', published_at: '2025-06-18', finding: '平衡回流沸点', score: 1,
          evidence: {
            gtin: { result: 'not-given' },
            brand: { result: 'equal', given: '示例光', published: '示例光' },
            model: { result: 'normalised-equal', given: 'DOT4（HZY4）', published: 'DOT4' },
            batch: { result: 'in-range', given: '2025-03-17', published: '2025-03-01至2025-03-31' },
            manufacturer: { result: 'matched', given: '杭州示例电缆有限公司', published: '杭州示例电缆有限公司', score: 1, reasons: ['name-exact'] },
            product_name: { result: 'not-given', published: '制动液' },
            store: { result: 'not-given' },
          },
        }],
      },
      { key: 'sku-1002', matches: [] },
    ],
    meta: { items: 2, matched: 1, errors: 0, threshold: 0.6, took_ms: 21, last_updated: meta.last_updated, license: DATA_LICENSE, disclaimer: DISCLAIMER, sample_data: false },
  },
  changes: {
    changes: [{ seq: 'eyJ0IjoiNzQxIiwiaSI6MTJ9', type: A, id: 'sc-3f9a2c81d0', action: 'create', version: 1, at: '2025-06-19T02:15:00.000Z', record: { id: 'sc-3f9a2c81d0', status: 'published', result: 'unqualified' }, url: `/${A}/sc-3f9a2c81d0` }],
    meta: { total: 1, next_cursor: 'eyJ0IjoiNzQxIiwiaSI6MTJ9', has_more: false, last_updated: meta.last_updated, license: DATA_LICENSE, disclaimer: DISCLAIMER, sample_data: false },
  },
  failureRates: {
    by: 'category',
    rates: [{ category: 'electrical.wire-cable', sampled: 120, unqualified: 18, rate: 0.15, basis: 'published-totals', excludedRows: 0 }],
    coverage: { excludedRows: 4, basis: 'mixed' },
  },
  listDownloads: {
    files: [FILE],
    snapshots: [{ date: '2025-06-19', files: [FILE] }],
    catalogue: { dictionary: '/api/v1/downloads/dictionary.json', datapackage: '/api/v1/downloads/datapackage.json', codebook: '/api/v1/downloads/codebook.json' },
    meta: { ...meta, total: 1 },
  },
  dataDictionary: { ...dictionary, types: dictionary.types.slice(0, 1).map((t) => ({ ...t, fields: t.fields.slice(0, 3) })) },
  dataPackage: {
    profile: 'tabular-data-package', name: 'quality-portal', title: 'Product quality transparency portal', description: 'Published records of every type, one CSV file each',
    homepage: 'https://portal.example.org/data', created: '2025-06-19T03:00:00.000Z',
    licenses: [{ name: DATA_LICENSE_SPDX, path: DATA_LICENSE_URL, title: DATA_LICENSE }],
    resources: [{
      name: `${A}-csv-gz`, path: `https://portal.example.org/api/v1/downloads/${A}.csv.gz`, profile: 'tabular-data-resource', format: 'csv', mediatype: 'text/csv', compression: 'gz', encoding: 'utf-8',
      bytes: 183402, hash: `sha256:${SHA}`, dialect: { delimiter: ',', lineTerminator: '\r\n', header: true },
      schema: { fields: [{ name: 'id', type: 'string', title: '记录编号', description: 'The record’s stable id' }], primaryKey: 'id' },
    }],
  },
  codebook: {
    listSeparator: '；',
    common: [{ column: 'status', codes: [{ code: 'published', zh: '已发布', en: 'Published' }, { code: 'corrected', zh: '已更正', en: 'Corrected' }] }],
    types: [{ type: A, columns: [{ column: 'result', codes: [{ code: 'qualified', zh: '合格', en: 'Passed' }, { code: 'unqualified', zh: '不合格', en: 'Failed' }] }] }],
  },
  adminLifecycle: { type: A, id: 'sc-3f9a2c81d0', status: 'withdrawn', previousStatus: 'published' },
  adminImport: {
    importId: 12, file: 'zj-2025q2.xlsx', fileSha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', status: 'succeeded',
    rows: 240, created: 236, corrected: 2, unchanged: 2, rejected: 0, errors: [], errorCount: 0, warnings: [], warningCount: 0,
  },
};
