import { describe, expect, inject, it } from 'vitest';
import { adminUploadCases, bodyCases } from '../hostile/body-cases.ts';
import { getCases, type HostileCase } from '../hostile/corpus.ts';
import { headerCases, methodCases } from '../hostile/header-cases.ts';
import { problemsWith } from '../hostile/judge.ts';
import { send } from '../hostile/send.ts';

const base = inject('baseUrl');
const adminToken = inject('adminToken');
/** Must never appear in any answer. */
const secrets = [inject('meiliKey'), inject('databaseUrl'), adminToken];

/** Sends every case (two at a time) and lists what was wrong, so one run shows every failure. */
async function failures(cases: HostileCase[]): Promise<string[]> {
  const found: string[] = [];
  const queue = [...cases];
  const worker = async () => {
    for (let c = queue.shift(); c; c = queue.shift()) {
      try {
        const answer = await send(base, c);
        const problems = problemsWith(c.path, answer, c.allow, secrets);
        if (problems.length) found.push(`${c.name} → ${answer.status}: ${problems.join('; ')}`);
      } catch (error) {
        found.push(`${c.name}: ${(error as Error).message}`);
      }
    }
  };
  await Promise.all([worker(), worker()]);
  return found;
}

describe('hostile requests (tests/hostile/)', () => {
  it('the corpus covers every route with hundreds of inputs', () => {
    const all = [...getCases(), ...bodyCases(adminToken), ...adminUploadCases(adminToken), ...headerCases(), ...methodCases()];
    expect(all.length).toBeGreaterThan(1000);
    const routes = new Set(all.map((c) => c.path.split('?')[0]!.split('/').slice(0, 3).join('/')));
    for (const route of ['/api/v1', '/api/trpc', '/api/health', '/search', '/en/search', '/enterprises', '/spot-checks', '/penalties', '/license-revocations', '/typical-cases', '/campaigns', '/stats', '/export.csv', '/feeds', '/en/enterprises']) {
      expect(routes.has(route) || [...routes].some((r) => r.startsWith(route)), route).toBe(true);
    }
  });

  it('injection, odd Unicode, NUL, traversal and hostile paging in every parameter: 4xx or a harmless 200, nothing leaked or reflected', async () => {
    expect(await failures(getCases())).toEqual([]);
  }, 300_000);

  it('malformed, nested, oversized and mistyped JSON bodies: 400, 413, 415 in the error shape', async () => {
    expect(await failures(bodyCases(adminToken))).toEqual([]);
  }, 300_000);

  it('admin routes: 401 for every wrong credential, 4xx for hostile forms', async () => {
    expect(await failures(adminUploadCases(adminToken))).toEqual([]);
  }, 120_000);

  it('header abuse and unsupported methods: 4xx or a normal answer', async () => {
    expect(await failures([...headerCases(), ...methodCases()])).toEqual([]);
  }, 120_000);
});
