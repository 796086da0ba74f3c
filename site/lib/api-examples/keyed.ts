import { EXAMPLE_ORIGIN, WATCHLIST_EXAMPLES } from '../../../api/openapi/watchlist-paths.ts';
import { keyedOperations, type ExampleRequest } from './operations.ts';
import { printJson } from './trim.ts';

/*
 * The watchlist operations on /developers. They act on an API key's own lists, so unlike the
 * other examples they are not run against this portal as the page renders (a reader has no key
 * here, and the page must not hold one): each shows its request, with the key header, and the
 * OpenAPI document's example answer.
 */

interface KeyedSpec {
  zh: string;
  en: string;
  request: ExampleRequest;
}

const WL = '/api/v1/watchlists';
const ID = 'wl_5c1f0e9a2b7d4c3e8f6a1b2c';

export const KEYED_EXAMPLES: Record<string, KeyedSpec> = {
  createWatchlist: {
    zh: '登记监控名单及其 Webhook 地址（仅限公网 https）；返回签名密钥 whsec_…，只显示这一次。',
    en: 'Register a watchlist and its webhook URL (public https only); the answer holds the signing secret whsec_…, shown only this once.',
    request: { method: 'POST', path: WL, body: { name: 'Sellers on our platform', webhook_url: 'https://platform.example.com/webhooks/quality-portal', entries: [{ kind: 'uscc', value: '91330110MA2XXXXX0X' }, { kind: 'brand', value: '示例光' }] } },
  },
  listWatchlists: { zh: '本密钥的全部监控名单。', en: 'This key’s watchlists.', request: { method: 'GET', path: WL } },
  getWatchlist: { zh: '一个监控名单（其他密钥的名单为 404）。', en: 'One watchlist (another key’s is a 404).', request: { method: 'GET', path: `${WL}/${ID}` } },
  deleteWatchlist: { zh: '删除名单及其条目、事件和投递记录。', en: 'Delete a list with its entries, events and delivery log.', request: { method: 'DELETE', path: `${WL}/${ID}` } },
  rotateWatchlistSecret: { zh: '更换签名密钥（新密钥只显示这一次）。', en: 'Rotate the signing secret (the new one is shown only now).', request: { method: 'POST', path: `${WL}/${ID}/secret` } },
  addWatchlistEntries: {
    zh: '添加条目：每次最多 10,000 个，每个名单最多 100,000 个；统一社会信用代码、企业名称或品牌。',
    en: 'Add entries: up to 10,000 a request and 100,000 a list; USCCs, enterprise names or brands.',
    request: { method: 'POST', path: `${WL}/${ID}/entries`, body: { entries: [{ kind: 'uscc', value: '91330110MA2XXXXX0X' }, { kind: 'name', value: '宁波示例灯饰有限公司' }] } },
  },
  listWatchlistEntries: { zh: '名单条目，按游标分页。', en: 'A list’s entries, paged by cursor.', request: { method: 'GET', path: `${WL}/${ID}/entries?limit=500` } },
  removeWatchlistEntries: {
    zh: '按类型和取值批量删除条目，每次最多 10,000 个。',
    en: 'Remove entries by kind and value, up to 10,000 a request.',
    request: { method: 'POST', path: `${WL}/${ID}/entries/remove`, body: { entries: [{ kind: 'name', value: '宁波示例灯饰有限公司' }] } },
  },
  deleteWatchlistEntry: { zh: '删除一个条目。', en: 'Remove one entry.', request: { method: 'DELETE', path: `${WL}/${ID}/entries/1` } },
  listWatchlistEvents: { zh: '投递记录：每个事件的状态及每次尝试的时间、状态码、错误和耗时。', en: 'The delivery log: each event’s state and every attempt’s time, status code, error and duration.', request: { method: 'GET', path: `${WL}/${ID}/events?status=failed` } },
  replayWatchlistEvents: {
    zh: '重发一个事件（event_id）或某时刻以来的全部事件（since），webhook-id 不变。',
    en: 'Send one event (event_id), or every event since a time (since), again, with the same webhook-id.',
    request: { method: 'POST', path: `${WL}/${ID}/replay`, body: { since: '2026-12-01T00:00:00Z' } },
  },
};

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The request as curl, with the API key header a reader fills in. */
function curlWithKey(origin: string, request: ExampleRequest): string {
  const lines = [`curl${request.method === 'GET' ? '' : ` -X ${request.method}`} ${quote(`${origin}${request.path}`)}`, `  -H 'authorization: Bearer qp_…'`];
  if (request.body) lines.push(`  -H 'content-type: application/json'`, `  -d ${quote(JSON.stringify(request.body))}`);
  return lines.join(' \\\n');
}

export interface KeyedExample {
  id: string;
  method: string;
  path: string;
  zh: string;
  en: string;
  curl: string;
  response: string;
}

/** Every watchlist operation of the document with its example; `missing` names any without one. */
export function keyedExamples(origin: string): { examples: KeyedExample[]; missing: string[] } {
  const ops = keyedOperations();
  const answers = WATCHLIST_EXAMPLES as Record<string, unknown>;
  return {
    missing: ops.filter((op) => !KEYED_EXAMPLES[op.id]).map((op) => op.id),
    examples: ops.flatMap((op) => {
      const spec = KEYED_EXAMPLES[op.id];
      return spec ? [{ id: op.id, method: op.method, path: op.path, zh: spec.zh, en: spec.en, curl: curlWithKey(origin, spec.request), response: printJson(answers[op.id] ?? {}).replaceAll(EXAMPLE_ORIGIN, origin) }] : [];
    }),
  };
}
