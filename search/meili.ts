import { Meilisearch, MeilisearchRequestError, MeilisearchRequestTimeOutError } from 'meilisearch';

export interface MeiliConfig {
  url: string;
  masterKey: string;
}

/** The server-side Meilisearch client. The master key never leaves the server process. */
export function meiliClient(config: MeiliConfig): Meilisearch {
  return new Meilisearch({ host: config.url, apiKey: config.masterKey, timeout: 5_000 });
}

export async function meiliHealthy(client: Meilisearch): Promise<boolean> {
  try {
    return (await client.health()).status === 'available';
  } catch {
    return false;
  }
}

/** Meilisearch could not be reached or did not answer in time: search should degrade, not fail. */
export const isMeiliUnreachable = (error: unknown) =>
  error instanceof MeilisearchRequestError || error instanceof MeilisearchRequestTimeOutError;
