import { SDK_PACKAGE } from './snippets.ts';

/** How a platform builds the SDK from the repository's sdk/ folder and installs it (/developers). */
export const sdkInstall = [
  '# in a checkout of the portal’s repository',
  'cd sdk',
  'npm install && npm pack   # builds dist/ and writes quality-portal-sdk-<version>.tgz',
  '# in your project',
  'npm install /path/to/quality-portal-sdk-<version>.tgz',
].join('\n');

/**
 * The first example of /developers: a search, with the error handled from `error`. The tests
 * type-check it against the built package, like every SDK example on the page.
 */
export const sdkUsage = (origin: string): string => [
  `import { createPortalClient, search } from '${SDK_PACKAGE}';`,
  '',
  'const client = createPortalClient({',
  `  baseUrl: '${origin}',`,
  '  apiKey: process.env.PORTAL_API_KEY, // optional: a qp_… key raises the rate limit',
  '});',
  'const { data, error } = await search({',
  '  client,',
  "  query: { q: '电缆', type: 'enterprises', limit: 5 },",
  '});',
  'if (error) {',
  '  console.error(error.error.code, error.error.message, error.error.requestId);',
  '} else {',
  '  for (const hit of data.hits) console.log(hit.title, hit.url);',
  '}',
].join('\n');
