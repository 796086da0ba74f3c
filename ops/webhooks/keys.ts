import { parseUscc } from '../../core/normalize/uscc.ts';
import { normalizeName } from '../../core/normalize/text.ts';
import type { WatchKind } from '../../db/schema/index.ts';

/**
 * The matching key of a watchlist entry, and of what a record names: a USCC in its canonical
 * form (upper case, half width, no separators; undefined when it is not a valid code), a name or
 * a brand folded by normalizeName, the same folding the enterprise register's `name_key` uses.
 */
export function watchKey(kind: WatchKind, value: string): string | undefined {
  if (kind === 'uscc') {
    const parsed = parseUscc(value);
    return parsed.ok ? parsed.value : undefined;
  }
  const key = normalizeName(value);
  return key === '' ? undefined : key;
}
