import { inject } from 'vitest';
import { generateKey, hashKey, keyPrefix } from '../../api/access/keys.ts';
import { connect } from '../../db/client.ts';
import { send, type RawRequest } from '../hostile/send.ts';

/*
 * Valid requests for the watchlist operations: they need an API key, made here in the test
 * database, and lists of that key's own. The webhook URL is a public address literal, so
 * registering it needs no DNS; no entry matches a record, so nothing is ever sent to it.
 */

const WEBHOOK = 'https://93.184.215.14/contract-test';

export async function watchlistRequests(base: string): Promise<Record<string, RawRequest[]>> {
  const key = generateKey();
  const db = connect(inject('databaseUrl'), { max: 1 });
  try {
    await db.sql`insert into api_keys (name, key_hash, prefix) values ('contract test', ${hashKey(key)}, ${keyPrefix(key)})`;
  } finally {
    await db.close();
  }
  const auth = { authorization: `Bearer ${key}` };
  const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { ...auth, 'content-type': 'application/json' } });
  const create = async (name: string) => {
    const answer = await send(base, { method: 'POST', path: '/api/v1/watchlists', ...json({ name, webhook_url: WEBHOOK, entries: [{ kind: 'name', value: `合同测试示例${name}有限公司` }, { kind: 'brand', value: `示例${name}` }] }) });
    if (answer.status !== 200) throw new Error(`creating a watchlist → ${answer.status}: ${answer.body.slice(0, 200)}`);
    return JSON.parse(answer.body).watchlist.id as string;
  };
  const live = await create('live');
  const doomed = await create('doomed');
  const entries = JSON.parse((await send(base, { path: `/api/v1/watchlists/${live}/entries`, headers: auth })).body).entries as { id: string }[];
  return {
    'get /watchlists': [{ path: '/watchlists', headers: auth }],
    'post /watchlists': [{ method: 'POST', path: '/watchlists', ...json({ name: 'contract', webhook_url: WEBHOOK }) }],
    'get /watchlists/{id}': [{ path: `/watchlists/${live}`, headers: auth }],
    'delete /watchlists/{id}': [{ method: 'DELETE', path: `/watchlists/${doomed}`, headers: auth }],
    'post /watchlists/{id}/secret': [{ method: 'POST', path: `/watchlists/${live}/secret`, headers: auth }],
    'get /watchlists/{id}/entries': [{ path: `/watchlists/${live}/entries?limit=5`, headers: auth }],
    'post /watchlists/{id}/entries': [{ method: 'POST', path: `/watchlists/${live}/entries`, ...json({ entries: [{ kind: 'uscc', value: '91350100M000100Y43' }] }) }],
    'post /watchlists/{id}/entries/remove': [{ method: 'POST', path: `/watchlists/${live}/entries/remove`, ...json({ entries: [{ kind: 'brand', value: '示例nothing' }] }) }],
    'delete /watchlists/{id}/entries/{entryId}': [{ method: 'DELETE', path: `/watchlists/${live}/entries/${entries[1]!.id}`, headers: auth }],
    'get /watchlists/{id}/events': [{ path: `/watchlists/${live}/events?limit=5`, headers: auth }],
    'post /watchlists/{id}/replay': [{ method: 'POST', path: `/watchlists/${live}/replay`, ...json({ since: '2000-01-01T00:00:00Z' }) }],
  };
}
