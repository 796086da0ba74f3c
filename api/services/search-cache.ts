import { changesHeard, onPortalChange } from '../change-watch.ts';

/**
 * Answers to the same search, kept for a few seconds in this process and emptied whenever the
 * data or the index changes (api/change-watch.ts): a burst of the same question costs Meilisearch
 * one search. Concurrent askers of a question being answered wait for that answer. Every request
 * is still counted by the rate limiter (the cache sits behind it). A client with an API key that
 * sends `Cache-Control: no-cache` gets a fresh answer (`fresh`, api/access/keys.ts
 * asksForFreshAnswer; the benchmark measures the uncached path so); an anonymous one does not.
 */
const FRESH_MS = 10_000;
const MAX_ENTRIES = 5_000;

const answers = new Map<string, { at: number; value: Promise<unknown> }>();
onPortalChange(() => answers.clear());

export function cachedAnswer<T>(
  key: string,
  answer: () => Promise<T>,
  { fresh = false, keep = (_value: T) => true }: { fresh?: boolean; keep?: (value: T) => boolean } = {},
): Promise<T> {
  if (fresh || !changesHeard()) return answer();
  const kept = answers.get(key);
  if (kept && Date.now() - kept.at <= FRESH_MS) return kept.value as Promise<T>;
  const value = answer();
  answers.set(key, { at: Date.now(), value });
  // A failed answer, or one the caller does not want kept (a degraded one), is forgotten.
  value.then((v) => (keep(v) ? undefined : answers.delete(key)), () => answers.delete(key));
  if (answers.size > MAX_ENTRIES) answers.delete(answers.keys().next().value!);
  return value;
}
