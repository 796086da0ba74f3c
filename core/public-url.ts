import { parseEnv, type Env } from './env.ts';

/**
 * The address the web server listens on, as a browser on this machine reaches it: a wildcard
 * HOST (0.0.0.0, ::) is shown as localhost, an IPv6 address in brackets. `npm start` prints it.
 */
export function listeningOrigin(env: Pick<Env, 'HOST' | 'PORT'>): string {
  const host = env.HOST === '0.0.0.0' || env.HOST === '::' ? 'localhost' : env.HOST;
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.PORT}`;
}

/** PUBLIC_URL when it is set, else the listening address. */
export const originOf = (env: Pick<Env, 'HOST' | 'PORT' | 'PUBLIC_URL'>): string => env.PUBLIC_URL ?? listeningOrigin(env);

let origin: string | undefined;

/**
 * The origin of every absolute URL the portal prints — feeds, sitemap, robots.txt, canonical and
 * hreflang links, the export's URL column, the API examples, the OpenAPI `servers` entry — with
 * no trailing slash. From the configuration only: the request's `Host` or `X-Forwarded-Host` is
 * whatever a client chose to send, and a page, feed or sitemap built from it could be cached and
 * served to everyone with the client's links in it.
 */
export function publicOrigin(): string {
  return (origin ??= originOf(parseEnv()));
}
