import type { Storage } from '../../storage/storage.ts';
import { DOWNLOADS, MANIFEST, type DownloadFile } from './manifest.ts';

/** Dated copies of the downloads live under downloads/snapshots/YYYY-MM-DD/, each with its manifest. */
export const SNAPSHOTS = 'snapshots';
export const SNAPSHOT_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How many days back every daily snapshot is kept (today included). */
export const DAILY_SNAPSHOTS = 7;

const SNAPSHOTS_PREFIX = `${DOWNLOADS}/${SNAPSHOTS}/`;
export const snapshotKey = (date: string, name: string) => `${SNAPSHOTS_PREFIX}${date}/${name}`;

const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
const isDate = (date: string) => SNAPSHOT_DATE.test(date) && !Number.isNaN(dayNumber(date));
/** `downloads/snapshots/2030-06-09/manifest.json` → 2030-06-09. */
const dateOf = (key: string) => key.slice(SNAPSHOTS_PREFIX.length).split('/')[0]!;

/** The dated snapshots that have a manifest, newest first; anything else there is not a snapshot. */
export async function snapshotDates(storage: Storage): Promise<string[]> {
  const objects = await storage.list(SNAPSHOTS_PREFIX);
  const dates = objects.map((o) => dateOf(o.key)).filter((date, i) => isDate(date) && objects[i]!.key === snapshotKey(date, MANIFEST));
  return [...new Set(dates)].sort().reverse();
}

/**
 * Today's snapshot of the files just built (`stagedKey` says where each is): copied inside the
 * storage (hard links in a directory — the live files are replaced, never rewritten, so a link
 * keeps the bytes it was made with; server-side copies in a bucket), its manifest last, replacing
 * an earlier snapshot of the same day. Of two builds of one day the later one wins.
 */
export async function takeSnapshot(storage: Storage, date: string, files: DownloadFile[], stagedKey: (name: string) => string): Promise<void> {
  for (const file of files) await storage.copy(stagedKey(file.name), snapshotKey(date, file.name));
  await storage.put(snapshotKey(date, MANIFEST), JSON.stringify({ date, files }, null, 2), { contentType: 'application/json' });
  const kept = new Set([MANIFEST, ...files.map((f) => f.name)].map((name) => snapshotKey(date, name)));
  for (const old of await storage.list(snapshotKey(date, ''))) if (!kept.has(old.key)) await storage.delete(old.key);
}

/**
 * Which dated snapshots to keep on `today`: every one of the last 7 days, and the first of each
 * month (the 1st when a build ran that day, else the month's earliest) — a month-by-month history
 * that costs twelve folders a year. Later dates than today are kept: no build removes what a
 * clock set back would see as the future.
 */
export function snapshotsToKeep(dates: string[], today: string): Set<string> {
  const keep = new Set(dates.filter((d) => dayNumber(d) > dayNumber(today) - DAILY_SNAPSHOTS));
  const firstOfMonth = new Map<string, string>();
  for (const date of [...dates].sort()) if (!firstOfMonth.has(date.slice(0, 7))) firstOfMonth.set(date.slice(0, 7), date);
  for (const date of firstOfMonth.values()) keep.add(date);
  return keep;
}

/** Removes the snapshots `snapshotsToKeep` does not keep: the manifest first, so none is listed half gone. */
export async function pruneSnapshots(storage: Storage, today: string): Promise<string[]> {
  const dates = await snapshotDates(storage);
  const keep = snapshotsToKeep(dates, today);
  const pruned = dates.filter((d) => !keep.has(d));
  if (pruned.length === 0) return pruned;
  const objects = await storage.list(SNAPSHOTS_PREFIX);
  for (const date of pruned) {
    await storage.delete(snapshotKey(date, MANIFEST));
    for (const o of objects) if (dateOf(o.key) === date && o.key !== snapshotKey(date, MANIFEST)) await storage.delete(o.key);
  }
  return pruned;
}
