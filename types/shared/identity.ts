import { createHash } from 'node:crypto';
import { normalizeName } from '../../core/normalize/text.ts';
import { isMaskedIdentifier } from '../../core/normalize/uscc.ts';
import type { ImportDescriptor } from './descriptor.ts';

/**
 * A record's identity from its natural key: a stable, URL-safe id (the same record gets the same
 * id everywhere) and the natural key as stored (hash, then the normalized parts, for people).
 */
export function recordIdentity(d: Pick<ImportDescriptor, 'idPrefix'>, key: (string | undefined)[]): { id: string; naturalKey: string } {
  if (d.idPrefix === 'slug') return { id: String(key[0]), naturalKey: String(key[0]) };
  const text = naturalKeyText(key);
  const hash = createHash('sha256').update(text).digest('hex');
  return { id: `${d.idPrefix}-${hash.slice(0, 16)}`, naturalKey: `${hash.slice(0, 32)}:${text.slice(0, 200)}` };
}

/** The natural key as stored: its parts normalized the way names are matched, joined. */
export function naturalKeyText(key: (string | undefined)[]): string {
  return key.map((part) => normalizeName(part ?? '')).join('|');
}

/** A party's USCC as a profile key: complete codes only, never a masked one. */
export const profileUscc = (uscc: string | undefined) => (uscc && !isMaskedIdentifier(uscc) ? uscc : undefined);
