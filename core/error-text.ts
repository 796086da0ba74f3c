/**
 * An error's message followed by its causes' ("Request to http://…/indexes/x has failed: Index `x`
 * not found."): clients that wrap what went wrong (the Meilisearch client wraps every failure in a
 * MeilisearchRequestError) keep the useful part in `cause`.
 */
export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return error.cause instanceof Error ? `${error.message}: ${errorText(error.cause)}` : error.message;
}
