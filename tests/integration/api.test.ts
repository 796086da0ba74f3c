import { describe, expect, inject, it } from 'vitest';

const base = inject('baseUrl');
const getJson = async (path: string) => {
  const response = await fetch(`${base}${path}`);
  return { status: response.status, headers: response.headers, body: (await response.json()) as any };
};

describe('GET /api/health', () => {
  it('reports the database, search and the records in public view per type', async () => {
    const { status, body } = await getJson('/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', db: 'ok', search: 'ok' });
    expect(body.records['spot-checks']).toBeGreaterThanOrEqual(3000);
    // 240 sample penalties, most past their disclosure period (expired, so not counted).
    expect(body.records.penalties).toBeGreaterThanOrEqual(40);
    expect(body.records.penalties).toBeLessThan(240);
    expect(body.records['license-revocations']).toBeGreaterThanOrEqual(100);
    expect(body.records['typical-cases']).toBeGreaterThanOrEqual(12);
  });
});

describe('GET /api/v1/search', () => {
  it('finds records across types; every hit has type, id, title and a working url', async () => {
    const { status, body } = await getJson(`/api/v1/search?q=${encodeURIComponent('电线电缆')}`);
    expect(status).toBe(200);
    expect(body.hits.length).toBeGreaterThan(0);
    for (const hit of body.hits) {
      expect(hit).toEqual(expect.objectContaining({ type: expect.any(String), id: expect.any(String), title: expect.any(String), url: expect.stringMatching(/^\//) }));
    }
    const page = await fetch(`${base}${body.hits[0].url}`);
    expect(page.status).toBe(200);
  });

  it('searches one type when asked', async () => {
    const { body } = await getJson('/api/v1/search?q=&type=penalties&limit=5');
    expect(body.hits).toHaveLength(5);
    expect(body.hits.every((h: { type: string }) => h.type === 'penalties')).toBe(true);
    // Most sample penalties are past their disclosure period and have expired out of search.
    expect(body.meta.total).toBeGreaterThanOrEqual(20);
  });

  it('answers bad parameters with 400 and the shared error shape', async () => {
    for (const query of ['type=spot-checks%22%20OR%20type%20EXISTS', 'limit=-1', 'limit=100000', 'offset=abc']) {
      const { status, body, headers } = await getJson(`/api/v1/search?q=x&${query}`);
      expect(status, query).toBe(400);
      expect(body.error).toEqual({ code: 'BAD_REQUEST', message: expect.any(String), requestId: expect.any(String) });
      expect(headers.get('x-request-id')).toBe(body.error.requestId);
    }
  });
});

describe('GET /api/v1/{type}/{id}', () => {
  it('returns a record with its versions, and 404 in the error shape for an unknown id', async () => {
    const { body: found } = await getJson('/api/v1/search?q=&type=spot-checks&limit=1');
    const { status, body } = await getJson(`/api/v1/spot-checks/${found.hits[0].id}`);
    expect(status).toBe(200);
    expect(body.record).toMatchObject({ id: found.hits[0].id, status: 'published', version: 1 });
    expect(body.record.naturalKey).toBeUndefined();
    expect(body.versions).toHaveLength(1);

    const missing = await getJson('/api/v1/spot-checks/sc-does-not-exist');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const badType = await getJson('/api/v1/recalls/x');
    expect(badType.status).toBe(400);
  });
});

describe('GET /api/v1/enterprises/{key}', () => {
  // The profile computes the verdict's facts from the records it reads for its timeline; screening
  // reads them with a query of its own. Both must say the same about every enterprise.
  it("says what screening says about each enterprise's flags and record counts", async () => {
    const { body: found } = await getJson('/api/v1/search?q=&type=enterprises&limit=60');
    const profiles = [];
    for (const hit of found.hits as { url: string }[]) {
      const { status, body } = await getJson(`/api/v1${hit.url}`);
      expect(status, hit.url).toBe(200);
      if (body.enterprise.uscc) profiles.push(body);
    }
    expect(profiles.length).toBeGreaterThan(20);
    const response = await fetch(`${base}/api/v1/screen`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ queries: profiles.map((p, i) => ({ key: `k${i}`, uscc: p.enterprise.uscc })) }),
    });
    expect(response.status).toBe(200);
    const screened = (await response.json()) as { results: { matches: { enterprise: { id: string }; flags: object; records: Record<string, number> }[] }[] };
    let adverse = 0;
    for (const [i, profile] of profiles.entries()) {
      const match = screened.results[i]!.matches.find((m) => m.enterprise.id === profile.enterprise.id)!;
      expect(profile.flags, profile.enterprise.id).toEqual(match.flags);
      for (const [name, count] of Object.entries(match.records)) expect(profile.facts[name], `${profile.enterprise.id} ${name}`).toBe(count);
      if (Object.values(match.flags).some(Boolean)) adverse += 1;
    }
    // The comparison means something only if some of them are flagged.
    expect(adverse).toBeGreaterThan(0);
  });
});

describe('security headers', () => {
  it('are on pages and API responses', async () => {
    for (const path of ['/', '/api/health']) {
      const response = await fetch(`${base}${path}`);
      expect(response.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});
