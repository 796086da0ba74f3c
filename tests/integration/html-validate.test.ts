import { HtmlValidate } from 'html-validate';
import { describe, expect, inject, it } from 'vitest';

/**
 * The main pages, as the server sends them, are valid HTML by html-validate's recommended rules
 * (the ones the consumer, the journalist and the platform start from, in both languages).
 */
const base = inject('baseUrl');
const validator = new HtmlValidate({
  extends: ['html-validate:recommended'],
  rules: {
    // Astro writes <meta ... /> and <br />; both are valid HTML.
    'void-style': 'off',
    'no-trailing-whitespace': 'off',
  },
});

async function pages(): Promise<string[]> {
  const hits = (await (await fetch(`${base}/api/v1/search?type=spot-checks&result=unqualified&limit=1`)).json()) as { hits: { url: string }[] };
  const record = hits.hits[0]!.url;
  const { record: r } = (await (await fetch(`${base}/api/v1${record}`)).json()) as { record: { manufacturerId: string; productName: string } };
  const profile = (await (await fetch(`${base}/api/v1/enterprises/${r.manufacturerId}`)).json()) as { enterprise: { name: string; uscc: string } };
  const alerts = (await (await fetch(`${base}/api/v1/cross-border-alerts?limit=1`)).json()) as { hits: { url: string }[] };
  return [
    '/', `/search?q=${encodeURIComponent(profile.enterprise.name)}`, `/search?q=${encodeURIComponent('电缆')}`, `/enterprises/${profile.enterprise.uscc}`,
    record, alerts.hits[0]!.url, '/stats', '/data', '/data/dictionary', '/developers', '/campaigns',
  ].flatMap((p) => [p, `/en${p === '/' ? '/' : p}`]);
}

describe('valid HTML', () => {
  it('html-validate reports no error on the main pages, in both languages', async () => {
    const problems: string[] = [];
    for (const url of await pages()) {
      const html = await (await fetch(`${base}${url}`)).text();
      const report = await validator.validateString(html, url);
      for (const result of report.results) for (const m of result.messages) if (m.severity === 2) problems.push(`${url} ${m.ruleId}: ${m.message}`);
    }
    expect(problems).toEqual([]);
  }, 180_000);
});
